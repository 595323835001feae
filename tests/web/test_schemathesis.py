"""Property-based API testing: schemathesis fuzzes every operation of the OpenAPI schema.

Requests are made in-process (ASGI) as a real, signed-in user with a bearer token, on
SQLite and on PostgreSQL; whatever schemathesis sends, well-formed or not, the answer
must never be a server error. Generation is derandomized, so every run sends the same
requests.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import hypothesis
import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from sqlalchemy import create_engine, text

from backcoach import accounts
from backcoach.store.database import open_database
from backcoach.web.app import create_app
from backcoach.web.config import WebConfig
from tests.conftest import postgres_server_url
from tests.web.api.records import PROFILE, ROW

#: Examples per operation and generation mode: enough to reach the validation and the
#: storage paths of each operation, few enough to run in about a minute on both engines.
EXAMPLES = 12


@dataclass
class Target:
    """The app, a user with a plan and a log, and that user's bearer token."""

    schema: Any
    user_id: str
    token: str


def _postgres_database() -> Iterator[str]:
    server = postgres_server_url()
    name = f"bc_fuzz_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{server.rpartition('/')[0]}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def target(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Target]:
    folder = tmp_path_factory.mktemp("fuzz")
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{folder / 'log.db'}"])
    else:
        urls = _postgres_database()
    url = next(urls)
    db = open_database(url)
    config = WebConfig(
        database_url=url, mode="server", upload_dir=folder / "uploads", max_upload_bytes=1 << 20
    )
    app = create_app(config, db=db)
    user = accounts.register(db, "fuzz@example.com", "correct horse battery", "Fuzz")
    secret = accounts.create_api_token(db, user.id, "fuzz").secret
    client = TestClient(app, base_url="https://testserver")
    client.headers["Authorization"] = f"Bearer {secret}"
    assert client.put("/api/v1/users/me/profile", json=PROFILE).status_code == 200
    assert client.post("/api/v1/users/me/plan").status_code == 201
    assert client.post("/api/v1/users/me/sets", json={**ROW, "id": "fuzz-set"}).status_code == 201
    try:
        yield Target(schemathesis.openapi.from_asgi("/openapi.json", app), user.id, secret)
    finally:
        db.close()
        for _ in urls:  # drops the PostgreSQL database
            pass


def operation_names() -> list[str]:
    """Every operation of the schema, as "METHOD /path", read from a throwaway app."""
    app = create_app(WebConfig(database_url="sqlite://", mode="server"))
    paths = app.openapi()["paths"]
    return [f"{m.upper()} {p}" for p, ops in paths.items() for m in ops]


@pytest.mark.parametrize("name", operation_names())
def test_no_request_makes_the_server_fail(target: Target, name: str) -> None:
    method, path = name.split(" ", 1)
    operation = target.schema[path][method]
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )
    # Half the time the URL names the user (as "me" or by id), so requests get past the
    # access check to the validation and the storage behind it.
    owners = st.sampled_from(["me", target.user_id, None])
    headers = {"Authorization": f"Bearer {target.token}"}

    @hypothesis.settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
    )
    @given(case=cases, owner=owners)
    def check(case: Any, owner: str | None) -> None:
        if owner is not None and "user_id" in (case.path_parameters or {}):
            case.path_parameters["user_id"] = owner
        response = case.call(headers=headers)
        case.validate_response(response, checks=[not_a_server_error], headers=headers)

    check()


def test_the_schema_lists_every_part_of_the_api(tmp_path: Path) -> None:
    tags = {
        tag
        for ops in create_app(WebConfig(database_url="sqlite://", mode="server"))
        .openapi()["paths"]
        .values()
        for op in ops.values()
        for tag in op.get("tags", [])
    }
    assert tags >= {
        "accounts",
        "exercises",
        "profile",
        "plan",
        "sessions",
        "pain",
        "body weight",
        "status",
        "progress",
        "tokens",
        "coaching links",
    }
