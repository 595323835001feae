"""Shared fixtures: an isolated data folder for every test, databases on both engines, the
catalog."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from backcoach.catalog import Catalog, load_catalog
from backcoach.store.database import Database, open_database

POSTGRES_ENV = "BACKCOACH_TEST_POSTGRES_URL"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder; nobody's real log is touched."""
    home = tmp_path / "home"
    monkeypatch.setenv("BACKCOACH_HOME", str(home))
    monkeypatch.delenv("BACKCOACH_DATABASE_URL", raising=False)
    return home


def postgres_server_url() -> str:
    """The test server's URL; ``make test`` starts the server and sets it."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.fail(
            f"{POSTGRES_ENV} is not set: run the suite with 'make test', which starts PostgreSQL."
        )
    return url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A new, empty PostgreSQL database for one test, dropped afterwards."""
    server = postgres_server_url()
    name = f"bc_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base, _, _ = server.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A new SQLite database file for one test."""
    return f"sqlite:///{tmp_path / 'log.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """The same test on the embedded SQLite and on a real PostgreSQL server."""
    fixture = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    return str(request.getfixturevalue(fixture))


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """A migrated, empty database on each engine, closed after the test."""
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The validated exercise catalog."""
    return load_catalog()
