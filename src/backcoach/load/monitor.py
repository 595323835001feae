"""The strain monitor: one call from a training log to ratios, zones and plain warnings.

``strain_status(sessions, sets, catalog, today)`` reads the log up to the end of ``today``
and answers: how does this week's load compare with what the person (and each back muscle)
is used to, how samey was the week, what was new, and what to do about it today.
Exercises of the person's own count when given as ``custom`` (see
:class:`~backcoach.load.daily.CustomMovement`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, timedelta, tzinfo
from enum import IntEnum, StrEnum

from backcoach.catalog import Catalog
from backcoach.load.acwr import (
    ACUTE_DAYS,
    CHRONIC_DAYS,
    RATIO_TARGET,
    WorkloadRatio,
    Zone,
    ZoneName,
    before_today,
    ewma_weights,
    latest_acwr,
    load_for_ratio,
    sparse_ewma,
    workload_ratio,
    zone_of,
)
from backcoach.load.daily import CustomMovement, LoadSeries, daily_loads
from backcoach.load.exposure import (
    BREAK_DAYS,
    Comeback,
    Exposure,
    ExposureKind,
    Subject,
    comebacks,
    first_exposures,
    is_gap,
    training_days,
)
from backcoach.load.monotony import WeekStrain, last_week
from backcoach.training.entries import SetEntry, TrainingSession


class WarningKind(StrEnum):
    """What a warning is about, for programs (the planner, the web app) to act on."""

    #: The person's whole training load is in the caution or high zone.
    LOAD_RATIO = "load-ratio"
    #: One muscle's hard sets are in the caution or high zone.
    MUSCLE_RATIO = "muscle-ratio"
    #: No training for a break's length, up to today.
    ON_BREAK = "on-break"
    #: Training again, in the last week, after a break.
    RETURN_AFTER_BREAK = "return-after-break"
    #: A movement done in the last week for the first time, or first in a while.
    FIRST_EXPOSURE = "first-exposure"
    #: The last seven days were monotonous.
    MONOTONY = "monotony"


class Severity(IntEnum):
    """How much a warning should change today: higher is more."""

    CAUTION = 1
    HIGH = 2


_KIND_ORDER = {kind: i for i, kind in enumerate(WarningKind)}


@dataclass(frozen=True, slots=True)
class StrainWarning:
    """A plain-language warning and the facts behind it."""

    kind: WarningKind
    severity: Severity
    message: str
    #: The muscle id, for a muscle's ratio.
    muscle: str | None = None
    #: The workload ratio (or, for monotony, the monotony), when one is behind the warning.
    ratio: float | None = None
    zone: ZoneName | None = None
    #: The exercise and variant, for a first exposure.
    exercise_id: str | None = None
    variant_id: str | None = None
    #: The day the warning is about (the exposure's or the return's day, or today).
    day: date | None = None


@dataclass(frozen=True, slots=True)
class MuscleStrain:
    """One muscle's workload ratio on hard sets, its zone and its last seven days."""

    muscle: str
    name: str
    ratio: WorkloadRatio
    #: None when the ratio is not given (short history, or work the muscle is not used to).
    zone: Zone | None
    #: Hard sets credited to the muscle over the last seven days, today included.
    week_hard_sets: float
    #: Hard sets credited to the muscle today.
    today_hard_sets: float


@dataclass(frozen=True)
class StrainStatus:
    """Everything the monitor knows at the end of ``today``."""

    today: date
    series: LoadSeries
    #: The workload ratio of the whole session load (session RPE x minutes).
    overall: WorkloadRatio
    overall_zone: Zone | None
    #: Muscle id -> the muscle's ratio on hard sets, for every muscle in the catalog.
    muscles: Mapping[str, MuscleStrain]
    #: Monotony and strain of the seven days ending today, on session load.
    week: WeekStrain
    #: Every first exposure in the log, oldest first.
    exposures: tuple[Exposure, ...]
    #: Every return after a break, oldest first.
    comebacks: tuple[Comeback, ...]
    #: Most severe first.
    warnings: tuple[StrainWarning, ...]
    #: Names of the person's own exercises done in the last four weeks whose muscles are
    #: not known: they count in the session load but for no muscle. Sorted.
    unmeasured: tuple[str, ...] = ()
    #: Plain-language notes that are not warnings (what the numbers leave out).
    notes: tuple[str, ...] = ()


def strain_status(
    sessions: Iterable[TrainingSession],
    sets: Iterable[SetEntry],
    catalog: Catalog,
    today: date,
    tz: tzinfo = UTC,
    body_weight_kg: float | None = None,
    custom: Mapping[str, CustomMovement] | None = None,
) -> StrainStatus:
    """The strain monitor's view of one person's log at the end of ``today`` (a day in ``tz``).

    Training logged after ``today`` is ignored. ``custom`` gives the person's own exercises
    by id, for their sets among ``sets``. Raises UnknownName for a set whose exercise or
    variant neither the catalog nor ``custom`` knows.
    """
    series = daily_loads(
        sessions,
        sets,
        catalog,
        until=today,
        tz=tz,
        body_weight_kg=body_weight_kg,
        custom=custom,
    )
    overall = latest_acwr(series.session_load)
    muscles = {
        m.muscle: m for m in _muscle_strains(series, {x.id: x.name for x in catalog.muscles})
    }
    exposures = tuple(first_exposures(series, catalog))
    returns = tuple(comebacks(training_days(series)))
    unmeasured = _unmeasured(series)
    status = StrainStatus(
        today=today,
        series=series,
        overall=overall,
        overall_zone=None if overall.ratio is None else zone_of(overall.ratio),
        muscles=muscles,
        week=last_week(series.session_load),
        exposures=exposures,
        comebacks=returns,
        warnings=(),
        unmeasured=unmeasured,
        notes=_unmeasured_notes(unmeasured),
    )
    return replace(status, warnings=tuple(_warnings(status, catalog)))


def _unmeasured(series: LoadSeries) -> tuple[str, ...]:
    """Names of the custom exercises without muscles done within the chronic window.

    Only these bear on today's ratios: older work has all but left the chronic average.
    """
    recent = len(series) - CHRONIC_DAYS
    names = {
        series.custom[load.movement[0]].name
        for load in series.movement_loads
        if not load.shares
        and load.movement[0] in series.custom
        and load.days
        and max(load.days) >= recent
    }
    return tuple(sorted(names, key=str.casefold))


def _unmeasured_notes(names: tuple[str, ...]) -> tuple[str, ...]:
    if not names:
        return ()
    listed = ", ".join(names)
    if len(names) == 1:
        counted = f"1 exercise of your own has no muscles set ({listed}): it counts"
    else:
        counted = f"{len(names)} exercises of your own have no muscles set ({listed}): they count"
    return (f"{counted} in your training load but not for any muscle.",)


def _muscle_strains(series: LoadSeries, names: Mapping[str, str]) -> list[MuscleStrain]:
    """Each muscle's ratio on hard sets at the end of the series.

    Worked out per movement and then shared out, which gives the same averages as running
    them down each muscle's daily column (an EWMA is linear) without building the columns.
    """
    n = len(series)
    acute_weights = ewma_weights(ACUTE_DAYS, n)
    chronic_weights = ewma_weights(CHRONIC_DAYS, n)
    week_start = n - ACUTE_DAYS
    acute = dict.fromkeys(series.muscles, 0.0)
    chronic = dict.fromkeys(series.muscles, 0.0)
    week = dict.fromkeys(series.muscles, 0.0)
    today = dict.fromkeys(series.muscles, 0.0)
    last: dict[str, int] = {}
    for load in series.movement_loads:
        days, hard = load.days, load.hard_sets
        a = sparse_ewma(days, hard, acute_weights)
        c = sparse_ewma(days, hard, chronic_weights)
        last_day = next((d for d, h in zip(reversed(days), reversed(hard), strict=True) if h), None)
        in_week = in_today = 0.0
        for d, h in zip(reversed(days), reversed(hard), strict=True):
            if d < week_start:
                break
            in_week += h
            if d == n - 1:
                in_today += h
        for muscle, share in load.shares:
            acute[muscle] += a * share
            chronic[muscle] += c * share
            week[muscle] += in_week * share
            today[muscle] += in_today * share
            if last_day is not None and last_day > last.get(muscle, -1):
                last[muscle] = last_day
    out: list[MuscleStrain] = []
    for muscle in series.muscles:
        since = n - 1 - last[muscle] if muscle in last else None
        ratio = workload_ratio(acute[muscle], chronic[muscle], n, since)
        out.append(
            MuscleStrain(
                muscle=muscle,
                name=names[muscle],
                ratio=ratio,
                zone=None if ratio.ratio is None else zone_of(ratio.ratio),
                week_hard_sets=week[muscle],
                today_hard_sets=today[muscle],
            )
        )
    return out


def muscles_in_zone(status: StrainStatus, name: ZoneName) -> list[MuscleStrain]:
    """The muscles whose ratio is in the zone called ``name``, highest ratio first."""
    found = [m for m in status.muscles.values() if m.zone is not None and m.zone.name is name]
    return sorted(found, key=lambda m: -(m.ratio.ratio or 0.0))


def hard_set_headroom(status: StrainStatus, target: float | None = None) -> dict[str, float | None]:
    """Muscle id -> hard sets it can still take today before its ratio passes ``target``.

    ``target`` defaults to the top of the sweet spot (1.3). Sets already logged today are
    taken off. None where the muscle has no ratio (short history or unaccustomed work):
    there the first-exposure rule, start light, applies instead. A planner trims today's
    session with this: the sets of each exercise, times the muscle's share, should fit.
    """
    limit = RATIO_TARGET if target is None else target
    out: dict[str, float | None] = {}
    for muscle_id, muscle in status.muscles.items():
        if muscle.ratio.ratio is None:
            out[muscle_id] = None
            continue
        acute, chronic = before_today(muscle.ratio, muscle.today_hard_sets)
        out[muscle_id] = max(0.0, load_for_ratio(acute, chronic, limit) - muscle.today_hard_sets)
    return out


def _times(ratio: float) -> str:
    """A ratio as a person reads it: 1.6, 1.45."""
    return f"{round(ratio, 2):g}"


def _your(name: str) -> tuple[str, str, str]:
    """'Your <muscle> is/are', 'it/they', 'it/them', agreeing with the muscle's name."""
    plural = name.endswith("s") and not name.endswith("us")
    lower = name[0].lower() + name[1:]
    if plural:
        return f"Your {lower} are", "they are", "them"
    return f"Your {lower} is", "it is", "it"


def _ratio_warnings(status: StrainStatus) -> list[StrainWarning]:
    out: list[StrainWarning] = []
    overall = status.overall
    if overall.ratio is not None and status.overall_zone is not None:
        name = status.overall_zone.name
        times = _times(overall.ratio)
        if name is ZoneName.HIGH:
            text = (
                f"Your training load is {times} times what you are used to this week "
                "— make today an easy day."
            )
            out.append(
                StrainWarning(
                    WarningKind.LOAD_RATIO,
                    Severity.HIGH,
                    text,
                    ratio=overall.ratio,
                    zone=name,
                    day=status.today,
                )
            )
        elif name is ZoneName.CAUTION:
            text = (
                f"Your training load is {times} times what you are used to this week "
                "— hold it there rather than adding more."
            )
            out.append(
                StrainWarning(
                    WarningKind.LOAD_RATIO,
                    Severity.CAUTION,
                    text,
                    ratio=overall.ratio,
                    zone=name,
                    day=status.today,
                )
            )
    # A muscle whose work is new this week has a first-exposure warning already; its ratio
    # says no more than that it is new (it sits near the 3.6 ceiling), so it stays quiet.
    recent = status.today - timedelta(days=ACUTE_DAYS - 1)
    new = {e.id for e in status.exposures if e.subject is Subject.MUSCLE and e.day >= recent}
    for m in status.muscles.values():
        if m.ratio.ratio is None or m.zone is None or m.muscle in new:
            continue
        your, they_are, them = _your(m.name)
        times = _times(m.ratio.ratio)
        if m.zone.name is ZoneName.HIGH:
            severity = Severity.HIGH
            advice = f"keep today light for {them}."
        elif m.zone.name is ZoneName.CAUTION:
            severity = Severity.CAUTION
            advice = f"hold {them} there rather than adding more."
        else:
            continue
        text = f"{your} doing {times} times what {they_are} used to this week — {advice}"
        out.append(
            StrainWarning(
                WarningKind.MUSCLE_RATIO,
                severity,
                text,
                muscle=m.muscle,
                ratio=m.ratio.ratio,
                zone=m.zone.name,
                day=status.today,
            )
        )
    return out


def _movement_name(
    catalog: Catalog,
    custom: Mapping[str, CustomMovement],
    exercise_id: str,
    variant_id: str | None,
) -> str:
    own = custom.get(exercise_id) if variant_id is None else None
    if own is not None:
        return own.name  # the person's own spelling ("Face Pull"), as they know it
    exercise = catalog.exercise(exercise_id)
    name = exercise.variant(variant_id).name if variant_id is not None else exercise.name
    return name[0].lower() + name[1:]


def _exposure_warnings(status: StrainStatus, catalog: Catalog) -> list[StrainWarning]:
    out: list[StrainWarning] = []
    recent = status.today - timedelta(days=ACUTE_DAYS - 1)
    days_trained = training_days(status.series)
    if days_trained and is_gap(days_trained[-1], status.today, BREAK_DAYS):
        days = (status.today - days_trained[-1]).days - 1
        out.append(
            StrainWarning(
                WarningKind.ON_BREAK,
                Severity.CAUTION,
                f"{days} days since your last session: start light when you train again, "
                "and build back up over about three weeks.",
                day=status.today,
            )
        )
    returned: set[date] = set()
    for back in status.comebacks:
        if back.day >= recent:
            returned.add(back.day)
            out.append(
                StrainWarning(
                    WarningKind.RETURN_AFTER_BREAK,
                    Severity.CAUTION,
                    f"Back after {back.days_off} days off: start light and build back up "
                    "over about three weeks.",
                    day=back.day,
                )
            )
    for e in status.exposures:
        if e.day < recent or e.subject is not Subject.MOVEMENT:
            continue
        if e.kind is ExposureKind.AFTER_GAP and e.day in returned:
            continue  # the return-after-break warning already says to start light
        what = _movement_name(catalog, status.series.custom, e.id, e.variant_id)
        when = " in a while" if e.kind is ExposureKind.AFTER_GAP else ""
        out.append(
            StrainWarning(
                WarningKind.FIRST_EXPOSURE,
                Severity.CAUTION,
                f"First {what}{when}: start light.",
                exercise_id=e.id,
                variant_id=e.variant_id,
                day=e.day,
            )
        )
    return out


def _monotony_warnings(status: StrainStatus) -> list[StrainWarning]:
    week = status.week
    if not week.monotonous:
        return []
    level = (
        "the same load" if week.uniform else f"much the same load (monotony {week.monotony:.1f})"
    )
    return [
        StrainWarning(
            WarningKind.MONOTONY,
            Severity.CAUTION,
            f"Every day this week carried {level}: make some days easy, or take a rest day.",
            ratio=week.monotony,
            day=status.today,
        )
    ]


def _warnings(status: StrainStatus, catalog: Catalog) -> list[StrainWarning]:
    found = [
        *_ratio_warnings(status),
        *_exposure_warnings(status, catalog),
        *_monotony_warnings(status),
    ]
    return sorted(
        found,
        key=lambda w: (-w.severity, _KIND_ORDER[w.kind], -(w.ratio or 0.0), w.muscle or ""),
    )
