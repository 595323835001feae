"""Strong CSV exports, every layout seen in the wild.

- Comma-separated (2016 onward): ``Date,Workout Name,[Duration,]Exercise Name,Set Order,
  Weight,Reps,Distance,Seconds,[Notes,Workout Notes,][RPE]``; older files name the unit in
  the header (``Weight (kg)``, or just ``kg``/``lbs`` and ``km``/``mi``).
- Semicolon-separated (2023 onward): ``Workout #;Date;Workout Name;Duration (sec);
  Exercise Name;Set Order;Weight (kg);Reps;RPE;Distance (meters);Seconds;Notes;
  Workout Notes``, with ``Rest Timer`` rows between sets.
- Headers translated by the app (German: ``Datum;Trainingsname;Dauer;Übungsname;...``).

``Set Order`` holds the set number, or ``W``/``WARM_UP`` (warm-up), ``F``/``FAILURE``,
``D``/``DROP_SET``; rest-timer rows are skipped. Dates are local ``YYYY-MM-DD HH:MM:SS``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta, tzinfo

from backcoach.interop.errors import BadFile
from backcoach.interop.model import ImportedSet, ImportedWorkout, ParsedImport, Skipped
from backcoach.interop.table_text import (
    Row,
    clean_count,
    clean_number,
    decode_text,
    header_key,
    parse_time,
    read_rows,
)
from backcoach.naming import normalise
from backcoach.training.entries import SetKind
from backcoach.training.units import Unit

#: Header names (folded) per field, in the languages Strong exports.
HEADERS: dict[str, tuple[str, ...]] = {
    "workout_no": ("workout #", "training #", "workout nr.", "training nr."),
    "date": ("date", "datum"),
    "workout": ("workout name", "trainingsname", "workout-name", "name des trainings"),
    "duration": ("duration", "dauer", "workout duration", "trainingsdauer"),
    "exercise": ("exercise name", "übungsname", "name der übung", "übung"),
    "set_order": ("set order", "satzreihenfolge", "reihenfolge der sätze", "satz"),
    "weight": ("weight", "gewicht"),
    "reps": ("reps", "wiederholungen", "wdh."),
    "distance": ("distance", "distanz", "entfernung", "strecke"),
    "seconds": ("seconds", "sekunden"),
    "notes": ("notes", "notizen", "anmerkungen"),
    "workout_notes": ("workout notes", "trainingsnotizen", "workout-notizen"),
    "rpe": ("rpe",),
}
_WEIGHT_UNITS = {"kg": Unit.KG, "kgs": Unit.KG, "lb": Unit.LB, "lbs": Unit.LB}
_DISTANCE_UNITS = {
    "km": 1000.0,
    "mi": 1609.344,
    "miles": 1609.344,
    "m": 1.0,
    "meters": 1.0,
    "metres": 1.0,
    "meter": 1.0,
}
_SECONDS_UNITS = ("sec", "s", "seconds", "sek")
_UNIT_IN_HEADER = re.compile(r"^(.*?)\s*\(([^)]*)\)$")
_SET_KINDS = {
    "w": SetKind.WARMUP,
    "warm-up": SetKind.WARMUP,
    "warmup": SetKind.WARMUP,
    "aufwärmen": SetKind.WARMUP,
    "f": SetKind.FAILURE,
    "failure": SetKind.FAILURE,
    "d": SetKind.DROPSET,
    "drop-set": SetKind.DROPSET,
    "dropset": SetKind.DROPSET,
}
_REST_ROWS = ("rest-timer", "rest", "pausen-timer", "pause")
_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%d.%m.%Y %H:%M:%S")
_DURATION_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*(h|std|min|m|sek|s)\b")
#: Dates later than this after now are a wrong clock or a typo, not training.
FUTURE_SLACK = timedelta(days=1)


class _Columns:
    """Which header column holds each field, and the units the headers name."""

    def __init__(self, header: list[str]) -> None:
        self.names: dict[str, str] = {}
        self.weight_unit: Unit | None = None
        self.distance_factor: float | None = None
        self.duration_in_seconds = False
        lookup = {alias: field for field, aliases in HEADERS.items() for alias in aliases}
        for name in header:
            key = header_key(name)
            unit = ""
            found = _UNIT_IN_HEADER.match(key)
            if found:
                key, unit = found.group(1).strip(), found.group(2).strip()
            if key in _WEIGHT_UNITS and "weight" not in self.names:
                self.names["weight"], self.weight_unit = name, _WEIGHT_UNITS[key]
                continue
            if key in _DISTANCE_UNITS and key != "m" and "distance" not in self.names:
                self.names["distance"], self.distance_factor = name, _DISTANCE_UNITS[key]
                continue
            field = lookup.get(key)
            if field is None or field in self.names:
                continue
            self.names[field] = name
            if field == "weight" and unit in _WEIGHT_UNITS:
                self.weight_unit = _WEIGHT_UNITS[unit]
            elif field == "distance" and unit in _DISTANCE_UNITS:
                self.distance_factor = _DISTANCE_UNITS[unit]
            elif field == "duration" and unit in _SECONDS_UNITS:
                self.duration_in_seconds = True
        for needed, shown in (("date", "Date"), ("exercise", "Exercise Name")):
            if needed not in self.names:
                raise BadFile(
                    f"The column '{shown}' is missing, so this is not a Strong export "
                    f"(columns found: {', '.join(header)}).",
                    "Export the history again from Strong (Settings > Export data), "
                    "or name another format with --format.",
                )
        if not {"reps", "weight", "seconds", "distance"} & set(self.names):
            raise BadFile(
                "The file has no Reps, Weight, Seconds or Distance column.",
                "Export the history again from Strong.",
            )

    def get(self, row: Row, field: str) -> str:
        return row.get(self.names.get(field))


def looks_like_strong(header: Iterable[str]) -> bool:
    """True when a header row is Strong's (in any layout or language)."""
    keys = {header_key(h).split(" (")[0] for h in header}
    return bool(keys & set(HEADERS["exercise"])) and bool(keys & set(HEADERS["date"]))


def parse_strong(data: bytes, *, tz: tzinfo, now: datetime) -> ParsedImport:
    """Parse a Strong export into workouts; weights stay in the file's unit."""
    header, _, rows = read_rows(decode_text(data))
    columns = _Columns(header)
    workouts: dict[str, ImportedWorkout] = {}
    skipped: list[Skipped] = []
    seen: dict[tuple[str, ...], int] = {}
    counts: dict[tuple[str, str], int] = {}
    dates: dict[str, datetime] = {}  # a workout's rows share their date: parse it once
    keys: dict[str, str] = {}
    for row in rows:
        where = f"Row {row.line}"
        order = columns.get(row, "set_order")
        order_key = normalise(order) if order else ""
        if order_key in _REST_ROWS or order_key.startswith("rest-timer"):
            skipped.append(Skipped(row.line, "a rest-timer row"))
            continue
        date_text = columns.get(row, "date")
        started = dates.get(date_text) or dates.setdefault(
            date_text, _parse_date(date_text, tz, where)
        )
        if started > now + FUTURE_SLACK:
            skipped.append(Skipped(row.line, f"dated in the future ({date_text})"))
            continue
        identity = tuple(row.values.values())
        if order_key.isdigit() and identity in seen:
            skipped.append(Skipped(row.line, f"a duplicate of row {seen[identity]}"))
            continue
        seen.setdefault(identity, row.line)
        exercise = columns.get(row, "exercise")
        if not exercise:
            raise BadFile("the exercise name is empty.", "Fill it in or delete the row.", where)
        if order_key.isdigit() or not order_key:
            kind = SetKind.NORMAL
        elif order_key in _SET_KINDS:
            kind = _SET_KINDS[order_key]
        else:
            raise BadFile(
                f"the set order '{order}' is not a set number, W, F or D.",
                "Fix the value or export again.",
                where,
            )
        number = columns.get(row, "workout_no")
        title = columns.get(row, "workout")
        key = f"strong:{number}" if number else f"strong:{date_text}|{title}"
        workout = workouts.get(key)
        if workout is None:
            duration = _parse_duration(columns.get(row, "duration"), columns, where)
            workout = workouts[key] = ImportedWorkout(
                key=key,
                started_at=started,
                ended_at=started + timedelta(seconds=duration) if duration else None,
                title=title,
                notes=columns.get(row, "workout_notes"),
            )
        elif not workout.notes:
            workout.notes = columns.get(row, "workout_notes")
        exercise_key = keys.get(exercise) or keys.setdefault(exercise, normalise(exercise))
        n = counts.get((key, exercise_key), 0)
        counts[(key, exercise_key)] = n + 1
        reps = clean_count(columns.get(row, "reps"), where=where, what="reps")
        weight = clean_number(columns.get(row, "weight"), where=where, what="weight")
        seconds = clean_number(columns.get(row, "seconds"), where=where, what="seconds")
        distance = clean_number(columns.get(row, "distance"), where=where, what="distance")
        rpe = clean_number(columns.get(row, "rpe"), where=where, what="RPE")
        seconds = seconds or None
        distance_m = round(distance * (columns.distance_factor or 1000.0), 3) if distance else None
        if reps == 0 and (seconds or distance_m):
            reps = None
        if reps is None and seconds is None and distance_m is None:
            skipped.append(Skipped(row.line, "no reps, time or distance"))
            continue
        workout.sets.append(
            ImportedSet(
                key=f"{key}|{exercise_key}|{n}",
                row=row.line,
                exercise=exercise,
                kind=kind,
                reps=reps,
                weight=weight or None,
                unit=columns.weight_unit,
                distance_m=distance_m,
                duration_s=seconds,
                rpe=rpe or None,
                notes=columns.get(row, "notes"),
            )
        )
    return ParsedImport("strong", list(workouts.values()), skipped)


def _parse_date(text: str, tz: tzinfo, where: str) -> datetime:
    when = parse_time(text, _DATE_FORMATS, tz)
    if when is not None:
        return when
    raise BadFile(
        f"the date '{text}' is not in the form YYYY-MM-DD HH:MM:SS.",
        "Export the file again; a spreadsheet may have reformatted the dates.",
        where,
    )


def _parse_duration(text: str, columns: _Columns, where: str) -> float:
    """Seconds from ``3600``, ``1h 5m``, ``45m`` or ``1h 5m 3s``."""
    if not text:
        return 0.0
    if columns.duration_in_seconds or text.replace(".", "", 1).isdigit():
        return clean_number(text, where=where, what="duration") or 0.0
    total = 0.0
    matched = False
    for value, unit in _DURATION_PART.findall(text.lower()):
        matched = True
        amount = float(value.replace(",", "."))
        total += amount * {"h": 3600, "std": 3600, "min": 60, "m": 60}.get(unit, 1)
    if not matched:
        raise BadFile(f"the duration '{text}' is not like '1h 5m'.", "Fix the value.", where)
    return total
