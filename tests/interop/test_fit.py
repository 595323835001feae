"""FIT workouts out (checked by two decoders) and FIT activities in, with exact counts."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import fitparse
import pytest
from garmin_fit_sdk import Decoder, Stream

from backcoach.interop.errors import BadFile
from backcoach.interop.fit_activity import parse_fit
from backcoach.interop.fit_workout import session_workouts

from .fit_files import (
    START,
    activity,
    name_number,
    plan_session,
    ride_part,
    strength_part,
    swim_part,
    with_zero_header_crc,
)

NOW = datetime(2026, 11, 25, tzinfo=UTC)
CREATED = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def sdk_steps(data: bytes) -> tuple[dict[str, object], list[dict[str, object]]]:
    assert Decoder(Stream.from_byte_array(bytearray(data))).check_integrity()
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    return messages["workout_mesgs"][0], messages["workout_step_mesgs"]


def fitparse_steps(data: bytes) -> list[dict[str, object]]:
    fit = fitparse.FitFile(io.BytesIO(data), check_crc=True)
    return [{f.name: f.value for f in m.fields} for m in fit.get_messages("workout_step")]


def test_a_strength_session_becomes_a_strength_workout_both_decoders_agree_on() -> None:
    strength, swim = session_workouts(plan_session(), created=CREATED)
    workout, steps = sdk_steps(strength.data)
    assert (workout["sport"], workout["sub_sport"]) == ("training", "strength_training")
    assert workout["num_valid_steps"] == len(steps) == 3 + 3 + 3 + 1
    exercise_steps = [s for s in steps if s.get("duration_type") == "reps"]
    assert [
        (s["exercise_category"], s["exercise_name"], s["duration_value"], s["exercise_weight"])
        for s in exercise_steps
    ] == [
        ("row", name_number("row", "bent_over_row_with_barbell"), 8, 60.0),
        ("pull_up", name_number("pull_up", "weighted_chin_up"), 5, 10.0),
        ("shrug", name_number("shrug", "dumbbell_shrug"), 8, 24.0),
        ("shoulder_press", name_number("shoulder_press", "overhead_dumbbell_press"), 8, 8.5),
    ]
    rests = [s for s in steps if s.get("intensity") == "rest"]
    assert [s["duration_value"] for s in rests] == [90_000, 90_000, 90_000]
    repeats = [s for s in steps if s.get("duration_type") == "repeat_until_steps_cmplt"]
    assert [(s["duration_value"], s["target_value"]) for s in repeats] == [(0, 3), (3, 4), (6, 2)]

    # fitparse resolves the sub-fields by duration type: duration_reps, duration_time, ...
    raw = fitparse_steps(strength.data)
    assert len(raw) == len(steps)
    assert [
        (r["exercise_category"], r["exercise_name"], r["duration_reps"], r["exercise_weight"])
        for r in raw
        if r["duration_type"] == "reps"
    ] == [
        (s["exercise_category"], s["exercise_name"], s["duration_value"], s["exercise_weight"])
        for s in exercise_steps
    ]
    assert [r["duration_time"] for r in raw if r.get("intensity") == "rest"] == [90.0] * 3
    assert [(r["duration_step"], r["repeat_steps"]) for r in raw if "repeat_steps" in r] == [
        (0, 3),
        (3, 4),
        (6, 2),
    ]

    swim_workout, swim_steps = sdk_steps(swim.data)
    assert (swim_workout["sport"], swim_workout["pool_length"]) == ("swimming", 25.0)
    assert [(s["duration_value"], s["target_value"]) for s in swim_steps] == [(1_200_000, 1)]
    swim_raw = fitparse_steps(swim.data)[0]
    assert (swim_raw["duration_time"], swim_raw["target_stroke_type"]) == (1200.0, "backstroke")


def test_a_strength_activity_imports_its_sets_with_the_watch_guesses() -> None:
    parsed = parse_fit(activity(strength_part()), now=NOW)
    (workout,) = parsed.workouts
    assert workout.started_at == START
    assert [(s.exercise, s.reps, s.weight, s.duration_s) for s in workout.sets] == [
        ("Bent Over Row With Barbell", 8, 60.0, 40.0),
        ("Bent Over Row With Barbell", 7, 60.0, 40.0),
        ("Chin Up", 6, None, 40.0),
        ("Bench Press", 10, 50.0, 40.0),
    ]
    assert workout.sets[0].guesses[0] == ("row", "bent_over_row_with_barbell")
    assert [x.reason for x in parsed.skipped] == ["set message 1 is a rest between sets"]


def test_pool_and_open_water_swims_keep_laps_lengths_and_strokes() -> None:
    pool = parse_fit(activity(swim_part(START)), now=NOW).workouts[0].sets[0]
    assert (pool.distance_m, pool.duration_s) == (100.0, 120.0)
    assert pool.swim is not None
    assert (pool.swim.environment, pool.swim.pool_length_m) == ("pool", 25.0)
    assert [len(lap.lengths) for lap in pool.swim.laps] == [2, 2]
    assert [(n.stroke, n.strokes) for n in pool.swim.laps[1].lengths] == [
        ("backstroke", 18),
        ("backstroke", 19),
    ]
    water = parse_fit(activity(swim_part(START, open_water=True)), now=NOW).workouts[0].sets[0]
    assert water.swim is not None
    assert (water.swim.environment, water.swim.pool_length_m) == ("open-water", None)


def test_a_multisport_file_imports_what_it_understands_and_lists_the_rest() -> None:
    ride = START + timedelta(hours=2)
    data = activity(strength_part(), ride_part(ride), swim_part(ride + timedelta(hours=2)))
    parsed = parse_fit(data, now=NOW)
    assert [w.title for w in parsed.workouts] == ["Strength", "Swim"]
    assert parsed.not_understood == ["a cycling session at 2026-03-02 19:00 UTC, 60 min"]


def test_a_zero_header_crc_is_valid() -> None:
    data = with_zero_header_crc(activity(strength_part()))
    assert data[12:14] == b"\x00\x00"
    assert len(parse_fit(data, now=NOW).workouts[0].sets) == 4


def test_truncated_files_and_bad_crcs_are_refused_with_the_reason() -> None:
    data = activity(strength_part())
    with pytest.raises(BadFile, match="cut short"):
        parse_fit(data[:-40], now=NOW)
    damaged = bytearray(data)
    damaged[40] ^= 0xFF
    with pytest.raises(BadFile, match="CRC does not match its contents"):
        parse_fit(bytes(damaged), now=NOW)
    header = bytearray(data)
    header[12] ^= 0x01
    with pytest.raises(BadFile, match="header CRC"):
        parse_fit(bytes(header), now=NOW)
    with pytest.raises(BadFile, match="not a FIT file"):
        parse_fit(b"hello world, this is text", now=NOW)
