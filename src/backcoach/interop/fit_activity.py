"""FIT activity files from a watch: strength sets and swims, and a list of what else is there.

Checked by hand before decoding (FIT protocol, "File header" and "CRC"): a header of 12
or 14 bytes, ``.FIT``, a data size the file actually holds, and the file CRC. A 14-byte
header's CRC of 0x0000 means "not computed" and is valid. The official SDK then decodes
the messages: ``session`` (sport, sub-sport, start, times, distance, pool length),
``set`` (strength: repetitions, weight, duration, ``set_type`` active or rest, and the
watch's ranked ``category``/``category_subtype`` guesses), ``lap`` and ``length`` (swims:
stroke, stroke count, time).
"""

from __future__ import annotations

import struct
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from garmin_fit_sdk import CrcCalculator, Decoder, Profile, Stream

from backcoach.interop.errors import BadFile
from backcoach.interop.fit_profile import readable
from backcoach.interop.model import (
    ImportedSet,
    ImportedWorkout,
    ParsedImport,
    Skipped,
    SwimLap,
    SwimLength,
    SwimRecord,
)
from backcoach.training.entries import SetKind
from backcoach.training.units import Unit

_HINT = "Copy the activity from the watch again (Garmin Connect > Export Original)."
_STRENGTH = {("training", "strength_training"), ("fitness_equipment", "strength_training")}
#: A set a little after its session's recorded end still belongs to it.
_SESSION_SLACK = timedelta(minutes=2)


def is_fit(data: bytes) -> bool:
    """True when the bytes start with a FIT file header."""
    return len(data) >= 12 and data[0] in (12, 14) and data[8:12] == b".FIT"


def check_file(data: bytes) -> None:
    """Refuse a truncated or corrupted FIT file with a message that says which."""
    if not is_fit(data):
        raise BadFile("The file is not a FIT file (no '.FIT' header).", _HINT)
    header_size = data[0]
    (data_size,) = struct.unpack_from("<I", data, 4)
    end = header_size + data_size
    if len(data) < end + 2:
        raise BadFile(
            f"The FIT file is cut short: its header promises {end + 2} bytes, "
            f"the file has {len(data)}.",
            _HINT,
        )
    if header_size == 14:
        (header_crc,) = struct.unpack_from("<H", data, 12)
        if header_crc != 0 and header_crc != CrcCalculator.calculate_crc(data, 0, 12):
            raise BadFile("The FIT file's header CRC does not match: it is damaged.", _HINT)
    (file_crc,) = struct.unpack_from("<H", data, end)
    if file_crc != CrcCalculator.calculate_crc(data, 0, end):
        raise BadFile("The FIT file's CRC does not match its contents: it is damaged.", _HINT)


def decode(data: bytes) -> dict[str, list[dict[str, Any]]]:
    """The file's messages by kind (``session_mesgs``, ``set_mesgs``, ...), checked first."""
    check_file(data)
    decoder = Decoder(Stream.from_byte_array(bytearray(data)))
    messages, errors = decoder.read(enable_crc_check=False, merge_heart_rates=False)
    if errors:
        raise BadFile(f"The FIT file could not be decoded: {errors[0]}.", _HINT)
    result: dict[str, list[dict[str, Any]]] = dict(messages)  # type: ignore[arg-type]
    return result


def _when(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return None


def _first(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return value[0] if value else None
    return value


def _guesses(mesg: Mapping[str, Any]) -> tuple[tuple[str, str | None], ...]:
    categories = mesg.get("category")
    subtypes = mesg.get("category_subtype")
    if categories is None:
        return ()
    if not isinstance(categories, list | tuple):
        categories = [categories]
    if not isinstance(subtypes, list | tuple):
        subtypes = [subtypes] * len(categories)
    result: list[tuple[str, str | None]] = []
    for i, category in enumerate(categories):
        if not isinstance(category, str):
            continue  # an invalid or unknown category number
        sub = subtypes[i] if i < len(subtypes) else None
        names: Mapping[int, str] = Profile["types"].get(f"{category}_exercise_name", {})
        result.append((category, names.get(sub) if isinstance(sub, int) else None))
    return tuple(result)


def _describe(session: Mapping[str, Any]) -> str:
    start = _when(session.get("start_time"))
    minutes = (session.get("total_elapsed_time") or 0) / 60
    sport = str(session.get("sport", "unknown"))
    sub = session.get("sub_sport")
    what = f"{sport} ({sub})" if sub and sub != "generic" else sport
    at = start.strftime("%Y-%m-%d %H:%M UTC") if start else "an unknown time"
    return f"a {what} session at {at}, {minutes:.0f} min"


def parse_fit(data: bytes, *, now: datetime) -> ParsedImport:
    """Strength and swim sessions of a FIT activity; other sessions are listed, not imported."""
    messages = decode(data)
    sessions = messages.get("session_mesgs", [])
    if not sessions:
        kind = (
            _first(messages.get("file_id_mesgs", [{}])[0].get("type"))
            if messages.get("file_id_mesgs")
            else None
        )
        raise BadFile(
            f"The FIT file holds no activity session (it is a {kind or 'file'} file).",
            "Import an activity recorded on the watch; workouts go the other way "
            "(backcoach export --format fit).",
        )
    result = ParsedImport("fit", [])
    sets = sorted(
        messages.get("set_mesgs", []),
        key=lambda m: _when(m.get("start_time") or m.get("timestamp")) or now,
    )
    laps = messages.get("lap_mesgs", [])
    lengths = messages.get("length_mesgs", [])
    strength_sessions = [s for s in sessions if (s.get("sport"), s.get("sub_sport")) in _STRENGTH]
    for index, session in enumerate(sessions):
        start = _when(session.get("start_time"))
        if start is None:
            result.not_understood.append(f"session {index} (no start time)")
            continue
        elapsed = float(session.get("total_elapsed_time") or 0.0)
        end = start + timedelta(seconds=elapsed)
        if start > now + timedelta(days=1):
            result.skipped.append(Skipped(index, f"session {index} is dated in the future"))
            continue
        key = f"fit:{start.isoformat()}|{session.get('sport')}"
        sport_pair = (session.get("sport"), session.get("sub_sport"))
        if sport_pair in _STRENGTH:
            mine = [
                m
                for m in sets
                if len(strength_sessions) == 1
                or start
                <= (_when(m.get("start_time") or m.get("timestamp")) or start)
                <= end + _SESSION_SLACK
            ]
            workout = ImportedWorkout(key, start, end if elapsed else None, title="Strength")
            _strength(workout, mine, result.skipped)
            result.workouts.append(workout)
        elif session.get("sport") == "swimming":
            result.workouts.append(_swim(key, session, start, end, laps, lengths))
        else:
            result.not_understood.append(_describe(session))
    return result


def _strength(
    workout: ImportedWorkout, mesgs: Sequence[Mapping[str, Any]], skipped: list[Skipped]
) -> None:
    counts: dict[str, int] = {}
    for i, m in enumerate(mesgs):
        index = int(m.get("message_index", i)) if isinstance(m.get("message_index"), int) else i
        if m.get("set_type") == "rest":
            skipped.append(Skipped(index, f"set message {index} is a rest between sets"))
            continue
        guesses = _guesses(m)
        category, name = guesses[0] if guesses else ("unknown", None)
        exercise = readable(category, name) if guesses else "Unknown exercise"
        reps = m.get("repetitions")
        weight = m.get("weight")
        duration = m.get("duration")
        n = counts.get(exercise, 0)
        counts[exercise] = n + 1
        if reps is None and not duration:
            skipped.append(Skipped(index, f"set message {index} has no repetitions or time"))
            continue
        workout.sets.append(
            ImportedSet(
                key=f"{workout.key}|{index}",
                row=index,
                exercise=exercise,
                kind=SetKind.NORMAL,
                reps=int(reps) if reps is not None else None,
                weight=round(float(weight), 3) if weight else None,
                unit=Unit.KG,
                duration_s=round(float(duration), 3) if duration else None,
                guesses=guesses,
            )
        )


def _swim(
    key: str,
    session: Mapping[str, Any],
    start: datetime,
    end: datetime,
    laps: Sequence[Mapping[str, Any]],
    lengths: Sequence[Mapping[str, Any]],
) -> ImportedWorkout:
    open_water = session.get("sub_sport") == "open_water"
    pool = session.get("pool_length")
    mine_laps = [lap for lap in laps if start <= (_when(lap.get("start_time")) or start) <= end]
    record_laps: list[SwimLap] = []
    for lap in mine_laps:
        lap_start = _when(lap.get("start_time")) or start
        lap_end = lap_start + timedelta(seconds=float(lap.get("total_elapsed_time") or 0))
        lap_lengths = tuple(
            SwimLength(
                stroke=str(x.get("swim_stroke") or "unknown"),
                strokes=int(x["total_strokes"]) if x.get("total_strokes") is not None else None,
                time_s=round(float(x.get("total_timer_time") or 0.0), 3),
                active=x.get("length_type") != "idle",
            )
            for x in lengths
            if lap_start <= (_when(x.get("start_time")) or lap_start) < lap_end
        )
        distance = lap.get("total_distance")
        record_laps.append(
            SwimLap(
                time_s=round(float(lap.get("total_timer_time") or 0.0), 3),
                distance_m=round(float(distance), 2) if distance is not None else None,
                lengths=lap_lengths,
            )
        )
    swim = SwimRecord(
        environment="open-water" if open_water else "pool",
        pool_length_m=None if open_water or pool is None else round(float(pool), 2),
        laps=tuple(record_laps),
    )
    distance = session.get("total_distance")
    timer = session.get("total_timer_time")
    workout = ImportedWorkout(key, start, end, title="Swim")
    workout.sets.append(
        ImportedSet(
            key=f"{key}|swim",
            row=int(session.get("message_index") or 0),
            exercise="Swimming",
            distance_m=round(float(distance), 2) if distance else None,
            duration_s=round(float(timer), 3) if timer else None,
            swim=swim,
        )
    )
    return workout
