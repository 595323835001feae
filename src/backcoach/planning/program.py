"""From a profile to a multi-week program: weeks, sessions and prescriptions, each with reasons.

::

    from backcoach.catalog import load_catalog
    from backcoach.planning import Profile, plan_program

    program = plan_program(Profile(start_date=date(2025, 1, 6), equipment=("dumbbells",)),
                           load_catalog())
    program.weeks[0].sessions[0].prescriptions[0].describe()

The program is plain frozen dataclasses; :func:`program_to_json` and
:func:`program_from_json` turn it into JSON and back for storage and the API. The rules
themselves live in :mod:`backcoach.planning.rules`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from typing import Any

from pydantic import TypeAdapter

from backcoach.catalog import Catalog
from backcoach.errors import UnknownName
from backcoach.planning.errors import InvalidProfile
from backcoach.planning.prescription import (
    MIN_SWIM_MIN,
    Prescription,
    dose_for_fraction,
    round_down_to_step,
    step_down,
)
from backcoach.planning.profile import WEEKDAYS, Profile
from backcoach.planning.rules import (
    DELOAD_LOAD,
    DELOAD_RPE,
    DELOAD_VOLUME,
    MAX_SETS_PER_SESSION,
    SPREAD_DAYS,
    WEEKLY_GROWTH_CAP,
    LeftOut,
    Stage,
    between,
    cap_hard_sets,
    fill_hard_sets,
    hard_set_range,
    history_days,
    is_accustomed,
    is_deload_week,
    load_cap,
    muscle_groups,
    nothing_to_plan,
    ramp_target,
    schedule_groups,
    select_exercises,
    session_minutes,
    target_prescription,
    trim_to_fit,
    weekly_hard_sets,
)
from backcoach.training.entries import SetEntry
from backcoach.training.units import Unit


@dataclass(frozen=True)
class ExerciseChoice:
    """An article exercise in the plan: the form chosen, whether it is new to the person, why."""

    exercise_id: str
    variant_id: str | None
    name: str
    accustomed: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Session:
    """One training day: its date, its prescriptions, and its estimated minutes and load."""

    day: date
    weekday: str
    week: int
    prescriptions: tuple[Prescription, ...]
    reasons: tuple[str, ...] = ()
    minutes: float = field(default=0.0, compare=False)
    load: float = field(default=0.0, compare=False)

    def describe(self, unit: Unit = Unit.KG) -> list[str]:
        """One line per exercise: 'Dumbbell shrug: 2 x 10-15 @ RPE 7', loads in ``unit``."""
        return [f"{p.name}: {p.describe(unit)}" for p in self.prescriptions]

    def __post_init__(self) -> None:
        object.__setattr__(self, "minutes", session_minutes(self.prescriptions))
        object.__setattr__(self, "load", sum(p.load for p in self.prescriptions))


@dataclass(frozen=True)
class Week:
    """A week of the plan: its sessions, whether it is a deload, its planned load and hard sets.

    ``load`` is the planned load (sum over prescriptions of work minutes x target RPE, the
    session-RPE currency of the strain monitor); ``hard_sets`` counts, per muscle, the sets
    in which it does main work.
    """

    number: int
    deload: bool
    sessions: tuple[Session, ...]
    reasons: tuple[str, ...] = ()
    load: float = field(default=0.0, compare=False)
    hard_sets: dict[str, int] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "load", sum(s.load for s in self.sessions))
        everything = (p for s in self.sessions for p in s.prescriptions)
        object.__setattr__(self, "hard_sets", weekly_hard_sets(everything))


@dataclass(frozen=True)
class Program:
    """A multi-week plan built from a profile, with the reason for every choice.

    ``template`` is the full-volume week (weekday -> prescriptions) that ramps build toward
    and deloads lighten; ``target_hard_sets`` its weekly hard sets per muscle and
    ``hard_set_range`` the range for the person's level. ``left_out`` lists the
    article exercises not in the plan and what would bring them in.
    """

    profile: Profile
    weekdays: tuple[str, ...]
    choices: tuple[ExerciseChoice, ...]
    left_out: tuple[LeftOut, ...]
    hard_set_range: tuple[int, int]
    template: dict[str, tuple[Prescription, ...]]
    target_hard_sets: dict[str, int]
    weeks: tuple[Week, ...]
    reasons: tuple[str, ...] = ()

    def sessions(self) -> Iterator[Session]:
        """Every session of the plan, in date order."""
        for week in self.weeks:
            yield from week.sessions

    def session_on(self, day: date) -> Session | None:
        """The session planned for ``day``, or None on a rest day or outside the plan."""
        for s in self.sessions():
            if s.day == day:
                return s
        return None


def _check_equipment(profile: Profile, catalog: Catalog) -> None:
    known = set(catalog.equipment_ids())
    unknown = [e for e in profile.equipment if e not in known]
    if unknown:
        raise InvalidProfile(
            [f"equipment: '{e}' is not in this catalog's equipment list." for e in unknown]
        )
    for key in profile.baselines.working_weights_kg:
        try:
            catalog.resolve(key)
        except UnknownName as e:
            raise InvalidProfile([f"baselines.working_weights_kg: {e}"]) from None


@dataclass
class _Slot:
    """One exercise on one weekday of the template, and its realisations by stage."""

    weekday: int
    choice: int
    target: Prescription
    note: tuple[str, ...]


def _realise(slot: _Slot, stage: Stage, accustomed: bool, deload: bool) -> Prescription:
    t = slot.target
    fraction = stage.fraction
    if deload:
        # About 60% of what the last full week actually held, not of the stage's share:
        # rounding can leave a full week's dose well under its share.
        full = _realise(slot, stage, accustomed, False)
        fraction = DELOAD_VOLUME * full.volume / t.volume
    dose = dose_for_fraction(t.scheme, t.sets, t.reps_low, t.reps_high, t.duration_min, fraction)
    rpe = min(stage.rpe, DELOAD_RPE) if deload else stage.rpe
    load = t.load_kg
    if load is not None and t.load_step_kg is not None:
        factor = stage.load_factor * (DELOAD_LOAD if deload else 1.0)
        if factor < 1.0:
            load = min(load, round_down_to_step(load * factor, t.load_step_kg))
    reasons = list(t.reasons)
    if deload:
        reasons.append(
            f"Deload week: about {DELOAD_VOLUME:.0%} of the volume at easy effort (RPE "
            f"{rpe:g}) so the muscles catch up before the next block."
        )
    elif not accustomed and stage.fraction < 1.0:
        reasons.append(
            f"Ramp: {stage.fraction:.0%} of the target volume at RPE {rpe:g}; you are not "
            "used to this yet, and unaccustomed work is what strains the small back muscles."
        )
    elif not accustomed and stage.rpe < t.target_rpe:
        reasons.append(f"Ramp: full volume, effort building to RPE {t.target_rpe:g}.")
    return replace(
        t,
        sets=dose.sets,
        reps_low=dose.reps_low,
        reps_high=dose.reps_high,
        duration_min=dose.duration_min,
        rpe=rpe,
        load_kg=load,
        reasons=tuple(reasons),
    )


def _muscle_names(catalog: Catalog) -> dict[str, str]:
    return {m.id: m.name.lower() for m in catalog.muscles}


def plan_program(
    profile: Profile, catalog: Catalog, *, history: Iterable[SetEntry] | None = None
) -> Program:
    """Build the person's program (default 12 weeks) from their profile.

    ``history`` is the training log's sets (any order; warm-ups are ignored), used to tell
    which exercises the person is used to; without it, baselines decide. Raises
    :class:`~backcoach.planning.errors.NothingToPlan` when no exercise can be done, saying
    what equipment or time would help, and never returns an empty plan.
    """
    _check_equipment(profile, catalog)
    selected, left_out = select_exercises(profile, catalog)
    if not selected:
        raise nothing_to_plan(profile, left_out)
    done_on = history_days(history) if history is not None else None
    names = _muscle_names(catalog)
    low, high = hard_set_range(profile)
    program_reasons: list[str] = []

    targets: list[Prescription] = []
    accustomed: list[bool] = []
    choice_reasons: list[tuple[str, ...]] = []
    for sel in selected:
        target = target_prescription(sel, profile, catalog)
        used, why = is_accustomed(sel, profile, done_on or None)
        reasons = (*sel.reasons, why)
        targets.append(replace(target, reasons=(*reasons, *target.reasons)))
        accustomed.append(used)
        choice_reasons.append(reasons)

    # R3: groups of exercises sharing main muscles, and the days each group trains.
    groups = muscle_groups([t.main_muscles for t in targets])
    weights = [sum(targets[i].minutes for i in g) for g in groups]
    days = (
        [WEEKDAYS.index(d) for d in profile.weekdays]
        if profile.weekdays is not None
        else list(SPREAD_DAYS[profile.days_per_week])
    )
    day_groups, sched = schedule_groups(days, weights, days_given=profile.weekdays is not None)
    program_reasons += sched
    template: dict[int, list[Prescription]] = {
        d: [targets[i] for g in gs for i in sorted(groups[g])] for d, gs in day_groups.items()
    }
    for d in template:
        template[d].sort(key=lambda p: [t.exercise_id for t in targets].index(p.exercise_id))

    # R6 (upper end), R8, then R6 (lower end) where time allows.
    template, capped = cap_hard_sets(template, low, high)
    program_reasons += capped
    trim_notes: dict[int, list[str]] = {}
    for d in list(template):
        kept, notes = trim_to_fit(template[d], profile.minutes_per_session)
        trim_notes[d] = notes
        if kept:
            template[d] = kept
        else:
            del template[d]
            program_reasons.append(
                f"No session on {WEEKDAYS[d].capitalize()}: nothing fits in "
                f"{profile.minutes_per_session} minutes."
            )
    planned_ids = {p.exercise_id for ps in template.values() for p in ps}
    for sel in selected:
        if sel.exercise.id not in planned_ids:
            left_out.append(
                LeftOut(
                    sel.exercise.id,
                    sel.exercise.name,
                    f"Left out: the {sel.name.lower()} does not fit in "
                    f"{profile.minutes_per_session}-minute sessions.",
                    "longer sessions would make room for it",
                )
            )
    if not template:
        raise nothing_to_plan(profile, left_out)
    template, filled = fill_hard_sets(
        template,
        low,
        high,
        MAX_SETS_PER_SESSION[profile.experience],
        profile.minutes_per_session,
        names,
    )
    program_reasons += filled

    keep = [i for i, t in enumerate(targets) if t.exercise_id in planned_ids]
    index_of = {targets[i].exercise_id: i for i in keep}
    slots: list[_Slot] = []
    for d in sorted(template):
        for p in template[d]:
            slots.append(_Slot(d, index_of[p.exercise_id], p, ()))
    weeks = _build_weeks(profile, slots, accustomed, trim_notes)

    choices = tuple(
        ExerciseChoice(
            targets[i].exercise_id,
            targets[i].variant_id,
            targets[i].name,
            accustomed[i],
            choice_reasons[i],
        )
        for i in keep
    )
    full = [p for ps in template.values() for p in ps]
    return Program(
        profile=profile,
        weekdays=tuple(WEEKDAYS[d] for d in sorted(template)),
        choices=choices,
        left_out=tuple(sorted(left_out, key=lambda lo: lo.exercise_id)),
        hard_set_range=(low, high),
        template={WEEKDAYS[d]: tuple(template[d]) for d in sorted(template)},
        target_hard_sets=weekly_hard_sets(full),
        weeks=weeks,
        reasons=tuple(program_reasons),
    )


def _build_weeks(
    profile: Profile,
    slots: list[_Slot],
    accustomed: list[bool],
    trim_notes: Mapping[int, list[str]],
) -> tuple[Week, ...]:
    """R2, R4, R5: turn the template into weeks that ramp, deload and grow by at most 10%.

    Each slot (an exercise on a weekday) has its own stage, so that when the cap binds, one
    day's dose can grow this week and another's next week.
    """
    cache: dict[tuple[int, Stage, bool], Prescription] = {}

    def realised(k: int, stage: Stage, deload: bool) -> Prescription:
        key = (k, stage, deload)
        found = cache.get(key)
        if found is None:
            s = slots[k]
            found = _realise(s, stage, accustomed[s.choice], deload)
            cache[key] = found
        return found

    def slot_load(k: int, stage: Stage) -> float:
        return realised(k, stage, False).load

    by_choice: dict[int, list[int]] = {}
    for k, s in enumerate(slots):
        by_choice.setdefault(s.choice, []).append(k)
    groups = list(by_choice.values())

    weeks: list[Week] = []
    prev: list[Stage] | None = None
    reference: float | None = None
    trained = 0
    in_block = 0
    for number in range(1, profile.weeks + 1):
        deload = is_deload_week(number, profile.deload_every)
        week_reasons: list[str] = []
        if deload and prev is not None:
            stages = prev
            week_reasons.append(
                f"Deload week (every {profile.deload_every} weeks): about "
                f"{DELOAD_VOLUME:.0%} of the volume at easy effort."
            )
        else:
            desired = [
                ramp_target(accustomed[s.choice], s.target.target_rpe, trained, in_block)
                for s in slots
            ]
            if prev is None or reference is None:
                stages = desired
            else:
                stages, capped = _grow(prev, desired, slot_load, load_cap(reference), groups)
                if capped:
                    week_reasons.append(
                        "Held back so the planned load grows no more than "
                        f"{WEEKLY_GROWTH_CAP:.0%} on the last full week."
                    )
        week_start = profile.start_date + timedelta(days=7 * (number - 1))
        sessions: list[Session] = []
        for offset in range(7):
            day = week_start + timedelta(days=offset)
            wd = day.weekday()
            items = [realised(k, stages[k], deload) for k, s in enumerate(slots) if s.weekday == wd]
            if items:
                notes = tuple(trim_notes.get(wd, ()))
                sessions.append(Session(day, WEEKDAYS[wd], number, tuple(items), notes))
        week = Week(number, deload, tuple(sessions), tuple(week_reasons))
        weeks.append(week)
        if deload:
            in_block = 0
        else:
            prev = stages
            reference = week.load
            trained += 1
            in_block += 1
    return tuple(weeks)


#: Halvings in the searches for how far a capped week may move toward its targets.
_CAP_SEARCH_STEPS = 10


def _moves(cur: Stage, goal: Stage) -> list[Stage]:
    """Small steps from ``cur`` toward ``goal``: half an RPE point, or some more volume."""
    steps: list[Stage] = []
    if cur.rpe < goal.rpe:
        steps.append(Stage(cur.fraction, min(goal.rpe, cur.rpe + 0.5), cur.load_factor))
    if cur.fraction < goal.fraction:
        toward = Stage(goal.fraction, cur.rpe, goal.load_factor)
        t = 1.0
        for _ in range(_CAP_SEARCH_STEPS // 2):
            steps.append(between(cur, toward, t))
            t /= 2
    return [m for m in steps if m != cur]


def _grow(
    prev: list[Stage],
    desired: list[Stage],
    slot_load: Callable[[int, Stage], float],
    cap: float,
    groups: list[list[int]],
) -> tuple[list[Stage], bool]:
    """R4: move every slot as far toward its target stage as the load cap allows.

    Last week's stages always fit (they are the reference load). First every slot moves the
    same share of the way, the largest share that fits found by halving. Then what room is
    left goes in small steps (half an RPE point, a little volume): to a whole exercise at
    once where it fits, so its days stay alike, else to single days, the furthest behind
    first. Returns the stages and whether the cap held anything back.
    """
    n = len(prev)
    if sum(slot_load(k, desired[k]) for k in range(n)) <= cap + 1e-9:
        return list(desired), False
    best = list(prev)
    low, high = 0.0, 1.0
    for _ in range(_CAP_SEARCH_STEPS):
        mid = (low + high) / 2
        trial = [between(prev[k], desired[k], mid) for k in range(n)]
        if sum(slot_load(k, trial[k]) for k in range(n)) <= cap + 1e-9:
            low, best = mid, trial
        else:
            high = mid
    loads = [slot_load(k, best[k]) for k in range(n)]
    total = sum(loads)

    def behind(ks: list[int]) -> float:
        return max(
            (desired[k].fraction - best[k].fraction) + (desired[k].rpe - best[k].rpe) / 10
            for k in ks
        )

    def attempt(ks: list[int]) -> bool:
        nonlocal total
        per_slot = {k: _moves(best[k], desired[k]) for k in ks}
        for i in range(max((len(m) for m in per_slot.values()), default=0)):
            trial = {k: per_slot[k][i] for k in ks if i < len(per_slot[k])}
            new = {k: slot_load(k, st) for k, st in trial.items()}
            gain = sum(new[k] - loads[k] for k in trial)
            if gain > 1e-12 and total + gain <= cap + 1e-9:
                for k, st in trial.items():
                    best[k] = st
                    loads[k] = new[k]
                total += gain
                return True
        return False

    moved = True
    while moved:
        moved = False
        for ks in sorted(groups, key=lambda g: (-behind(g), g[0])):
            moved = attempt(ks) or moved
        if not moved:
            for k in sorted(range(n), key=lambda k: (-behind([k]), k)):
                moved = attempt([k]) or moved
    return best, True


# --- Strain feedback ------------------------------------------------------------------

#: In the high zone an exercise keeps about 60% of its sets (or minutes) ...
STRAIN_HIGH_KEEP = 0.6
#: ... at easy effort, with a known load lightened by about 10%.
STRAIN_HIGH_RPE = 6.0
STRAIN_HIGH_LOAD = 0.9


def _plural(label: str) -> bool:
    return label.endswith("s") and not label.endswith("us")


def trim_for_strain(
    session: Session,
    muscle_ratios: Mapping[str, float],
    high: float = 1.5,
    caution: float = 1.3,
    *,
    names: Mapping[str, str] | None = None,
) -> tuple[Session, tuple[str, ...]]:
    """Trim today's session where the strain monitor says a main muscle is overloaded.

    ``muscle_ratios`` is the acute:chronic workload ratio per muscle id. For each exercise,
    the highest ratio among its main muscles decides: above ``high`` it keeps about 60% of
    its sets (or minutes) at RPE 6 with a known load about 10% lighter; above ``caution``
    its effort drops a point (not below 6) and its load holds. ``names`` gives muscle names
    for the reasons (ids otherwise). Returns the trimmed session and the reasons, one per
    changed exercise; an untouched session comes back as it was, with no reasons.
    """
    if not 0 < caution < high:
        raise ValueError(f"caution ({caution}) must be above 0 and below high ({high})")
    out: list[Prescription] = []
    reasons: list[str] = []
    for p in session.prescriptions:
        worst: tuple[float, str] | None = None
        for m in p.main_muscles:
            r = muscle_ratios.get(m)
            if r is not None and math.isfinite(r) and (worst is None or r > worst[0]):
                worst = (r, m)
        if worst is None or worst[0] <= caution:
            out.append(p)
            continue
        ratio, muscle = worst
        label = (names or {}).get(muscle, muscle.replace("-", " "))
        verb = "are" if _plural(label) else "is"
        used = "they are" if verb == "are" else "it is"
        said = f"Your {label} {verb} doing {ratio:.1f} times what {used} used to"
        if ratio > high:
            if p.duration_min is not None:
                minutes = max(MIN_SWIM_MIN, math.floor(p.duration_min * STRAIN_HIGH_KEEP))
                new = replace(p, duration_min=min(minutes, p.duration_min), rpe=min(p.rpe, 6.0))
                what = f"{p.name} cut from {p.duration_min:g} to {new.duration_min:g} minutes"
            else:
                sets = max(1, round(p.sets * STRAIN_HIGH_KEEP))
                load = p.load_kg
                if load is not None and p.load_step_kg is not None:
                    load = step_down(load, p.load_step_kg, STRAIN_HIGH_LOAD)
                new = replace(
                    p, sets=min(sets, p.sets), rpe=min(p.rpe, STRAIN_HIGH_RPE), load_kg=load
                )
                what = f"{p.name} cut from {p.sets} to {new.sets} sets at RPE {new.rpe:g}"
                if load != p.load_kg:
                    what += f", {load:g} kg"
            note = f"{said} (high zone, above {high:g}): {what}."
        else:
            rpe = max(6.0, p.rpe - 1.0) if p.rpe > 6.0 else p.rpe
            new = replace(p, rpe=rpe)
            note = (
                f"{said} (caution zone, above {caution:g}): {p.name} at RPE {rpe:g} and no "
                "more load today."
            )
        reasons.append(note)
        out.append(replace(new, reasons=(*new.reasons, note)))
    if not reasons:
        return session, ()
    trimmed = replace(session, prescriptions=tuple(out), reasons=(*session.reasons, *reasons))
    return trimmed, tuple(reasons)


# --- JSON --------------------------------------------------------------------------------


@cache
def _adapter() -> TypeAdapter[Program]:
    return TypeAdapter(Program)


def program_to_json(program: Program) -> str:
    """The program as JSON, for storage and the API (computed minutes and loads included)."""
    return _adapter().dump_json(program).decode()


def program_to_dict(program: Program) -> dict[str, Any]:
    """The program as plain JSON-compatible data."""
    data: dict[str, Any] = _adapter().dump_python(program, mode="json")
    return data


def program_from_json(text: str | bytes) -> Program:
    """A program stored with :func:`program_to_json`."""
    return _adapter().validate_json(text)


@cache
def _prescription_adapter() -> TypeAdapter[Prescription]:
    return TypeAdapter(Prescription)


def prescription_to_json(prescription: Prescription) -> str:
    """One prescription as JSON: what a logged session was done against, for progression."""
    return _prescription_adapter().dump_json(prescription).decode()


def prescription_from_json(text: str | bytes) -> Prescription:
    """A prescription stored with :func:`prescription_to_json`."""
    return _prescription_adapter().validate_json(text)
