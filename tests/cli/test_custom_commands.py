"""``backcoach custom``, and history and status with exercises of the person's own."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from .conftest import Run

HEADER = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"  # noqa: E501
GYM = "barbell,plates,platform,rack,dumbbells,pull-up-bar,bench"


def pull_day(day: date) -> list[str]:
    """Rows, face pulls and band pull-apart in a 40-minute workout at 18:00 local time."""
    at = f"{day:%Y-%m-%d} 18:00:00"
    return [
        f'{at},"Pull",40m,"Bent Over Row (Barbell)",1,50,8,0,0,"",,8',
        f'{at},"Pull",40m,"Bent Over Row (Barbell)",2,50,8,0,0,"",,8',
        f'{at},"Pull",40m,"Face Pull",1,20,12,0,0,"",,8',
        f'{at},"Pull",40m,"Face Pull",2,20,12,0,0,"",,8',
        f'{at},"Pull",40m,"Face Pull",3,20,12,0,0,"",,8',
        f'{at},"Pull",40m,"Band Pull-Apart",1,0,20,0,0,"",,7',
    ]


@pytest.fixture
def imported(run: Run, tmp_path: Path) -> date:
    """Two pull days, three days apart, the last one yesterday; returns yesterday."""
    yesterday = date.today() - timedelta(days=1)
    rows = pull_day(yesterday - timedelta(days=3)) + pull_day(yesterday)
    path = tmp_path / "strong.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    result = run("import", str(path), "--unit", "kg", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["custom_sets"] == 8
    return yesterday


def listed(run: Run) -> dict[str, dict[str, object]]:
    result = run("custom", "--json")
    assert result.code == 0, result.err
    return {x["name"]: x for x in json.loads(result.out)}


def test_custom_lists_your_own_exercises_with_how_to_set_their_muscles(
    run: Run, imported: date
) -> None:
    result = run("custom")
    assert result.code == 0, result.err
    assert "Band Pull-Apart" in result.out
    assert "Face Pull" in result.out
    assert "not set: counts in your training load only" in result.out
    assert 'backcoach custom "NAME" --muscles' in result.out
    data = listed(run)
    assert data["Face Pull"]["sets"] == 6
    assert data["Face Pull"]["muscles"] == []
    last = datetime.fromisoformat(str(data["Face Pull"]["last_done"]))
    assert last.astimezone().date() == imported


def test_custom_sets_muscles_with_forgiving_names_and_scaled_shares(
    run: Run, imported: date
) -> None:
    result = run("custom", "face pull", "--muscles", "Rear Delts=5, mid traps=3, rhomboids=2")
    assert result.code == 0, result.err
    assert "Face Pull: Rear deltoid 50%, Middle trapezius 30%, Rhomboids 20%." in result.out
    assert listed(run)["Face Pull"]["muscles"] == [
        {"id": "rear-deltoid", "name": "Rear deltoid", "share": 0.5},
        {"id": "trapezius-middle", "name": "Middle trapezius", "share": 0.3},
        {"id": "rhomboids", "name": "Rhomboids", "share": 0.2},
    ]
    one = json.loads(run("custom", "FACE-PULL", "--json").out)
    assert [x["name"] for x in one] == ["Face Pull"]


def test_an_unknown_muscle_is_refused_with_a_did_you_mean_and_nothing_changes(
    run: Run, imported: date
) -> None:
    result = run("custom", "Face Pull", "--muscles", "rhomboidz=0.5,rear-deltoid=0.5")
    assert result.code == 1
    assert "Unknown muscle 'rhomboidz'." in result.err
    assert "Did you mean 'rhomboids'?" in result.err
    assert listed(run)["Face Pull"]["muscles"] == []


@pytest.mark.parametrize("share", ["-0.2", "0"])
def test_a_share_not_above_zero_is_refused_with_a_hint_and_nothing_changes(
    run: Run, imported: date, share: str
) -> None:
    result = run("custom", "Face Pull", "--muscles", f"rhomboids={share},rear-deltoid=0.5")
    assert result.code == 1
    assert f"The share of Rhomboids is {share}: a share must be more than zero." in result.err
    assert "Leave out a muscle the exercise does not work" in result.err
    assert "Traceback" not in result.err
    assert listed(run)["Face Pull"]["muscles"] == []


def test_an_unknown_exercise_of_your_own_gets_a_did_you_mean(run: Run, imported: date) -> None:
    result = run("custom", "Face Pul", "--muscles", "rhomboids=1")
    assert result.code == 1
    assert "Unknown exercise of your own 'Face Pul'." in result.err
    assert "Did you mean 'Face Pull'?" in result.err


def test_muscles_without_an_exercise_say_which_is_needed(run: Run, imported: date) -> None:
    result = run("custom", "--muscles", "rhomboids=1")
    assert result.code == 1
    assert "--muscles needs the exercise it is for." in result.err


def test_with_no_exercises_of_your_own_the_list_says_where_they_come_from(run: Run) -> None:
    result = run("custom")
    assert result.code == 0
    assert "No exercises of your own yet" in result.out


def test_history_shows_custom_sets_by_their_own_names(run: Run, imported: date) -> None:
    shown = run("history")
    assert shown.code == 0, shown.err
    assert shown.out.count("Face Pull") == 2
    assert shown.out.count("Band Pull-Apart") == 2
    assert shown.out.count("Barbell bent-over row") == 2
    data = json.loads(run("history", "--json").out)
    assert [len(x["custom_sets"]) for x in data] == [4, 4]
    assert [s["exercise_name"] for s in data[0]["custom_sets"]] == [
        "Face Pull",
        "Face Pull",
        "Face Pull",
        "Band Pull-Apart",
    ]


def test_status_says_once_which_of_your_exercises_have_no_muscles(run: Run, imported: date) -> None:
    shown = run("status")
    assert shown.code == 0, shown.err
    text = " ".join(shown.out.split())
    assert text.count("exercises of your own have no muscles set") == 1
    assert "(Band Pull-Apart, Face Pull)" in text
    assert "backcoach custom" in text
    run("custom", "Face Pull", "--muscles", "rear-deltoid=0.5,trapezius-middle=0.3,rhomboids=0.2")
    data = json.loads(run("status", "--json").out)
    assert data["notes"] == [
        "1 exercise of your own has no muscles set (Band Pull-Apart): "
        "it counts in your training load but not for any muscle."
    ]


def test_status_credits_a_custom_exercises_hard_sets_to_its_muscles(
    run: Run, imported: date
) -> None:
    before = json.loads(run("status", "--json").out)["muscles"]["rear-deltoid"]["week_hard_sets"]
    run("custom", "Face Pull", "--muscles", "rear-deltoid=0.5,trapezius-middle=0.3,rhomboids=0.2")
    after = json.loads(run("status", "--json").out)["muscles"]["rear-deltoid"]["week_hard_sets"]
    # two days of three face pulls, half of each set to the rear deltoid
    assert after == pytest.approx(before + 3.0, abs=0.05)


def test_the_planner_and_progression_work_beside_custom_sets(run: Run, imported: date) -> None:
    today = date.today()
    run("custom", "Face Pull", "--muscles", "rear-deltoid=0.5,rhomboids=0.5")
    result = run(
        "profile", "--equipment", GYM, "--days", "3", "--weekdays", "monday,wednesday,friday",
        "--minutes", "45", "--experience", "intermediate", "--weight", "row=50kg",
        "--max-pullups", "8", "--start", (today - timedelta(days=today.weekday())).isoformat(),
        "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    plan = run("plan", "--new", "--json")
    assert plan.code == 0, plan.err
    day = run("today", "--json")
    assert day.code == 0, day.err
    logged = run("log", "row", "3x8@50kg", "--rpe", "8")
    assert logged.code == 0, logged.err
