"""Expired sessions, forged CSRF tokens and other people's ids: clear 4xx, nothing changes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import update

from backcoach.store.tables import WebSessionRow
from backcoach.training.entries import utc_now
from tests.web.api.records import ROW, log_set, stored_state
from tests.web.conftest import Person, Server


def test_an_expired_session_is_told_to_sign_in_and_changes_nothing(
    server: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    log_set(ana.client, id="kept")
    with server.db.session(write=True) as s:
        s.execute(
            update(WebSessionRow)
            .where(WebSessionRow.user_id == ana.id)
            .values(expires_at=utc_now() - timedelta(seconds=1))
        )
    before = stored_state(server.db, ana.id)
    answer = ana.client.post("/api/v1/users/me/sets", json={**ROW, "id": "late"})
    assert answer.status_code == 401
    assert answer.json()["detail"] == "Sign in first."
    assert ana.client.get("/api/v1/users/me/sessions").status_code == 401
    assert stored_state(server.db, ana.id) == before


def test_a_forged_or_missing_csrf_token_is_refused_and_changes_nothing(
    server: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    before = stored_state(server.db, ana.id)
    ana.client.headers["X-CSRF-Token"] = "forged" + ana.csrf[6:]
    forged = ana.client.post("/api/v1/users/me/sets", json=ROW)
    assert forged.status_code == 403
    assert forged.json()["detail"].startswith("The request was refused: its security token")
    assert ana.client.put("/api/v1/users/me/profile", json={}).status_code == 403
    assert ana.client.post("/api/v1/me/tokens", json={"name": "x"}).status_code == 403
    del ana.client.headers["X-CSRF-Token"]
    assert (
        ana.client.post("/api/v1/users/me/pain", json={"score": 9, "region": "neck"}).status_code
        == 403
    )
    assert stored_state(server.db, ana.id) == before
    assert ana.client.get("/api/v1/users/me/sessions").status_code == 200


def test_anothers_ids_in_the_url_are_404s_that_reveal_nothing(
    server: Server, person: Callable[..., Person]
) -> None:
    ana, ben = person(), person()
    log_set(ana.client, id="private")
    before = stored_state(server.db, ana.id)
    for path in ("sessions", "status", "pain", "body-weight", "profile", "plan"):
        answer = ben.client.get(f"/api/v1/users/{ana.id}/{path}")
        assert answer.status_code == 404, path
        assert answer.json()["detail"] == "There is nothing here."
        assert "private" not in answer.text
    nobody = ben.client.get("/api/v1/users/no-such-person/sessions")
    assert nobody.json() == ben.client.get(f"/api/v1/users/{ana.id}/sessions").json()
    wrote = ben.client.post(f"/api/v1/users/{ana.id}/sets", json=ROW)
    assert wrote.status_code == 404
    assert stored_state(server.db, ana.id) == before


def test_a_huge_body_is_refused_before_it_is_read(person: Callable[..., Person]) -> None:
    ana = person()
    answer = ana.client.post(
        "/api/v1/users/me/sets",
        content=b'{"notes": "' + b"x" * (2 * 1024 * 1024) + b'"}',
        headers={"content-type": "application/json"},
    )
    assert answer.status_code == 413
