"""Auto-progression: after a logged session, what each exercise's next targets should be.

:func:`next_targets` takes the prescription a session was done against, the sets logged
for it, and any pain logged since, and answers with an :class:`Adjustment`: an outcome, the
next prescription and the reasons in plain words. The rules, in the order they win:

1. **Stop** (pain of 7/10 or more in the back or a shoulder, or any red-flag symptom):
   no more back training; see a clinician. There is no next prescription.
2. **Regress** (pain of 4/10 or more in the back or a shoulder during or after the
   exercise): an easier catalog variant, or about 25% less load; flagged.
3. **Ramp back** (a break of two weeks or more since the exercise was last done):
   about 60% of the sets at easy effort, lighter, building back over the next sessions.
4. **Double progression** on what was done: every set at the top of the range with reps
   to spare adds the smallest load step the equipment can make (back to the bottom of the
   range); in range holds; two sessions in a row below the range take about 10% off.
   Pull-ups move along the road from band-assisted to negatives to full to weighted.

Pure: no I/O, no clock. The caller stores the prescription each session was done against
(the plan's, or the last adjustment's) and passes it back with that session's sets.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from backcoach.catalog import Catalog, Exercise, Variant
from backcoach.errors import UnknownName
from backcoach.load.exposure import BREAK_DAYS, is_gap
from backcoach.planning.prescription import (
    Prescription,
    dose_for_fraction,
    reps_per_set,
    step_down,
    step_up,
)
from backcoach.planning.profile import Profile
from backcoach.planning.pullups import (
    BAND,
    NEGATIVE,
    WEIGHTED,
    PullupDose,
    pullup_dose,
)
from backcoach.planning.rules import (
    DELOAD_LOAD,
    LIMITATION_REGIONS,
    Selected,
    main_muscles,
    target_prescription,
    weighted_pullups_allowed,
)
from backcoach.training.entries import PainEntry, SetEntry, SetKind

#: Pain at or above this (0-10) in the back or a shoulder regresses the exercise: a score
#: of 4 or more is moderate pain (the usual cut-offs of the 0-10 numeric rating scale).
PAIN_REGRESS = 4
#: Pain at or above this, or any red-flag symptom, stops back training (severe pain;
#: red flags after NICE NG59 2016 and Finucane et al. 2020).
PAIN_STOP = 7
#: Regressing for pain takes about a quarter of the load off.
PAIN_LOAD = 0.75
#: Sessions in a row below the rep range before the load comes down ...
MISSES_TO_REDUCE = 2
#: ... by about 10%: two to four of the usual small steps. A backcoach choice.
REDUCE_LOAD = 0.9
#: Reps in reserve on the last set that count as "reps to spare".
SPARE_RIR = 1
#: After a break: about 60% of the sets ...
RAMP_BACK_VOLUME = 0.6
#: ... at easy effort ...
RAMP_BACK_RPE = 6.0
#: ... with the load about 10% lighter after up to four weeks off, 20% after longer.
RAMP_BACK_LOAD_SHORT = 0.9
RAMP_BACK_LOAD_LONG = 0.8
LONG_BREAK_DAYS = 28
#: A swim that reaches its time grows by about 10% (at least a minute) toward its target.
SWIM_GROWTH = 0.1
#: A swim shorter than this share of its time counts as a miss.
SWIM_MISS_SHARE = 0.9

_SEE_CLINICIAN = (
    "Stop training your back and see a clinician (a doctor or physiotherapist) before you "
    "train it again. backcoach gives coaching advice, not medical care."
)


class Outcome(StrEnum):
    """What the next session does with an exercise."""

    PROGRESS = "progress"
    HOLD = "hold"
    REDUCE = "reduce"
    REGRESS = "regress"
    RAMP_BACK = "ramp-back"
    STOP = "stop"


@dataclass(frozen=True)
class Adjustment:
    """The next targets for one exercise, and why.

    ``prescription`` is None only when back training must stop (``see_clinician``).
    ``flagged`` marks a change made because of pain, for the person and their coach.
    """

    outcome: Outcome
    prescription: Prescription | None
    reasons: tuple[str, ...]
    flagged: bool = False
    see_clinician: bool = False

    @property
    def reason(self) -> str:
        """All reasons as one paragraph."""
        return " ".join(self.reasons)


def _exercise(catalog: Catalog, p: Prescription) -> tuple[Exercise, Variant | None]:
    ex = catalog.exercise(p.exercise_id)
    return ex, ex.variant(p.variant_id) if p.variant_id is not None else None


def _back_or_shoulder(catalog: Catalog, region: str) -> bool:
    try:
        return catalog.region(region).back_or_shoulder
    except UnknownName:
        return True  # an unknown place is treated as the back: the careful reading


def _loads_region(catalog: Catalog, ex: Exercise, v: Variant | None, region: str) -> bool:
    """Whether the exercise works or strains a region: its caution regions and its movers'."""
    if region in ex.caution_regions_for(v):
        return True
    shares = ex.muscles if v is None or v.muscles is None else v.muscles
    movers = {s.muscle for s in shares if s.role != "stabilizer"}
    regions = {m.region for m in catalog.muscles if m.id in movers}
    if region in ("left-shoulder", "right-shoulder"):
        return bool(regions & {"upper-back", "neck"})
    return region in regions


def _pain_label(catalog: Catalog, e: PainEntry) -> str:
    try:
        where = catalog.region(e.region).name.lower()
    except UnknownName:
        where = e.region
    return f"pain of {e.score}/10 in your {where}"


def _stop(catalog: Catalog, pain: Sequence[PainEntry], p: Prescription) -> Adjustment | None:
    flags = [e for e in pain if e.red_flag]
    if flags:
        symptoms = sorted({str(s).replace("-", " or ") for e in flags for s in e.symptoms})
        said = ", ".join(symptoms)
        return Adjustment(
            Outcome.STOP,
            None,
            (
                f"You reported {said}: that can be a sign of something that needs a clinician.",
                _SEE_CLINICIAN,
            ),
            flagged=True,
            see_clinician=True,
        )
    severe = [
        e
        for e in pain
        if e.score >= PAIN_STOP
        and (_back_or_shoulder(catalog, e.region) or e.exercise_id == p.exercise_id)
    ]
    if severe:
        worst = max(severe, key=lambda e: e.score)
        return Adjustment(
            Outcome.STOP,
            None,
            (f"You reported {_pain_label(catalog, worst)}.", _SEE_CLINICIAN),
            flagged=True,
            see_clinician=True,
        )
    return None


def _painful(
    catalog: Catalog, pain: Sequence[PainEntry], p: Prescription, last: date | None
) -> list[PainEntry]:
    ex, v = _exercise(catalog, p)
    found: list[PainEntry] = []
    for e in pain:
        if e.score < PAIN_REGRESS or not _back_or_shoulder(catalog, e.region):
            continue
        if e.exercise_id is not None:
            if e.exercise_id == p.exercise_id:
                found.append(e)
            continue
        during_or_after = last is None or e.felt_at.date() >= last
        if during_or_after and _loads_region(catalog, ex, v, e.region):
            found.append(e)
    return found


def _pullup_rx(p: Prescription, dose: PullupDose, catalog: Catalog, why: str) -> Prescription:
    ex = catalog.exercise("pull-up")
    v = ex.variant(dose.variant_id) if dose.variant_id is not None else None
    weighted = dose.variant_id == WEIGHTED
    return replace(
        p,
        variant_id=dose.variant_id,
        name=v.name if v is not None else "Pull-up",
        scheme=dose.scheme,
        sets=min(p.sets, dose.sets) if p.sets < p.target_sets else dose.sets,
        reps_low=dose.reps_low,
        reps_high=dose.reps_high,
        tempo=dose.tempo,
        main_muscles=main_muscles(ex.muscle_shares(v)),
        target_sets=dose.sets,
        max_reps_est=dose.max_reps_est,
        load_kg=p.load_kg if weighted and p.variant_id == WEIGHTED else None,
        load_kind="added" if weighted else None,
        load_step_kg=p.load_step_kg if weighted else None,
        misses=0,
        reasons=(why, dose.reason),
    )


def _easier_variant(
    catalog: Catalog, p: Prescription, profile: Profile, region: str
) -> Variant | None:
    ex, current = _exercise(catalog, p)
    if current is not None and current.direction == "easier":
        return None
    for v in ex.variants:
        if v.direction != "easier" or not set(v.equipment) <= profile.has:
            continue
        if region in ex.caution_regions_for(v):
            continue
        painful = frozenset().union(*(LIMITATION_REGIONS[x] for x in profile.limitations))
        if set(ex.caution_regions_for(v)) & painful:
            continue
        return v
    return None


def _regress(
    catalog: Catalog, p: Prescription, profile: Profile, e: PainEntry, basis: float | None
) -> Prescription:
    said = f"You reported {_pain_label(catalog, e)} with the {p.name.lower()}"
    settle = (
        "Tell your coach; if the pain does not settle within a few days or gets worse, see a "
        "clinician."
    )
    if p.exercise_id == "pull-up" and p.variant_id not in (BAND, NEGATIVE):
        for down in (BAND, NEGATIVE):
            if down == BAND and "band" not in profile.has:
                continue
            if down == NEGATIVE and "box" not in profile.has:
                continue
            dose = pullup_dose(0, equipment=profile.has, prefer_negatives=down == NEGATIVE)
            if dose is not None:
                rx = _pullup_rx(p, dose, catalog, f"{said}: back to an easier form. {settle}")
                return replace(rx, rpe=min(rx.rpe, RAMP_BACK_RPE), max_reps_est=p.max_reps_est)
    if p.duration_min is None:
        v = _easier_variant(catalog, p, profile, e.region)
        if v is not None:
            ex = catalog.exercise(p.exercise_id)
            fresh = target_prescription(Selected(ex, v, ()), profile, catalog)
            return replace(
                fresh,
                sets=p.sets,
                rpe=min(p.rpe, RAMP_BACK_RPE),
                target_rpe=min(fresh.target_rpe, p.target_rpe),
                reasons=(f"{said}: switch to the {v.name.lower()}, a kinder form. {settle}",),
            )
    if p.duration_min is not None:
        minutes = max(5.0, math.floor(p.duration_min * PAIN_LOAD))
        return replace(
            p,
            duration_min=minutes,
            rpe=min(p.rpe, RAMP_BACK_RPE),
            misses=0,
            reasons=(f"{said}: swim {minutes:g} minutes, easier. {settle}",),
        )
    load = basis if basis is not None else p.load_kg
    if load is not None and p.load_step_kg is not None:
        lighter = step_down(load, p.load_step_kg, PAIN_LOAD)
        return replace(
            p,
            load_kg=lighter,
            rpe=min(p.rpe, RAMP_BACK_RPE),
            misses=0,
            reasons=(f"{said}: about 25% less load, {lighter:g} kg. {settle}",),
        )
    # Bodyweight with no easier form left, or a load nobody logged: a quarter less work.
    less = dose_for_fraction(p.scheme, p.sets, p.reps_low, p.reps_high, None, PAIN_LOAD)
    hint = " Use about 25% less weight than last time." if p.load_kind is not None else ""
    return replace(
        p,
        sets=less.sets,
        reps_low=less.reps_low,
        reps_high=less.reps_high,
        rpe=min(p.rpe, RAMP_BACK_RPE),
        misses=0,
        reasons=(f"{said}: about a quarter less work.{hint} {settle}",),
    )


def _ramp_back(p: Prescription, last: date, today: date, basis: float | None) -> Prescription:
    days = (today - last).days
    factor = RAMP_BACK_LOAD_SHORT if days <= LONG_BREAK_DAYS else RAMP_BACK_LOAD_LONG
    why = (
        f"{days} days since you last did the {p.name.lower()}: ramp back in with about "
        f"{RAMP_BACK_VOLUME:.0%} of the work at easy effort, building back over the next sessions."
    )
    if p.duration_min is not None:
        minutes = max(5.0, math.floor(p.duration_min * RAMP_BACK_VOLUME))
        return replace(
            p, duration_min=minutes, rpe=min(p.rpe, RAMP_BACK_RPE), misses=0, reasons=(why,)
        )
    load = basis if basis is not None else p.load_kg
    if load is not None and p.load_step_kg is not None:
        load = step_down(load, p.load_step_kg, factor)
    return replace(
        p,
        sets=min(p.sets, max(1, round(p.target_sets * RAMP_BACK_VOLUME))),
        rpe=min(p.rpe, RAMP_BACK_RPE),
        load_kg=load,
        misses=0,
        reasons=(why,),
    )


def _effort(s: SetEntry) -> float | None:
    if s.rpe is not None:
        return s.rpe
    if s.rir is not None:
        return 10.0 - s.rir
    if s.kind is SetKind.FAILURE:
        return 10.0
    return None


def _restore(p: Prescription) -> Prescription | None:
    """One step back toward the full dose after a ramp back: a set more, and more effort.

    Effort climbs half a point with each set regained and reaches the target with the last.
    """
    if p.sets >= p.target_sets:
        return None
    sets = p.sets + 1
    rpe = p.target_rpe if sets >= p.target_sets else min(p.target_rpe, p.rpe + 0.5)
    return replace(
        p,
        sets=sets,
        rpe=rpe,
        misses=0,
        reasons=(
            f"Good session: one more set ({sets} of {p.target_sets}) at RPE {rpe:g}, ramping "
            "back toward the full dose.",
        ),
    )


def _judge_swim(p: Prescription, sets: Sequence[SetEntry]) -> Adjustment:
    assert p.duration_min is not None
    done = sum((s.duration_s or 0.0) / 60.0 for s in sets)
    if done < SWIM_MISS_SHARE * p.duration_min:
        misses = p.misses + 1
        if misses >= MISSES_TO_REDUCE:
            minutes = max(5.0, math.floor(p.duration_min * REDUCE_LOAD))
            return Adjustment(
                Outcome.REDUCE,
                replace(p, duration_min=minutes, misses=0),
                (
                    f"Two swims in a row fell short of {p.duration_min:g} minutes: "
                    f"{minutes:g} minutes next time.",
                ),
            )
        return Adjustment(
            Outcome.HOLD,
            replace(p, misses=misses),
            (f"You swam {done:.0f} of {p.duration_min:g} minutes: same target next time.",),
        )
    target = p.target_duration_min or p.duration_min
    if p.duration_min < target:
        minutes = min(
            target, max(p.duration_min + 1, math.floor(p.duration_min * (1 + SWIM_GROWTH)))
        )
        return Adjustment(
            Outcome.PROGRESS,
            replace(p, duration_min=minutes, misses=0),
            (f"Swim done: {minutes:g} minutes next time, building toward {target:g}.",),
        )
    restored = _restore(p)
    if restored is not None:
        return Adjustment(Outcome.PROGRESS, restored, restored.reasons)
    return Adjustment(
        Outcome.HOLD,
        replace(p, misses=0),
        (f"Swim done at the target of {target:g} minutes: keep it easy and steady.",),
    )


def _next_pullup(
    p: Prescription, sets: Sequence[SetEntry], profile: Profile, catalog: Catalog, why: str
) -> Adjustment:
    est = p.max_reps_est or 0
    if p.variant_id in (BAND, NEGATIVE) and est >= 1:
        # Back on the easier form after pain: return to where the person was.
        dose = pullup_dose(
            est,
            equipment=profile.has,
            painful_shoulder=profile.limited("painful-shoulder"),
            weighted_ok=weighted_pullups_allowed(profile),
        )
    elif p.variant_id == BAND:
        dose = pullup_dose(0, equipment=profile.has, prefer_negatives=True)
        if dose is None or dose.variant_id == BAND:
            dose = pullup_dose(
                1, equipment=profile.has, painful_shoulder=profile.limited("painful-shoulder")
            )
    elif p.variant_id == NEGATIVE:
        dose = pullup_dose(
            1, equipment=profile.has, painful_shoulder=profile.limited("painful-shoulder")
        )
    else:
        best = max(((s.reps or 0) + (s.rir or 0) for s in sets), default=0)
        logged = best if p.scheme == "straight" else 0
        dose = pullup_dose(
            max(est + 1, logged),
            equipment=profile.has,
            painful_shoulder=profile.limited("painful-shoulder"),
            weighted_ok=weighted_pullups_allowed(profile),
        )
    assert dose is not None
    same = (dose.variant_id, dose.scheme, dose.reps_low, dose.reps_high, dose.tempo) == (
        p.variant_id,
        p.scheme,
        p.reps_low,
        p.reps_high,
        p.tempo,
    )
    if same:
        return Adjustment(
            Outcome.HOLD,
            replace(p, misses=0, max_reps_est=dose.max_reps_est),
            (
                f"{why} You are at the article's sets of fifteen with a slow tempo: keep them "
                "clean; a dip belt would let you add weight.",
            ),
        )
    return Adjustment(Outcome.PROGRESS, _pullup_rx(p, dose, catalog, why), (why, dose.reason))


def _reduce_pullup(p: Prescription, profile: Profile, catalog: Catalog, why: str) -> Adjustment:
    est = p.max_reps_est or 0
    dose = None
    if p.variant_id not in (BAND, NEGATIVE):
        dose = pullup_dose(
            max(0, est - 1),
            equipment=profile.has,
            painful_shoulder=profile.limited("painful-shoulder"),
            weighted_ok=weighted_pullups_allowed(profile) and p.variant_id == WEIGHTED,
        )
    if dose is None or (dose.variant_id, dose.reps_high) == (p.variant_id, p.reps_high):
        assert p.reps_low is not None
        assert p.reps_high is not None
        high = max(1, p.reps_high - 1)
        rx = replace(
            p,
            reps_low=min(p.reps_low, high),
            reps_high=high,
            misses=0,
            reasons=(f"{why} One repetition less a set.",),
        )
        return Adjustment(Outcome.REDUCE, rx, rx.reasons)
    return Adjustment(Outcome.REDUCE, _pullup_rx(p, dose, catalog, why), (why, dose.reason))


def _judge_strength(
    p: Prescription,
    sets: Sequence[SetEntry],
    profile: Profile,
    catalog: Catalog,
    basis: float | None,
) -> Adjustment:
    assert p.reps_low is not None
    assert p.reps_high is not None
    lo, hi = p.reps_low, p.reps_high
    reps = [s.reps or 0 for s in sets]
    if p.scheme in ("cluster", "ladder"):
        total = sum(reps)
        top = total >= p.sets * reps_per_set(p.scheme, hi)
        in_range = total >= p.sets * reps_per_set(p.scheme, lo)
    else:
        best = sorted(reps, reverse=True)[: p.sets]
        in_range = len(best) >= p.sets and all(r >= lo for r in best)
        top = len(reps) >= p.sets and all(r >= hi for r in reps)
    last = max(sets, key=lambda s: (s.position, s.logged_at))
    effort = _effort(last)
    spare = effort <= 10 - SPARE_RIR if effort is not None else any(r > hi for r in reps)
    external = p.load_kind is not None and p.load_step_kg is not None
    if not in_range:
        misses = p.misses + 1
        if misses < MISSES_TO_REDUCE:
            return Adjustment(
                Outcome.HOLD,
                replace(p, misses=misses, load_kg=basis if external else p.load_kg),
                (
                    f"Below the range of {lo}-{hi} this time: same targets next time; two "
                    "misses in a row bring the load down.",
                ),
            )
        why = f"Below the range of {lo}-{hi} two sessions in a row:"
        if p.exercise_id == "pull-up" and p.variant_id != WEIGHTED:
            return _reduce_pullup(p, profile, catalog, why)
        if external and basis is not None:
            assert p.load_step_kg is not None
            lighter = step_down(basis, p.load_step_kg, REDUCE_LOAD)
            rx = replace(
                p, load_kg=lighter, misses=0, reasons=(f"{why} about 10% lighter, {lighter:g} kg.",)
            )
            return Adjustment(Outcome.REDUCE, rx, rx.reasons)
        rx = replace(
            p,
            sets=max(1, p.sets - 1),
            misses=0,
            reasons=(f"{why} one set fewer; use about 10% less weight.",),
        )
        return Adjustment(Outcome.REDUCE, rx, rx.reasons)
    restored = _restore(p)
    if restored is not None:
        return Adjustment(
            Outcome.PROGRESS,
            replace(restored, load_kg=basis if external else p.load_kg),
            restored.reasons,
        )
    if not top:
        return Adjustment(
            Outcome.HOLD,
            replace(p, misses=0, load_kg=basis if external else p.load_kg),
            (
                f"In the range of {lo}-{hi}: same load; add repetitions until every set "
                f"reaches {hi}.",
            ),
        )
    if not spare:
        return Adjustment(
            Outcome.HOLD,
            replace(p, misses=0, load_kg=basis if external else p.load_kg),
            (f"Every set reached {hi}, but with nothing to spare: repeat it before adding load.",),
        )
    why = f"Every set reached {hi} with reps to spare."
    if p.exercise_id == "pull-up" and p.variant_id != WEIGHTED:
        return _next_pullup(p, sets, profile, catalog, why)
    if external:
        assert p.load_step_kg is not None
        if basis is None:
            return Adjustment(
                Outcome.HOLD,
                replace(p, misses=0),
                (f"{why} Log the weight you used, so backcoach can add the smallest step.",),
            )
        heavier = step_up(basis, p.load_step_kg)
        rx = replace(
            p,
            load_kg=heavier,
            misses=0,
            reasons=(
                f"{why} Add {p.load_step_kg:g} kg (the smallest step your equipment "
                f"makes): {heavier:g} kg, back to {lo} reps and build up again.",
            ),
        )
        return Adjustment(Outcome.PROGRESS, rx, rx.reasons)
    rx = replace(
        p,
        reps_low=lo + 1,
        reps_high=hi + 1,
        misses=0,
        reasons=(f"{why} One more repetition a set.",),
    )
    return Adjustment(Outcome.PROGRESS, rx, rx.reasons)


def next_targets(
    prescription: Prescription,
    logged_sets: Sequence[SetEntry],
    pain_entries: Sequence[PainEntry] = (),
    *,
    catalog: Catalog,
    profile: Profile,
    today: date,
    last_trained: date | None = None,
) -> Adjustment:
    """The next targets for one exercise, from the last session done of it.

    ``prescription`` is what that session was done against; ``logged_sets`` its sets (sets
    of other exercises and warm-ups are ignored); ``pain_entries`` the pain logged since
    the session began. ``last_trained`` is that session's date (by default the date of the
    latest logged set); ``today`` the date the next targets are for. ``profile`` gives the
    equipment (and so the load steps and the variants within reach) and limitations.
    """
    p = prescription
    mine = [
        s for s in logged_sets if s.exercise_id == p.exercise_id and s.kind is not SetKind.WARMUP
    ]
    if last_trained is None and mine:
        last_trained = max(s.logged_at.date() for s in mine)
    stopped = _stop(catalog, pain_entries, p)
    if stopped is not None:
        return stopped
    done = [s for s in mine if s.variant_id == p.variant_id]
    loads = [s.load_kg for s in done if s.load_kg is not None]
    basis = min(loads) if loads and p.load_kind is not None else p.load_kg
    reasons: list[str] = []
    hurt = _painful(catalog, pain_entries, p, last_trained)
    if hurt:
        worst = max(hurt, key=lambda e: e.score)
        rx = _regress(catalog, p, profile, worst, basis)
        if last_trained is not None and is_gap(last_trained, today, BREAK_DAYS):
            pain_reasons = rx.reasons
            rx = _ramp_back(rx, last_trained, today, rx.load_kg)
            rx = replace(rx, reasons=(*pain_reasons, *rx.reasons))
        return Adjustment(Outcome.REGRESS, rx, rx.reasons, flagged=True)
    if last_trained is not None and is_gap(last_trained, today, BREAK_DAYS):
        rx = _ramp_back(p, last_trained, today, basis)
        return Adjustment(Outcome.RAMP_BACK, rx, rx.reasons)
    if not done:
        if mine:
            other = mine[0].variant_id or p.exercise_id
            reasons.append(
                f"You logged {other}, not {p.variant_id or p.exercise_id}: the targets stay."
            )
        else:
            reasons.append(f"Nothing logged for the {p.name.lower()}: the targets stay.")
        return Adjustment(Outcome.HOLD, p, tuple(reasons))
    if p.duration_min is not None:
        return _judge_swim(p, done)
    return _judge_strength(p, done, profile, catalog, basis)


def merge_with_plan(planned: Prescription, current: Prescription | None) -> Prescription | None:
    """Today's prescription: the plan's week (ramp, deload, sets, effort) with progression's
    variant and load.

    The easier of the two wins on sets and effort, so neither a deload nor a regression is
    undone; progression's variant, rep range and load win, since they follow what was done.
    None when progression stopped back training.
    """
    if current is None:
        return None
    if (current.variant_id, current.scheme, current.reps_low, current.reps_high) != (
        planned.variant_id,
        planned.scheme,
        planned.reps_low,
        planned.reps_high,
    ) and current.exercise_id == planned.exercise_id:
        return replace(
            current,
            sets=min(planned.sets, current.sets),
            rpe=min(planned.rpe, current.rpe),
            reasons=(*current.reasons,),
        )
    load = current.load_kg if current.load_kg is not None else planned.load_kg
    light_week = planned.sets < planned.target_sets
    if (
        light_week
        and load is not None
        and current.load_kg is not None
        and planned.load_kg is not None
    ):
        step = planned.load_step_kg or current.load_step_kg
        if step is not None:
            load = step_down(load, step, DELOAD_LOAD)
    return replace(
        planned,
        sets=min(planned.sets, current.sets),
        rpe=min(planned.rpe, current.rpe),
        duration_min=(
            min(planned.duration_min, current.duration_min)
            if planned.duration_min is not None and current.duration_min is not None
            else planned.duration_min
        ),
        load_kg=load,
        misses=current.misses,
        max_reps_est=current.max_reps_est,
        reasons=(*planned.reasons, *current.reasons),
    )
