"""Web fixtures: the app on each engine, in server and in local mode, and signed-in clients.

``server`` builds a server-mode app (accounts, sign-in required) over ``db_url``, so every
test that uses it runs on SQLite and on PostgreSQL. ``person(server, role)`` registers a
new account and gives back a client signed in as them, its CSRF header already set.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from backcoach import accounts
from backcoach.store.database import Database, open_database
from backcoach.web.app import create_app
from backcoach.web.config import WebConfig

PASSWORD = "correct horse battery staple"


@dataclass
class Server:
    """A server-mode app, its database and its settings."""

    app: FastAPI
    db: Database
    config: WebConfig

    def client(self) -> TestClient:
        """A new, anonymous client (its own cookie jar)."""
        return TestClient(self.app, base_url="https://testserver")


@dataclass
class Person:
    """A registered, signed-in account and its client."""

    id: str
    email: str
    role: str
    client: TestClient
    csrf: str


def _make_server(url: str, tmp_path: Path, mode: str) -> Iterator[Server]:
    db = open_database(url)
    config = WebConfig(
        database_url=url,
        mode=mode,
        upload_dir=tmp_path / "uploads",
        max_upload_bytes=5 * 1024 * 1024,
        secure_cookies=mode == "server",
    )
    app = create_app(config, db=db)
    try:
        yield Server(app, db, config)
    finally:
        db.close()


@pytest.fixture
def server(db_url: str, tmp_path: Path) -> Iterator[Server]:
    """A server-mode app on SQLite and on PostgreSQL."""
    yield from _make_server(db_url, tmp_path, "server")


@pytest.fixture
def local(sqlite_url: str, tmp_path: Path) -> Iterator[Server]:
    """The embedded default: SQLite, one person signed in automatically."""
    yield from _make_server(sqlite_url, tmp_path, "local")


def sign_up(server: Server, role: str = "athlete", name: str = "") -> Person:
    """Register a new account through the API and return its signed-in client."""
    client = server.client()
    email = f"{role}-{uuid.uuid4().hex[:8]}@example.com"
    answer = client.post(
        "/api/v1/accounts",
        json={"email": email, "password": PASSWORD, "name": name or role.title(), "role": role},
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    client.headers["X-CSRF-Token"] = body["csrf_token"]
    return Person(body["user"]["id"], email, role, client, body["csrf_token"])


def make_admin(server: Server) -> Person:
    """An admin: made on the operator's command line, then signed in through the API."""
    email = f"admin-{uuid.uuid4().hex[:8]}@example.com"
    user = accounts.create_user(server.db, email, PASSWORD, "Admin", "admin")
    client = server.client()
    answer = client.post("/api/v1/session", json={"email": email, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    csrf = answer.json()["csrf_token"]
    client.headers["X-CSRF-Token"] = csrf
    return Person(user.id, email, "admin", client, csrf)


@pytest.fixture
def person(server: Server) -> Callable[..., Person]:
    """``person(role="athlete")``: a new signed-in account on the test server."""

    def make(role: str = "athlete", name: str = "") -> Person:
        return make_admin(server) if role == "admin" else sign_up(server, role, name)

    return make
