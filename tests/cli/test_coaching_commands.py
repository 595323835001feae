"""Profile, plan, today, progression after logging, pain regressions and the red-flag stop."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from .conftest import Run

GYM = "barbell,plates,platform,rack,dumbbells,pull-up-bar,bench"


def monday_weeks_ago(weeks: int) -> date:
    today = date.today()
    return today - timedelta(days=today.weekday()) - timedelta(weeks=weeks)


def set_up_plan(
    run: Run, start: date, weekdays: str = "monday,wednesday,friday"
) -> dict[str, object]:
    result = run(
        "profile", "--equipment", GYM, "--days", "3", "--weekdays", weekdays,
        "--minutes", "45", "--experience", "intermediate", "--weight", "row=50kg",
        "--max-pullups", "8", "--start", start.isoformat(), "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    plan = run("plan", "--new", "--json")
    assert plan.code == 0, plan.err
    data: dict[str, object] = json.loads(plan.out)
    return data


def test_a_profile_from_flags_gives_a_twelve_week_plan_with_every_article_exercise_it_allows(
    run: Run,
) -> None:
    plan = set_up_plan(run, monday_weeks_ago(1))
    weeks = plan["weeks"]
    assert isinstance(weeks, list)
    assert len(weeks) == 12
    chosen = {c["exercise_id"] for c in plan["choices"]}  # type: ignore[attr-defined]
    assert chosen == {"bent-over-row", "pull-up", "barbell-shrug", "overhead-dumbbell-raise"}
    left = {x["exercise_id"] for x in plan["left_out"]}  # type: ignore[attr-defined]
    assert left == {"swimming"}
    shown = run("plan", "--weeks", "2")
    assert "Week by week" in shown.out
    assert "Swimming" in shown.out


def test_today_on_a_training_day_lists_the_session_and_a_rest_day_says_when_next(
    run: Run,
) -> None:
    start = monday_weeks_ago(1)
    set_up_plan(run, start)
    day = json.loads(run("today", "--date", start.isoformat(), "--json").out)
    assert day["exercises"]
    assert {e["exercise_id"] for e in day["exercises"]} >= {"bent-over-row"}
    rest = json.loads(run("today", "--date", (start + timedelta(days=1)).isoformat(), "--json").out)
    assert rest["rest_day"] is True
    assert rest["next_session"] == (start + timedelta(days=2)).isoformat()


def test_topping_the_rep_range_with_reps_to_spare_adds_the_smallest_load_step(run: Run) -> None:
    start = monday_weeks_ago(1)
    set_up_plan(run, start)
    planned = json.loads(run("today", "--date", start.isoformat(), "--json").out)
    row = next(e for e in planned["exercises"] if e["exercise_id"] == "bent-over-row")
    top, load = row["reps_high"], row["load_kg"]
    line = f"{row['sets']}x{top}@{load}kg"
    logged = run("log", "row", line, "--rpe", "7", "--date", f"{start.isoformat()} 18:00")
    assert logged.code == 0, logged.err
    assert f"{load + 2.5:g} kg" in logged.out
    nxt = json.loads(run("today", "--date", (start + timedelta(days=2)).isoformat(), "--json").out)
    row_next = next(e for e in nxt["exercises"] if e["exercise_id"] == "bent-over-row")
    assert row_next["load_kg"] == pytest.approx(load + 2.5)


def test_back_pain_of_four_regresses_the_exercise_and_seven_stops_back_training(run: Run) -> None:
    start = monday_weeks_ago(1)
    set_up_plan(run, start)
    hurt = run("pain", "5", "--region", "lower-back", "--exercise", "row")
    assert hurt.code == 0
    assert "chest-supported row" in hurt.out.lower()
    later = json.loads(
        run("today", "--date", (start + timedelta(days=9)).isoformat(), "--json").out
    )
    rows = [e for e in later["exercises"] if e["exercise_id"] == "bent-over-row"]
    assert rows
    assert rows[0]["variant_id"] == "chest-supported-row"

    stop = run("pain", "8", "--region", "lower-back")
    assert "see a clinician" in stop.out
    stopped = json.loads(run("today", "--json").out)
    assert stopped["stopped"] is not None
    assert stopped["exercises"] == []
    assert run("resume").code == 1
    assert run("resume", "--cleared").code == 0
    assert json.loads(run("today", "--json").out)["stopped"] is None


def test_a_red_flag_symptom_stops_back_training_whatever_the_score(run: Run) -> None:
    set_up_plan(run, monday_weeks_ago(1))
    run("pain", "2", "--region", "lower-back", "--symptom", "tingling")
    assert json.loads(run("today", "--json").out)["stopped"] is not None


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--days", "0"], "days_per_week"),
        (["--minutes", "2"], "minutes_per_session"),
        (["--equipment", "dumbells"], "dumbbells"),
        (["--experience", "expert"], "experience"),
        (["--weight", "row=heavy"], "Cannot read"),
        (["--limitation", "none,low-back"], "contradicts"),
    ],
)
def test_an_impossible_profile_is_explained_and_the_stored_one_is_kept(
    run: Run, args: list[str], says: str
) -> None:
    set_up_plan(run, monday_weeks_ago(1))
    before = run("profile", "--json").out
    result = run("profile", *args)
    assert result.code == 1
    assert says in result.err
    assert "Traceback" not in result.err
    assert run("profile", "--json").out == before


def test_no_equipment_at_all_says_what_to_get_instead_of_an_empty_plan(run: Run) -> None:
    assert run("profile", "--equipment", "bodyweight", "--days", "3").code == 0
    result = run("plan", "--new")
    assert result.code == 1
    assert "pull-up bar" in (result.err + result.out).lower()


def test_too_little_time_for_anything_the_equipment_allows_says_what_would_help(
    run: Run,
) -> None:
    assert run("profile", "--equipment", "pool", "--minutes", "10", "--days", "2").code == 0
    result = run("plan", "--new")
    assert result.code == 1
    assert "longer sessions" in result.err


def test_plan_and_today_without_a_profile_say_how_to_start(run: Run) -> None:
    result = run("plan")
    assert result.code == 1
    assert "backcoach profile" in result.err
    assert "backcoach plan --new" in run("today").err


def test_todays_session_is_trimmed_when_a_muscle_is_in_the_high_zone(run: Run) -> None:
    today = date.today()
    names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    days = ",".join(names[(today.weekday() + k) % 7] for k in (0, 2, 4))
    set_up_plan(run, today, weekdays=days)
    untrimmed = json.loads(run("today", "--json").out)
    assert untrimmed["exercises"]
    assert untrimmed["adjustments"] == []
    for back in range(42, 7, -3):
        day = (today - timedelta(days=back)).isoformat()
        assert run("log", "row", "2x8@40kg", "--rpe", "7", "--date", day).code == 0
    for back in (3, 2, 1):
        day = (today - timedelta(days=back)).isoformat()
        assert run("log", "row", "6x10@60kg", "--rpe", "9", "--date", day).code == 0
    result = json.loads(run("today", "--json").out)
    assert any(w["zone"] == "high" for w in result["warnings"])
    assert result["adjustments"], result
    before = {e["exercise_id"]: e["sets"] for e in untrimmed["exercises"]}
    after = {e["exercise_id"]: e["sets"] for e in result["exercises"]}
    assert sum(after.values()) < sum(before.values())
    shown = run("today")
    assert "times what" in shown.out


def test_the_profile_questions_build_a_profile(run: Run) -> None:
    answers = "\n".join(
        ["novice", "dumbbells, pull-up-bar", "3", "40", "prevention", "painful-shoulder", "0"]
    )
    result = run("profile", answers=answers + "\n")
    assert result.code == 0, result.err
    stored = json.loads(run("profile", "--json").out)
    assert set(stored["equipment"]) == {"dumbbells", "pull-up-bar"}
    assert stored["limitations"] == ["painful-shoulder"]
    assert stored["baselines"]["max_pullups"] == 0
    plan = json.loads(run("plan", "--new", "--json").out)
    left = {x["exercise_id"] for x in plan["left_out"]}
    assert "overhead-dumbbell-raise" in left  # a painful shoulder: no overhead work yet


def test_plan_and_today_show_loads_in_the_persons_unit(run: Run) -> None:
    start = monday_weeks_ago(1)
    set_up_plan(run, start)
    assert run("settings", "--unit", "lb").code == 0
    today = run("today", "--date", start.isoformat())
    assert " lb" in today.out
    assert " kg" not in today.out
    assert " lb" in run("plan", "--weeks", "1").out
