"""The embedded app: one person, signed in automatically, and the same API."""

from __future__ import annotations

from tests.web.api.records import ROW
from tests.web.conftest import Server


def test_the_local_person_logs_a_set_with_the_csrf_token_from_me(local: Server) -> None:
    client = local.client()
    me = client.get("/api/v1/me")
    assert me.status_code == 200
    assert me.json()["user"]["id"] == "local"
    refused = client.post("/api/v1/users/me/sets", json={**ROW, "id": "l1"})
    assert refused.status_code == 403
    client.headers["X-CSRF-Token"] = me.json()["csrf_token"]
    answer = client.post("/api/v1/users/me/sets", json={**ROW, "id": "l1"})
    assert answer.status_code == 201, answer.text
    assert answer.json()["set"]["exercise"] == "bent-over-row"
    page = client.get("/api/v1/users/local/sessions").json()
    assert [s["id"] for s in page["items"][0]["sets"]] == ["l1"]


def test_the_local_app_has_no_registration(local: Server) -> None:
    answer = local.client().post(
        "/api/v1/accounts", json={"email": "x@example.com", "password": "long enough pw"}
    )
    assert answer.status_code == 422
    assert answer.json()["detail"] == "The local app has a single person and no accounts."
