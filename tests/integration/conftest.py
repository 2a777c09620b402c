"""Fixtures of the integration tests that stand for several processes on one store."""

from __future__ import annotations

import pytest

from storage.store import Store


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def shared(request: pytest.FixtureRequest) -> Store:
    """A store two processes would share: a SQLite file, or a PostgreSQL schema."""
    if request.param == "sqlite":
        return Store.sqlite(request.getfixturevalue("tmp_path") / "tidtam.db")
    found: Store = request.getfixturevalue("postgres_store")
    return found
