"""API tokens, coach links and the admin's list of accounts."""

from __future__ import annotations

from collections.abc import Callable

from tests.web.api.records import accepted_coach, log_set, stored_state
from tests.web.conftest import Person, Server


def test_a_token_is_shown_once_and_works_without_a_cookie_or_csrf(
    server: Server, person: Callable[..., Person]
) -> None:
    ana = person("athlete", "Ana")
    made = ana.client.post("/api/v1/me/tokens", json={"name": "  watch sync "})
    assert made.status_code == 201
    secret = made.json()["secret"]
    assert secret.startswith("bc_")
    assert made.json()["token"]["name"] == "watch sync"
    listed = ana.client.get("/api/v1/me/tokens").json()
    assert [t["name"] for t in listed] == ["watch sync"]
    assert secret not in str(listed)
    script = server.client()
    script.headers["Authorization"] = f"Bearer {secret}"
    assert script.get("/api/v1/me").json()["user"]["name"] == "Ana"
    assert script.get("/api/v1/me").json()["csrf_token"] is None
    stored = log_set(script, id="by-script")
    assert stored["id"] == "by-script"
    used = ana.client.get("/api/v1/me/tokens").json()[0]
    assert used["last_used_at"] is not None


def test_a_revoked_token_is_refused_at_once(server: Server, person: Callable[..., Person]) -> None:
    ana = person()
    made = ana.client.post("/api/v1/me/tokens", json={"name": "old script"}).json()
    script = server.client()
    script.headers["Authorization"] = f"Bearer {made['secret']}"
    assert script.get("/api/v1/users/me/sessions").status_code == 200
    revoked = ana.client.delete(f"/api/v1/me/tokens/{made['token']['id']}")
    assert revoked.status_code == 204
    before = stored_state(server.db, ana.id)
    refused = script.post("/api/v1/users/me/sets", json={"exercise": "row", "reps": 8})
    assert refused.status_code == 401
    assert refused.json()["detail"] == "The API token is unknown or was revoked."
    assert refused.json()["hint"] == "Create a new token and use it."
    assert stored_state(server.db, ana.id) == before
    assert ana.client.get("/api/v1/me/tokens").json()[0]["revoked_at"] is not None


def test_nobody_revokes_anothers_token(server: Server, person: Callable[..., Person]) -> None:
    ana, ben = person(), person()
    token = ana.client.post("/api/v1/me/tokens", json={"name": "x"}).json()["token"]
    answer = ben.client.delete(f"/api/v1/me/tokens/{token['id']}")
    assert answer.status_code == 404
    assert ana.client.get("/api/v1/me/tokens").json()[0]["revoked_at"] is None


def test_a_token_needs_a_name(person: Callable[..., Person]) -> None:
    answer = person().client.post("/api/v1/me/tokens", json={"name": ""})
    assert answer.status_code == 422
    assert "name: String should have at least 1 character" in answer.json()["detail"]


def test_a_coach_sees_an_athlete_only_after_acceptance_and_until_revocation(
    person: Callable[..., Person],
) -> None:
    ana = person("athlete", "Ana")
    cole = person("coach", "Cole")
    log_set(ana.client, id="ana-1")
    sessions = f"/api/v1/users/{ana.id}/sessions"
    assert cole.client.get(sessions).status_code == 404
    invited = cole.client.post("/api/v1/me/coach-links", json={"athlete_email": ana.email})
    assert invited.status_code == 201
    link = invited.json()
    assert (link["status"], link["coach"]["name"], link["athlete"]["name"]) == (
        "invited",
        "Cole",
        "Ana",
    )
    assert cole.client.get(sessions).status_code == 404
    assert [x["id"] for x in ana.client.get("/api/v1/me/coach-links").json()] == [link["id"]]
    accepted = ana.client.post(f"/api/v1/me/coach-links/{link['id']}/accept")
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "accepted"
    page = cole.client.get(sessions)
    assert page.status_code == 200
    assert page.json()["items"][0]["sets"][0]["id"] == "ana-1"
    assert [a["name"] for a in cole.client.get("/api/v1/me/athletes").json()] == ["Ana"]
    assert ana.client.delete(f"/api/v1/me/coach-links/{link['id']}").status_code == 204
    assert cole.client.get(sessions).status_code == 404
    assert cole.client.get("/api/v1/me/athletes").json() == []


def test_an_accepted_coach_reads_but_cannot_change(
    server: Server, person: Callable[..., Person]
) -> None:
    ana, cole = person(), person("coach")
    accepted_coach(cole.client, ana.client, ana.email)
    before = stored_state(server.db, ana.id)
    answer = cole.client.post(
        f"/api/v1/users/{ana.id}/sets", json={"exercise": "row", "reps": 8, "load_kg": 50}
    )
    assert answer.status_code == 403
    assert answer.json()["detail"] == "Coaches can read their athletes' logs but not change them."
    assert stored_state(server.db, ana.id) == before


def test_a_declined_invitation_gives_no_access_and_cannot_be_answered_again(
    person: Callable[..., Person],
) -> None:
    ana, cole = person(), person("coach")
    link = cole.client.post("/api/v1/me/coach-links", json={"athlete_email": ana.email}).json()
    declined = ana.client.post(f"/api/v1/me/coach-links/{link['id']}/decline")
    assert declined.json()["status"] == "declined"
    again = ana.client.post(f"/api/v1/me/coach-links/{link['id']}/accept")
    assert again.status_code == 409
    assert cole.client.get(f"/api/v1/users/{ana.id}/status").status_code == 404


def test_only_the_invited_athlete_can_accept(person: Callable[..., Person]) -> None:
    ana, ben, cole = person(), person(), person("coach")
    link = cole.client.post("/api/v1/me/coach-links", json={"athlete_email": ana.email}).json()
    assert ben.client.post(f"/api/v1/me/coach-links/{link['id']}/accept").status_code == 404
    assert cole.client.post(f"/api/v1/me/coach-links/{link['id']}/accept").status_code == 404
    assert cole.client.get(f"/api/v1/users/{ana.id}/sessions").status_code == 404


def test_athletes_cannot_invite(person: Callable[..., Person]) -> None:
    ana, ben = person(), person()
    answer = ana.client.post("/api/v1/me/coach-links", json={"athlete_email": ben.email})
    assert answer.status_code == 403
    assert answer.json()["detail"] == "Only coaches can invite athletes."


def test_admins_list_every_account_and_others_may_not(person: Callable[..., Person]) -> None:
    ana = person("athlete", "Ana")
    boss = person("admin")
    listed = boss.client.get("/api/v1/users")
    assert listed.status_code == 200
    assert {u["id"] for u in listed.json()} >= {ana.id, boss.id}
    assert ana.client.get("/api/v1/users").status_code == 403


def test_an_admin_asking_for_an_id_nobody_has_gets_a_404(person: Callable[..., Person]) -> None:
    boss = person("admin")
    answer = boss.client.post("/api/v1/users/nobody/pain", json={"score": 1, "region": "neck"})
    assert answer.status_code == 404
    assert boss.client.get("/api/v1/users/nobody/profile").status_code == 404
