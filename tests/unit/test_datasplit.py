"""eventatlas.datasplit: the one test/dev split rule, used by every scorer and the trainer."""
from __future__ import annotations

import hashlib

import pytest

from eventatlas.datasplit import in_split, is_test


def test_rule_is_sha1_of_the_utf8_id_modulo_5():
    for rid in ("IRQ1234", "Ünïcode-7", 42, "a" * 100):
        assert is_test(rid) == (int(hashlib.sha1(str(rid).encode("utf-8")).hexdigest(), 16) % 5 == 0)


def test_test_and_dev_partition_the_ids():
    ids = [f"X{i}" for i in range(500)]
    test = [i for i in ids if in_split(i, "test")]
    assert 70 < len(test) < 130
    assert all(in_split(i, "test") != in_split(i, "dev") and in_split(i, "all") for i in ids)
    with pytest.raises(ValueError):
        in_split("X1", "train")


def test_every_user_of_the_rule_shares_it():
    from eventatlas.eval import attribution, common, geo
    from eventatlas.learn.data import is_test_id
    assert common.in_split is geo.in_split is attribution.in_split is in_split
    assert common.is_test is is_test_id is is_test
