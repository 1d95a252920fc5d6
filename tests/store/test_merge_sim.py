"""The ACLED merge simulator (eventatlas.eval.merge_sim) gives each report what outlets give."""
from __future__ import annotations

from eventatlas.eval.merge_sim import simulate


def row(**kw):
    base = {"event_id_cnty": "IRQ1", "event_date": "2 May 2020", "latitude": "35.468", "longitude": "44.392",
            "geo_precision": "1", "time_precision": "1", "event_type": "Battles", "actor1": "Islamic State (Iraq)",
            "actor2": "Military Forces of Iraq (2020-)", "source": "Rudaw; Shafaq News", "admin1": "Kirkuk",
            "admin2": "Kirkuk", "location": "Kirkuk", "iso3": "IRQ", "country": "Iraq", "fatalities": "0"}
    return {**base, **kw}


def test_reports_name_the_town_or_less_and_give_tolls_only_for_deaths():
    rows = [row(), row(event_id_cnty="IRQ2", fatalities="7", location="Hawija", geo_precision="2")] * 40
    mentions, _gold, _loose = simulate(rows)
    deadly = [x for x in mentions if int(x.record_id.split("-")[0]) % 2]
    calm = [x for x in mentions if int(x.record_id.split("-")[0]) % 2 == 0]
    assert all(x.fatalities is None for x in calm)
    tolls = [x.fatalities for x in deadly]
    assert tolls.count(7) > len(tolls) / 2 and None in tolls and any(t not in (None, 7) for t in tolls)
    assert {x.place_name for x in deadly if x.geo_feature == "city"} == {"hawija"}
    features = {x.geo_feature for x in mentions}
    assert features == {"city", "admin1", "admin2"}  # the town, or only its district, or only its province
    assert all(x.geo_precision == 3 for x in mentions if x.geo_feature == "admin1")
    assert all(x.place_name == "" for x in mentions if x.geo_feature != "city")
