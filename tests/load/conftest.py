"""Small training logs made by code for the strain monitor's tests."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta

from backcoach.training.entries import SetEntry, SetKind, Side, TrainingSession

DAY_ONE = date(2026, 1, 5)  # a Monday

_ids = itertools.count()


def session(
    day: date, minutes: float | None = 60.0, *, at: time = time(18, 0), id: str | None = None
) -> TrainingSession:
    """A session that starts on ``day`` at ``at`` (UTC) and lasts ``minutes`` (None: no end)."""
    start = datetime.combine(day, at, tzinfo=UTC)
    end = None if minutes is None else start + timedelta(minutes=minutes)
    return TrainingSession(id=id or f"w{next(_ids)}", user_id="u", started_at=start, ended_at=end)


def sets(
    of: TrainingSession,
    exercise: str,
    count: int = 1,
    *,
    variant: str | None = None,
    reps: int | None = 10,
    kg: float | None = None,
    rpe: float | None = None,
    rir: int | None = None,
    kind: SetKind = SetKind.NORMAL,
    side: Side = Side.BOTH,
    duration_s: float | None = None,
    distance_m: float | None = None,
) -> list[SetEntry]:
    """``count`` identical sets of one exercise in a session."""
    return [
        SetEntry(
            id=f"s{next(_ids)}",
            session_id=of.id,
            exercise_id=exercise,
            variant_id=variant,
            position=p,
            reps=reps,
            load_kg=kg,
            rpe=rpe,
            rir=rir,
            kind=kind,
            side=side,
            duration_s=duration_s,
            distance_m=distance_m,
            logged_at=of.started_at + timedelta(minutes=2 * p),
        )
        for p in range(count)
    ]


Log = tuple[list[TrainingSession], list[SetEntry]]


def train(log: Log, days: range | list[int], exercise: str, count: int, **kw: object) -> Log:
    """Add a 45-minute session of ``count`` RPE 8 sets of ``exercise`` on each day offset."""
    sessions, entries = log
    for d in days:
        w = session(DAY_ONE + timedelta(days=d), minutes=45)
        sessions.append(w)
        entries.extend(sets(w, exercise, count, rpe=8.0, **kw))  # type: ignore[arg-type]
    return log
