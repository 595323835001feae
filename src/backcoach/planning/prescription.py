"""One exercise's targets for one session, and the arithmetic of doses: time, volume, load.

A :class:`Prescription` says what to do (exercise and variant, sets, a rep range or a
duration, effort, load, rest, tempo) and why (``reasons``). Its estimated minutes and its
planned load are computed from those fields whenever one is made, so they never go stale.
The numbers used to estimate time live here, once, with where they come from.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from backcoach.training.units import Unit, format_load

#: How the repetitions of a set are arranged.
#: straight: one unbroken set; cluster: the set's reps as singles with short rests;
#: ladder: rungs of 1, 2, ... up to the top rung; continuous: a timed swim.
Scheme = Literal["straight", "cluster", "ladder", "continuous"]
#: What ``load_kg`` means: a barbell's total, one dumbbell, or weight added to the body.
LoadKind = Literal["barbell", "dumbbell", "added"]

#: General warm-up before the first strength exercise of a session (minutes): a few
#: minutes of easy movement and light sets. A backcoach estimate.
SESSION_WARMUP_MIN = 3.0
#: Setting up an exercise and its warm-up set (minutes). A backcoach estimate.
EXERCISE_SETUP_MIN = 1.5
#: Getting into and out of the water around a swim (minutes). A backcoach estimate.
SWIM_CHANGEOVER_MIN = 2.0
#: Rest between the singles of a cluster set and between the rungs of a ladder (seconds).
#: Short intra-set rests of 15-30 s are the usual cluster arrangement (Haff and Triplett 2016).
INTRA_SET_REST_S = 20
#: The shortest swim worth getting wet for, in minutes.
MIN_SWIM_MIN = 5.0
#: In the planned load, a minute of easy swimming counts as 1.5 repetitions, so that the
#: catalog's 20-minute swim weighs the same as three sets of ten, the catalog's usual
#: strength dose. A backcoach calibration, not a measurement.
SWIM_REPS_PER_MINUTE = 1.5


@dataclass(frozen=True)
class Tempo:
    """Seconds spent lifting, pausing and lowering in one repetition."""

    lift_s: float
    pause_s: float
    lower_s: float

    @property
    def seconds_per_rep(self) -> float:
        """Time under tension of one repetition."""
        return self.lift_s + self.pause_s + self.lower_s

    def __str__(self) -> str:
        parts = [f"{self.lift_s:g} s up"] if self.lift_s else ["step or jump to the top"]
        if self.pause_s:
            parts.append(f"{self.pause_s:g} s hold")
        parts.append(f"{self.lower_s:g} s down")
        return ", ".join(parts)


def reps_per_set(scheme: Scheme, reps: float) -> float:
    """Repetitions in one set: a ladder to a top rung of n holds 1 + 2 + ... + n."""
    if scheme == "ladder":
        return reps * (reps + 1) / 2
    return reps


@dataclass(frozen=True)
class Prescription:
    """What to do for one exercise in one session, and why.

    ``reps_low``/``reps_high`` give the rep range of each set (for a ladder, the top rung;
    for a cluster, the singles in each set); swims have ``duration_min`` instead.
    ``rpe`` is the target effort of the last set (RPE 6 leaves about 4 reps in reserve).
    ``target_sets``/``target_rpe`` (and a swim's ``target_duration_min``) are the dose this
    prescription builds toward (a ramp, a deload or a ramp back after a break is below it).
    ``max_reps_est`` is, for pull-ups, the one-set maximum the dose was built from.
    ``misses`` counts sessions in a row that fell below the rep range.
    ``minutes`` (estimated, setup included) and ``load`` (the planned load: repetitions x
    RPE / 10, see :func:`planned_load`) are computed; values passed for them are replaced.
    """

    exercise_id: str
    variant_id: str | None
    name: str
    scheme: Scheme
    sets: int
    reps_low: int | None
    reps_high: int | None
    duration_min: float | None
    rpe: float
    rest_s: int
    tempo: Tempo | None
    main_muscles: tuple[str, ...]
    target_sets: int
    target_rpe: float
    target_duration_min: float | None = None
    load_kg: float | None = None
    load_step_kg: float | None = None
    load_kind: LoadKind | None = None
    unilateral: bool = False
    max_reps_est: int | None = None
    misses: int = 0
    reasons: tuple[str, ...] = ()
    minutes: float = field(default=0.0, compare=False)
    load: float = field(default=0.0, compare=False)

    def __post_init__(self) -> None:
        work = work_minutes(self)
        setup = SWIM_CHANGEOVER_MIN if self.duration_min is not None else EXERCISE_SETUP_MIN
        object.__setattr__(self, "minutes", round(work + setup, 2))
        object.__setattr__(self, "load", planned_load(self))

    @property
    def rir(self) -> int | None:
        """Target reps in reserve (10 - RPE on the RIR-based scale); None for a swim."""
        if self.duration_min is not None:
            return None
        return max(0, math.ceil(10.0 - self.rpe))

    @property
    def volume(self) -> float:
        """Sets x repetitions at the middle of the range (minutes for a swim)."""
        if self.duration_min is not None:
            return self.duration_min
        assert self.reps_low is not None
        assert self.reps_high is not None
        mid = reps_per_set(self.scheme, (self.reps_low + self.reps_high) / 2)
        return self.sets * mid

    @property
    def volume_reps(self) -> float:
        """Volume in repetitions; a swim's minutes count :data:`SWIM_REPS_PER_MINUTE` each."""
        if self.duration_min is not None:
            return self.duration_min * SWIM_REPS_PER_MINUTE
        return self.volume

    @property
    def is_swim(self) -> bool:
        """True for a timed swim."""
        return self.duration_min is not None

    def describe(self, unit: Unit = Unit.KG) -> str:
        """A short line: '3 x 8-12 @ RPE 7, 40 kg', '3 ladders (1, 2, 3) @ RPE 7'.

        Loads are shown in ``unit`` (the person's own), rounded as the log shows them.
        """
        if self.duration_min is not None:
            return f"{self.duration_min:g} min @ RPE {self.rpe:g}"
        if self.scheme == "ladder":
            rungs = ", ".join(str(r) for r in range(1, (self.reps_high or 1) + 1))
            text = f"{self.sets} ladders ({rungs}) @ RPE {self.rpe:g}"
        else:
            reps = (
                f"{self.reps_low}"
                if self.reps_low == self.reps_high
                else f"{self.reps_low}-{self.reps_high}"
            )
            singles = " (singles)" if self.scheme == "cluster" else ""
            text = f"{self.sets} x {reps}{singles} @ RPE {self.rpe:g}"
        if self.load_kg is not None:
            per = {"barbell": "", "dumbbell": " each hand", "added": " added"}
            text += f", {format_load(self.load_kg, unit)}{per.get(self.load_kind or 'barbell', '')}"
        return text


def planned_load(p: Prescription) -> float:
    """R4's planned load of a prescription: effort-weighted repetitions.

    Sets x repetitions (middle of the range) x RPE / 10; a swim counts
    :data:`SWIM_REPS_PER_MINUTE` repetitions a minute. Volume and effort both count, so a
    week grows whether sets, repetitions or effort rise.
    """
    return round(p.volume_reps * p.rpe / 10.0, 3)


def work_minutes(p: Prescription) -> float:
    """Minutes of work and rest between sets, without setup; a swim's own duration."""
    if p.duration_min is not None:
        return p.duration_min
    assert p.reps_high is not None
    assert p.tempo is not None
    per_set = reps_per_set(p.scheme, p.reps_high)
    sides = 2 if p.unilateral else 1
    seconds = p.sets * per_set * p.tempo.seconds_per_rep * sides
    if p.scheme == "cluster" or p.scheme == "ladder":
        seconds += p.sets * max(0, p.reps_high - 1) * INTRA_SET_REST_S
    seconds += max(0, p.sets - 1) * p.rest_s
    return seconds / 60.0


def round_down_to_step(kg: float, step: float) -> float:
    """The heaviest load at or below ``kg`` that steps of ``step`` can make (at least one step).

    Rounding down errs toward the lighter side: a plan should never ask for more than meant.
    """
    steps = math.floor(kg / step + 1e-9)
    return round(max(1, steps) * step, 3)


def step_down(kg: float, step: float, fraction: float) -> float:
    """``kg`` times ``fraction`` on the step grid, and at least one grid point lighter.

    Nothing lighter than ``kg`` on the grid (a load at or under one step) gives 0: no load.
    """
    below = math.ceil(kg / step - 1e-9) - 1  # the grid points strictly below kg
    if below < 1:
        return 0.0
    wanted = math.floor(kg * fraction / step + 1e-9)
    return round(max(1, min(below, wanted)) * step, 3)


def step_up(kg: float, step: float) -> float:
    """The next load above ``kg`` on the step grid: one step, or less from an off-grid load."""
    return round((math.floor(kg / step + 1e-9) + 1) * step, 3)


@dataclass(frozen=True)
class Dose:
    """Sets and repetitions (or minutes) that realise a fraction of a target volume."""

    sets: int
    reps_low: int | None
    reps_high: int | None
    duration_min: float | None


@lru_cache(maxsize=8192)
def _strength_dose(scheme: Scheme, sets: int, low: int, high: int, half_reps: int) -> Dose:
    budget = half_reps / 2
    width = high - low
    best: tuple[float, bool, int, int, int] | None = None  # volume, in range, sets, low, high
    for s in range(1, sets + 1):
        if scheme == "ladder":
            top = high
            while top > 1 and s * reps_per_set(scheme, top) > budget + 1e-9:
                top -= 1
            if s * reps_per_set(scheme, top) > budget + 1e-9:
                continue
            cand = (s * reps_per_set(scheme, top), top >= low, s, top, top)
        else:
            most = math.floor(2 * budget / s + 1e-9)  # the most a + b can be
            if most >= low + high:
                a, b = low, high
            elif most >= 2 * low and width > 0:
                a, b = low, most - low
            else:
                a = most // 2
                b = a if width == 0 else most - a
            if a < 1:
                continue
            cand = (s * (a + b) / 2, a >= low, s, a, b)
        if best is None or cand > best:
            best = cand
    if best is None:
        return Dose(1, 1, 1, None)
    _, _, s, a, b = best
    return Dose(s, a, b, None)


def dose_for_fraction(
    scheme: Scheme,
    sets: int,
    reps_low: int | None,
    reps_high: int | None,
    duration_min: float | None,
    fraction: float,
) -> Dose:
    """The largest dose whose volume is at most ``fraction`` of the target's.

    Volume moves in half-repetition steps: fewer sets, a narrower rep range (from the top
    down) and, when that is still too much, fewer repetitions than the range's bottom (a
    ramp or a deload is light work). At equal volume a dose inside the range wins, then the
    one with more sets. Never more sets, or a higher top of the range, than the target, so
    a lighter dose never takes longer. A swim is shortened (never below
    :data:`MIN_SWIM_MIN`).
    """
    fraction = min(1.0, max(0.0, fraction))
    if duration_min is not None:
        minutes = max(MIN_SWIM_MIN, math.floor(duration_min * fraction + 1e-9))
        return Dose(1, None, None, min(minutes, duration_min))
    assert reps_low is not None
    assert reps_high is not None
    if fraction >= 1.0:
        return Dose(sets, reps_low, reps_high, None)
    target = sets * reps_per_set(scheme, (reps_low + reps_high) / 2)
    half_reps = math.floor(2 * target * fraction + 1e-6)
    return _strength_dose(scheme, sets, reps_low, reps_high, half_reps)


def clear_dose_cache() -> None:
    """Forget remembered doses (for benchmarks that time a cold process)."""
    _strength_dose.cache_clear()
