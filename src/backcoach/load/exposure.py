"""First exposures and returns after a break: the unaccustomed work the article warns about.

- A **first exposure** is a day on which a movement (an exercise or one of its variants) or
  a muscle is trained that was never trained before, or not in the
  :data:`UNACCUSTOMED_AFTER_DAYS` days before it.
- A **return after a break** is the first training day after :data:`BREAK_DAYS` or more days
  without any training.

A muscle counts as trained when a movement works it as prime mover or synergist; holding
the trunk still as a stabiliser does not make a muscle used to the work. An exercise of the
person's own works the muscles they gave it shares in (they give no roles).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from backcoach.catalog import Catalog
from backcoach.load.daily import CustomMovement, LoadSeries, Movement

#: Work not done in this many days is unaccustomed again. It matches the chronic window of
#: the workload ratio (28 days): work that has left the chronic average is no longer
#: something the body is used to. A backcoach choice.
UNACCUSTOMED_AFTER_DAYS = 28
#: This many days or more without training is a break after which to ramp back in. The
#: issue's rule ("after a break of two weeks or more, ramp back in"); after two weeks the
#: chronic average has lost about two thirds of its value.
BREAK_DAYS = 14


class ExposureKind(StrEnum):
    """Whether the work is new altogether, or back after a gap."""

    FIRST_TIME = "first-time"
    AFTER_GAP = "after-gap"


class Subject(StrEnum):
    """What was exposed: a movement (exercise or variant) or a muscle."""

    MOVEMENT = "movement"
    MUSCLE = "muscle"


@dataclass(frozen=True, slots=True)
class Exposure:
    """A day on which a movement or muscle was trained for the first time, or first in a while."""

    day: date
    kind: ExposureKind
    subject: Subject
    #: The exercise id (for a movement) or the muscle id.
    id: str
    #: The variant id of a movement; None for the exercise itself and for muscles.
    variant_id: str | None
    #: The last day it was trained before; None the first time.
    previous: date | None


@dataclass(frozen=True, slots=True)
class Comeback:
    """The first training day after a break of :data:`BREAK_DAYS` or more days."""

    day: date
    #: The last training day before the break.
    last_before: date

    @property
    def days_off(self) -> int:
        """The whole days without training between the two training days."""
        return (self.day - self.last_before).days - 1


def is_gap(last: date, day: date, days: int) -> bool:
    """Whether ``days`` or more whole days lie between ``last`` and ``day``."""
    return (day - last).days - 1 >= days


def worked_muscles(
    catalog: Catalog, movement: Movement, custom: Mapping[str, CustomMovement] | None = None
) -> tuple[str, ...]:
    """The muscles a movement works as prime mover or synergist.

    For an exercise of the person's own (in ``custom``): the catalog muscles it has a share
    in; none when its muscles are not known.
    """
    own = custom.get(movement[0]) if custom and movement[1] is None else None
    if own is not None:
        known = {m.id for m in catalog.muscles}
        return tuple(m for m, share in own.shares.items() if share > 0 and m in known)
    exercise = catalog.exercise(movement[0])
    shares = exercise.muscles
    if movement[1] is not None:
        variant = exercise.variant(movement[1])
        if variant.muscles is not None:
            shares = variant.muscles
    return tuple(s.muscle for s in shares if s.role != "stabilizer")


def first_exposures(
    series: LoadSeries, catalog: Catalog, *, gap_days: int = UNACCUSTOMED_AFTER_DAYS
) -> list[Exposure]:
    """Every first exposure of a movement or muscle in a log: by day, movements first."""
    apart = gap_days + 1  # days apart, so that gap_days whole days lie between
    # Each movement's training days, as indexes into the series.
    done = {load.movement: sorted(set(load.days)) for load in series.movement_loads if load.days}
    found: list[tuple[int, int, str, str, Exposure]] = []

    def exposure(d: int, subject: Subject, id: str, variant: str | None, last: int | None) -> None:
        kind = ExposureKind.FIRST_TIME if last is None else ExposureKind.AFTER_GAP
        before = None if last is None else series.start + timedelta(days=last)
        e = Exposure(series.start + timedelta(days=d), kind, subject, id, variant, before)
        found.append((d, subject is Subject.MUSCLE, id, variant or "", e))

    new: dict[int, list[Movement]] = {}
    for movement, days in done.items():
        last: int | None = None
        for d in days:
            if last is None or d - last >= apart:
                new.setdefault(d, []).append(movement)
                exposure(d, Subject.MOVEMENT, movement[0], movement[1], last)
            last = d

    # A muscle is new, or back after a gap, only on a day when a movement working it is:
    # had any movement working it been done within the gap, the muscle would have been too.
    # Its last day before is the latest last day before of the movements that work it.
    # Exercise.variant() is slow: once per movement
    worked = {m: worked_muscles(catalog, m, series.custom) for m in done}
    working: dict[str, list[list[int]]] = {}
    for movement, muscles in worked.items():
        for muscle in muscles:
            working.setdefault(muscle, []).append(done[movement])
    for d, movements in new.items():
        for muscle in {m for movement in movements for m in worked[movement]}:
            earlier = [days[bisect_left(days, d) - 1] for days in working[muscle] if days[0] < d]
            last = max(earlier) if earlier else None
            if last is None or d - last >= apart:
                exposure(d, Subject.MUSCLE, muscle, None, last)
    found.sort(key=lambda f: f[:4])
    return [f[4] for f in found]


def comebacks(training_days: Iterable[date], *, break_days: int = BREAK_DAYS) -> list[Comeback]:
    """Every return after a break of ``break_days`` or more days without training, oldest first."""
    found: list[Comeback] = []
    previous: date | None = None
    for day in sorted(set(training_days)):
        if previous is not None and is_gap(previous, day, break_days):
            found.append(Comeback(day, previous))
        previous = day
    return found


def last_done(series: LoadSeries) -> dict[Movement, date]:
    """The last day each movement was done; a planner asks it whether work is unaccustomed."""
    return {
        load.movement: series.start + timedelta(days=max(load.days))
        for load in series.movement_loads
        if load.days
    }


def training_days(series: LoadSeries) -> list[date]:
    """The days with a session, in order."""
    return sorted({s.day for s in series.sessions})


def is_unaccustomed(
    last: date | None, day: date, *, gap_days: int = UNACCUSTOMED_AFTER_DAYS
) -> bool:
    """Whether work last done on ``last`` (None: never) would be a first exposure on ``day``."""
    return last is None or is_gap(last, day, gap_days)
