"""Daily training load, for the whole person and for each back muscle.

Three measures, one value per local calendar day (days without training are zero):

- **session load** (arbitrary units, AU): session RPE x minutes, Foster's session-RPE
  method (Foster 1998; Foster et al. 2001), summed over the day's sessions;
- **hard sets** per muscle: each hard set shared out over the muscles the exercise (or its
  variant) works, in the catalog's shares, or for an exercise of the person's own (a
  :class:`CustomMovement`) in the shares the person gave;
- **volume load** per muscle (kg): repetitions x load x share.

How each number is reached, and what is estimated, is in docs/strain-monitor.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, timedelta, tzinfo
from functools import cached_property
from itertools import chain

from backcoach.catalog import Catalog
from backcoach.training.entries import SetEntry, SetKind, Side, TrainingSession

#: What was done: an exercise id and a variant id (None for the exercise itself).
Movement = tuple[str, str | None]

#: A set at this effort or harder counts as a hard set. RPE 6 is 4 reps in reserve on the
#: repetitions-in-reserve RPE scale (Zourdos et al. 2016), the easy end of the effort that
#: backcoach's plans prescribe.
HARD_SET_MIN_RPE = 6.0
#: The effort assumed for a working set logged without RPE or reps in reserve. Such a set
#: counts as hard (a person who logs no effort is usually working), so the default sits
#: inside the hard range, at a typical working-set effort. A backcoach choice.
DEFAULT_RPE = 7.0
#: A set taken to failure had no rep left: RPE 10 by definition of the scale.
FAILURE_RPE = 10.0
#: Seconds per repetition when a session's minutes are estimated from its sets: about one
#: to two seconds up and two down. A backcoach estimate.
SECONDS_PER_REP = 4.0
#: Metres per minute for a swim logged with a distance but no time: an easy recreational
#: pace of 2:30 per 100 m. A backcoach estimate.
SWIM_METRES_PER_MINUTE = 40.0
#: Share of body weight lifted in a bodyweight exercise, by exercise or variant id. A
#: pull-up lifts the body less the hands and forearms, which hang from the bar: about 2.2%
#: of body mass per side in the segment tables (Winter 2009, after Dempster 1955), so 0.95.
#: A band takes an unknown part; backcoach assumes about a third (0.95 x 2/3). Added load
#: (``load_kg`` on a bodyweight exercise, as with a dip belt) is counted in full on top.
BODYWEIGHT_SHARES: Mapping[str, float] = {
    "pull-up": 0.95,
    "band-assisted-pull-up": 0.64,
}
#: Seconds of rest assumed after each set of an exercise of the person's own, when a
#: session's minutes are estimated from its sets: the middle of the catalog's prescribed
#: rests (60 s for shrugs and raises, 90 s for rows, 120 s for pull-ups). A backcoach estimate.
CUSTOM_REST_S = 90.0
#: Hard-set credit of a one-sided set (side left or right): the muscles are tracked as a
#: pair, so one arm's set is half of the pair's set and a set for each arm makes one.
ONE_SIDE_SET = 0.5


@dataclass(frozen=True, slots=True)
class CustomMovement:
    """An exercise of the person's own, outside the catalog, as the load arithmetic sees it.

    Its sets are logged with its id as their ``exercise_id`` and no variant. With
    ``shares`` (catalog muscle id -> share of the work, summing to 1) its hard sets and
    volume are shared out over those muscles like a catalog exercise's; without, it counts
    only in the whole-body session load. Muscles the catalog does not know are left out.
    """

    name: str
    shares: Mapping[str, float] = field(default_factory=dict)
    #: A swim: timed by distance when no duration is logged, and counted in swimming load.
    swim: bool = False


def set_effort(s: SetEntry) -> float | None:
    """The set's effort as RPE: the logged RPE, or 10 - reps in reserve, or None if not given.

    A set logged as taken to failure without an effort counts as RPE 10.
    """
    if s.rpe is not None:
        return s.rpe
    if s.rir is not None:
        return 10.0 - s.rir
    if s.kind is SetKind.FAILURE:
        return FAILURE_RPE
    return None


def is_hard_set(s: SetEntry) -> bool:
    """Whether the set counts as a hard set.

    Warm-ups never do; a set to failure always does (a low effort logged on it is a slip);
    any other set does at RPE >= 6, 4 or fewer reps in reserve, or with no effort given.
    """
    if s.kind is SetKind.WARMUP:
        return False
    if s.kind is SetKind.FAILURE:
        return True
    effort = set_effort(s)
    return effort is None or effort >= HARD_SET_MIN_RPE


@dataclass(frozen=True, slots=True)
class SessionLoad:
    """One session's load: its effort, its length, and session RPE x minutes."""

    session_id: str
    #: The local calendar day the session started on; a session past midnight counts there.
    day: date
    #: Session RPE: the mean effort of the hard sets (see :func:`session_rpe`).
    rpe: float
    minutes: float
    #: True when the session had no end time and its minutes were estimated from its sets.
    minutes_estimated: bool
    #: Swimming load: the swims' own minutes x their effort, in AU. Reported on its own; the
    #: session load already covers the time spent swimming.
    swim_load: float

    @property
    def load(self) -> float:
        """Session RPE x minutes, in arbitrary units (AU)."""
        return self.rpe * self.minutes


@dataclass(frozen=True, slots=True)
class DailyLoad:
    """One day's load: the person's session load, and per muscle hard sets and volume load."""

    day: date
    #: Session RPE x minutes over the day's sessions, AU.
    session_load: float
    #: Swimming load of the day, swim minutes x effort, AU (within the session load's time).
    swim_load: float
    #: Muscle id -> hard sets credited to it (a fraction of a set per exercise share).
    hard_sets: Mapping[str, float]
    #: Muscle id -> repetitions x kilograms x share.
    volume_kg: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class MovementLoad:
    """One movement's part of a log: the days it was done and its hard sets and kg on each.

    Kept per movement, not per muscle, because a movement's muscles share its work in fixed
    proportions: a muscle's series is the sum of its movements' series times its shares.
    """

    movement: Movement
    #: (muscle id, share) for each muscle the movement works.
    shares: tuple[tuple[str, float], ...]
    #: Indexes into the series (0 = its first day), in order, one for each run of the
    #: movement's sets in a session (a day may appear more than once).
    days: tuple[int, ...]
    #: Hard sets done on each of those days.
    hard_sets: tuple[float, ...]
    #: Repetitions x kilograms on each of those days.
    volume_kg: tuple[float, ...]


@dataclass(frozen=True)
class LoadSeries:
    """Daily loads from a person's first training day to an end day, one value per day.

    The person's loads are held as columns (one tuple per measure, index 0 = ``start``);
    the per-muscle columns are built on first use from :attr:`movement_loads`.
    :meth:`day` and iteration give :class:`DailyLoad` rows. An empty series (``len 0``)
    means no training up to the end day. Build one with :func:`daily_loads`.
    """

    start: date
    #: Session RPE x minutes per day, AU.
    session_load: tuple[float, ...]
    #: Swimming load per day, swim minutes x effort, AU (within the session load's time).
    swim_load: tuple[float, ...]
    #: Every muscle in the catalog, in catalog order.
    muscles: tuple[str, ...]
    movement_loads: tuple[MovementLoad, ...]
    sessions: tuple[SessionLoad, ...]
    #: The person's own exercises the log was read with, by id (see :class:`CustomMovement`).
    custom: Mapping[str, CustomMovement] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.session_load)

    @property
    def end(self) -> date:
        """The last day of the series (the day before ``start`` when it is empty)."""
        return self.start + timedelta(days=len(self) - 1)

    def _columns(self, measure: str) -> dict[str, tuple[float, ...]]:
        columns = {m: [0.0] * len(self) for m in self.muscles}
        for load in self.movement_loads:
            values = getattr(load, measure)
            for muscle, share in load.shares:
                column = columns[muscle]
                for i, value in zip(load.days, values, strict=True):
                    column[i] += value * share
        return {m: tuple(v) for m, v in columns.items()}

    @cached_property
    def movements(self) -> Mapping[date, frozenset[Movement]]:
        """Each training day -> the movements (exercise, variant) done, warm-ups included."""
        done: dict[date, set[Movement]] = {}
        for load in self.movement_loads:
            for i in load.days:
                done.setdefault(self.start + timedelta(days=i), set()).add(load.movement)
        return {day: frozenset(done[day]) for day in sorted(done)}

    @cached_property
    def hard_sets(self) -> Mapping[str, tuple[float, ...]]:
        """Muscle id -> hard sets credited to it per day, for every muscle."""
        return self._columns("hard_sets")

    @cached_property
    def volume_kg(self) -> Mapping[str, tuple[float, ...]]:
        """Muscle id -> repetitions x kilograms x share per day, for every muscle."""
        return self._columns("volume_kg")

    def index(self, day: date) -> int:
        """The position of ``day`` in the columns; KeyError when the series does not cover it."""
        i = (day - self.start).days
        if not 0 <= i < len(self):
            raise KeyError(f"{day} is outside {self.start}..{self.end}")
        return i

    def day(self, day: date) -> DailyLoad:
        """The loads of one day of the series."""
        i = self.index(day)
        return DailyLoad(
            day=day,
            session_load=self.session_load[i],
            swim_load=self.swim_load[i],
            hard_sets={m: v[i] for m, v in self.hard_sets.items()},
            volume_kg={m: v[i] for m, v in self.volume_kg.items()},
        )

    def __iter__(self) -> Iterator[DailyLoad]:
        for i in range(len(self)):
            yield self.day(self.start + timedelta(days=i))


def session_rpe(sets: Iterable[SetEntry]) -> float:
    """A session's RPE from its sets: the mean effort of its hard sets.

    Falls back to the mean effort of any working set, then of any set (a session of
    warm-ups), then to :data:`DEFAULT_RPE` when no set gives an effort.
    """
    hard: list[float] = []
    working: list[float] = []
    any_set: list[float] = []
    for s in sets:
        effort = set_effort(s)
        if effort is None:
            continue
        any_set.append(effort)
        if s.kind is not SetKind.WARMUP:
            working.append(effort)
            if is_hard_set(s):
                hard.append(effort)
    for efforts in (hard, working, any_set):
        if efforts:
            return sum(efforts) / len(efforts)
    return DEFAULT_RPE


def set_minutes(s: SetEntry, swim: bool) -> float:
    """Estimated minutes a set takes, without the rest after it.

    A logged duration is used as it is; a swim with only a distance is timed at
    :data:`SWIM_METRES_PER_MINUTE`; a strength set at :data:`SECONDS_PER_REP` a repetition.
    """
    if s.duration_s is not None:
        return s.duration_s / 60.0
    if swim and s.distance_m is not None:
        return s.distance_m / SWIM_METRES_PER_MINUTE
    return (s.reps or 0) * SECONDS_PER_REP / 60.0


@dataclass(frozen=True, slots=True)
class _MovementFacts:
    """What the load arithmetic needs of one exercise or variant, looked up once."""

    shares: tuple[tuple[str, float], ...]
    swim: bool
    rest_min: float
    #: Kilograms of body weight a repetition moves (0 without a body weight or for loaded work).
    body_kg: float


def _facts(
    catalog: Catalog,
    movement: Movement,
    muscles: tuple[str, ...],
    body_weight_kg: float | None,
    custom: Mapping[str, CustomMovement],
) -> _MovementFacts:
    own = custom.get(movement[0]) if movement[1] is None else None
    if own is not None:
        return _MovementFacts(
            shares=tuple((m, share) for m, share in own.shares.items() if m in muscles),
            swim=own.swim,
            rest_min=0.0 if own.swim else CUSTOM_REST_S / 60.0,
            body_kg=0.0,
        )
    exercise = catalog.exercise(movement[0])
    variant = exercise.variant(movement[1]) if movement[1] is not None else None
    body_kg = 0.0
    if exercise.loading == "bodyweight" and body_weight_kg is not None:
        key = variant.id if variant is not None else exercise.id
        body_kg = body_weight_kg * BODYWEIGHT_SHARES.get(key, BODYWEIGHT_SHARES[exercise.id])
    shares = exercise.muscle_shares(variant)
    return _MovementFacts(
        shares=tuple((m, share) for m, share in shares.items() if m in muscles),
        swim=exercise.kind == "swim",
        rest_min=exercise.prescription.rest_s / 60.0,
        body_kg=body_kg,
    )


_WARMUP = SetKind.WARMUP
_FAILURE = SetKind.FAILURE
_BOTH = Side.BOTH
#: Marks the end of the sets, so the loop books the last run where it books every other.
_END_OF_LOG = (SetEntry(id="end", session_id="end", exercise_id="", position=0, reps=0),)
#: Stands in for a movement's facts before the first run.
_NO_FACTS = _MovementFacts(shares=(), swim=False, rest_min=0.0, body_kg=0.0)


class _Tally:
    """What one session adds up to while its sets go by."""

    __slots__ = (
        "day",
        "day_number",
        "estimate",
        "hard_n",
        "hard_sum",
        "last_position",
        "last_rest",
        "session",
        "swim",
        "warmup_n",
        "warmup_sum",
        "work_n",
        "work_sum",
    )

    def __init__(self, session: TrainingSession, day: date) -> None:
        self.session = session
        self.day = day
        self.day_number = day.toordinal()
        # efforts of hard sets, of other working sets, and of warm-ups (see session_rpe)
        self.hard_sum = self.work_sum = self.warmup_sum = 0.0
        self.hard_n = self.work_n = self.warmup_n = 0
        self.estimate = self.swim = self.last_rest = 0.0
        self.last_position = -1

    def rpe(self) -> float:
        """The session's RPE, as :func:`session_rpe` works it out."""
        if self.hard_n:
            return self.hard_sum / self.hard_n
        if self.work_n:
            return self.work_sum / self.work_n
        if self.warmup_n:
            return self.warmup_sum / self.warmup_n
        return DEFAULT_RPE

    def minutes(self) -> float:
        """End minus start, or the sets' estimate without a rest after the last set."""
        s = self.session
        if s.ended_at is not None:
            return (s.ended_at - s.started_at).total_seconds() / 60.0
        return self.estimate - self.last_rest


def daily_loads(
    sessions: Iterable[TrainingSession],
    sets: Iterable[SetEntry],
    catalog: Catalog,
    *,
    until: date | None = None,
    tz: tzinfo = UTC,
    body_weight_kg: float | None = None,
    custom: Mapping[str, CustomMovement] | None = None,
) -> LoadSeries:
    """The day-by-day loads of one person's log, from the first training day to ``until``.

    Days are local calendar days in ``tz``; a session belongs to the day it started on, and
    a set to its session's day (a set whose session is not given, to the day it was first
    logged). Training after ``until`` is left out; ``until`` defaults to the last training
    day. A session with no sets adds nothing: nothing is known of what was done.
    ``body_weight_kg`` gives bodyweight exercises a volume load (see
    :data:`BODYWEIGHT_SHARES`); without it they count only their added load.
    ``custom`` gives the person's own exercises by id; their sets may be mixed with the
    catalog's. Raises UnknownName for an exercise or variant neither knows, and ValueError
    for a custom exercise whose id is a catalog exercise's.

    The rules per set are those of :func:`is_hard_set`, :func:`set_effort`,
    :func:`session_rpe` and :func:`set_minutes`, written out in one loop here because it
    runs over years of sets (bench/strain_monitor.py); the tests hold the two to agreement.
    """
    muscles = tuple(m.id for m in catalog.muscles)
    own: Mapping[str, CustomMovement] = custom or {}
    taken = [e.id for e in catalog.exercises if e.id in own]
    if taken:
        raise ValueError(f"custom exercise ids that are catalog exercise ids: {', '.join(taken)}")
    entries = sets if isinstance(sets, list | tuple) else list(sets)
    known = {x.id: x for x in sessions}
    tallies: dict[str, _Tally] = {}
    later: set[str] = set()  # sessions after ``until``
    orphans: set[str] = set()  # sessions not given, only known from their sets
    facts: dict[Movement, _MovementFacts] = {}
    # Movement -> day ordinals, hard sets, kg: flat lists of numbers, which the garbage
    # collector does not trace (a tuple per entry it would).
    credits: dict[Movement, tuple[list[int], list[float], list[float]]] = {}

    batches: list[Sequence[SetEntry]] = [entries]
    for batch in batches:  # a second batch holds the orphans' sets, once they have sessions
        # A run is a stretch of sets of one movement in one session. A log comes in runs;
        # sets in any other order only make more, shorter runs.
        session_id = exercise_id = ""
        variant_id: str | None = ""
        tally: _Tally | None = None
        f = _NO_FACTS
        run: tuple[list[int], list[float], list[float]] | None = None
        hard = kg_moved = reps_done = 0.0
        estimating = swim = False
        for x in chain(batch, _END_OF_LOG):
            if (
                x.exercise_id != exercise_id
                or x.variant_id != variant_id
                or x.session_id != session_id
            ):
                if run is not None and tally is not None:  # the run is over: book it
                    run[0].append(tally.day_number)
                    run[1].append(hard)
                    run[2].append(kg_moved + reps_done * f.body_kg)
                    hard = kg_moved = reps_done = 0.0
                    run = None
                if x is _END_OF_LOG[0]:
                    break
                exercise_id, variant_id = x.exercise_id, x.variant_id
                if x.session_id != session_id:
                    session_id = x.session_id
                    tally = tallies.get(session_id)
                    if tally is None:
                        session = known.get(session_id)
                        if session is None:
                            orphans.add(session_id)
                        elif session_id not in later:
                            day = session.started_at.astimezone(tz).date()
                            if until is not None and day > until:
                                later.add(session_id)
                            else:
                                tally = tallies[session_id] = _Tally(session, day)
                if tally is None:
                    continue
                estimating = tally.session.ended_at is None
                key = (exercise_id, variant_id)
                found = facts.get(key)
                if found is None:
                    found = facts[key] = _facts(catalog, key, muscles, body_weight_kg, own)
                    credits[key] = ([], [], [])
                f = found
                swim = f.swim
                run = credits[key]
            elif run is None:
                continue  # a session after ``until``, or one waiting for the second batch
            assert tally is not None
            # effort, as set_effort
            kind = x.kind
            rpe = x.rpe
            if rpe is None:
                rir = x.rir
                if rir is not None:
                    rpe = 10.0 - rir
                elif kind is _FAILURE:
                    rpe = FAILURE_RPE
            # minutes, as set_minutes: for swims, and for sessions without an end
            if estimating or swim:
                minutes = set_minutes(x, swim)
                if swim:
                    tally.swim += minutes * (DEFAULT_RPE if rpe is None else rpe)
                if estimating:
                    tally.estimate += minutes + f.rest_min
                    if x.position >= tally.last_position:
                        tally.last_position, tally.last_rest = x.position, f.rest_min
            # hard sets, as is_hard_set, and the efforts session_rpe averages
            if kind is _WARMUP:
                if rpe is not None:
                    tally.warmup_sum += rpe
                    tally.warmup_n += 1
                continue
            if rpe is None:
                hard += 1.0 if x.side is _BOTH else ONE_SIDE_SET
            elif rpe >= HARD_SET_MIN_RPE or kind is _FAILURE:
                hard += 1.0 if x.side is _BOTH else ONE_SIDE_SET
                tally.hard_sum += rpe
                tally.hard_n += 1
            else:
                tally.work_sum += rpe
                tally.work_n += 1
            reps = x.reps
            if reps:
                reps_done += reps
                kg = x.load_kg
                if kg:
                    kg_moved += reps * kg
        if orphans and batch is entries:
            # Give sets without their session a session that starts when they were logged.
            stray = [x for x in entries if x.session_id in orphans]
            for x in stray:
                s = known.get(x.session_id)
                if s is None or x.logged_at < s.started_at:
                    known[x.session_id] = TrainingSession(x.session_id, "unknown", x.logged_at)
            batches.append(stray)

    ordered = sorted(tallies.values(), key=lambda t: (t.day, t.session.started_at))
    end = until if until is not None else (ordered[-1].day if ordered else date.min)
    start = ordered[0].day if ordered else end + timedelta(days=1)
    first = start.toordinal()
    n = (end - start).days + 1
    session_load = [0.0] * n
    swim_load = [0.0] * n
    session_loads: list[SessionLoad] = []
    for t in ordered:
        rpe, minutes = t.rpe(), t.minutes()
        estimated = t.session.ended_at is None
        session_loads.append(SessionLoad(t.session.id, t.day, rpe, minutes, estimated, t.swim))
        i = t.day_number - first
        session_load[i] += rpe * minutes
        swim_load[i] += t.swim

    movement_loads: list[MovementLoad] = []
    for key, (days, hard_sets, volume) in credits.items():
        if days != sorted(days):  # the sets came out of day order
            order = sorted(range(len(days)), key=days.__getitem__)
            days = [days[k] for k in order]
            hard_sets = [hard_sets[k] for k in order]
            volume = [volume[k] for k in order]
        indexes = tuple([d - first for d in days])
        load = MovementLoad(key, facts[key].shares, indexes, tuple(hard_sets), tuple(volume))
        movement_loads.append(load)

    return LoadSeries(
        start=start,
        session_load=tuple(session_load),
        swim_load=tuple(swim_load),
        muscles=muscles,
        movement_loads=tuple(movement_loads),
        sessions=tuple(session_loads),
        custom=own,
    )
