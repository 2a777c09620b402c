"""A real PostgreSQL for the tests: found, or skipped, or (in CI) required.

Tests that need PostgreSQL use a throw-away database created for the session
and dropped at its end; each test gets its own schema inside it, so tests do
not see each other's events.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from psycopg import sql

ADMIN_URL = os.environ.get("TIDTAM_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


def required() -> bool:
    return os.environ.get("TIDTAM_REQUIRE_POSTGRES", "") not in ("", "0", "no")


def reachable() -> bool:
    try:
        with psycopg.connect(ADMIN_URL, connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def skip_or_fail_if_unreachable() -> None:
    if reachable():
        return
    message = f"PostgreSQL not reachable at {ADMIN_URL}"
    if required():
        pytest.fail(message + " and TIDTAM_REQUIRE_POSTGRES is set")
    pytest.skip(message)


def url_for(dbname: str, schema: str | None = None) -> str:
    """The admin URL pointed at another database (and schema)."""
    base, _, _ = ADMIN_URL.rpartition("/")
    return f"{base}/{dbname}" + (f"?schema={schema}" if schema else "")


@contextmanager
def throwaway_database() -> Iterator[str]:
    """Create a database for a test session; drop it afterwards. Yields its name."""
    name = f"tidtam_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield name
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@contextmanager
def throwaway_schema(dbname: str) -> Iterator[str]:
    """A fresh schema in ``dbname`` for one test."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url_for(dbname), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    try:
        yield schema
    finally:
        with psycopg.connect(url_for(dbname), autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))
