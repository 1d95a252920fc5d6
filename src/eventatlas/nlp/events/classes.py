"""Trigger classes and their language-neutral metadata (src/eventatlas/data/trigger_classes.json):
rank, family, PLOVER class, and the violent, support and reciprocal sets. The words that name
each class are in the language profiles (triggers.json)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class TriggerClass:
    name: str
    rank: int  # how specific: the event's type comes from the most specific class
    family: str  # classes of one family may describe one happening
    plover: str | None
    violent: bool
    support: bool  # never an event on its own: it joins one
    reciprocal: bool  # both parties act: the second is actor 2


@lru_cache(maxsize=1)
def trigger_classes() -> dict[str, TriggerClass]:
    data = json.loads(resources.files("eventatlas").joinpath("data", "trigger_classes.json").read_text("utf-8"))
    return {name: TriggerClass(name, **spec) for name, spec in data["classes"].items()}


def rank(cls: str) -> int:
    c = trigger_classes().get(cls)
    return c.rank if c else 0


def family(cls: str) -> str:
    """The family of a class; a class the table does not know (a statement) is its own family."""
    c = trigger_classes().get(cls)
    return c.family if c else cls


def plover(cls: str) -> str | None:
    c = trigger_classes().get(cls)
    return c.plover if c else None


def is_violent(cls: str) -> bool:
    c = trigger_classes().get(cls)
    return bool(c and c.violent)


def is_support(cls: str) -> bool:
    c = trigger_classes().get(cls)
    return bool(c and c.support)


def is_reciprocal(cls: str) -> bool:
    c = trigger_classes().get(cls)
    return bool(c and c.reciprocal)


def violent_classes() -> frozenset[str]:
    return frozenset(n for n, c in trigger_classes().items() if c.violent)
