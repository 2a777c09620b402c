"""Fixtures shared by every layer of tests.

``store`` runs a test on each backend the product supports: in memory (the
library's POPO recorder), an SQLite file, and a throw-away PostgreSQL database.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from application.tracker import Tracker
from domain.clock import FixedClock
from storage.store import Store
from tests import pg

# Helpers whose asserts are a test's own: rewritten, so a failure shows both sides.
pytest.register_assert_rewrite("tests.example_table", "tests.integration.views")


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A database created for this test session and dropped at its end."""
    pg.skip_or_fail_if_unreachable()
    with pg.throwaway_database() as name:
        yield name


@pytest.fixture
def postgres_store(
    postgres_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Store]:
    # A PostgreSQL store keeps its files under ./var/files unless told: not in the checkout.
    monkeypatch.setenv("TIDTAM_FILES", str(tmp_path / "files"))
    with pg.throwaway_schema(postgres_database) as schema:
        yield Store.from_url(pg.url_for(postgres_database, schema))


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Store:
    return Store.sqlite(tmp_path / "tidtam.db")


@pytest.fixture(
    params=[
        "memory",
        "sqlite",
        pytest.param("postgres", marks=pytest.mark.postgres),
    ]
)
def store(request: pytest.FixtureRequest) -> Store:
    """Each backend in turn."""
    if request.param == "memory":
        return Store.memory()
    if request.param == "sqlite":
        return Store.sqlite(request.getfixturevalue("tmp_path") / "tidtam.db")
    result: Store = request.getfixturevalue("postgres_store")
    return result


@pytest.fixture
def clock() -> FixedClock:
    """Mid-way through fiscal year 2552: 1 February 2009, 09:00 in Bangkok."""
    return FixedClock.at_bangkok(date(2009, 2, 1))


@pytest.fixture
def tracker(store: Store, clock: FixedClock) -> Iterator[Tracker]:
    app = Tracker(store, clock=clock)
    yield app
    app.close()
