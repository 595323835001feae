"""Registration, sign-in, sessions and CSRF through the API, on both engines."""

from __future__ import annotations

from collections.abc import Callable

from tests.web.conftest import PASSWORD, Person, Server


def test_registering_signs_in_and_me_shows_the_person(person: Callable[..., Person]) -> None:
    ana = person("athlete", "Ana")
    me = ana.client.get("/api/v1/me")
    assert me.status_code == 200
    assert me.json()["user"]["name"] == "Ana"
    assert me.json()["user"]["role"] == "athlete"
    assert me.json()["csrf_token"] == ana.csrf


def test_the_session_cookie_is_httponly_secure_and_lax(server: Server) -> None:
    client = server.client()
    answer = client.post(
        "/api/v1/accounts", json={"email": "cookie@example.com", "password": PASSWORD}
    )
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "secure" in cookie
    assert "samesite=lax" in cookie


def test_anonymous_callers_are_told_to_sign_in(server: Server) -> None:
    answer = server.client().get("/api/v1/me")
    assert answer.status_code == 401
    assert answer.json()["detail"] == "Sign in first."
    assert answer.headers["www-authenticate"] == "Bearer"


def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(
    server: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    client = server.client()
    wrong = client.post("/api/v1/session", json={"email": ana.email, "password": "nope" * 3})
    unknown = client.post(
        "/api/v1/session", json={"email": "nobody@example.com", "password": PASSWORD}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["detail"] == unknown.json()["detail"]


def test_repeated_failures_lock_sign_in_for_a_while(
    server: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    client = server.client()
    for _ in range(5):
        answer = client.post("/api/v1/session", json={"email": ana.email, "password": "x" * 10})
        assert answer.status_code == 401
    locked = client.post("/api/v1/session", json={"email": ana.email, "password": PASSWORD})
    assert locked.status_code == 429
    assert int(locked.headers["retry-after"]) > 0
    assert "Too many failed sign-ins" in locked.json()["detail"]


def test_a_change_by_cookie_without_the_csrf_token_is_refused(
    person: Callable[..., Person],
) -> None:
    ana = person()
    del ana.client.headers["X-CSRF-Token"]
    answer = ana.client.delete("/api/v1/session")
    assert answer.status_code == 403
    ana.client.headers["X-CSRF-Token"] = "forged-" + ana.csrf[7:]
    assert ana.client.delete("/api/v1/session").status_code == 403
    assert ana.client.get("/api/v1/me").status_code == 200


def test_signing_out_ends_the_session(person: Callable[..., Person]) -> None:
    ana = person()
    cookie = ana.client.cookies.get("backcoach_session")
    assert ana.client.delete("/api/v1/session").status_code == 204
    ana.client.cookies.set("backcoach_session", cookie or "")
    assert ana.client.get("/api/v1/me").status_code == 401


def test_bad_registrations_get_clear_messages(server: Server) -> None:
    client = server.client()
    short = client.post("/api/v1/accounts", json={"email": "a@example.com", "password": "short"})
    assert short.status_code == 422
    assert "too short" in short.json()["detail"]
    bad_email = client.post("/api/v1/accounts", json={"email": "nope", "password": PASSWORD})
    assert bad_email.status_code == 422
    admin = client.post(
        "/api/v1/accounts",
        json={"email": "b@example.com", "password": PASSWORD, "role": "admin"},
    )
    assert admin.status_code == 422
    client.post("/api/v1/accounts", json={"email": "c@example.com", "password": PASSWORD})
    again = server.client().post(
        "/api/v1/accounts", json={"email": "C@example.com", "password": PASSWORD}
    )
    assert again.status_code == 409


def test_malformed_json_is_a_422_not_a_crash(server: Server) -> None:
    answer = server.client().post(
        "/api/v1/session", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert answer.status_code == 422
    assert "not valid" in answer.json()["detail"]


def test_the_local_app_signs_its_person_in_without_a_password(local: Server) -> None:
    client = local.client()
    me = client.get("/api/v1/me")
    assert me.status_code == 200
    assert me.json()["user"]["id"] == "local"
    assert (
        client.post(
            "/api/v1/accounts", json={"email": "x@example.com", "password": PASSWORD}
        ).status_code
        == 422
    )


def test_the_local_app_answers_only_to_local_host_names(local: Server) -> None:
    from fastapi.testclient import TestClient

    stranger = TestClient(local.app, base_url="http://evil.example")
    assert stranger.get("/api/v1/me").status_code == 400
