"""Progress over time, as series of daily or weekly points for charts and the API.

Pure: a person's log in, series out. What is measured:

* estimated one-repetition maximum per loaded exercise, by Epley's formula
  (1RM = load x (1 + reps / 30); Epley B., Poundage Chart, Boyd Epley Workout, 1985),
  from the best working set of each day with 1-12 repetitions, since estimates from
  higher repetitions stray (see docs/coaching.md);
* the most pull-up (or chin-up) repetitions in one working set, per day;
* hard sets per week for each back muscle, shared out by the catalog's muscle shares;
* the acute:chronic workload ratio of each muscle's hard sets, per day, with its zones;
* the worst pain score of each day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, timedelta, tzinfo

from backcoach.catalog import Catalog
from backcoach.load.acwr import ZONES, acwr_series
from backcoach.load.daily import BODYWEIGHT_SHARES, CustomMovement, daily_loads
from backcoach.training.entries import PainEntry, SetEntry, SetKind, TrainingSession

#: Sets with more repetitions than this give no 1RM estimate.
E1RM_MAX_REPS = 12
PULL_UP = "pull-up"
#: The whole body's session load, beside the muscles, in the ACWR series.
ALL_MUSCLES = "all"


def epley(load_kg: float, reps: int) -> float:
    """Estimated one-repetition maximum from a set of ``reps`` at ``load_kg``."""
    if reps < 1:
        raise ValueError("an estimate needs at least one repetition")
    return load_kg if reps == 1 else load_kg * (1.0 + reps / 30.0)


@dataclass(frozen=True)
class Point:
    """One value on one day (for weekly series: the Monday of the week)."""

    day: date
    value: float


@dataclass(frozen=True)
class Series:
    """A named line of a chart."""

    key: str
    label: str
    unit: str
    points: list[Point] = field(default_factory=list)


@dataclass(frozen=True)
class Progress:
    """Everything the progress page charts, over one window of days."""

    start: date
    end: date
    e1rm: dict[str, Series]
    pullup_reps: Series
    weekly_volume: dict[str, Series]
    acwr: dict[str, Series]
    #: (zone name, low, high); None for an open end.
    acwr_zones: list[tuple[str, float | None, float | None]]
    pain: Series


def _working(s: SetEntry) -> bool:
    return s.kind is not SetKind.WARMUP


def _set_days(
    sessions: Iterable[TrainingSession], sets: Iterable[SetEntry], tz: tzinfo
) -> list[tuple[date, SetEntry]]:
    started = {x.id: x.started_at for x in sessions}
    out = []
    for s in sets:
        when = started.get(s.session_id, s.logged_at)
        out.append((when.astimezone(tz).date(), s))
    return out


def _best_per_day(values: Iterable[tuple[date, float]], start: date, end: date) -> list[Point]:
    best: dict[date, float] = {}
    for day, value in values:
        if start <= day <= end and value > best.get(day, float("-inf")):
            best[day] = value
    return [Point(d, round(best[d], 2)) for d in sorted(best)]


def progress_of(
    sessions: Sequence[TrainingSession],
    sets: Sequence[SetEntry],
    pain: Sequence[PainEntry],
    catalog: Catalog,
    today: date,
    *,
    days: int = 180,
    tz: tzinfo = UTC,
    body_weight_kg: float | None = None,
    custom: Mapping[str, CustomMovement] | None = None,
) -> Progress:
    """The progress series of a log over the ``days`` days up to ``today``.

    ``custom`` describes the person's own exercises among ``sets``: they add to the weekly
    hard sets and ratios of the muscles they are known to work.
    """
    if days < 1:
        raise ValueError("the window needs at least one day")
    start = today - timedelta(days=days - 1)
    dated = _set_days(sessions, sets, tz)

    e1rm: dict[str, Series] = {}
    for exercise in catalog.exercises:
        if exercise.kind == "swim" or exercise.id in BODYWEIGHT_SHARES:
            continue
        estimates = [
            (day, epley(s.load_kg, s.reps))
            for day, s in dated
            if s.exercise_id == exercise.id
            and _working(s)
            and s.load_kg
            and s.reps
            and 1 <= s.reps <= E1RM_MAX_REPS
        ]
        points = _best_per_day(estimates, start, today)
        if points:
            e1rm[exercise.id] = Series(exercise.id, exercise.name, "kg", points)

    pull = catalog.exercise(PULL_UP)
    pullup_reps = Series(
        PULL_UP,
        f"{pull.name}: most repetitions in a set",
        "reps",
        _best_per_day(
            (
                (d, float(s.reps))
                for d, s in dated
                if s.exercise_id == PULL_UP and _working(s) and s.reps
            ),
            start,
            today,
        ),
    )

    series = daily_loads(
        sessions, sets, catalog, until=today, tz=tz, body_weight_kg=body_weight_kg, custom=custom
    )
    names = {m.id: m.name for m in catalog.muscles}
    weekly: dict[str, Series] = {}
    acwr: dict[str, Series] = {}
    if len(series):
        first_monday = start - timedelta(days=start.weekday())
        for muscle, column in series.hard_sets.items():
            if not any(column):
                continue
            weeks: dict[date, float] = {}
            ratios = acwr_series(column)
            ratio_points = []
            for i, value in enumerate(column):
                day = series.start + timedelta(days=i)
                if day < first_monday:
                    continue
                monday = day - timedelta(days=day.weekday())
                weeks[monday] = weeks.get(monday, 0.0) + value
                ratio = ratios[i].ratio
                if day >= start and ratio is not None:
                    ratio_points.append(Point(day, round(ratio, 2)))
            weekly[muscle] = Series(
                muscle,
                names[muscle],
                "hard sets",
                [Point(w, round(v, 2)) for w, v in sorted(weeks.items())],
            )
            if ratio_points:
                acwr[muscle] = Series(muscle, names[muscle], "ratio", ratio_points)
        overall = [
            Point(series.start + timedelta(days=i), round(r.ratio, 2))
            for i, r in enumerate(acwr_series(series.session_load))
            if r.ratio is not None and series.start + timedelta(days=i) >= start
        ]
        if overall:
            acwr[ALL_MUSCLES] = Series(ALL_MUSCLES, "All training", "ratio", overall)

    worst = _best_per_day(
        ((p.felt_at.astimezone(tz).date(), float(p.score)) for p in pain), start, today
    )
    return Progress(
        start=start,
        end=today,
        e1rm=e1rm,
        pullup_reps=pullup_reps,
        weekly_volume=weekly,
        acwr=acwr,
        acwr_zones=[(z.name.value, z.low, z.high) for z in ZONES],
        pain=Series("pain", "Worst pain of the day", "0-10", worst),
    )


def _series_document(s: Series) -> dict[str, object]:
    return {
        "key": s.key,
        "label": s.label,
        "unit": s.unit,
        "points": [{"day": p.day.isoformat(), "value": p.value} for p in s.points],
    }


def progress_document(p: Progress) -> dict[str, object]:
    """The series as a JSON-ready document (dates ISO 8601)."""
    return {
        "start": p.start.isoformat(),
        "end": p.end.isoformat(),
        "e1rm": [_series_document(s) for s in p.e1rm.values()],
        "pullup_reps": _series_document(p.pullup_reps),
        "weekly_volume": [_series_document(s) for s in p.weekly_volume.values()],
        "acwr": [_series_document(s) for s in p.acwr.values()],
        "acwr_zones": [{"zone": n, "low": lo, "high": hi} for n, lo, hi in p.acwr_zones],
        "pain": _series_document(p.pain),
    }
