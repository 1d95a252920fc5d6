"""Shared helpers of the reliability suite: the tally the session summary prints, and hypothesis
settings that stay small and deterministic in CI and grow under ``EVENTATLAS_SOAK=1``."""
from __future__ import annotations

import os
from collections import Counter

from hypothesis import HealthCheck, settings

#: ``EVENTATLAS_SOAK=1 pytest tests/reliability -q``: every property runs SOAK_FACTOR times the examples,
#: still derandomized (set EVENTATLAS_SOAK_SEED=random to explore new inputs on each run).
SOAK = os.environ.get("EVENTATLAS_SOAK", "") not in ("", "0")
SOAK_FACTOR = int(os.environ.get("EVENTATLAS_SOAK_FACTOR", "50"))

TALLY: Counter = Counter()  # tried, typed, crashes, lost, server_errors (5xx answers of the API)


def examples(n: int):
    """Hypothesis settings for a property: n examples in CI (deterministic), n*SOAK_FACTOR when soaking."""
    derandomize = not (SOAK and os.environ.get("EVENTATLAS_SOAK_SEED") == "random")
    return settings(max_examples=n * SOAK_FACTOR if SOAK else n, deadline=None, derandomize=derandomize,
                    database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                                          HealthCheck.data_too_large])


def tried(n: int = 1) -> None:
    TALLY["tried"] += n


def typed(n: int = 1) -> None:
    TALLY["typed"] += n


def crashed(n: int = 1) -> None:
    TALLY["crashes"] += n


def lost(n: int = 1) -> None:
    TALLY["lost"] += n


def outcome(call):
    """Run call(); count the input, and a coded error or a crash. Returns (value, error); re-raises crashes."""
    from eventatlas.errors import EventAtlasError
    tried()
    try:
        return call(), None
    except EventAtlasError as exc:
        typed()
        return None, exc
    except Exception:
        crashed()
        raise
