"""Helpers for API tests: a person's stored state, to prove refused requests changed nothing."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from backcoach import accounts
from backcoach.coaching import _state
from backcoach.services import export_user
from backcoach.store.database import Database
from backcoach.store.repository import LogRepository

ROW = {"exercise": "row", "reps": 8, "load_kg": 60.0, "rpe": 8.0}


def stored_state(db: Database, user_id: str) -> dict[str, Any]:
    """Everything stored about a person: the log export, profile, plan, coaching state, tokens
    and coach links (times of use aside)."""
    log = export_user(db, user_id)
    log.pop("exported_at")
    with db.session() as s:
        repo = LogRepository(s)
        profile = repo.get_profile(user_id)
        plan = repo.active_plan(user_id)
    return {
        "log": log,
        "profile": profile,
        "plan": plan.id if plan else None,
        "coaching": _state(db, user_id),
        "tokens": [(t.id, t.name, t.revoked_at) for t in accounts.api_tokens(db, user_id)],
        "links": [(x.id, x.status) for x in accounts.links_of(db, user_id)],
    }


def log_set(client: TestClient, user: str = "me", **fields: Any) -> dict[str, Any]:
    """Log a set (a barbell row of 8 at 60 kg, RPE 8, unless told otherwise) and return it."""
    answer = client.post(f"/api/v1/users/{user}/sets", json={**ROW, **fields})
    assert answer.status_code == 201, answer.text
    body: dict[str, Any] = answer.json()["set"]
    return body


PROFILE = {
    "start_date": "2026-11-23",
    "equipment": ["barbell", "plates", "dumbbells", "pull-up-bar"],
    "days_per_week": 3,
    "weekdays": ["monday", "wednesday", "friday"],
    "minutes_per_session": 45,
}


def with_plan(client: TestClient) -> dict[str, Any]:
    """Give the caller a profile and a plan; return the plan."""
    assert client.put("/api/v1/users/me/profile", json=PROFILE).status_code == 200
    answer = client.post("/api/v1/users/me/plan")
    assert answer.status_code == 201, answer.text
    plan: dict[str, Any] = answer.json()
    return plan


def accepted_coach(coach_client: TestClient, athlete_client: TestClient, email: str) -> str:
    """The coach invites the athlete, who accepts; the link's id."""
    invited = coach_client.post("/api/v1/me/coach-links", json={"athlete_email": email})
    assert invited.status_code == 201, invited.text
    link_id: str = invited.json()["id"]
    assert athlete_client.post(f"/api/v1/me/coach-links/{link_id}/accept").status_code == 200
    return link_id
