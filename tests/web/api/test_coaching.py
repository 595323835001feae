"""Profile, plan, today's session, pain, body weight and the strain monitor through the API."""

from __future__ import annotations

from collections.abc import Callable

from tests.web.api.records import PROFILE, log_set, stored_state, with_plan
from tests.web.conftest import Person, Server


def test_a_profile_is_stored_and_read_back_with_its_defaults(
    person: Callable[..., Person],
) -> None:
    ana = person()
    assert ana.client.get("/api/v1/users/me/profile").status_code == 404
    put = ana.client.put(
        "/api/v1/users/me/profile",
        json={**PROFILE, "equipment": ["Dumbbells", "pull up bar"], "limitations": ["shoulder"]},
    )
    assert put.status_code == 200, put.text
    got = ana.client.get(f"/api/v1/users/{ana.id}/profile")
    assert got.status_code == 200
    assert got.json() == put.json()
    assert got.json() == {
        "start_date": "2026-11-23",
        "experience": "novice",
        "equipment": ["dumbbells", "pull-up-bar"],
        "barbell_increment_kg": 2.5,
        "dumbbell_step_kg": 2.0,
        "days_per_week": 3,
        "weekdays": ["monday", "wednesday", "friday"],
        "minutes_per_session": 45,
        "goal": "prevention",
        "limitations": ["painful-shoulder"],
        "baselines": {"max_pullups": None, "working_weights_kg": {}, "body_weight_kg": None},
        "weeks": 12,
        "deload_every": 4,
    }


def test_an_impossible_profile_is_a_422_saying_what_to_change(
    server: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    before = stored_state(server.db, ana.id)
    answer = ana.client.put(
        "/api/v1/users/me/profile", json={**PROFILE, "days_per_week": 1, "weekdays": None}
    )
    assert answer.status_code == 422
    assert "days_per_week" in answer.json()["detail"]
    assert "train at least 2 days a week" in answer.json()["detail"]
    unknown = ana.client.put("/api/v1/users/me/profile", json={**PROFILE, "equipment": ["sled"]})
    assert unknown.status_code == 422
    assert "Unknown equipment 'sled'" in unknown.json()["detail"]
    assert stored_state(server.db, ana.id) == before


def test_a_plan_is_made_from_the_profile_and_read_back(person: Callable[..., Person]) -> None:
    ana = person()
    made = with_plan(ana.client)
    assert made["profile"]["equipment"] == ["barbell", "dumbbells", "plates", "pull-up-bar"]
    assert len(made["weeks"]) == 12
    assert [w["deload"] for w in made["weeks"][:4]] == [False, False, False, True]
    first = made["weeks"][0]["sessions"][0]
    assert (first["day"], first["weekday"]) == ("2026-11-23", "monday")
    assert ana.client.get("/api/v1/users/me/plan").json() == made


def test_a_plan_needs_a_profile_first(server: Server, person: Callable[..., Person]) -> None:
    ana = person()
    assert ana.client.get("/api/v1/users/me/plan").status_code == 404
    answer = ana.client.post("/api/v1/users/me/plan")
    assert answer.status_code == 409
    assert answer.json()["detail"] == "You have no training profile yet."
    assert answer.json()["hint"] == "Create a profile first with PUT /api/v1/users/me/profile."


def test_today_is_the_plans_session_of_the_day(person: Callable[..., Person]) -> None:
    ana = person()
    plan = with_plan(ana.client)
    answer = ana.client.get("/api/v1/users/me/today", params={"day": "2026-11-23"})
    assert answer.status_code == 200, answer.text
    today = answer.json()
    planned = plan["weeks"][0]["sessions"][0]
    assert today["date"] == "2026-11-23"
    assert today["rest_day"] is False
    assert today["stopped"] is None
    assert today["next_session"] == "2026-11-25"
    assert [p["exercise_id"] for p in today["exercises"]] == [
        p["exercise_id"] for p in planned["prescriptions"]
    ]
    assert today["adjustments"] == []
    assert today["warnings"] == []
    rest = ana.client.get("/api/v1/users/me/today", params={"day": "2026-11-24"}).json()
    assert (rest["rest_day"], rest["exercises"], rest["next_session"]) == (
        True,
        [],
        "2026-11-25",
    )


def test_today_without_a_plan_says_how_to_make_one(person: Callable[..., Person]) -> None:
    answer = person().client.get("/api/v1/users/me/today")
    assert answer.status_code == 409
    assert answer.json()["detail"] == "You have no plan yet."
    assert answer.json()["hint"] == "Make a plan first with POST /api/v1/users/me/plan."


def test_a_far_day_or_an_unknown_time_zone_is_a_422(person: Callable[..., Person]) -> None:
    ana = person()
    with_plan(ana.client)
    far = ana.client.get("/api/v1/users/me/today", params={"day": "9999-12-31"})
    assert far.status_code == 422
    assert far.json()["detail"] == "9999-12-31 is too far from today."
    zone = ana.client.get("/api/v1/users/me/status", params={"tz": "Mars/Olympus"})
    assert zone.status_code == 422
    assert zone.json()["detail"] == "'Mars/Olympus' is not a time zone."


def test_severe_pain_stops_back_training_like_the_cli(
    server: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    with_plan(ana.client)
    answer = ana.client.post(
        "/api/v1/users/me/pain",
        json={"score": 8, "region": "lower back", "notes": "sharp", "symptoms": ["tingling"]},
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert {k: v for k, v in body["pain"].items() if k not in ("id", "felt_at")} == {
        "score": 8,
        "region": "lower-back",
        "exercise": None,
        "notes": "sharp",
        "symptoms": ["tingling"],
    }
    reason = body["stopped"]["reason"]
    assert reason.startswith("You reported tingling: that can be a sign of something")
    assert "see a clinician" in reason
    assert all(p["see_clinician"] and p["next"] is None for p in body["progressed"])
    today = ana.client.get("/api/v1/users/me/today", params={"day": "2026-11-23"}).json()
    assert today["stopped"] == {"reason": reason}
    assert today["exercises"] == []
    listed = ana.client.get("/api/v1/users/me/pain").json()
    assert [p["id"] for p in listed] == [body["pain"]["id"]]
    assert stored_state(server.db, ana.id)["log"]["pain"][0]["symptoms"] == ["tingling"]


def test_mild_pain_is_recorded_without_a_stop(person: Callable[..., Person]) -> None:
    ana = person()
    answer = ana.client.post(
        "/api/v1/users/me/pain", json={"score": 2, "region": "neck", "exercise": "shrug"}
    )
    assert answer.status_code == 201
    assert answer.json()["pain"]["exercise"] == "barbell-shrug"
    assert (answer.json()["progressed"], answer.json()["stopped"]) == ([], None)


def test_bad_pain_reports_are_refused_and_nothing_changes(
    server: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    before = stored_state(server.db, ana.id)
    cases = [
        ({"score": 11, "region": "neck"}, "Pain 11 is outside 0-10."),
        ({"score": 3, "region": "elbow"}, "Unknown body region 'elbow'."),
        ({"score": 3, "region": "neck", "symptoms": ["itch"]}, "symptoms.0: Input should be"),
        ({"score": "bad", "region": "neck"}, "score: Input should be a valid integer"),
        ({"region": "neck"}, "score: Field required"),
    ]
    for body, message in cases:
        answer = ana.client.post("/api/v1/users/me/pain", json=body)
        assert answer.status_code == 422, (body, answer.text)
        assert message in answer.json()["detail"]
        assert answer.json()["hint"]
    assert stored_state(server.db, ana.id) == before


def test_body_weight_is_recorded_and_listed_newest_first(
    server: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    first = ana.client.post(
        "/api/v1/users/me/body-weight",
        json={"weight_kg": 71.5, "measured_at": "2026-11-01T07:00:00Z"},
    )
    assert first.status_code == 201
    assert first.json()["weight_kg"] == 71.5
    assert first.json()["measured_at"] == "2026-11-01T07:00:00Z"
    ana.client.post("/api/v1/users/me/body-weight", json={"weight_kg": 70.0})
    listed = ana.client.get("/api/v1/users/me/body-weight").json()
    assert [w["weight_kg"] for w in listed] == [70.0, 71.5]
    before = stored_state(server.db, ana.id)
    wrong = ana.client.post("/api/v1/users/me/body-weight", json={"weight_kg": 7000})
    assert wrong.status_code == 422
    assert wrong.json()["detail"] == "A body weight of 7000 kg is not plausible."
    assert stored_state(server.db, ana.id) == before


def test_status_gives_ratios_zones_and_warnings_per_muscle(person: Callable[..., Person]) -> None:
    ana = person()
    empty = ana.client.get("/api/v1/users/me/status").json()
    assert empty["warnings"] == []
    assert empty["overall"] == {"acute": 0.0, "chronic": 0.0, "ratio": None, "zone": None}
    log_set(ana.client)
    status = ana.client.get("/api/v1/users/me/status").json()
    assert len(status["muscles"]) == 12
    lats = status["muscles"]["latissimus-dorsi"]
    assert lats == {
        "name": "Latissimus dorsi",
        "ratio": None,
        "zone": None,
        "week_hard_sets": 0.2,
        "today_hard_sets": 0.2,
    }
    assert status["warnings"][0] == {
        "kind": "first-exposure",
        "severity": "caution",
        "message": "First barbell bent-over row: start light.",
        "muscle": None,
        "ratio": None,
        "zone": None,
    }


def test_logging_against_a_plan_runs_progression(person: Callable[..., Person]) -> None:
    ana = person()
    with_plan(ana.client)
    answer = ana.client.post(
        "/api/v1/users/me/sets",
        json={"id": "w1", "exercise": "overhead raise", "reps": 15, "load_kg": 4.0, "rpe": 6.0},
    )
    assert answer.status_code == 201, answer.text
    progressed = answer.json()["progressed"]
    assert [p["exercise"] for p in progressed] == ["overhead-dumbbell-raise"]
    assert progressed[0]["next"]["exercise_id"] == "overhead-dumbbell-raise"
    assert progressed[0]["reason"]


def test_progress_gives_the_estimated_1rm_series_for_charts(person: Callable[..., Person]) -> None:
    from datetime import datetime

    ana = person()
    log_set(ana.client, id="p1", reps=8, load_kg=60.0)
    log_set(ana.client, id="p2", reps=5, load_kg=66.0)
    answer = ana.client.get("/api/v1/users/me/progress", params={"days": 30})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    today = datetime.now().astimezone().date().isoformat()
    assert body["end"] == today
    rows = {s["key"]: s for s in body["e1rm"]}
    # Epley: 60 x (1 + 8/30) = 76.0 and 66 x (1 + 5/30) = 77.0, the day's best.
    assert rows["bent-over-row"]["points"] == [{"day": today, "value": 77.0}]
    assert rows["bent-over-row"]["unit"] == "kg"
    assert [z["zone"] for z in body["acwr_zones"]] == ["low", "sweet-spot", "caution", "high"]
    too_long = ana.client.get("/api/v1/users/me/progress", params={"days": 5000})
    assert too_long.status_code == 422
