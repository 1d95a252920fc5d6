"""eventatlas.learn: `eventatlas train` on a user's ACLED export -> a spaCy textcat over the 25
ACLED sub-event types. The CSV here is written by the test (original one-line notes, no ACLED
data), so nothing in this file derives from data that may not be redistributed."""
from __future__ import annotations

import argparse
import csv
import json

import pytest

pytest.importorskip("spacy")

from eventatlas.errors import UnreadableInput  # noqa: E402
from eventatlas.learn import is_test_id, load, read_examples, register, train  # noqa: E402
from eventatlas.taxonomy import acled_types, sub_to_type  # noqa: E402

PLACES = ["Kisumu", "Mopti", "Kirkuk", "Gao", "Herat", "Garissa", "Idlib", "Aden", "Djibo", "Mosul", "Nakuru",
          "Tillaberi"]
TEMPLATES = {
    "Protest with intervention": "On {d} May 2024, police fired tear gas at protesters in {p} and dispersed them.",
    "Peaceful protest": "On {d} May 2024, traders marched peacefully in {p} to demand lower taxes.",
    "Armed clash": "On {d} May 2024, soldiers clashed with militants near {p}; both sides exchanged fire.",
    "Air/drone strike": "On {d} May 2024, a drone strike hit a militant hideout outside {p}.",
}
COLUMNS = ["event_id_cnty", "event_date", "year", "event_type", "sub_event_type", "actor1", "country", "notes",
           "fatalities"]


def _rows():
    types = sub_to_type()
    rows = []
    n = 0
    for sub, template in TEMPLATES.items():
        for i, place in enumerate(PLACES):
            n += 1
            rows.append({"event_id_cnty": f"TST{n}", "event_date": f"{i + 1}-May-24", "year": "2024",
                         "event_type": types[sub], "sub_event_type": sub, "actor1": "", "country": "Testland",
                         "notes": template.format(d=i + 1, p=place), "fatalities": "0"})
    return rows


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "my_acled_export.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(_rows())
    return path


@pytest.fixture(scope="module")
def trained(export, tmp_path_factory):
    out = tmp_path_factory.mktemp("model") / "acled-subtype"
    stats = train([export], out, split="dev", epochs=6, seed=0)
    return out, stats


def test_taxonomy_is_acled_6_types_25_subtypes():
    assert len(acled_types()) == 6
    assert len(sub_to_type()) == 25
    assert sub_to_type()["Protest with intervention"] == "Protests"


def test_train_saves_and_load_predicts_a_taxonomy_label(trained):
    out, stats = trained
    assert (out / "meta.json").is_file() and (out / "textcat").is_dir()
    assert stats["examples"] > 0 and len(stats["losses"]) == 6
    clf = load(out)
    sub, p = clf.predict("On 9 May 2024, police fired tear gas at protesters in Kisumu and dispersed them.")
    assert sub in sub_to_type()
    assert 0.0 < p <= 1.0
    assert sub == "Protest with intervention"
    etype, sub2, p2 = clf.predict_event("On 9 May 2024, a drone strike hit a militant hideout outside Gao.")
    assert (etype, sub2) == ("Explosions/Remote violence", "Air/drone strike") and 0.0 < p2 <= 1.0
    # all 25 labels are in the model, and probabilities are a distribution over them
    cats = clf.nlp("police fired tear gas").cats
    assert set(cats) == set(sub_to_type()) and sum(cats.values()) == pytest.approx(1.0, abs=1e-3)


def test_split_dev_leaves_out_test_rows_and_all_keeps_them(export):
    rows = _rows()
    test_ids = {r["event_id_cnty"] for r in rows if is_test_id(r["event_id_cnty"])}
    assert 0 < len(test_ids) < len(rows)  # the fixture holds both kinds
    dev, stats = read_examples(export, split="dev")
    assert {e.event_id for e in dev}.isdisjoint(test_ids)
    assert stats.used == len(rows) - len(test_ids) and stats.skipped["test_row"] == len(test_ids)
    everything, _ = read_examples(export, split="all")
    assert len(everything) == len(rows)
    test, _ = read_examples(export, select="test")
    assert {e.event_id for e in test} == test_ids
    some = {next(iter(sorted(set(r["event_id_cnty"] for r in rows) - test_ids)))}
    fewer, stats = read_examples(export, split="dev", exclude_ids=some)
    assert len(fewer) == len(dev) - 1 and stats.skipped["excluded_id"] == 1


def test_meta_records_provenance_and_licence(trained, export):
    out, stats = trained
    meta = json.loads((out / "meta.json").read_text("utf-8"))
    ea = meta["eventatlas"]
    f = ea["data"]["files"][0]
    assert f["file"] == export.name and f["rows"] == len(_rows()) and f["used"] == stats["examples"]
    assert len(f["sha256"]) == 64 and f["skipped"]["test_row"] > 0
    assert ea["data"]["split"] == "dev" and "sha1(event_id_cnty)" in ea["data"]["split_rule"]
    assert ea["trained_at"][:4].isdigit()
    assert "do not redistribute" in ea["licence"] and "do not redistribute" in meta["license"]
    assert ea["training"]["seed"] == 0 and ea["training"]["epochs"] == 6
    assert len(ea["labels"]) == 25
    assert (out / "LICENCE-NOTE.txt").is_file()
    assert load(out).meta["data"]["split"] == "dev"


def test_older_schema_rows_without_sub_event_type_are_skipped(tmp_path):
    old = tmp_path / "old.csv"
    old.write_text("EVENT_ID_CNTY,EVENT_TYPE,NOTES\nIND1,Riots/Protests,Students protested in Delhi.\n", "utf-8")
    rows, stats = read_examples(old, split="all")
    assert rows == [] and stats.skipped == {"no_sub_event_type": 1}
    with pytest.raises(UnreadableInput):
        train([old], tmp_path / "m", split="all", epochs=1)


def test_missing_file_is_a_coded_error(tmp_path):
    with pytest.raises(UnreadableInput) as err:
        train([tmp_path / "nope.csv"], tmp_path / "m")
    assert str(err.value).startswith("EA001")


def test_same_seed_same_model(export, tmp_path):
    a = train([export], tmp_path / "a", epochs=2, seed=3)
    b = train([export], tmp_path / "b", epochs=2, seed=3)
    assert a["losses"] == b["losses"]
    text = "On 2 May 2024, soldiers clashed with militants near Herat."
    assert load(tmp_path / "a").predict(text) == load(tmp_path / "b").predict(text)


def test_train_command(export, tmp_path, capsys):
    parser = argparse.ArgumentParser(prog="eventatlas")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["train", str(export), "-o", str(tmp_path / "m"), "--epochs", "2", "--evaluate",
                              "--json"])
    assert args.func(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["split"] == "dev" and out["epochs"] == 2
    assert out["evaluation"]["n"] == sum(is_test_id(r["event_id_cnty"]) for r in _rows())
    args = parser.parse_args(["train", str(export), "-o", str(tmp_path / "m2"), "--split", "all", "--epochs", "1"])
    assert args.func(args) == 0
    text = capsys.readouterr().out
    assert "trained on 48 notes" in text and "split=all" in text
