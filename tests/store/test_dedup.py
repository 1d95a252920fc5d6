"""dedup: when two reports are one event, and what the merged event says."""
from __future__ import annotations

import random

from eventatlas import dedup
from eventatlas.model import event_to_dict

from .factory import make_document, make_event


def record(text="Gunmen attacked soldiers.", outlet="AFP", published="2021-08-03", **kw):
    return event_to_dict(make_event(make_document(text, outlet, published), **kw), with_text=False)


def m(**kw):
    return dedup.mention_of(record(**kw))


def test_two_outlets_same_day_same_town_are_one_event():
    ok, why = dedup.link_reason(m(text="a"), m(text="b", lat=35.50, lon=44.40))
    assert ok, why
    assert "precision 1: <= 5 km" in why


def test_records_of_one_document_never_link():
    ok, why = dedup.link_reason(m(text="same"), m(text="same"))
    assert not ok and why.startswith("same_document")


def test_types_dates_and_statements_keep_events_apart():
    assert not dedup.same_event(m(text="a"), m(text="b", event_type="Protests", sub_event_type="Peaceful protest"))
    assert dedup.same_event(m(text="a"), m(text="b", date="2021-08-03"))  # one day apart: reporting lag
    assert not dedup.same_event(m(text="a"), m(text="b", date="2021-08-04"))
    assert not dedup.same_event(m(text="a", event_type=None), m(text="b", event_type=None))


def test_distance_limit_grows_with_coarser_precision():
    # Kirkuk to a point ~12 km away: too far for two town-level places, fine when one is "near".
    far = dict(lat=35.468 + 0.11, lon=44.392)
    assert not dedup.same_event(m(text="a"), m(text="b", **far))
    assert dedup.same_event(m(text="a"), m(text="b", geo_precision=2, **far))
    # Province level: same admin-1 wherever the centre point is; another admin-1 never.
    assert dedup.same_event(m(text="a", geo_precision=3, lat=35.0, lon=44.0), m(text="b", geo_precision=3))
    assert not dedup.same_event(m(text="a", geo_precision=3),
                                m(text="b", geo_precision=3, admin1="Ninawa", admin1_code="IQ-NI"))
    assert not dedup.same_event(m(text="a", place=None), m(text="b"))


def test_actors_must_be_compatible():
    assert dedup.same_event(m(text="a", perpetrator="Islamic State (Iraq)"),
                            m(text="b", perpetrator="Unidentified Armed Group (Iraq)"))
    assert dedup.same_event(m(text="a", perpetrator="Islamic State (Iraq)"), m(text="b", perpetrator=None))
    assert dedup.same_event(m(text="a", target="Military Forces of Iraq (2020-)"),
                            m(text="b", target="Military Forces of Iraq"))
    assert not dedup.same_event(m(text="a", perpetrator="Islamic State (Iraq)"),
                                m(text="b", perpetrator="Kataib Hezbollah"))


def test_merge_keeps_the_range_and_believes_the_official_toll():
    recs = [record(text="a", outlet="AFP", published="2021-08-02", fatalities=5, kind="anonymous"),
            record(text="b", outlet="Reuters", published="2021-08-03", fatalities=7, fatalities_kind="official"),
            record(text="c", outlet=None, published="2021-08-04", fatalities=(4, 4, 6), kind="witness")]
    merged = dedup.merge_records(recs)
    assert (merged["fatalities"]["low"], merged["fatalities"]["best"], merged["fatalities"]["high"]) == (4, 7, 7)
    assert merged["field_documents"]["fatalities"] == recs[1]["document"]["id"]
    assert merged["id"] == recs[0]["id"] and merged["document"]["id"] == recs[0]["document"]["id"]
    assert merged["documents"] == [r["document"]["id"] for r in recs]
    assert merged["sources"] == 3  # two outlets and one document of unknown outlet
    assert [v["value"]["best"] for v in merged["disagreements"]["fatalities"]] == [5, 7, 4]


def test_authority_order():
    kinds = ["writer", "anonymous", "witness", "outlet", "official"]
    recs = [record(text=k, outlet=k, fatalities=i + 1, kind=k) for i, k in enumerate(kinds)]
    assert dedup.merge_records(recs)["fatalities"]["best"] == 5  # the official's


def test_same_outlet_twice_is_one_source():
    recs = [record(text="a", outlet="AFP"), record(text="b", outlet="afp "), record(text="c", outlet=None)]
    assert dedup.count_sources(recs) == 2


def test_most_precise_place_wins_and_names_its_document():
    coarse = record(text="a", published="2021-08-01", geo_precision=3, place="Kirkuk province")
    fine = record(text="b", published="2021-08-03")
    merged = dedup.merge_records([coarse, fine])
    assert merged["location"]["precision"] == 1
    assert merged["field_documents"] == {"location": fine["document"]["id"]}


def test_cluster_does_not_depend_on_order():
    recs = [record(text=f"t{i}", lat=35.468 + 0.05 * i, geo_precision=1 + (i % 2)) for i in range(8)]
    recs += [record(text="other", event_type="Riots", sub_event_type="Mob violence")]
    mentions = [dedup.mention_of(r) for r in recs]
    groups = {frozenset(mentions[i].record_id for i in g) for g in dedup.cluster(mentions)}
    shuffled = mentions[:]
    random.Random(1).shuffle(shuffled)
    again = {frozenset(shuffled[i].record_id for i in g) for g in dedup.cluster(shuffled)}
    assert groups == again
    assert len(groups) >= 2


# --- issue 18: identities, hierarchy, the merged record -------------------------------------------

def test_actors_are_one_identity_across_languages_and_spellings():
    from eventatlas.actor_identity import actor_key, same_actor
    same = [("Daech", "Islamic State (Iraq)"), ("EI", "ISIS"), ("Etat islamique", "ISIL"),
            ("armée irakienne", "Military Forces of Iraq (2020-)"), ("Iraqi army", "Military Forces of Iraq"),
            ("brigade Saraya al-Mukhtar", "Saraya al-Mukhtar Brigade"),
            ("Qassem al-Jabbarin Brigade", "brigade Qasem al-Jabbarin"),
            ("Liwa Abu al-Fadl", "Abu el-Fadl Liwa"),  # unknown to the catalogue: word order, al-/el-
            ("Katibat Salah Eddine", "Katibat Salah Edine")]  # unknown: a close spelling
    for a, b in same:
        assert same_actor(actor_key(a), actor_key(b)), (a, b, actor_key(a), actor_key(b))
    for a, b in [("Islamic State", "Kataib Hezbollah"), ("Military Forces of Iraq", "Military Forces of Syria"),
                 ("Saraya al-Mukhtar Brigade", "Qasem al-Jabbarin Brigade")]:
        assert not same_actor(actor_key(a), actor_key(b)), (a, b)
    # descriptions are not names: they fit any named actor
    assert actor_key("a little-known group").startswith("weak:")
    assert actor_key("vehicle near Sinjar").startswith("weak:")
    assert actor_key("Unidentified Armed Group (Iraq)").startswith("weak:")


def test_a_user_catalogue_adds_identities(tmp_path, monkeypatch):
    from eventatlas import actor_identity
    path = tmp_path / "mine.json"
    path.write_text('{"identities": [{"id": "lions", "name": "Lions of the Valley", '
                    '"aliases": ["Lions of the Valley", "Lions de la vallée", "Usud al-Wadi"]}]}', "utf-8")
    assert not actor_identity.same_actor(actor_identity.actor_key("Usud al-Wadi"),
                                         actor_identity.actor_key("Lions de la vallée"))
    monkeypatch.setenv("EVENTATLAS_ACTOR_CATALOGUE", str(path))
    assert actor_identity.actor_key("Usud al-Wadi") == actor_identity.actor_key("Lions de la vallée") == "id:lions"
    path.write_text("not json", "utf-8")
    monkeypatch.setenv("EVENTATLAS_ACTOR_CATALOGUE", str(tmp_path / "missing.json"))
    import pytest

    from eventatlas.errors import BadOption
    with pytest.raises(BadOption):
        actor_identity.actor_key("Anything Else")


def test_a_town_inside_a_province_named_at_precision_3_is_the_same_place():
    province = m(text="a", geo_precision=3, place="Kirkuk", lat=35.3, lon=44.1)
    assert dedup.same_event(province, m(text="b", place="Dibis", lat=35.65, lon=44.07))
    # ...but a report naming another town that the gazetteer only placed in the province is another town
    hawija = m(text="c", geo_precision=3, place="Hawija", lat=35.3, lon=44.1)
    ok, why = dedup.link_reason(hawija, m(text="d", place="Dibis", lat=35.65, lon=44.07))
    assert not ok and "towns" in why
    assert dedup.same_event(hawija, province)


def _rec(text, outlet, published, **kw):
    return record(text=text, outlet=outlet, published=published, **kw)


def test_fatality_range_counts_every_figure():
    twelve = _rec("twelve", "AFP", "2021-08-02", fatalities=12)
    at_least_14 = _rec("fourteen", "Reuters", "2021-08-03", fatalities=(14, 14, None))
    merged = dedup.merge_records([twelve, at_least_14])
    assert (merged["fatalities"]["low"], merged["fatalities"]["high"]) == (12, 14)
    assert merged["fatalities"]["best"] in (12, 14)


def test_certainty_is_combined_by_rule_and_a_denial_is_kept():
    claim = _rec("claim", "Channel", "2021-08-02", certainty="claimed")
    wire = _rec("wire", "AFP", "2021-08-03", certainty="reported")
    merged = dedup.merge_records([claim, wire])
    assert merged["certainty"] == "reported" and "confirmed by an independent" in merged["certainty_rule"]
    denial = _rec("denial", "Local", "2021-08-03", certainty="alleged")
    disputed = dedup.merge_records([claim, denial])
    assert disputed["certainty"] == "alleged" and disputed["disputed_by"] == [denial["document"]["id"]]
    both = dedup.merge_records([claim, wire, denial])
    assert both["certainty"] == "reported" and both["disputed_by"] == [denial["document"]["id"]]
    assert {c["document"]: c["certainty"] for c in both["certainty_reports"]} == {
        claim["document"]["id"]: "claimed", wire["document"]["id"]: "reported", denial["document"]["id"]: "alleged"}


def test_every_field_names_the_document_that_gave_it_and_the_merge_is_explained():
    coarse = _rec("coarse", "AFP", "2021-08-01", geo_precision=3, place="Kirkuk province", fatalities=3)
    fine = _rec("fine", "Reuters", "2021-08-03", fatalities=5, fatalities_kind="official")
    merged = dedup.merge_records([coarse, fine])
    prov = merged["provenance"]
    assert prov["event_type"] == prov["trigger"] == coarse["document"]["id"]  # the anchor, earliest
    assert prov["location"] == fine["document"]["id"] and prov["fatalities"] == fine["document"]["id"]
    assert prov["date"] in (coarse["document"]["id"], fine["document"]["id"])
    why = merged["merge_why"]
    assert len(why) == 1 and why[0]["record"] == fine["id"] and why[0]["with"] == coarse["id"]
    assert {"type", "time", "place", "actors"} <= set(why[0]["features"])
    assert why[0]["features"]["place"]["rule"] == "province level: same admin-1"


def test_split_and_join_decisions_override_the_rules():
    recs = [record(text=f"r{i}") for i in range(3)]
    mentions = [dedup.mention_of(r) for r in recs]
    assert dedup.cluster(mentions) == [[0, 1, 2]]
    groups = dedup.cluster(mentions, split=[(recs[0]["id"], recs[2]["id"]), (recs[1]["id"], recs[2]["id"])])
    assert [0, 1] in groups and [2] in groups
    far = record(text="far", lat=36.3, lon=43.1)  # Mosul: another event by the rules
    mentions.append(dedup.mention_of(far))
    assert [3] in dedup.cluster(mentions)
    assert dedup.cluster(mentions, joined=[(recs[0]["id"], far["id"])]) == [[0, 1, 2, 3]]


def test_a_report_without_place_links_by_the_town_its_text_names():
    placed = m(text="b", place="Kitshanga", lat=-1.24, lon=28.93, admin1="Nord Kivu", admin1_code="CD-NK",
               country="Democratic Republic of Congo", iso3="COD")
    lost = record(text="a", place=None)
    ok, why = dedup.link_reason(dedup.mention_of(lost, "Clashes near Kitshanga in Masisi on Monday."), placed)
    assert ok and "its text names the other's town" in why
    assert not dedup.same_event(dedup.mention_of(lost, "Clashes near Goma on Monday."), placed)
    assert not dedup.same_event(dedup.mention_of(lost), placed)  # no text, nothing vouches


def test_related_types_link_only_on_the_same_day_with_the_same_toll():
    clash = m(text="a", fatalities=5)
    missile = m(text="b", event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
                fatalities=5)
    ok, why = dedup.link_reason(clash, missile)
    assert ok and "related types" in why
    assert not dedup.same_event(clash, m(text="c", event_type="Explosions/Remote violence", fatalities=4))
    assert not dedup.same_event(m(text="d"), m(text="e", event_type="Explosions/Remote violence"))
    assert not dedup.same_event(m(text="f", fatalities=5), m(text="g", event_type="Protests", fatalities=5))


def test_two_towns_named_are_two_places_however_near():
    # Two reports the same day, 3 km apart: one town named twice links; two towns named do not,
    # unless one report's text names the other's town too.
    near = dict(lat=35.468 + 0.027, lon=44.392)
    assert dedup.same_event(m(text="a"), m(text="b", **near))
    other = record(text="b", place="Yayci", **near)
    ok, why = dedup.link_reason(m(text="a"), dedup.mention_of(other))
    assert not ok and "towns" in why
    assert dedup.same_event(m(text="a"), dedup.mention_of(other, "Gunmen attacked Yayci, near Kirkuk."))


def test_a_group_that_governs_a_country_is_its_forces_from_that_day():
    taliban = dict(perpetrator="Taliban", target=None, place="Jalalabad", lat=34.43, lon=70.45, admin1="Nangarhar",
                   admin1_code="AF-NAN", country="Afghanistan", iso3="AFG")
    army = dict(taliban, perpetrator="Military Forces of Afghanistan")
    assert dedup.same_event(m(text="a", date="2025-06-09", **taliban), m(text="b", date="2025-06-09", **army))
    ok, why = dedup.link_reason(m(text="a", date="2020-03-09", **taliban), m(text="b", date="2020-03-09", **army))
    assert not ok and why.startswith("perpetrators")


def test_a_report_without_place_matches_a_town_spelt_another_way():
    # The gazetteer put "Mocha" in Russia; the other report has no place but writes "Mokha".
    misplaced = m(text="Mocha drone strike", place="Moscow", lat=55.75, lon=37.62, admin1="Moscow",
                  admin1_code="RU-MOW", country="Russia", iso3="RUS", event_type="Explosions/Remote violence")
    lost = record(text="a", place=None, event_type="Explosions/Remote violence")
    ok, why = dedup.link_reason(dedup.mention_of(lost, "Une frappe de drone a touché lundi un dépôt à Mokha."),
                                misplaced)
    assert ok and "its text names the other's town" in why
    assert not dedup.same_event(dedup.mention_of(lost, "Une frappe de drone a touché lundi un dépôt à Aden."),
                                misplaced)


def test_a_province_spelt_another_way_by_the_gazetteer_is_an_area_not_a_town():
    province = record(text="b", geo_precision=3)
    province["location"].update(name="Dayr az Zawr", text="Deir ez-Zor", admin1="Deir ez-Zor", feature="admin1")
    assert dedup.mention_of(province).place_name == ""
    unresolved_town = record(text="c", geo_precision=3)
    unresolved_town["location"].update(name="Hawija", text="Hawija", admin1="Kirkuk", feature="admin1")
    assert dedup.mention_of(unresolved_town).place_name == "hawija"


def test_a_crowd_read_as_protest_and_as_property_destruction_links_in_one_town_on_one_day():
    protest = m(text="a", event_type="Protests", sub_event_type="Peaceful protest", perpetrator="Protesters (Iraq)",
                target=None)
    burning = dict(text="b", event_type="Strategic developments", sub_event_type="Looting/property destruction",
                   perpetrator="Protesters (Iraq)", target=None)
    ok, why = dedup.link_reason(protest, m(**burning))
    assert ok and "related types" in why
    assert not dedup.same_event(protest, m(**dict(burning, date="2021-08-03")))  # a day apart
    assert not dedup.same_event(protest, m(**dict(burning, perpetrator="Rioters (Iraq)")))  # another crowd
    assert not dedup.same_event(protest, m(**dict(burning, sub_event_type="Arrests")))  # not the crowd's act
    assert dedup.family_types("Protests") == dedup.family_types("Strategic developments")


def test_a_user_catalogue_says_which_group_governs_from_when(tmp_path, monkeypatch):
    import pytest

    from eventatlas import actor_identity
    from eventatlas.errors import BadOption
    path = tmp_path / "mine.json"
    path.write_text('{"identities": [{"id": "lions", "name": "Lions of the Valley", "aliases": ["Lions of the Valley"],'
                    ' "governs": {"country": "Iraq", "since": "2030-01-01"}}]}', "utf-8")
    monkeypatch.setenv("EVENTATLAS_ACTOR_CATALOGUE", str(path))
    key = actor_identity.actor_key("Lions of the Valley")
    assert actor_identity.key_on(key, "2029-12-31") == key
    assert actor_identity.same_actor(actor_identity.key_on(key, "2030-01-01"),
                                     actor_identity.actor_key("Military Forces of Iraq"))
    path.write_text('{"identities": [{"id": "lions", "name": "Lions", "governs": {"country": "Iraq"}}]}', "utf-8")
    monkeypatch.setenv("EVENTATLAS_ACTOR_CATALOGUE", str(tmp_path / "mine.json") + "")
    actor_identity.load_catalogue.cache_clear()
    with pytest.raises(BadOption, match="governs"):
        actor_identity.actor_key("Anyone Else")
