"""Reliability suite (issue 10): hostile inputs for the readers, the date and number parsers, the
extractor and the API. Every property is bounded and derandomized, so the suite is deterministic
and runs in well under two minutes.

Longer soak (50x the examples, still deterministic)::

    EVENTATLAS_SOAK=1 pytest tests/reliability -q
    EVENTATLAS_SOAK=1 EVENTATLAS_SOAK_FACTOR=200 EVENTATLAS_SOAK_SEED=random pytest tests/reliability -q

At the end of the session one line sums up what was tried:
``reliability: inputs tried N, errors typed T, crashes C, documents lost L, 5xx responses S``.
Crashes counts exceptions that were not coded EventAtlasErrors (known bugs pinned as strict xfail
included); lost counts documents a batch read neither returned nor reported; 5xx responses counts
the API's server errors (requests the API fuzzer sent are inputs tried)."""
from __future__ import annotations

import pytest

from .support import TALLY


@pytest.fixture(autouse=True)
def _no_eventatlas_env(monkeypatch):
    """Tests set the settings they need; the developer's EVENTATLAS_* variables must not leak in."""
    import os
    for name in list(os.environ):
        if name.startswith("EVENTATLAS_") and not name.startswith("EVENTATLAS_SOAK"):
            monkeypatch.delenv(name)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not TALLY:
        return
    terminalreporter.write_line(
        f"reliability: inputs tried {TALLY['tried']}, errors typed {TALLY['typed']}, "
        f"crashes {TALLY['crashes']}, documents lost {TALLY['lost']}, 5xx responses {TALLY['server_errors']}, "
        f"XSS executed {TALLY['xss']}")
