"""The planner's rules: each a named, pure function, each number with where it comes from.

docs/coaching.md lists the rules by number with their sources; the numbers in the
comments below (R1, R2, ...) refer to it. Everything here is plain data in, plain data
out: no I/O, no clock, no randomness.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from backcoach.catalog import Catalog, Exercise, Variant
from backcoach.load.exposure import is_gap, is_unaccustomed
from backcoach.planning.errors import NothingToPlan
from backcoach.planning.prescription import (
    SESSION_WARMUP_MIN,
    LoadKind,
    Prescription,
    Tempo,
    round_down_to_step,
)
from backcoach.planning.profile import WEEKDAYS, Experience, Goal, Limitation, Profile
from backcoach.planning.pullups import (
    PULLUP_REST_S,
    WEIGHTED,
    pullup_dose,
)
from backcoach.training.entries import SetEntry, SetKind

# --- R1 Exercise choice --------------------------------------------------------------

#: Body regions each limitation makes painful: an exercise or variant that lists one of them
#: among its caution regions is not chosen (catalog data, after Fenwick et al. 2009 for the
#: low back and the catalog's safety notes for the shoulder).
LIMITATION_REGIONS: Mapping[Limitation, frozenset[str]] = {
    "painful-shoulder": frozenset({"left-shoulder", "right-shoulder"}),
    "low-back": frozenset({"lower-back"}),
}
#: Variants the catalog's safety notes name as the kindest choice for a limitation.
PREFERRED_VARIANT: Mapping[tuple[str, Limitation], str] = {
    ("swimming", "low-back"): "backstroke",
    ("swimming", "painful-shoulder"): "breaststroke",
    ("bent-over-row", "low-back"): "chest-supported-row",
}
#: Most essential first: the compound pulls, then the isolation work (accessories), then the
#: swim, which takes the most time. Time is trimmed from the end of this list first.
PRIORITY: Mapping[str, int] = {
    "pull-up": 0,
    "bent-over-row": 1,
    "barbell-shrug": 2,
    "overhead-dumbbell-raise": 3,
    "swimming": 4,
}
#: Isolation exercises: trimmed before the compound pulls when time is short.
ACCESSORIES = frozenset({"barbell-shrug", "overhead-dumbbell-raise"})


@dataclass(frozen=True)
class Selected:
    """An article exercise the person can do, as the exercise itself or one of its variants."""

    exercise: Exercise
    variant: Variant | None
    reasons: tuple[str, ...]

    @property
    def name(self) -> str:
        """The name of what is done (the full pull-up is just 'Pull-up')."""
        if self.variant is not None:
            return self.variant.name
        return "Pull-up" if self.exercise.id == "pull-up" else self.exercise.name


@dataclass(frozen=True)
class LeftOut:
    """An article exercise that is not in the plan, why, and what would bring it in."""

    exercise_id: str
    name: str
    reason: str
    unlock: str = ""


def _equipment_text(catalog: Catalog, ids: Iterable[str]) -> str:
    names = [catalog.equipment_item(i).name.lower() for i in sorted(ids)]
    if not names:
        return "nothing"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _regions_text(regions: Iterable[str]) -> str:
    words = {"lower-back": "low back", "left-shoulder": "shoulder", "right-shoulder": "shoulder"}
    names = sorted({words.get(r, r.replace("-", " ")) for r in regions})
    return " and ".join(names)


def _the(exercise: Exercise) -> str:
    """How to name an exercise in a sentence: 'the barbell shrug', 'swimming'."""
    name = exercise.name.lower()
    return name if exercise.kind == "swim" else f"the {name}"


def _caution(exercise: Exercise, variant: Variant | None) -> frozenset[str]:
    return frozenset(exercise.caution_regions_for(variant))


def _needs(exercise: Exercise, variant: Variant | None) -> frozenset[str]:
    return frozenset(variant.equipment if variant is not None else exercise.equipment)


def _unlock(catalog: Catalog, exercise: Exercise, profile: Profile) -> str:
    """The smallest set of missing equipment that would make some form of ``exercise`` possible."""
    painful = frozenset().union(*(LIMITATION_REGIONS[x] for x in profile.limitations))
    options: list[tuple[int, bool, str, frozenset[str]]] = []
    forms: list[Variant | None] = [None, *exercise.variants]
    for v in forms:
        if v is not None and v.direction == "harder":
            continue
        if _caution(exercise, v) & painful and not _pullup_shoulder_ok(exercise, profile):
            continue
        missing = _needs(exercise, v) - profile.has
        if missing:
            label = f"the {v.name.lower()}" if v is not None else _the(exercise)
            options.append((len(missing), v is not None, label, missing))
    if not options:
        return ""
    options.sort(key=lambda o: (o[0], o[1], o[2]))
    _n, _variant, label, missing = options[0]
    return f"{_equipment_text(catalog, missing)} would allow {label}"


def _pullup_shoulder_ok(exercise: Exercise, profile: Profile) -> bool:
    # The catalog's safety note keeps pulling for a painful shoulder, as chin-ups or
    # band-assisted pull-ups with easy effort, stopping at pain (see choose_pullup).
    return exercise.id == "pull-up"


def select_exercises(profile: Profile, catalog: Catalog) -> tuple[list[Selected], list[LeftOut]]:
    """R1: every article exercise the equipment and limitations allow, in the kindest form.

    For each exercise: the exercise itself when the equipment allows it and none of its
    caution regions is painful; otherwise an easier, then an alternative, catalog variant
    that fits (or the catalog's named kindest variant for a limitation); otherwise it is
    left out with the reason and what would bring it in. The pull-up family is chosen by
    :func:`choose_pullup`, which also looks at how many pull-ups the person can do.
    """
    painful = frozenset().union(*(LIMITATION_REGIONS[x] for x in profile.limitations))
    chosen: list[Selected] = []
    left: list[LeftOut] = []
    for ex in catalog.exercises:
        if ex.id == "pull-up":
            picked = choose_pullup(ex, profile, catalog)
            if isinstance(picked, LeftOut):
                left.append(picked)
            else:
                chosen.append(picked)
            continue
        forms: list[Variant | None] = [None]
        for lim in profile.limitations:
            pref = PREFERRED_VARIANT.get((ex.id, lim))
            if pref is not None:
                forms.insert(0, ex.variant(pref))
        forms += [v for v in ex.variants if v.direction == "easier"]
        forms += [v for v in ex.variants if v.direction == "alternative"]
        found: Selected | None = None
        for v in forms:
            if not _needs(ex, v) <= profile.has:
                continue
            hurts = _caution(ex, v) & painful
            if hurts:
                continue
            reasons: list[str] = []
            if v is not None:
                if not _needs(ex, None) <= profile.has:
                    missing = _equipment_text(catalog, _needs(ex, None) - profile.has)
                    reasons.append(f"{v.name} instead of {_the(ex)}: no {missing}.")
                elif _caution(ex, None) & painful:
                    regions = _regions_text(_caution(ex, None) & painful)
                    reasons.append(
                        f"{v.name} instead of {_the(ex)}, which strains the {regions} you "
                        "said is painful."
                    )
                else:
                    reasons.append(f"{v.name}: the kindest form for your limitation.")
            else:
                reasons.append(f"{ex.name}: article exercise {ex.article_number}.")
            found = Selected(ex, v, tuple(reasons))
            break
        if found is not None:
            chosen.append(found)
            continue
        blocked = [
            v for v in [None, *ex.variants] if _needs(ex, v) <= profile.has and _caution(ex, v)
        ]
        if blocked and any(_caution(ex, v) & painful for v in blocked):
            regions = _regions_text(
                frozenset().union(*(_caution(ex, v) & painful for v in blocked))
            )
            reason = (
                f"Left out while your {regions} is painful: every form of {_the(ex)} you "
                "can do strains it. Update your profile when it is pain-free."
            )
        else:
            needs = _equipment_text(catalog, _needs(ex, None))
            reason = f"Left out: it needs equipment you do not have ({needs})."
        left.append(LeftOut(ex.id, ex.name, reason, _unlock(catalog, ex, profile)))
    return chosen, left


def assumed_max_pullups(profile: Profile) -> tuple[int, str]:
    """The one-set pull-up maximum to plan from, and a note when it is assumed."""
    given = profile.baselines.max_pullups
    if given is not None:
        return given, ""
    assumed = {"novice": 0, "intermediate": 5, "advanced": 10}[profile.experience]
    return assumed, (
        f"You did not give your maximum pull-ups, so the plan assumes {assumed} for "
        f"{'a' if profile.experience != 'intermediate' else 'an'} {profile.experience}; "
        "enter it for a better start."
    )


def weighted_pullups_allowed(profile: Profile) -> bool:
    """Added weight only for trained people with a dip belt and plates and no limitation."""
    return (
        {"weight-belt", "plates"} <= profile.has
        and not profile.limitations
        and profile.experience != "novice"
        and profile.goal in ("strength", "muscle")
    )


def choose_pullup(exercise: Exercise, profile: Profile, catalog: Catalog) -> Selected | LeftOut:
    """R7: the pull-up family's form, from the person's maximum (see :mod:`.pullups`)."""
    maximum, note = assumed_max_pullups(profile)
    if "pull-up-bar" not in profile.has:
        extra = "" if maximum > 0 else " with a resistance band or a box until you can do one"
        return LeftOut(
            exercise.id,
            exercise.name,
            "Left out: pull-ups and chin-ups need a pull-up bar.",
            f"a pull-up bar{extra} would allow pull-ups",
        )
    dose = pullup_dose(
        maximum,
        equipment=profile.has,
        painful_shoulder=profile.limited("painful-shoulder"),
        weighted_ok=weighted_pullups_allowed(profile),
    )
    if dose is None:
        return LeftOut(
            exercise.id,
            exercise.name,
            "Left out for now: you cannot do a pull-up yet and have neither a band "
            "(band-assisted pull-ups) nor a box (negatives) to build up to one.",
            "a resistance band or a box would allow band-assisted or negative pull-ups",
        )
    variant = exercise.variant(dose.variant_id) if dose.variant_id is not None else None
    reasons = [dose.reason]
    if note:
        reasons.append(note)
    if profile.limited("painful-shoulder"):
        reasons.append(
            "With a painful shoulder: the catalog advises chin-ups or band-assisted pull-ups, "
            "easy effort, and stopping at pain."
        )
    return Selected(exercise, variant, tuple(reasons))


# --- R2 Unaccustomed work --------------------------------------------------------------

#: An unaccustomed exercise starts at no more than 60% of its target volume ...
UNACCUSTOMED_START_FRACTION = 0.6
#: ... at easy effort: RPE 6, about 4 reps in reserve (Zourdos et al. 2016; Helms et al. 2016).
UNACCUSTOMED_RPE = 6.0
#: ... and ramps to the full target over about three weeks (weeks 1-4 of exposure).
RAMP_VOLUME: tuple[float, ...] = (0.6, 0.75, 0.9, 1.0)
#: Effort rises by half an RPE point a week during the ramp.
RAMP_RPE_STEP = 0.5
#: A known working weight used while ramping starts at 80% of it, rising to the full weight.
RAMP_LOAD_START = 0.8
#: Sessions of an exercise within the unaccustomed window that make it "accustomed".
ACCUSTOMED_SESSIONS = 2


def history_days(history: Iterable[SetEntry]) -> dict[tuple[str, str | None], set[date]]:
    """The days each exercise (and variant) was trained, from working sets of a log."""
    days: dict[tuple[str, str | None], set[date]] = {}
    for s in history:
        if s.kind is SetKind.WARMUP:
            continue
        days.setdefault((s.exercise_id, s.variant_id), set()).add(s.logged_at.date())
    return days


def is_accustomed(
    selected: Selected,
    profile: Profile,
    done_on: Mapping[tuple[str, str | None], set[date]] | None,
) -> tuple[bool, str]:
    """R2: whether the person is used to this exercise, and why the planner thinks so.

    With a log (``done_on`` not empty): used to it when it was done on at least
    :data:`ACCUSTOMED_SESSIONS` days of the last 28 and not before a break (the strain
    monitor's definitions). Without a log: a working weight given for it, or (pull-ups,
    trained people only) a maximum of one or more, counts as current training. Coming
    back from a strain, nothing counts: everything starts light.
    """
    ex, v = selected.exercise, selected.variant
    name = selected.name.lower()
    the_name = name if ex.kind == "swim" and v is None else f"the {name}"
    if profile.goal == "return-from-strain":
        return False, "You are coming back from a strain, so every exercise starts light."
    start = profile.start_date
    if done_on:
        keys = (
            [k for k in done_on if k[0] == ex.id]
            if ex.kind == "swim"
            else [(ex.id, v.id if v is not None else None)]
        )
        days = sorted(d for k in keys for d in done_on.get(k, set()) if d < start)
        if not days:
            return False, f"Your log has no {name} yet, so it starts light."
        last = days[-1]
        if is_gap(last, start, 14):
            return False, f"Last done on {last.isoformat()}: after a break it starts light."
        recent = [d for d in days if not is_unaccustomed(d, start)]
        if len(recent) < ACCUSTOMED_SESSIONS:
            return False, f"Done only once in the last four weeks, so {name} starts light."
        return True, f"Done on {len(recent)} days in the last four weeks."
    key = v.id if v is not None else ex.id
    if key in profile.baselines.working_weights_kg:
        return True, "You gave a working weight, so you already train it."
    if ex.id == "pull-up" and profile.experience != "novice":
        given = profile.baselines.max_pullups
        if given is not None and given >= 1 and (v is None or v.id in ("chin-up", WEIGHTED)):
            return True, "You already do pull-ups."
    return False, f"You are not used to {the_name}, so it starts light and ramps up."


@dataclass(frozen=True)
class Stage:
    """Where an exercise stands in its ramp or block: a share of its target volume, an effort,
    and a share of its known working weight."""

    fraction: float
    rpe: float
    load_factor: float


def _load_factor(fraction: float) -> float:
    span = RAMP_VOLUME[-1] - RAMP_VOLUME[0]
    progress = min(1.0, max(0.0, (fraction - RAMP_VOLUME[0]) / span))
    return RAMP_LOAD_START + (1.0 - RAMP_LOAD_START) * progress


def ramp_target(
    accustomed: bool, target_rpe: float, weeks_trained: int, weeks_in_block: int
) -> Stage:
    """R2/R5: where an exercise would stand this week before the growth cap (R4) applies.

    ``weeks_trained`` counts the full (non-deload) weeks before this one; ``weeks_in_block``
    those since the last deload. Unaccustomed work climbs :data:`RAMP_VOLUME` (60%, 75%,
    90%, 100% of the target volume) with effort from RPE 6 up half a point a week to the
    target, and a known weight from 80% up to 100%. Accustomed work is at full volume, and
    its effort waves within each block: a point below the target, half a point below, then
    the target.
    """
    if not accustomed:
        fraction = RAMP_VOLUME[min(weeks_trained, len(RAMP_VOLUME) - 1)]
        rpe = min(target_rpe, min(UNACCUSTOMED_RPE, target_rpe) + RAMP_RPE_STEP * weeks_trained)
        return Stage(fraction, rpe, _load_factor(fraction))
    rpe = target_rpe - 1.0 + RAMP_RPE_STEP * min(weeks_in_block, 2)
    return Stage(1.0, max(min(UNACCUSTOMED_RPE, target_rpe), rpe), 1.0)


def between(start: Stage, end: Stage, t: float) -> Stage:
    """The stage a share ``t`` of the way from ``start`` to ``end``, on the plan's grid.

    Volume shares are floored to whole percent and effort to half RPE points (the scale's
    resolution), so a stage never lands above the straight line between the two.
    """
    fraction = start.fraction + (end.fraction - start.fraction) * t
    rpe = start.rpe + (end.rpe - start.rpe) * t
    fraction = math.floor(fraction * 100 + 1e-6) / 100
    rpe = math.floor(rpe * 2 + 1e-6) / 2
    return Stage(fraction, rpe, _load_factor(fraction))


# --- R3 Recovery spacing ---------------------------------------------------------------

#: A muscle is the main work of an exercise when it does at least this share of it: about a
#: sixth or more, the prime movers of every catalog exercise (a backcoach definition).
MAIN_SHARE = 0.15
#: Hours between sessions whose main work loads the same muscle: at least 48 hours between
#: sessions for the same muscle group (Garber et al. 2011, the ACSM position stand).
RECOVERY_HOURS = 48
#: Training days the planner picks when the person names none, by days per week: spread
#: so that the fewest days are back to back.
SPREAD_DAYS: Mapping[int, tuple[int, ...]] = {
    2: (0, 3),
    3: (0, 2, 4),
    4: (0, 1, 3, 4),
    5: (0, 1, 2, 4, 5),
    6: (0, 1, 2, 3, 4, 5),
}


def main_muscles(shares: Mapping[str, float]) -> tuple[str, ...]:
    """R3: the muscles doing the main work (share at least :data:`MAIN_SHARE`), largest first."""
    return tuple(
        m for m, s in sorted(shares.items(), key=lambda kv: (-kv[1], kv[0])) if s >= MAIN_SHARE
    )


def muscle_groups(mains: Sequence[tuple[str, ...]]) -> list[list[int]]:
    """Exercises (by index) grouped so that any two sharing a main muscle are together."""
    parent = list(range(len(mains)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, ms in enumerate(mains):
        for m in ms:
            if m in owner:
                parent[find(i)] = find(owner[m])
            else:
                owner[m] = i
    groups: dict[int, list[int]] = {}
    for i in range(len(mains)):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def day_runs(days: Sequence[int]) -> list[list[int]]:
    """Training weekdays in runs of back-to-back days (Sunday runs into Monday)."""
    chosen = sorted(set(days))
    if len(chosen) == 7:
        raise ValueError("seven training days leave no rest day")
    if not chosen:
        return []
    # Start the walk just after a rest day, so a run across the weekend stays whole.
    start = next(d for d in chosen if (d - 1) % 7 not in chosen)
    order = [(start + i) % 7 for i in range(7)]
    runs: list[list[int]] = []
    for d in order:
        if d not in chosen:
            continue
        if runs and (runs[-1][-1] + 1) % 7 == d:
            runs[-1].append(d)
        else:
            runs.append([d])
    return runs


def schedule_groups(
    days: Sequence[int], weights: Sequence[float], *, days_given: bool
) -> tuple[dict[int, list[int]], list[str]]:
    """R3: which muscle groups train on which weekday, 48 hours apart for the same group.

    Back-to-back days alternate between two sets of groups (balanced by time); a day with no
    training day either side takes every group. With a single group there is nothing to
    alternate, so back-to-back days are thinned to every other day (with the reason said).
    Returns weekday -> group indexes, and the reasons.
    """
    reasons: list[str] = []
    if len(weights) == 1:
        if not days_given:
            wanted = len(days)
            days = SPREAD_DAYS[3] if wanted >= 3 else SPREAD_DAYS[2]
            if wanted > 3:
                reasons.append(
                    f"Every exercise you can do works the same main muscles, which need 48 hours "
                    f"between sessions: 3 days a week (Monday, Wednesday, Friday), not {wanted}."
                )
        keep: list[int] = []
        dropped: list[int] = []
        for run in day_runs(days):
            keep += run[0::2]
            dropped += run[1::2]
        if dropped:
            names = ", ".join(WEEKDAYS[d].capitalize() for d in sorted(dropped))
            reasons.append(
                f"No training on {names}: every exercise you can do works the same main "
                "muscles, and the day before already did; they need 48 hours."
            )
        return {d: [0] for d in sorted(keep)}, reasons
    # Two sets of groups, balanced by time: heaviest first onto the lighter side.
    side_a: list[int] = []
    side_b: list[int] = []
    load_a = load_b = 0.0
    for g in sorted(range(len(weights)), key=lambda i: (-weights[i], i)):
        if load_a <= load_b:
            side_a.append(g)
            load_a += weights[g]
        else:
            side_b.append(g)
            load_b += weights[g]
    plan: dict[int, list[int]] = {}
    for run in day_runs(days):
        if len(run) == 1:
            plan[run[0]] = sorted(side_a + side_b)
            continue
        for i, d in enumerate(run):
            plan[d] = sorted(side_a if i % 2 == 0 else side_b)
        pair = " and ".join(WEEKDAYS[d].capitalize() for d in run[:2])
        reasons.append(
            f"{pair} are back to back, so they train different main muscles: each muscle "
            "gets 48 hours before its next hard session."
        )
    return dict(sorted(plan.items())), reasons


# --- R4 Weekly growth cap, R5 deloads --------------------------------------------------

#: Planned weekly load may grow by at most 10% a week (Gabbett 2016), except coming back
#: from a deload, when it may return to the last full week's load plus 10%.
WEEKLY_GROWTH_CAP = 0.10
#: A deload week keeps about 60% of the volume ...
DELOAD_VOLUME = 0.6
#: ... at easy effort ...
DELOAD_RPE = 6.0
#: ... with a known load lightened by about 10%.
DELOAD_LOAD = 0.9


def is_deload_week(week: int, every: int) -> bool:
    """R5: whether week ``week`` (1-based) is a deload week: every ``every``-th week."""
    return week % every == 0


def load_cap(reference_load: float) -> float:
    """R4: the most planned load a week may carry, given the reference week's load.

    The reference is the week before, or, after a deload, the last week before the deload.
    """
    return reference_load * (1.0 + WEEKLY_GROWTH_CAP)


def reference_loads(loads: Sequence[float], deloads: Sequence[bool]) -> list[float | None]:
    """R4: for each week, the load its growth is measured against (None: the first week)."""
    refs: list[float | None] = []
    last_full: float | None = None
    for load, deload in zip(loads, deloads, strict=True):
        refs.append(last_full)
        if not deload:
            last_full = load
    return refs


# --- R6 Weekly hard sets per muscle ----------------------------------------------------

#: Weekly hard sets per main-work muscle, by experience. Schoenfeld, Ogborn and Krieger
#: (2017) found more weekly sets gave more growth (10+ a week beat fewer than 5); ACSM
#: (2009) has novices start with 1-3 sets per exercise on 2-3 days and trained people add
#: sets. The ranges are backcoach's reading of both for small back muscles.
HARD_SET_RANGES: Mapping[Experience, tuple[int, int]] = {
    "novice": (4, 12),
    "intermediate": (8, 16),
    "advanced": (10, 20),
}
#: Sets of one exercise in one session, at most, by experience (ACSM 2009: 1-3 sets for
#: novices, multiple sets for the trained).
MAX_SETS_PER_SESSION: Mapping[Experience, int] = {"novice": 3, "intermediate": 4, "advanced": 5}


def hard_set_range(profile: Profile) -> tuple[int, int]:
    """R6: the weekly hard-set range per muscle; coming back from a strain uses the novice range."""
    if profile.goal == "return-from-strain":
        return HARD_SET_RANGES["novice"]
    return HARD_SET_RANGES[profile.experience]


def weekly_hard_sets(prescriptions: Iterable[Prescription]) -> dict[str, int]:
    """R6: hard sets per muscle: each set counts once for each of its main muscles.

    Swims are continuous work, not sets, and are not counted.
    """
    out: dict[str, int] = {}
    for p in prescriptions:
        if p.is_swim:
            continue
        for m in p.main_muscles:
            out[m] = out.get(m, 0) + p.sets
    return out


# --- Target dose by goal and experience ------------------------------------------------

#: Target effort (RPE of the last set) by goal and experience. Novices stay at RPE 7 (3 in
#: reserve) while they learn to judge effort, which novices do less accurately near
#: failure (Helms et al. 2016); trained people work closer to failure for muscle and
#: strength. Coming back from a strain caps effort at 7.
TARGET_RPE: Mapping[Goal, Mapping[Experience, float]] = {
    "prevention": {"novice": 7.0, "intermediate": 7.5, "advanced": 8.0},
    "return-from-strain": {"novice": 7.0, "intermediate": 7.0, "advanced": 7.0},
    "muscle": {"novice": 7.0, "intermediate": 8.0, "advanced": 8.5},
    "strength": {"novice": 7.0, "intermediate": 8.0, "advanced": 8.5},
}
#: Easy continuous swimming: RPE 5-6 whatever the goal (the article calls it recreational).
SWIM_RPE = 6.0
#: Heavier rep ranges for the strength goal, for trained people only (ACSM 2009: novices
#: build strength with 8-12 repetitions; trained people with heavier loads, 1-6 and up).
STRENGTH_REPS: Mapping[str, tuple[int, int]] = {
    "bent-over-row": (5, 8),
    "barbell-shrug": (6, 10),
}
#: Extra rest between heavier sets (ACSM 2009: 2-3 minutes for heavy multiple-joint work).
STRENGTH_EXTRA_REST_S = 60
#: Effort cap for exercises that load a region the person said is painful.
CAUTION_RPE = 7.0
#: Seconds per phase of a repetition. The row and the shrug pause at the top (the catalog's
#: steps: "pause for a moment", "hold the top"). Backcoach estimates for timing.
TEMPO: Mapping[str, Tempo] = {
    "bent-over-row": Tempo(1.0, 1.0, 2.0),
    "barbell-shrug": Tempo(1.0, 1.0, 2.0),
    "overhead-dumbbell-raise": Tempo(1.0, 0.0, 2.0),
}
#: Working weights are taken as the weight for sets of about ten with two in reserve.
BASELINE_REPS_TO_FAILURE = 12


def target_rpe(profile: Profile, selected: Selected) -> float:
    """The effort an exercise builds to, by goal and experience (capped where it hurts)."""
    if selected.exercise.kind == "swim":
        return SWIM_RPE
    rpe = TARGET_RPE[profile.goal][profile.experience]
    painful = frozenset().union(*(LIMITATION_REGIONS[x] for x in profile.limitations))
    if _caution(selected.exercise, selected.variant) & painful:
        rpe = min(rpe, CAUTION_RPE)
    return rpe


def load_kind(equipment: Iterable[str]) -> LoadKind | None:
    """What a load means for a form that needs this equipment."""
    eq = set(equipment)
    if "barbell" in eq:
        return "barbell"
    if "dumbbells" in eq:
        return "dumbbell"
    if "weight-belt" in eq:
        return "added"
    return None


def load_step(kind: LoadKind | None, profile: Profile) -> float | None:
    """The smallest load change the person's equipment can make for this kind of load.

    A barbell moves by the profile's increment; a dumbbell by the dumbbell step; a dip belt
    by one plate, half the barbell increment (which is a pair of plates).
    """
    if kind == "barbell":
        return profile.barbell_increment_kg
    if kind == "dumbbell":
        return profile.dumbbell_step_kg
    if kind == "added":
        return profile.barbell_increment_kg / 2
    return None


def epley_load(working_kg: float, reps_mid: float, rpe: float) -> float:
    """A working weight moved to another rep target with Epley's estimate (Epley 1985).

    The baseline is taken as a weight for about :data:`BASELINE_REPS_TO_FAILURE` reps to
    failure; the target as ``reps_mid`` plus the reps left in reserve at ``rpe``.
    """
    one_rm = working_kg * (1 + BASELINE_REPS_TO_FAILURE / 30)
    return one_rm / (1 + (reps_mid + (10 - rpe)) / 30)


def target_prescription(selected: Selected, profile: Profile, catalog: Catalog) -> Prescription:
    """The full dose of an exercise per session, before ramps, deloads and trimming."""
    ex, v = selected.exercise, selected.variant
    rx = ex.prescription
    shares = ex.muscle_shares(v)
    mains = main_muscles(shares)
    rpe = target_rpe(profile, selected)
    if ex.kind == "swim":
        assert rx.duration_min is not None
        return Prescription(
            exercise_id=ex.id,
            variant_id=v.id if v is not None else None,
            name=selected.name,
            scheme="continuous",
            sets=1,
            reps_low=None,
            reps_high=None,
            duration_min=rx.duration_min,
            rpe=rpe,
            rest_s=0,
            tempo=None,
            main_muscles=mains,
            target_sets=1,
            target_rpe=rpe,
            target_duration_min=rx.duration_min,
            reasons=(
                f"Easy continuous swimming, {rx.duration_min:g} minutes at the target "
                "(the catalog's starting dose; rest at the wall as needed).",
            ),
        )
    if ex.id == "pull-up":
        maximum, _ = assumed_max_pullups(profile)
        dose = pullup_dose(
            maximum,
            equipment=profile.has,
            painful_shoulder=profile.limited("painful-shoulder"),
            weighted_ok=weighted_pullups_allowed(profile),
        )
        assert dose is not None
        kind = load_kind(v.equipment) if v is not None and v.id == WEIGHTED else None
        step = load_step(kind, profile)
        added: float | None = None
        if v is not None and v.id == WEIGHTED:
            given = profile.baselines.working_weights_kg.get(WEIGHTED)
            if given is not None and step is not None:
                added = round_down_to_step(given, step)
        return Prescription(
            exercise_id=ex.id,
            variant_id=dose.variant_id,
            name=selected.name,
            scheme=dose.scheme,
            sets=dose.sets,
            reps_low=dose.reps_low,
            reps_high=dose.reps_high,
            duration_min=None,
            rpe=rpe,
            rest_s=PULLUP_REST_S,
            tempo=dose.tempo,
            main_muscles=mains,
            target_sets=dose.sets,
            target_rpe=rpe,
            load_kg=added,
            load_step_kg=step,
            load_kind=kind,
            max_reps_est=dose.max_reps_est,
            reasons=(),
        )
    assert rx.reps_low is not None
    assert rx.reps_high is not None
    low, high, rest = rx.reps_low, rx.reps_high, rx.rest_s
    reasons: list[str] = []
    if profile.goal == "strength" and profile.experience != "novice" and ex.id in STRENGTH_REPS:
        low, high = STRENGTH_REPS[ex.id]
        rest += STRENGTH_EXTRA_REST_S
        reasons.append(f"{low}-{high} reps with longer rests for your strength goal.")
    else:
        reasons.append(f"{low}-{high} reps, the catalog's range for this exercise.")
    needs = v.equipment if v is not None else ex.equipment
    kind = load_kind(needs)
    step = load_step(kind, profile)
    key = v.id if v is not None else ex.id
    given = profile.baselines.working_weights_kg.get(key)
    load: float | None = None
    if given is not None and step is not None:
        load = round_down_to_step(epley_load(given, (low + high) / 2, rpe), step)
        reasons.append(f"{load:g} kg from your working weight of {given:g} kg.")
    elif kind is not None:
        reasons.append(
            f"No working weight known: pick a weight you can lift for {high} with "
            f"{max(0, round(10 - rpe))} reps to spare, and log it."
        )
    tempo = TEMPO.get(ex.id, Tempo(1.0, 0.0, 2.0))
    return Prescription(
        exercise_id=ex.id,
        variant_id=v.id if v is not None else None,
        name=selected.name,
        scheme="straight",
        sets=rx.sets,
        reps_low=low,
        reps_high=high,
        duration_min=None,
        rpe=rpe,
        rest_s=rest,
        tempo=tempo,
        main_muscles=mains,
        target_sets=rx.sets,
        target_rpe=rpe,
        load_kg=load,
        load_step_kg=step,
        load_kind=kind,
        unilateral=ex.unilateral,
        reasons=tuple(reasons),
    )


# --- R8 Session length ------------------------------------------------------------------

#: A swim is not shortened below this when trimming for time (minutes).
MIN_TRIMMED_SWIM = 10.0
#: Minutes a swim is shortened by per trimming step.
SWIM_TRIM_STEP = 5.0


def session_minutes(prescriptions: Iterable[Prescription]) -> float:
    """R8: estimated minutes of a session: a warm-up before any strength work, then each item."""
    items = list(prescriptions)
    warmup = SESSION_WARMUP_MIN if any(not p.is_swim for p in items) else 0.0
    return round(warmup + sum(p.minutes for p in items), 2)


def trim_to_fit(
    items: Sequence[Prescription], minutes: float
) -> tuple[list[Prescription], list[str]]:
    """R8: trim a session until its estimate fits ``minutes``, accessory work first.

    In order: shorten a swim (to 10 minutes); take accessory sets down to 2, then the
    main pulls' sets down to 2; drop the swim; take accessories to 1 set, then drop them;
    take the main pulls to 1 set; drop the least essential exercise. Each step is said.
    Returns what is left (possibly nothing) and the reasons.
    """
    kept = list(items)
    before = {p.exercise_id: (p.sets, p.duration_min) for p in kept}
    dropped: list[str] = []

    def order(p: Prescription) -> int:
        return -PRIORITY.get(p.exercise_id, 99)

    def step() -> bool:
        swims = [p for p in kept if p.is_swim]
        for p in swims:
            assert p.duration_min is not None
            if p.duration_min > MIN_TRIMMED_SWIM:
                new = max(MIN_TRIMMED_SWIM, p.duration_min - SWIM_TRIM_STEP)
                kept[kept.index(p)] = replace(p, duration_min=new, target_duration_min=new)
                return True
        for accessory, floor in ((True, 2), (False, 2)):
            for p in sorted(kept, key=order):
                is_accessory = p.exercise_id in ACCESSORIES
                if not p.is_swim and is_accessory == accessory and p.sets > floor:
                    kept[kept.index(p)] = replace(p, sets=p.sets - 1)
                    return True
        for p in swims:
            kept.remove(p)
            dropped.append(p.name)
            return True
        for p in sorted(kept, key=order):
            if p.exercise_id in ACCESSORIES and p.sets > 1:
                kept[kept.index(p)] = replace(p, sets=p.sets - 1)
                return True
        for p in sorted(kept, key=order):
            if p.exercise_id in ACCESSORIES:
                kept.remove(p)
                dropped.append(p.name)
                return True
        for p in sorted(kept, key=order):
            if p.sets > 1:
                kept[kept.index(p)] = replace(p, sets=p.sets - 1)
                return True
        if kept:
            p = sorted(kept, key=order)[0]
            kept.remove(p)
            dropped.append(p.name)
            return True
        return False

    while kept and session_minutes(kept) > minutes + 1e-9:
        if not step():
            break
    reasons: list[str] = []
    for i, p in enumerate(kept):
        sets0, dur0 = before[p.exercise_id]
        if p.is_swim and dur0 is not None and p.duration_min != dur0:
            note = f"Swim shortened from {dur0:g} to {p.duration_min:g} minutes to fit."
            reasons.append(note)
            kept[i] = replace(p, reasons=(*p.reasons, note))
        elif p.sets != sets0:
            kind = "Accessory" if p.exercise_id in ACCESSORIES else "Main"
            note = f"{kind} work trimmed from {sets0} to {p.sets} sets to fit your time."
            reasons.append(f"{p.name}: {note[0].lower()}{note[1:]}")
            kept[i] = replace(p, reasons=(*p.reasons, note), target_sets=p.sets)
    for name in dropped:
        reasons.append(f"{name} left out of this session: it does not fit in {minutes:g} minutes.")
    return kept, reasons


def nothing_to_plan(profile: Profile, left_out: Sequence[LeftOut]) -> NothingToPlan:
    """The error for a profile with which no exercise can be done, saying what would help."""
    have = ", ".join(profile.equipment) or "no equipment"
    unlocks = [f"{lo.name}: {lo.unlock}" for lo in left_out if lo.unlock]
    why = [f"{lo.name}: {lo.reason}" for lo in left_out if not lo.unlock]
    hint = "What would help: " + "; ".join(unlocks + why) + "." if unlocks or why else ""
    return NothingToPlan(
        f"No article exercise can be planned with {have} and {profile.minutes_per_session}"
        f"-minute sessions, so there is no plan to give (an empty plan would not train you).",
        hint,
    )


def ceil_fraction(sets: int, fraction: float) -> int:
    """``sets`` x ``fraction`` rounded up, at least one set."""
    return max(1, math.ceil(sets * fraction - 1e-9))


# --- R6 applied to a week's template ----------------------------------------------------

#: One week's plan before ramps and deloads: weekday -> the full dose of each exercise.
Template = Mapping[int, Sequence[Prescription]]


def _all(template: Template) -> list[Prescription]:
    return [p for ps in template.values() for p in ps]


def cap_hard_sets(
    template: Template, low: int, high: int
) -> tuple[dict[int, list[Prescription]], list[str]]:
    """R6: take sets away until no muscle has more than ``high`` hard sets a week.

    The muscle furthest over goes first. Sets come off the exercise whose other main muscles
    can best spare them, then the one with the most weekly sets, then the least essential;
    one set off each session of it. An exercise already at one set a session is dropped from
    its last day instead.
    """
    t = {d: list(ps) for d, ps in template.items()}
    start = {p.exercise_id: p.sets for p in _all(template)}
    dropped: list[str] = []
    for _ in range(1000):
        hs = weekly_hard_sets(_all(t))
        over = [m for m, n in hs.items() if n > high]
        if not over:
            break
        muscle = max(over, key=lambda m: (hs[m], m))
        hitting = {p.exercise_id for p in _all(t) if not p.is_swim and muscle in p.main_muscles}
        reducible = [e for e in hitting if any(p.sets > 1 for p in _all(t) if p.exercise_id == e)]

        def key(e: str, muscle: str = muscle, hs: dict[str, int] = hs) -> tuple[int, int, int]:
            slots = [p for p in _all(t) if p.exercise_id == e and p.sets > 1]
            mains = slots[0].main_muscles
            harm = sum(1 for m in mains if m != muscle and hs.get(m, 0) - len(slots) < low)
            weekly = sum(p.sets for p in _all(t) if p.exercise_id == e)
            return (harm, -weekly, -PRIORITY.get(e, 99))

        if reducible:
            e = min(reducible, key=key)
            for d in t:
                t[d] = [
                    replace(p, sets=p.sets - 1, target_sets=p.sets - 1)
                    if p.exercise_id == e and p.sets > 1
                    else p
                    for p in t[d]
                ]
        else:
            e = max(hitting, key=lambda x: (PRIORITY.get(x, 99), x))
            last = max(d for d in t if any(p.exercise_id == e for p in t[d]))
            t[last] = [p for p in t[last] if p.exercise_id != e]
            dropped.append(f"{e} on {WEEKDAYS[last].capitalize()}")
    reasons: list[str] = []
    for p in _all(t):
        if p.exercise_id in start and p.sets < start[p.exercise_id]:
            reasons.append(
                f"{p.name}: {p.sets} sets a session, not {start[p.exercise_id]}, to keep each "
                f"muscle within {high} hard sets a week."
            )
            start.pop(p.exercise_id)
    reasons += [f"Dropped {x} to stay within {high} hard sets a week." for x in dropped]
    return t, reasons


def fill_hard_sets(
    template: Template,
    low: int,
    high: int,
    max_sets: int,
    minutes: float,
    names: Mapping[str, str],
) -> tuple[dict[int, list[Prescription]], list[str]]:
    """R6: add sets, one at a time, to muscles below ``low`` hard sets a week.

    A set is added only where the session still fits ``minutes``, the exercise stays at or
    under ``max_sets`` a session, and no muscle goes over ``high``. Muscles still short are
    reported with the reason.
    """
    t = {d: list(ps) for d, ps in template.items()}
    ranged = {m for p in _all(t) if not p.is_swim for m in p.main_muscles}
    blocked: dict[str, str] = {}
    for _ in range(1000):
        hs = weekly_hard_sets(_all(t))
        under = sorted((m for m in ranged if hs.get(m, 0) < low), key=lambda m: (hs.get(m, 0), m))
        added = False
        for muscle in under:
            slots = [
                (p.sets, PRIORITY.get(p.exercise_id, 99), d, i)
                for d, ps in t.items()
                for i, p in enumerate(ps)
                if not p.is_swim and muscle in p.main_muscles
            ]
            for _sets, _prio, d, i in sorted(slots):
                p = t[d][i]
                if p.sets >= max_sets:
                    blocked[muscle] = f"every exercise for it is at {max_sets} sets a session"
                    continue
                if any(hs.get(m, 0) + 1 > high for m in p.main_muscles):
                    blocked[muscle] = f"more would push another muscle past {high}"
                    continue
                bigger = replace(p, sets=p.sets + 1, target_sets=p.sets + 1)
                trial = [*t[d][:i], bigger, *t[d][i + 1 :]]
                if session_minutes(trial) > minutes + 1e-9:
                    blocked[muscle] = f"more does not fit your {minutes:g}-minute sessions"
                    continue
                t[d] = trial
                added = True
                break
            if added:
                break
        if not added:
            break
    hs = weekly_hard_sets(_all(t))
    reasons = [
        f"Your {names.get(m, m)} get {hs.get(m, 0)} hard sets a week, below the range of "
        f"{low}-{high} for your level: {blocked.get(m, 'no exercise you can do works it more')}."
        for m in sorted(ranged)
        if hs.get(m, 0) < low
    ]
    return t, reasons
