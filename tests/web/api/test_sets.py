"""Logging sets through the API: exact values, idempotent retries, history pages, bad input."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from tests.web.api.records import ROW, log_set, stored_state
from tests.web.conftest import Person, Server


def test_a_logged_set_is_stored_with_exactly_the_values_sent(
    server: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    when = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)
    answer = ana.client.post(
        "/api/v1/users/me/sets",
        json={
            "id": "set-1",
            "exercise": "one-arm-dumbbell-row",
            "reps": 10,
            "load_kg": 22.5,
            "rir": 2,
            "side": "left",
            "kind": "normal",
            "notes": "slow lowering",
            "logged_at": when.isoformat(),
        },
    )
    assert answer.status_code == 201, answer.text
    stored = answer.json()["set"]
    assert {k: v for k, v in stored.items() if k != "session_id"} == {
        "id": "set-1",
        "exercise": "bent-over-row",
        "variant": "one-arm-dumbbell-row",
        "position": 0,
        "kind": "normal",
        "reps": 10,
        "load_kg": 22.5,
        "rpe": None,
        "rir": 2,
        "duration_s": None,
        "distance_m": None,
        "side": "left",
        "notes": "slow lowering",
        "logged_at": when.isoformat().replace("+00:00", "Z"),
    }
    assert answer.json()["progressed"] == []
    exported = stored_state(server.db, ana.id)["log"]["sessions"]
    assert len(exported) == 1
    assert exported[0]["id"] == stored["session_id"]
    assert [s["id"] for s in exported[0]["sets"]] == ["set-1"]
    assert exported[0]["sets"][0]["load_kg"] == 22.5


def test_sets_logged_close_together_share_a_session_in_order(
    person: Callable[..., Person],
) -> None:
    ana = person()
    first = log_set(ana.client, id="a")
    second = log_set(ana.client, id="b", reps=6, load_kg=65.0)
    assert second["session_id"] == first["session_id"]
    assert (first["position"], second["position"]) == (0, 1)


def test_the_same_id_again_returns_the_stored_set_with_200(
    server: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    first = ana.client.post("/api/v1/users/me/sets", json={**ROW, "id": "retry-me"})
    assert first.status_code == 201
    before = stored_state(server.db, ana.id)
    again = ana.client.post("/api/v1/users/me/sets", json={**ROW, "id": "retry-me"})
    assert again.status_code == 200
    assert again.json()["set"] == first.json()["set"]
    assert stored_state(server.db, ana.id) == before


def test_the_same_id_with_other_values_is_a_409_and_changes_nothing(
    server: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    log_set(ana.client, id="mine")
    before = stored_state(server.db, ana.id)
    answer = ana.client.post("/api/v1/users/me/sets", json={**ROW, "id": "mine", "reps": 9})
    assert answer.status_code == 409
    assert answer.json()["detail"] == "A different set with id 'mine' is already stored."
    assert answer.json()["hint"]
    assert stored_state(server.db, ana.id) == before


def test_an_id_someone_else_used_is_a_409_that_reveals_nothing(
    server: Server, person: Callable[..., Person]
) -> None:
    ana, ben = person(), person()
    theirs = log_set(ana.client, id="shared-id")
    before = stored_state(server.db, ben.id)
    answer = ben.client.post("/api/v1/users/me/sets", json={**ROW, "id": "shared-id"})
    assert answer.status_code == 409
    assert theirs["session_id"] not in answer.text
    assert answer.json()["detail"] == "The set id 'shared-id' is already in use."
    assert stored_state(server.db, ben.id) == before


def test_a_swim_is_logged_by_time_and_distance(person: Callable[..., Person]) -> None:
    ana = person()
    swim = log_set(
        ana.client,
        exercise="backstroke",
        reps=None,
        load_kg=None,
        rpe=6.0,
        duration_s=1800.0,
        distance_m=1500.0,
    )
    assert (swim["exercise"], swim["variant"]) == ("swimming", "backstroke")
    assert (swim["duration_s"], swim["distance_m"], swim["reps"]) == (1800.0, 1500.0, None)


def test_history_pages_through_sessions_newest_first(person: Callable[..., Person]) -> None:
    ana = person()
    now = datetime.now(UTC).replace(microsecond=0)
    days = [now - timedelta(days=d) for d in (4, 3, 2, 1, 0)]
    for i, when in enumerate(days):
        log_set(ana.client, id=f"s{i}", logged_at=when.isoformat())
    first = ana.client.get("/api/v1/users/me/sessions", params={"limit": 2}).json()
    assert [s["sets"][0]["id"] for s in first["items"]] == ["s4", "s3"]
    assert (first["offset"], first["limit"], first["next_offset"]) == (0, 2, 2)
    second = ana.client.get("/api/v1/users/me/sessions", params={"limit": 2, "offset": 2}).json()
    assert [s["sets"][0]["id"] for s in second["items"]] == ["s2", "s1"]
    last = ana.client.get("/api/v1/users/me/sessions", params={"limit": 2, "offset": 4}).json()
    assert [s["sets"][0]["id"] for s in last["items"]] == ["s0"]
    assert last["next_offset"] is None
    recent = ana.client.get("/api/v1/users/me/sessions", params={"days": 2}).json()
    assert [s["sets"][0]["id"] for s in recent["items"]] == ["s4", "s3"]


def test_history_can_keep_one_exercise(person: Callable[..., Person]) -> None:
    ana = person()
    log_set(ana.client, id="r1")
    log_set(ana.client, id="p1", exercise="pull-up", reps=5, load_kg=None)
    page = ana.client.get("/api/v1/users/me/sessions", params={"exercise": "pullups"}).json()
    assert [[s["id"] for s in x["sets"]] for x in page["items"]] == [["p1"]]


BAD_SETS = [
    ({"reps": "many"}, 422, "reps: Input should be a valid integer"),
    ({"reps": 101}, 422, "101 reps is outside 0-100."),
    ({"reps": -1}, 422, "-1 reps is outside 0-100."),
    ({"load_kg": 5000}, 422, "A load of 5000 kg is not possible"),
    ({"rpe": 11}, 422, "RPE 11 is outside 1-10."),
    ({"rpe": 7.3}, 422, "RPE 7.3 is finer than half points."),
    ({"rir": 2}, 422, "Both RPE and reps in reserve were given."),
    ({"exercise": "deadlift"}, 422, "Unknown exercise 'deadlift'."),
    ({"variant": "chin-up"}, 422, "Unknown variant"),
    ({"color": "red"}, 422, "color: Extra inputs are not permitted"),
    ({"side": "middle"}, 422, "side: Input should be 'both', 'left' or 'right'"),
    ({"reps": None}, 400, "Barbell bent-over row is logged in reps."),
    ({"id": " padded "}, 422, "' padded ' cannot be used as an id."),
    ({"logged_at": "2026-11-20T10:00:00"}, 422, "The set's time has no time zone."),
    ({"logged_at": "1999-12-31T23:00:00Z"}, 422, "is not a time this log can hold"),
    ({"logged_at": "2999-01-01T00:00:00Z"}, 422, "is not a time this log can hold"),
]


@pytest.mark.parametrize(("change", "status", "message"), BAD_SETS)
def test_a_bad_set_is_refused_with_a_message_and_a_hint_and_nothing_changes(
    server: Server,
    person: Callable[..., Person],
    change: dict[str, object],
    status: int,
    message: str,
) -> None:
    ana = person()
    log_set(ana.client, id="before")
    before = stored_state(server.db, ana.id)
    answer = ana.client.post("/api/v1/users/me/sets", json={**ROW, "id": "new", **change})
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert message in body["detail"]
    assert body["hint"]
    assert body["status"] == status
    assert stored_state(server.db, ana.id) == before


@pytest.mark.parametrize(
    "raw",
    [b"{not json", b"[1, 2]", b"", b'"row 3x8"', b'{"exercise": "row", "reps": 8,}'],
)
def test_malformed_json_is_a_422_and_nothing_changes(
    server: Server, person: Callable[..., Person], raw: bytes
) -> None:
    ana = person()
    before = stored_state(server.db, ana.id)
    answer = ana.client.post(
        "/api/v1/users/me/sets", content=raw, headers={"content-type": "application/json"}
    )
    assert answer.status_code == 422
    assert answer.json()["detail"].startswith("The request is not valid")
    assert answer.json()["hint"] == "Check the fields against the API documentation at /docs."
    assert stored_state(server.db, ana.id) == before
