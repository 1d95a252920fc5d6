"""eventatlas.taxonomy: the one ACLED label list, and every other label table checked against it."""
from __future__ import annotations

from eventatlas.taxonomy import acled_types, disorder_type, sub_event_types, sub_to_type


def test_six_types_twenty_five_sub_types_each_under_one_type():
    types = acled_types()
    assert len(types) == 6 and len(sub_event_types()) == 25 == len(sub_to_type())
    assert sub_to_type()["Protest with intervention"] == "Protests"
    assert sub_event_types()[0] == "Armed clash" and sub_event_types()[-1] == "Other"


def test_disorder_type_by_sub_type_then_type():
    assert disorder_type("Battles", "Armed clash") == "Political violence"
    assert disorder_type("Protests", "Peaceful protest") == "Demonstrations"
    assert disorder_type("Protests", "Excessive force against protesters") == "Political violence; Demonstrations"
    assert disorder_type("Riots", "Violent demonstration") == "Demonstrations"
    assert disorder_type("Riots", "Mob violence") == "Political violence"
    assert disorder_type("Strategic developments", "Arrests") == "Strategic developments"
    assert disorder_type(None, None) == "Political violence"
    # a sub-type under the wrong type does not borrow its disorder type
    assert disorder_type("Riots", "Excessive force against protesters") == "Political violence"


def test_case2021_codes_name_exactly_the_25_sub_types():
    from eventatlas.eval.case2021 import CODES
    assert sorted(CODES.values()) == sorted(sub_event_types())


def test_old_acled_schema_labels_map_to_current_types():
    from eventatlas.eval.acled import OLD_TYPES
    assert set().union(*OLD_TYPES.values()) <= set(acled_types())


def test_trainer_labels_are_the_taxonomy():
    from eventatlas import taxonomy
    from eventatlas.learn import data
    assert data.sub_to_type is taxonomy.sub_to_type  # the trainer reads ACLED's labels from the one list
