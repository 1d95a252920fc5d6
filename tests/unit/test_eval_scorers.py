"""Metric functions and data loaders of the eval harness, on tiny hand-made inputs (no models)."""
from __future__ import annotations

import datetime as dt

import pytest

from eventatlas.eval import common
from eventatlas.eval.acled import actor_match, admin1_match, read_csv, type_ok
from eventatlas.eval.muc4 import _location_match, gazetteer_case, lenient, pair, parse_keys, parse_location_fill
from eventatlas.eval.report import format_report
from eventatlas.eval.ucdp import headline_text


def test_prf_basic_and_empty():
    assert common.prf(2, 1, 1) == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert common.prf(0, 0, 0) == (0.0, 0.0, 0.0)
    p, r, f = common.prf(1, 0, 3)
    assert (p, r) == (1.0, 0.25) and f == pytest.approx(0.4)


def test_classification_weighted_and_macro():
    gold = ["a", "a", "a", "b", "c"]
    pred = ["a", "a", "b", "b", "none"]
    c = common.classification(gold, pred)
    # a: p 1, r 2/3, f 0.8 (support 3); b: p 1/2, r 1, f 2/3 (1); c: 0 (1)
    assert c["per_class"]["a"] == {"precision": 1.0, "recall": 0.6667, "f1": 0.8, "support": 3}
    assert c["per_class"]["b"]["f1"] == pytest.approx(0.6667)
    assert c["per_class"]["c"]["f1"] == 0.0
    assert c["weighted_f1"] == pytest.approx((0.8 * 3 + 2 / 3 + 0) / 5, abs=1e-4)
    assert c["macro_f1"] == pytest.approx((0.8 + 2 / 3 + 0) / 3, abs=1e-4)
    assert c["accuracy"] == 0.6
    assert "none" not in c["per_class"]


def test_classification_fixed_label_set_ignores_absent_labels_in_macro():
    c = common.classification(["a", "b"], ["a", "b"], labels=["a", "b", "z"])
    assert c["per_class"]["z"]["support"] == 0
    assert c["macro_f1"] == 1.0 and c["weighted_f1"] == 1.0
    # a label predicted but never gold counts in macro (its F1 is 0)
    c = common.classification(["a", "a"], ["a", "z"], labels=["a", "z"])
    assert c["macro_f1"] == pytest.approx((2 / 3 + 0) / 2, abs=1e-4)


def test_confusion_and_top_confusions():
    conf = common.confusion(["a", "a", "a", "b"], ["a", "b", "b", "none"])
    assert conf == {"a": {"b": 2, "a": 1}, "b": {"none": 1}}
    assert common.top_confusions(conf, 5) == [("a", "b", 2), ("b", "none", 1)]


def test_split_and_select_are_deterministic():
    ids = [f"X{i}" for i in range(200)]
    test = [i for i in ids if common.in_split(i, "test")]
    dev = [i for i in ids if common.in_split(i, "dev")]
    assert set(test).isdisjoint(dev) and len(test) + len(dev) == 200 and 20 < len(test) < 60
    assert common.select(ids, str, "dev", None, 3) == dev[:3]
    assert common.select(ids, str, "test", {"X1", "X2"}, None) == ["X1", "X2"]


def test_text_matching_helpers():
    assert common.fold("Şalāḩ ad-Dīn") == "salah ad din"
    assert common.contained_either("the Islamic State", "Islamic State (Iraq)")
    assert not common.contained_either("Police", "Military Forces")


CURRENT = (
    "data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,country,admin1,admin2,admin3,location,"
    "latitude,longitude,geo_precision,source,source_scale,notes,fatalities,timestamp,iso3\n"
    '1,368,IRQ1,1,9-May-20,2020,1,Battles,Armed clash,Islamic State (Iraq),,2,"Military Forces of Iraq (2020-)",,1,12,'
    'Middle East,Iraq,Salah al-Din,Tikrit,,Tikrit,34.6,43.68,1,AFP,International,"On 9 May 2020, IS fighters '
    'clashed with the army near Tikrit.",3,1589000000,IRQ\n'
    '2,368,IRQ2,2,9-May-20,2020,1,Protests,Peaceful protest,Protesters (Iraq),,6,,,0,60,Middle East,Iraq,Baghdad,'
    'Baghdad,,Baghdad,33.3,44.4,1,AFP,International,,0,1589000000,IRQ\n')
OLD = (
    "GWNO,EVENT_ID_CNTY,EVENT_ID_NO_CNTY,EVENT_DATE,YEAR,TIME_PRECISION,EVENT_TYPE,ACTOR1,ALLY_ACTOR_1,INTER1,"
    "ACTOR2,ALLY_ACTOR_2,INTER2,INTERACTION,COUNTRY,ADMIN1,ADMIN2,ADMIN3,LOCATION,LATITUDE,LONGITUDE,GEO_PRECISION,"
    "SOURCE,NOTES,FATALITIES\n"
    '771,1BNG,1,01-January-2015,2015,1,Riots/Protests,Rioters (Bangladesh),,5,,,0,50,Bangladesh,Khulna,,Sharsha,'
    'Bagachra,22.95,88.96,1,UNB,"Two groups clashed.\nPolice arrested two.",0\n')


def test_acled_loader_current_schema(tmp_path):
    path = tmp_path / "current.csv"
    path.write_text(CURRENT, encoding="utf-8")
    rows = read_csv(path)
    assert len(rows) == 1  # the row without notes is dropped
    r = rows[0]
    assert r["schema"] == "current" and r["id"] == "IRQ1" and r["event_date"] == dt.date(2020, 5, 9)
    assert (r["event_type"], r["sub_event_type"], r["fatalities"]) == ("Battles", "Armed clash", 3)
    assert (r["admin1"], r["lat"], r["lon"]) == ("Salah al-Din", 34.6, 43.68)


def test_acled_loader_old_schema(tmp_path):
    path = tmp_path / "old.csv"
    path.write_text(OLD, encoding="utf-8")
    (r,) = read_csv(path)
    assert r["schema"] == "old" and r["id"] == "1BNG" and r["sub_event_type"] is None
    assert r["event_date"] == dt.date(2015, 1, 1) and r["notes"].startswith("Two groups clashed.\n")
    assert type_ok(r, "Riots") and type_ok(r, "Protests") and not type_ok(r, "Battles")


def test_acled_field_matchers():
    assert actor_match("Military Forces of Iraq (2020-)", ["Military Forces of Iraq (2014-)"], "Iraq")
    assert actor_match("Unidentified Armed Group (Iraq)", ["Unidentified Armed Group"], "Iraq")
    assert actor_match("Islamic State (Iraq)", ["Islamic State"], "Iraq")
    assert not actor_match("Islamic State (Iraq)", ["Military Forces of Iraq (2014-)"], "Iraq")
    assert not actor_match("Islamic State (Iraq)", [], "Iraq")
    assert admin1_match("Salah al-Din", {"admin1": "Şalāḩ ad Dīn", "admin1_code": "IQ-SD"})
    assert admin1_match("Ninewa", {"admin1": "Nineveh Governorate", "admin1_code": None}) is False
    assert not admin1_match("Baghdad", None)


def test_muc_location_fill_and_keys():
    assert parse_location_fill("(HONDURAS: TEGUCIGALPA (CITY)) / (HONDURAS)") == [["honduras", "tegucigalpa"],
                                                                                 ["honduras"]]
    assert parse_location_fill("PERU: LIMA (CITY): SAN ISIDRO (NEIGHBORHOOD)") == [["peru", "lima", "san isidro"]]
    assert parse_location_fill("*") is None
    keys = ("0.  MESSAGE: ID                    TST3-MUC4-0001\n1.  MESSAGE: TEMPLATE              1\n"
            "3.  INCIDENT: LOCATION             EL SALVADOR: SAN SALVADOR (CITY)\n"
            "                                   EL SALVADOR\n4.  INCIDENT: TYPE                 ATTACK\n\n"
            "0.  MESSAGE: ID                    TST3-MUC4-0002\n1.  MESSAGE: TEMPLATE              *\n"
            "3.  INCIDENT: LOCATION             *\n")
    assert parse_keys(keys) == {"TST3-MUC4-0001": [[["el salvador", "san salvador"]], [["el salvador"]]],
                                "TST3-MUC4-0002": []}
    assert _location_match(["San Salvador", "San Salvador", "El Salvador"], [["el salvador", "san salvador"]])
    assert not _location_match(["Salvador Dali", "Salvador Dali", "Spain"], [["el salvador"]])
    assert _location_match(["Zacamil", "Zacamil", "El Salvador"], [["el salvador"]])


def test_muc_lenient_match_and_pairing():
    assert lenient("the armed forces", "armed forces")
    assert lenient("members of the shining path", "shining path")
    assert lenient("two urban guerrillas", "the guerrillas")  # same head noun
    assert not lenient("the police", "the guerrillas")
    pred = [["guerrillas"], ["a car"]]
    gold = [["fmln guerrillas", "the guerrillas"], ["the mayor"]]
    assert pair(pred, gold, lambda p, g: any(lenient(a, b) for a in p for b in g)) == (1, 1, 1)


def test_muc_casing_keeps_offsets():
    text = "a bomb exploded in san salvador today. i saw it in lima, peru."
    cased = gazetteer_case(text)
    assert len(cased) == len(text) and cased.lower() == text
    assert "San Salvador" in cased and "Lima, Peru" in cased and cased.startswith("A bomb")


def test_ucdp_headlines():
    assert headline_text("Blast kills 5 in Baghdad;Clashes in Mosul: army") == \
        "Blast kills 5 in Baghdad.\nClashes in Mosul: army."
    assert headline_text("") == ""


def test_format_report_prints_tables():
    result = {"dataset": "x", "n": 3, "split": "dev", "metrics": {"weighted_f1": 0.5, "n_rows": 3},
              "per_class": common.classification(["a", "b", "b"], ["a", "b", "none"])["per_class"],
              "confusion": common.confusion(["a", "b", "b"], ["a", "b", "none"])}
    text = format_report(result)
    assert "weighted_f1" in text and "0.5000" in text
    assert "precision" in text and "confusion" in text and "c2 = none" in text
