"""Entries refuse values that cannot be right, before anything is stored."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from backcoach.training.entries import BodyWeight, InvalidEntry, PainEntry, SetEntry
from backcoach.training.units import Unit, format_load, from_kg, to_kg

NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)


def make_set(**changes: object) -> SetEntry:
    values: dict[str, object] = {
        "id": "s1",
        "session_id": "w1",
        "exercise_id": "bent-over-row",
        "position": 0,
        "reps": 8,
        "load_kg": 60.0,
        "logged_at": NOW,
    }
    values.update(changes)
    return SetEntry(**values)  # type: ignore[arg-type]


def test_a_plain_set_is_accepted() -> None:
    assert make_set().reps == 8


@pytest.mark.parametrize(
    "changes",
    [
        {"reps": -1},
        {"reps": 101},
        {"load_kg": -5.0},
        {"load_kg": 900.0},
        {"load_kg": float("nan")},
        {"rpe": 0.0},
        {"rpe": 11.0},
        {"rpe": 7.3},
        {"rir": -1},
        {"rir": 11},
        {"rpe": 8.0, "rir": 2},
        {"reps": None},
        {"id": ""},
        {"id": "x" * 65},
        {"logged_at": datetime(2026, 11, 24, 18, 0)},
        {"notes": "x" * 5000},
        {"duration_s": 0.0, "reps": None},
        {"distance_m": 1e9, "reps": None},
    ],
)
def test_impossible_values_are_refused_with_a_hint(changes: dict[str, object]) -> None:
    with pytest.raises(InvalidEntry) as err:
        make_set(**changes)
    assert err.value.hint


def test_a_retry_is_the_same_record_whenever_it_arrives() -> None:
    first = make_set()
    again = make_set(logged_at=datetime(2026, 11, 24, 18, 5, tzinfo=UTC))
    assert first.same_record(again)
    assert not first.same_record(make_set(reps=9))


@pytest.mark.parametrize("score", [-1, 11])
def test_pain_is_rated_zero_to_ten(score: int) -> None:
    with pytest.raises(InvalidEntry):
        PainEntry(id="p", user_id="u", score=score, region="lower-back", felt_at=NOW)


@pytest.mark.parametrize("kg", [5.0, 1000.0])
def test_body_weight_must_be_plausible(kg: float) -> None:
    with pytest.raises(InvalidEntry):
        BodyWeight(id="b", user_id="u", weight_kg=kg, measured_at=NOW)


def test_pounds_convert_exactly_and_show_in_the_users_unit() -> None:
    assert to_kg(100, Unit.LB) == pytest.approx(45.359237)
    assert from_kg(to_kg(135, Unit.LB), Unit.LB) == pytest.approx(135)
    assert format_load(60, Unit.KG) == "60 kg"
    assert format_load(to_kg(135, Unit.LB), Unit.LB) == "135 lb"
    assert format_load(None, Unit.KG) == "bodyweight"
