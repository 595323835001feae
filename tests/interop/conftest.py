"""Fixtures of the interop tests: an open database with the local user, and the CLI runner."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from backcoach.services import ensure_user
from backcoach.store import Database, open_database

from ..cli.conftest import run  # noqa: F401  (the CLI runner, shared)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """A migrated database, on SQLite and on PostgreSQL, holding the local user."""
    database = open_database(db_url)
    ensure_user(database)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def sqlite_db(sqlite_url: str) -> Iterator[Database]:
    """A migrated SQLite database with the local user (for the slower property tests)."""
    database = open_database(sqlite_url)
    ensure_user(database)
    try:
        yield database
    finally:
        database.close()
