"""Plan sessions as FIT workout files for a Garmin watch.

A strength session becomes a ``workout`` (sport ``training``, sub-sport
``strength_training``) whose steps follow Garmin Connect's strength workouts: for each
exercise, a step for one set (``duration_type`` ``reps``, the target reps in
``duration_value``, ``exercise_category``/``exercise_name`` from the FIT profile and
``exercise_weight`` in kg), a rest step timed in ``duration_value`` (milliseconds), and a
``repeat_until_steps_cmplt`` step that sends the watch back for the remaining sets
(``target_value`` = the number of sets). Swims become a swim workout (sport ``swimming``,
sub-sport ``lap_swimming``, ``pool_length``) with a timed step per swim and the stroke
as target. Message and field names are the FIT profile's (Garmin FIT SDK, Profile.xlsx).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from garmin_fit_sdk import Encoder, Profile

from backcoach.interop.fit_profile import EXPORT, STROKE_OF_VARIANT
from backcoach.planning.prescription import Prescription
from backcoach.planning.program import Session

_MESG = Profile["mesg_num"]
#: A made-up manufacturer would be refused by some watches; "development" is the profile's.
MANUFACTURER = "development"
#: Garmin Connect caps workout names around this length.
NAME_LENGTH = 40


@dataclass(frozen=True, slots=True)
class FitWorkout:
    """One FIT workout file: a name for the file and its bytes."""

    name: str
    sport: str
    data: bytes


def _name_number(category: str, name: str) -> int:
    names: dict[int, str] = Profile["types"][f"{category}_exercise_name"]
    return next(k for k, v in names.items() if v == name)


def _file_id(created: datetime) -> dict[str, Any]:
    return {
        "mesg_num": _MESG["FILE_ID"],
        "type": "workout",
        "manufacturer": MANUFACTURER,
        "product": 0,
        "serial_number": 1,
        "time_created": created,
    }


def _strength_steps(prescriptions: list[Prescription]) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = []
    for p in prescriptions:
        category, name, weighted = EXPORT.get(
            (p.exercise_id, p.variant_id), EXPORT.get((p.exercise_id, None), ("unknown", "", ""))
        )
        reps = p.reps_low or p.reps_high or 1
        step: dict[str, Any] = {
            "mesg_num": _MESG["WORKOUT_STEP"],
            "message_index": len(steps),
            "wkt_step_name": p.name[:NAME_LENGTH],
            "duration_type": "reps",
            "duration_value": reps,
            "target_type": "open",
            "intensity": "active",
            "notes": f"{p.reps_low}-{p.reps_high} reps at RPE {p.rpe:g}",
            "exercise_category": category,
        }
        if category != "unknown":
            chosen = weighted if p.load_kg and p.load_kind == "added" else name
            step["exercise_name"] = _name_number(category, chosen)
        if p.load_kg:
            step["exercise_weight"] = round(p.load_kg, 2)
            step["weight_display_unit"] = "kilogram"
        first = len(steps)
        steps.append(step)
        if p.sets > 1:
            steps.append(
                {
                    "mesg_num": _MESG["WORKOUT_STEP"],
                    "message_index": len(steps),
                    "duration_type": "time",
                    "duration_value": int(p.rest_s * 1000),
                    "target_type": "open",
                    "intensity": "rest",
                }
            )
            steps.append(
                {
                    "mesg_num": _MESG["WORKOUT_STEP"],
                    "message_index": len(steps),
                    "duration_type": "repeat_until_steps_cmplt",
                    "duration_value": first,
                    "target_value": p.sets,
                }
            )
    return steps


def _swim_steps(prescriptions: list[Prescription]) -> list[dict[str, Any]]:
    return [
        {
            "mesg_num": _MESG["WORKOUT_STEP"],
            "message_index": i,
            "wkt_step_name": p.name[:NAME_LENGTH],
            "duration_type": "time",
            "duration_value": int((p.duration_min or 0) * 60_000),
            "target_type": "swim_stroke",
            "target_value": _stroke_number(STROKE_OF_VARIANT.get(p.variant_id, "freestyle")),
            "intensity": "active",
        }
        for i, p in enumerate(prescriptions)
    ]


def _stroke_number(stroke: str) -> int:
    strokes: dict[int, str] = Profile["types"]["swim_stroke"]
    return next(k for k, v in strokes.items() if v == stroke)


def _encode(header: dict[str, Any], steps: list[dict[str, Any]], created: datetime) -> bytes:
    encoder = Encoder()
    encoder.write_mesg(_file_id(created))
    encoder.write_mesg({**header, "mesg_num": _MESG["WORKOUT"], "num_valid_steps": len(steps)})
    for step in steps:
        encoder.write_mesg(step)
    data: bytes = encoder.close()
    return bytes(data)


def session_workouts(
    session: Session, *, created: datetime, pool_length_m: float = 25.0
) -> list[FitWorkout]:
    """The session as FIT workouts: one for its strength work, one for its swims (if any)."""
    strength = [p for p in session.prescriptions if p.duration_min is None]
    swims = [p for p in session.prescriptions if p.duration_min is not None]
    day = session.day.isoformat()
    result: list[FitWorkout] = []
    if strength:
        name = f"backcoach {day}"[:NAME_LENGTH]
        header: dict[str, Any] = {
            "wkt_name": name,
            "sport": "training",
            "sub_sport": "strength_training",
        }
        data = _encode(header, _strength_steps(strength), created)
        result.append(FitWorkout(f"backcoach-{day}-strength.fit", "strength", data))
    if swims:
        name = f"backcoach swim {day}"[:NAME_LENGTH]
        header = {
            "wkt_name": name,
            "sport": "swimming",
            "sub_sport": "lap_swimming",
            "pool_length": pool_length_m,
            "pool_length_unit": "metric",
        }
        data = _encode(header, _swim_steps(swims), created)
        result.append(FitWorkout(f"backcoach-{day}-swim.fit", "swim", data))
    return result
