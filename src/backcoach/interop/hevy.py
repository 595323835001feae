"""Hevy CSV exports, metric and imperial.

Header: ``title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,
set_index,set_type,weight_kg|weight_lbs,reps,distance_km|distance_miles,duration_seconds,
rpe``. Times come in the locale form Hevy writes (``7 Apr 2026, 10:14`` or
``Jul 28, 2026, 6:49 PM``); ``set_index`` counts from 0; ``set_type`` is normal, warmup,
failure or dropset; an empty weight is a bodyweight set.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, tzinfo

from backcoach.interop.errors import BadFile
from backcoach.interop.model import ImportedSet, ImportedWorkout, ParsedImport, Skipped
from backcoach.interop.strong import FUTURE_SLACK
from backcoach.interop.table_text import (
    clean_count,
    clean_number,
    decode_text,
    parse_time,
    read_rows,
)
from backcoach.naming import normalise
from backcoach.training.entries import SetKind
from backcoach.training.units import Unit

REQUIRED = ("title", "start_time", "exercise_title", "set_type")
_TIME_FORMATS = (
    "%d %b %Y, %H:%M",
    "%b %d, %Y, %I:%M %p",
    "%b %d, %Y, %H:%M",
    "%d %b %Y, %I:%M %p",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
)
_KINDS = {
    "normal": SetKind.NORMAL,
    "warmup": SetKind.WARMUP,
    "failure": SetKind.FAILURE,
    "dropset": SetKind.DROPSET,
}
_MILE_M = 1609.344


def looks_like_hevy(header: Iterable[str]) -> bool:
    """True when a header row is Hevy's."""
    names = {h.strip().lower() for h in header}
    return {"exercise_title", "set_index"} <= names


def parse_hevy(data: bytes, *, tz: tzinfo, now: datetime) -> ParsedImport:
    """Parse a Hevy export into workouts (weights in the unit its header names)."""
    header, _, rows = read_rows(decode_text(data))
    header = [h.lower() for h in header]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise BadFile(
            f"The column '{missing[0]}' is missing, so this is not a Hevy export.",
            "Export the workouts again from Hevy (Settings > Export & Import Data).",
        )
    weight_column, unit = (
        ("weight_lbs", Unit.LB) if "weight_lbs" in header else ("weight_kg", Unit.KG)
    )
    distance_column, factor = (
        ("distance_miles", _MILE_M) if "distance_miles" in header else ("distance_km", 1000.0)
    )
    workouts: dict[str, ImportedWorkout] = {}
    skipped: list[Skipped] = []
    seen: dict[tuple[str, ...], int] = {}
    counts: dict[tuple[str, str], int] = {}
    for raw in rows:
        row = type(raw)(raw.line, {k.lower(): v for k, v in raw.values.items()})
        where = f"Row {row.line}"
        start_text = row.get("start_time")
        started = _parse_time(start_text, tz, where)
        if started > now + FUTURE_SLACK:
            skipped.append(Skipped(row.line, f"dated in the future ({start_text})"))
            continue
        identity = tuple(row.values.values())
        if identity in seen:
            skipped.append(Skipped(row.line, f"a duplicate of row {seen[identity]}"))
            continue
        seen[identity] = row.line
        title = row.get("title")
        key = f"hevy:{start_text}|{title}"
        workout = workouts.get(key)
        if workout is None:
            end_text = row.get("end_time")
            ended = _parse_time(end_text, tz, where) if end_text else None
            workout = workouts[key] = ImportedWorkout(
                key=key,
                started_at=started,
                ended_at=ended if ended is not None and ended >= started else None,
                title=title,
                notes=row.values.get("description", "").strip(),
            )
        exercise = row.get("exercise_title")
        if not exercise:
            raise BadFile("the exercise title is empty.", "Fill it in or delete the row.", where)
        kind_text = row.get("set_type").lower() or "normal"
        if kind_text not in _KINDS:
            raise BadFile(
                f"the set type '{kind_text}' is not normal, warmup, failure or dropset.",
                "Fix the value or export again.",
                where,
            )
        n = counts.get((key, normalise(exercise)), 0)
        counts[(key, normalise(exercise))] = n + 1
        reps = clean_count(row.get("reps"), where=where, what="reps")
        weight = clean_number(row.get(weight_column), where=where, what="weight")
        distance = clean_number(row.get(distance_column), where=where, what="distance")
        seconds = clean_number(row.get("duration_seconds"), where=where, what="duration")
        rpe = clean_number(row.get("rpe"), where=where, what="RPE")
        distance_m = round(distance * factor, 3) if distance else None
        seconds = seconds or None
        if reps is None and seconds is None and distance_m is None:
            skipped.append(Skipped(row.line, "no reps, time or distance"))
            continue
        workout.sets.append(
            ImportedSet(
                key=f"{key}|{normalise(exercise)}|{n}",
                row=row.line,
                exercise=exercise,
                kind=_KINDS[kind_text],
                reps=reps,
                weight=weight,
                unit=unit,
                distance_m=distance_m,
                duration_s=seconds,
                rpe=rpe,
                notes=row.values.get("exercise_notes", "").strip(),
                superset=row.get("superset_id") or None,
            )
        )
    return ParsedImport("hevy", list(workouts.values()), skipped)


def _parse_time(text: str, tz: tzinfo, where: str) -> datetime:
    when = parse_time(text, _TIME_FORMATS, tz)
    if when is not None:
        return when
    raise BadFile(
        f"the time '{text}' is not in a form Hevy writes (e.g. '7 Apr 2026, 10:14').",
        "Export the file again; a spreadsheet may have reformatted the times.",
        where,
    )
