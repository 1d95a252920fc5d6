"""Store fixtures: a fresh SQLite file and a fresh PostgreSQL database per test (``db_url`` runs
a test against both). The PostgreSQL server fixtures live in tests/conftest.py, shared with the
reliability suite."""
from __future__ import annotations

import pytest


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request):
    """Each store test runs against both backends."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def engine(db_url):
    from eventatlas.store import open_db
    engine = open_db(db_url)
    yield engine
    engine.dispose()
