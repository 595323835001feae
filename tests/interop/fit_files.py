"""FIT files for the tests, encoded here with the official SDK, and plan sessions to export."""

from __future__ import annotations

import struct
from datetime import UTC, date, datetime, timedelta
from typing import Any

from garmin_fit_sdk import CrcCalculator, Encoder, Profile

from backcoach.planning.prescription import Prescription, Tempo
from backcoach.planning.program import Session

MESG = Profile["mesg_num"]
START = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)


def prescription(
    exercise_id: str,
    variant_id: str | None = None,
    *,
    sets: int = 3,
    reps: tuple[int, int] | None = (8, 12),
    load_kg: float | None = None,
    load_kind: Any = None,
    minutes: float | None = None,
) -> Prescription:
    return Prescription(
        exercise_id=exercise_id,
        variant_id=variant_id,
        name=f"{exercise_id} {variant_id or ''}".strip(),
        scheme="continuous" if minutes else "straight",
        sets=1 if minutes else sets,
        reps_low=None if minutes else reps[0] if reps else None,
        reps_high=None if minutes else reps[1] if reps else None,
        duration_min=minutes,
        rpe=7.0,
        rest_s=90 if not minutes else 0,
        tempo=None if minutes else Tempo(1.0, 1.0, 2.0),
        main_muscles=("rhomboids",),
        target_sets=sets,
        target_rpe=8.0,
        load_kg=load_kg,
        load_kind=load_kind,
    )


def plan_session() -> Session:
    return Session(
        day=date(2026, 3, 4),
        weekday="wed",
        week=1,
        prescriptions=(
            prescription("bent-over-row", load_kg=60.0, load_kind="barbell"),
            prescription(
                "pull-up", "chin-up", sets=4, reps=(5, 8), load_kg=10.0, load_kind="added"
            ),
            prescription(
                "barbell-shrug", "dumbbell-shrug", sets=2, load_kg=24.0, load_kind="dumbbell"
            ),
            prescription("overhead-dumbbell-raise", sets=1, load_kg=8.5, load_kind="dumbbell"),
            prescription("swimming", "backstroke", minutes=20.0),
        ),
    )


def name_number(category: str, name: str) -> int:
    names: dict[int, str] = Profile["types"][f"{category}_exercise_name"]
    return next(k for k, v in names.items() if v == name)


def activity(*parts: list[dict[str, Any]]) -> bytes:
    encoder = Encoder()
    encoder.write_mesg(
        {
            "mesg_num": MESG["FILE_ID"],
            "type": "activity",
            "manufacturer": "garmin",
            "product": 1,
            "serial_number": 1234,
            "time_created": START,
        }
    )
    for part in parts:
        for mesg in part:
            encoder.write_mesg(mesg)
    return bytes(encoder.close())


def strength_part(start: datetime = START) -> list[dict[str, Any]]:
    sets = [
        ("row", "bent_over_row_with_barbell", 8, 60.0, "active"),
        (None, None, None, None, "rest"),
        ("row", "bent_over_row_with_barbell", 7, 60.0, "active"),
        ("pull_up", "chin_up", 6, None, "active"),
        ("bench_press", None, 10, 50.0, "active"),
    ]
    mesgs: list[dict[str, Any]] = []
    at = start
    for i, (category, name, reps, weight, kind) in enumerate(sets):
        mesg: dict[str, Any] = {
            "mesg_num": MESG["SET"],
            "timestamp": at + timedelta(seconds=40),
            "start_time": at,
            "duration": 40.0,
            "set_type": kind,
            "message_index": i,
        }
        if reps is not None:
            mesg["repetitions"] = reps
        if weight is not None:
            mesg["weight"] = weight
        if category is not None:
            mesg["category"] = [category, "row"]
            mesg["category_subtype"] = [name_number(category, name) if name else 65535, 0]
        mesgs.append(mesg)
        at += timedelta(minutes=2)
    mesgs.append(
        {
            "mesg_num": MESG["SESSION"],
            "timestamp": at,
            "start_time": start,
            "sport": "training",
            "sub_sport": "strength_training",
            "total_elapsed_time": (at - start).total_seconds(),
            "total_timer_time": (at - start).total_seconds(),
        }
    )
    return mesgs


def swim_part(start: datetime, *, open_water: bool = False) -> list[dict[str, Any]]:
    mesgs: list[dict[str, Any]] = []
    at = start
    for lap in range(2):
        lap_start = at
        for length in range(2):
            mesgs.append(
                {
                    "mesg_num": MESG["LENGTH"],
                    "timestamp": at + timedelta(seconds=30),
                    "start_time": at,
                    "total_elapsed_time": 30.0,
                    "total_timer_time": 30.0,
                    "total_strokes": 18 + length,
                    "swim_stroke": "freestyle" if lap == 0 else "backstroke",
                    "length_type": "active",
                    "message_index": lap * 2 + length,
                }
            )
            at += timedelta(seconds=30)
        mesgs.append(
            {
                "mesg_num": MESG["LAP"],
                "timestamp": at,
                "start_time": lap_start,
                "total_elapsed_time": 60.0,
                "total_timer_time": 60.0,
                "total_distance": 50.0,
                "message_index": lap,
            }
        )
    mesgs.append(
        {
            "mesg_num": MESG["SESSION"],
            "timestamp": at,
            "start_time": start,
            "sport": "swimming",
            "sub_sport": "open_water" if open_water else "lap_swimming",
            "total_elapsed_time": 120.0,
            "total_timer_time": 120.0,
            "total_distance": 100.0,
            "pool_length": 25.0,
        }
    )
    return mesgs


def ride_part(start: datetime) -> list[dict[str, Any]]:
    return [
        {
            "mesg_num": MESG["SESSION"],
            "timestamp": start + timedelta(hours=1),
            "start_time": start,
            "sport": "cycling",
            "total_elapsed_time": 3600.0,
            "total_timer_time": 3600.0,
        }
    ]


def with_zero_header_crc(data: bytes) -> bytes:
    """The same file with its header CRC set to 0x0000 ("not computed") and the file CRC redone."""
    body = bytearray(data[:-2])
    struct.pack_into("<H", body, 12, 0)
    return bytes(body) + struct.pack("<H", CrcCalculator.calculate_crc(bytes(body), 0, len(body)))
