"""One record per place only for places the text lists together (issue 16): "attacks in Kabul, Kandahar and
Helmand" are three events (ACLED codes one per location); places that merely share the clause of one
happening ("the Boston Marathon bombing", "Jerusalem's Old City", "a Zuwarah militia leader is killed in
Tripoli") are one event."""
from eventatlas.eval.common import extract_records


def _events(text: str, lang: str = "en") -> list[dict]:
    return [r for r in extract_records(text, published="2024-03-05", lang=lang) if r.get("event_type")]


def test_listed_places_give_one_record_each():
    events = _events("Militants attacked police posts in Kandahar, Helmand and Zabul on Monday.")
    assert len(events) == 3, [(e["location"] or {}).get("name") for e in events]
    assert len({e["id"] for e in events}) == 3


def test_french_list_with_an_adjective_between_places():
    text = ("Des hommes armés ont attaqué quatre convois à Babel ainsi que dans les provinces méridionales de "
            "Dhi Qar et al-Diwaniya, lundi.")
    assert len(_events(text, "fr")) == 3


def test_places_that_share_a_clause_without_a_list_are_one_event():
    text = ("A prominent Libyan Zuwarah militia leader and migrant smuggler, Salah Al-Maskhout, is reportedly "
            "killed in Tripoli by Italian special forces.")
    assert len(_events(text)) == 1
    assert len(_events("Israeli soldiers stormed a mosque in Jerusalem's Old City on Monday, wounding five worshippers.")) == 1


def test_one_kind_of_happening_in_one_town_on_one_day_is_one_record():
    text = ("The Hotel Azul bombing was an attack on 6 May 1981 at the Hotel Azul in Valencia, Spain which killed 7 people. "
            "==Background==The hotel stood on the main square of Valencia, near the army headquarters. "
            "It was often used by officers.==The attack==A bomb was left in the lobby and exploded on a Wednesday evening, "
            "when the bar was full. The explosion shattered the windows of nearby shops. Five of the 6 killed at once were officers.")

    def events(t):
        return [r for r in extract_records(t, published="1981-05-08", lang="en") if r.get("event_type")]
    (one,) = events(text)
    assert one["trigger"]["text"] == "bombing" and one["fatalities"]["best"] == 7
    assert any(w.startswith("same happening: 'exploded'") for w in one["why"]), one["why"]
    # another day ("on a Monday evening": 4 May) is another happening
    assert len(events(text.replace("on a Wednesday evening", "on a Monday evening"))) == 2

