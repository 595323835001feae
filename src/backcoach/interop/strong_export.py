"""The log as a Strong-layout CSV, so people can leave with their data.

The comma-separated layout with unit-named headers (``Weight (kg)``, ``Distance (meters)``,
``Duration (sec)``), which Strong's importers and :mod:`backcoach.interop.strong` read
back. Dates are local ``YYYY-MM-DD HH:MM:SS``; ``Set Order`` is the set number, or ``W``,
``F`` or ``D`` for warm-up, failure and drop sets.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo

from backcoach.training.entries import SetKind

HEADER = (
    "Date",
    "Workout Name",
    "Duration (sec)",
    "Exercise Name",
    "Set Order",
    "Weight (kg)",
    "Reps",
    "Distance (meters)",
    "Seconds",
    "Notes",
    "Workout Notes",
    "RPE",
)
_ORDER = {SetKind.WARMUP: "W", SetKind.FAILURE: "F", SetKind.DROPSET: "D"}


@dataclass(frozen=True, slots=True)
class CsvSet:
    """One set as the CSV shows it: the exercise by name, the values in kg and metres."""

    exercise: str
    kind: SetKind
    reps: int | None
    load_kg: float | None
    distance_m: float | None
    duration_s: float | None
    rpe: float | None
    notes: str


@dataclass(frozen=True, slots=True)
class CsvWorkout:
    """A session as the CSV shows it."""

    started_at: datetime
    ended_at: datetime | None
    title: str
    notes: str
    sets: tuple[CsvSet, ...]


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.10g}"


def strong_csv(workouts: Iterable[CsvWorkout], tz: tzinfo) -> bytes:
    """The workouts in Strong's comma-separated layout, UTF-8."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for w in workouts:
        date = w.started_at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")
        duration = (
            _number((w.ended_at - w.started_at).total_seconds()) if w.ended_at is not None else ""
        )
        numbers: dict[str, int] = {}
        for s in w.sets:
            if s.kind is SetKind.NORMAL:
                numbers[s.exercise] = numbers.get(s.exercise, 0) + 1
                order = str(numbers[s.exercise])
            else:
                order = _ORDER[s.kind]
            writer.writerow(
                (
                    date,
                    w.title,
                    duration,
                    s.exercise,
                    order,
                    _number(s.load_kg),
                    "" if s.reps is None else str(s.reps),
                    _number(s.distance_m),
                    _number(s.duration_s),
                    s.notes,
                    w.notes,
                    _number(s.rpe),
                )
            )
    return out.getvalue().encode("utf-8")
