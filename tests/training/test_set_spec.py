"""The one-line set notation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcoach.training.set_spec import InvalidSetSpec, parse_set_spec
from backcoach.training.units import Unit, UnknownUnit


def test_sets_by_reps_at_a_load_in_kilograms() -> None:
    spec = parse_set_spec("3x8@60kg")
    assert spec.reps == (8, 8, 8)
    assert spec.load == 60.0
    assert spec.unit is Unit.KG
    assert spec.set_count == 3


def test_spaces_capitals_and_pounds_are_understood() -> None:
    spec = parse_set_spec(" 4 X 10 @ 135 LBS ")
    assert spec.reps == (10, 10, 10, 10)
    assert (spec.load, spec.unit) == (135.0, Unit.LB)


def test_a_list_of_reps_gives_one_set_each_and_no_unit_means_the_users_unit() -> None:
    spec = parse_set_spec("8,8,6@62.5")
    assert spec.reps == (8, 8, 6)
    assert (spec.load, spec.unit) == (62.5, None)


@pytest.mark.parametrize("text", ["3x15", "15", "3x15@bw", "5@bodyweight"])
def test_bodyweight_sets_have_no_load(text: str) -> None:
    spec = parse_set_spec(text)
    assert spec.load is None
    assert spec.reps


@pytest.mark.parametrize(
    ("text", "duration", "distance"),
    [
        ("30min", 1800.0, None),
        ("1500m", None, 1500.0),
        ("1500m/30min", 1800.0, 1500.0),
        ("1.5km in 40 min", 2400.0, 1500.0),
        ("1h", 3600.0, None),
    ],
)
def test_swims_are_read_as_time_and_distance(
    text: str, duration: float | None, distance: float | None
) -> None:
    spec = parse_set_spec(text)
    assert (spec.duration_s, spec.distance_m, spec.reps) == (duration, distance, ())
    assert spec.set_count == 1


@pytest.mark.parametrize(
    "text",
    [
        "",
        "x",
        "3x",
        "x8",
        "3x8@",
        "3x8@kg",
        "-3x8",
        "3x8@-60kg",
        "0x8",
        "21x5",
        "three by eight",
        "3x8@60kg@70kg",
        "30min/40min",
    ],
)
def test_malformed_lines_are_refused_with_examples(text: str) -> None:
    with pytest.raises(InvalidSetSpec) as err:
        parse_set_spec(text)
    assert "3x8@60kg" in err.value.hint


def test_an_unknown_unit_names_the_units_that_work() -> None:
    with pytest.raises(UnknownUnit) as err:
        parse_set_spec("3x8@60stone")
    assert "kg or lb" in err.value.hint


@given(
    sets=st.integers(1, 20),
    reps=st.integers(0, 100),
    load=st.decimals(min_value=0, max_value=500, places=2).map(float),
    unit=st.sampled_from(["kg", "lb", "KG", "lbs"]),
)
def test_any_well_formed_line_reads_back_its_numbers(
    sets: int, reps: int, load: float, unit: str
) -> None:
    spec = parse_set_spec(f"{sets}x{reps}@{load}{unit}")
    assert spec.reps == (reps,) * sets
    assert spec.load == pytest.approx(load)
