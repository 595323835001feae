"""Auto-progression: what the next session asks for, after what was logged and felt.

Worked examples for each rule first, then properties over random prescriptions, logged
sessions, pain and breaks: no adjustment ever breaks a rule.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcoach.catalog import load_catalog
from backcoach.load.exposure import is_gap
from backcoach.planning import (
    Prescription,
    Profile,
    prescription_from_json,
    prescription_to_json,
)
from backcoach.planning.pullups import ladder_rank
from backcoach.planning.rules import Selected, target_prescription
from backcoach.training.entries import PainEntry, SetEntry, SetKind, Symptom
from backcoach.training.progression import (
    PAIN_LOAD,
    RAMP_BACK_RPE,
    RAMP_BACK_VOLUME,
    Adjustment,
    Outcome,
    merge_with_plan,
    next_targets,
)

CATALOG = load_catalog()
DAY = date(2025, 3, 3)
GYM = Profile(
    start_date=date(2025, 1, 6),
    experience="intermediate",
    equipment=(
        "band",
        "barbell",
        "bench",
        "box",
        "dumbbells",
        "plates",
        "platform",
        "pool",
        "pull-up-bar",
        "rack",
        "weight-belt",
    ),
    barbell_increment_kg=2.5,
    dumbbell_step_kg=2.0,
    goal="muscle",
    baselines={"max_pullups": 8, "working_weights_kg": {"bent-over-row": 60}},  # type: ignore[arg-type]
)
HOME = Profile(
    start_date=date(2025, 1, 6),
    equipment=("pull-up-bar", "dumbbells"),
    baselines={"max_pullups": 20},  # type: ignore[arg-type]
)


def rx(
    exercise: str, variant: str | None = None, profile: Profile = GYM, **changes: Any
) -> Prescription:
    """The full-dose prescription of an exercise for a profile, changed as asked."""
    ex = CATALOG.exercise(exercise)
    v = ex.variant(variant) if variant is not None else None
    base = target_prescription(Selected(ex, v, ()), profile, CATALOG)
    if exercise == "pull-up" and variant is not None:
        base = replace(base, variant_id=variant, name=v.name if v else base.name)
    return replace(base, **changes)


def sets(
    p: Prescription,
    reps: list[int],
    *,
    load: float | None = None,
    rir: int | None = None,
    rpe: float | None = None,
    day: date = DAY,
) -> list[SetEntry]:
    """Logged working sets of ``p`` on ``day``; the effort goes on the last set."""
    out = []
    for i, r in enumerate(reps):
        last = i == len(reps) - 1
        out.append(
            SetEntry(
                id=f"set{i}",
                session_id="s1",
                exercise_id=p.exercise_id,
                variant_id=p.variant_id,
                position=i,
                reps=r,
                load_kg=load,
                rir=rir if last else None,
                rpe=rpe if last else None,
                logged_at=datetime.combine(day, time(18, i), tzinfo=UTC),
            )
        )
    return out


def swim(p: Prescription, minutes: float, day: date = DAY) -> list[SetEntry]:
    return [
        SetEntry(
            id="swim",
            session_id="s1",
            exercise_id=p.exercise_id,
            variant_id=p.variant_id,
            position=0,
            duration_s=minutes * 60,
            logged_at=datetime.combine(day, time(7), tzinfo=UTC),
        )
    ]


def pain(
    score: int,
    region: str = "lower-back",
    exercise: str | None = None,
    symptoms: tuple[Symptom, ...] = (),
    day: date = DAY,
) -> PainEntry:
    return PainEntry(
        id=f"pain-{score}-{region}",
        user_id="local",
        score=score,
        region=region,
        felt_at=datetime.combine(day, time(20), tzinfo=UTC),
        exercise_id=exercise,
        symptoms=symptoms,
    )


def after(
    p: Prescription,
    logged: list[SetEntry],
    felt: tuple[PainEntry, ...] = (),
    *,
    days_later: int = 2,
    profile: Profile = GYM,
) -> Adjustment:
    return next_targets(
        p,
        logged,
        felt,
        catalog=CATALOG,
        profile=profile,
        today=DAY + timedelta(days=days_later),
        last_trained=DAY,
    )


# --- Double progression ----------------------------------------------------------------


def test_every_set_at_the_top_with_reps_to_spare_adds_the_smallest_barbell_step() -> None:
    row = rx("bent-over-row", load_kg=60.0)
    adj = after(row, sets(row, [12, 12, 12, 12], load=60.0, rir=2))
    assert adj.outcome is Outcome.PROGRESS
    assert adj.prescription is not None
    assert adj.prescription.load_kg == 62.5
    assert (adj.prescription.reps_low, adj.prescription.reps_high) == (8, 12)
    assert "2.5 kg" in adj.reason
    assert "back to 8" in adj.reason


def test_dumbbell_work_steps_by_the_dumbbell_step() -> None:
    raise_ = rx("overhead-dumbbell-raise", load_kg=6.0)
    adj = after(raise_, sets(raise_, [15, 15, 15, 15], load=6.0, rpe=8))
    assert adj.prescription is not None
    assert adj.prescription.load_kg == 8.0


def test_reaching_the_top_at_the_limit_holds_the_load() -> None:
    row = rx("bent-over-row", load_kg=60.0)
    adj = after(row, sets(row, [12, 12, 12, 12], load=60.0, rir=0))
    assert adj.outcome is Outcome.HOLD
    assert adj.prescription is not None
    assert adj.prescription.load_kg == 60.0


def test_reps_beyond_the_top_count_as_reps_to_spare_when_no_effort_is_logged() -> None:
    row = rx("bent-over-row", load_kg=60.0)
    adj = after(row, sets(row, [13, 12, 12, 12], load=60.0))
    assert adj.outcome is Outcome.PROGRESS


def test_a_session_inside_the_range_holds() -> None:
    row = rx("bent-over-row", load_kg=60.0)
    adj = after(row, sets(row, [12, 11, 10, 9], load=60.0, rir=1))
    assert adj.outcome is Outcome.HOLD
    assert adj.prescription is not None
    assert adj.prescription.load_kg == 60.0
    assert adj.prescription.misses == 0


def test_one_miss_holds_and_counts_two_misses_take_about_ten_percent_off() -> None:
    row = rx("bent-over-row", load_kg=60.0)
    first = after(row, sets(row, [9, 8, 7, 6], load=60.0))
    assert first.outcome is Outcome.HOLD
    assert first.prescription is not None
    assert first.prescription.misses == 1
    assert first.prescription.load_kg == 60.0
    second = after(first.prescription, sets(row, [8, 7, 6, 6], load=60.0))
    assert second.outcome is Outcome.REDUCE
    assert second.prescription is not None
    assert second.prescription.load_kg == 52.5  # 54 rounded down to the 2.5 kg step
    assert second.prescription.misses == 0


def test_progression_starts_from_the_load_actually_lifted() -> None:
    row = rx("bent-over-row", load_kg=60.0)
    adj = after(row, sets(row, [12, 12, 12, 12], load=65.0, rir=2))
    assert adj.prescription is not None
    assert adj.prescription.load_kg == 67.5


def test_a_load_nobody_logged_is_not_guessed() -> None:
    row = rx("bent-over-row", load_kg=None)
    adj = after(row, sets(row, [12, 12, 12, 12], rir=3))
    assert adj.outcome is Outcome.HOLD
    assert adj.prescription is not None
    assert adj.prescription.load_kg is None
    assert "Log the weight" in adj.reason


def test_nothing_logged_keeps_the_targets() -> None:
    row = rx("bent-over-row", load_kg=60.0)
    adj = after(row, [])
    assert adj.outcome is Outcome.HOLD
    assert adj.prescription == row


def test_warm_up_sets_do_not_count() -> None:
    row = rx("bent-over-row", load_kg=60.0)
    warmups = [replace(s, kind=SetKind.WARMUP) for s in sets(row, [12, 12, 12, 12], load=60.0)]
    assert after(row, warmups).outcome is Outcome.HOLD


# --- Pull-ups: reps and variants, not load --------------------------------------------------


def test_pull_ups_go_from_band_assisted_to_negatives_to_full_to_weighted() -> None:
    band = rx("pull-up", "band-assisted-pull-up", reps_low=5, reps_high=8, max_reps_est=0)
    adj = after(band, sets(band, [8, 8, 8], rir=2))
    assert adj.prescription is not None
    assert adj.prescription.variant_id == "negative-pull-up"
    negative = adj.prescription
    adj = after(negative, sets(negative, [5, 5, 5], rir=2))
    assert adj.prescription is not None
    assert adj.prescription.variant_id is None
    assert adj.prescription.scheme == "cluster"
    assert adj.prescription.load_kg is None
    strong = rx("pull-up", scheme="straight", reps_low=10, reps_high=14, max_reps_est=20)
    adj = after(strong, sets(strong, [14, 14, 14], rir=3))
    assert adj.prescription is not None
    assert adj.prescription.variant_id == "weighted-pull-up"


def test_without_a_belt_strong_pull_ups_stay_at_fifteen_with_a_slow_tempo() -> None:
    strong = rx("pull-up", profile=HOME, reps_low=10, reps_high=14, max_reps_est=20)
    adj = after(strong, sets(strong, [14, 14, 14], rir=3), profile=HOME)
    assert adj.prescription is not None
    p = adj.prescription
    assert p.variant_id is None
    assert (p.reps_low, p.reps_high) == (15, 15)
    assert p.tempo is not None
    assert p.tempo.lower_s >= 4
    again = after(p, sets(p, [15, 15, 15], rir=2), profile=HOME)
    assert again.outcome is Outcome.HOLD
    assert "fifteen" in again.reason


def test_bodyweight_pull_ups_never_get_a_load() -> None:
    pull = rx("pull-up", max_reps_est=8)
    adj = after(pull, sets(pull, [6, 6, 6], load=None, rir=3))
    assert adj.prescription is not None
    assert adj.prescription.load_kg is None


# --- Pain --------------------------------------------------------------------------------


def test_pain_of_four_in_the_low_back_regresses_the_row_to_the_chest_supported_row() -> None:
    row = rx("bent-over-row", load_kg=60.0)
    adj = after(row, sets(row, [10, 10, 10, 10], load=60.0), (pain(4, exercise=row.exercise_id),))
    assert adj.outcome is Outcome.REGRESS
    assert adj.flagged
    assert not adj.see_clinician
    assert adj.prescription is not None
    assert adj.prescription.variant_id == "chest-supported-row"
    assert adj.prescription.rpe <= RAMP_BACK_RPE
    assert "clinician" in adj.reason


def test_pain_with_no_easier_variant_takes_about_a_quarter_of_the_load_off() -> None:
    shrug = rx("barbell-shrug", load_kg=80.0)
    adj = after(shrug, sets(shrug, [12, 12, 12], load=80.0), (pain(5, "neck", "barbell-shrug"),))
    assert adj.outcome is Outcome.REGRESS
    assert adj.prescription is not None
    assert adj.prescription.load_kg == 60.0


def test_pain_of_three_changes_nothing() -> None:
    row = rx("bent-over-row", load_kg=60.0)
    adj = after(
        row, sets(row, [12, 12, 12, 12], load=60.0, rir=2), (pain(3, exercise=row.exercise_id),)
    )
    assert adj.outcome is Outcome.PROGRESS
    assert not adj.flagged


def test_pain_in_a_knee_does_not_regress_a_back_exercise() -> None:
    row = rx("bent-over-row", load_kg=60.0)
    adj = after(row, sets(row, [10, 10, 10, 10], load=60.0), (pain(5, "left-leg", None),))
    assert adj.outcome is Outcome.HOLD


def test_unattributed_shoulder_pain_after_the_session_regresses_pull_ups() -> None:
    pull = rx("pull-up", max_reps_est=8)
    adj = after(pull, sets(pull, [5, 5, 5]), (pain(5, "right-shoulder"),))
    assert adj.outcome is Outcome.REGRESS
    assert adj.prescription is not None
    assert ladder_rank(adj.prescription.variant_id) < ladder_rank(None)


def test_pain_of_seven_in_the_back_stops_back_training_and_sends_to_a_clinician() -> None:
    row = rx("bent-over-row", load_kg=60.0)
    adj = after(row, sets(row, [10, 10, 10, 10], load=60.0), (pain(7, "upper-back"),))
    assert adj.outcome is Outcome.STOP
    assert adj.prescription is None
    assert adj.see_clinician
    assert "clinician" in adj.reason
    assert "not medical care" in adj.reason


@pytest.mark.parametrize("symptom", list(Symptom))
def test_any_red_flag_symptom_stops_back_training_even_with_little_pain(symptom: Symptom) -> None:
    row = rx("bent-over-row", load_kg=60.0)
    adj = after(
        row, sets(row, [10, 10, 10, 10], load=60.0), (pain(2, "left-leg", None, (symptom,)),)
    )
    assert adj.outcome is Outcome.STOP
    assert adj.see_clinician
    assert adj.prescription is None


# --- Breaks --------------------------------------------------------------------------------


def test_after_two_weeks_off_the_exercise_ramps_back_in_lighter() -> None:
    row = rx("bent-over-row", load_kg=60.0)
    adj = after(row, sets(row, [12, 12, 12, 12], load=60.0, rir=2), days_later=16)
    assert adj.outcome is Outcome.RAMP_BACK
    assert adj.prescription is not None
    p = adj.prescription
    assert p.sets == round(RAMP_BACK_VOLUME * row.target_sets)
    assert p.rpe <= RAMP_BACK_RPE
    assert p.load_kg == 52.5
    assert "16 days" in adj.reason


def test_a_longer_break_takes_more_weight_off() -> None:
    row = rx("bent-over-row", load_kg=60.0)
    adj = after(row, sets(row, [10, 10, 10, 10], load=60.0), days_later=45)
    assert adj.prescription is not None
    assert adj.prescription.load_kg == 47.5


def test_after_ramping_back_good_sessions_restore_the_sets_then_the_load_grows() -> None:
    row = rx("bent-over-row", load_kg=60.0)
    adj = after(row, sets(row, [12, 12, 12, 12], load=60.0, rir=2), days_later=20)
    p = adj.prescription
    assert p is not None
    assert p.sets < p.target_sets
    seen = [p.sets]
    for _ in range(4):
        adj = after(p, sets(p, [12] * p.sets, load=p.load_kg, rir=3))
        assert adj.prescription is not None
        p = adj.prescription
        seen.append(p.sets)
    assert seen == [2, 3, 3, 3, 3]
    assert p.rpe == p.target_rpe
    assert p.load_kg is not None
    assert p.load_kg > 52.5


def test_a_swim_after_a_break_is_shortened() -> None:
    s = rx("swimming")
    adj = after(s, swim(s, 20), days_later=30)
    assert adj.prescription is not None
    assert adj.prescription.duration_min == 12


def test_a_swim_grows_toward_its_target_and_holds_there() -> None:
    s = rx("swimming", duration_min=12.0)
    adj = after(s, swim(s, 12))
    assert adj.outcome is Outcome.PROGRESS
    assert adj.prescription is not None
    assert adj.prescription.duration_min == 13
    full = rx("swimming")
    assert after(full, swim(full, 20)).outcome is Outcome.HOLD


# --- The plan and progression together ------------------------------------------------------


def test_merging_keeps_the_plans_deload_and_progressions_load() -> None:
    planned = rx("bent-over-row", load_kg=60.0, sets=2, rpe=6.0)
    current = rx("bent-over-row", load_kg=65.0)
    merged = merge_with_plan(planned, current)
    assert merged is not None
    assert merged.sets == 2
    assert merged.rpe == 6.0
    assert merged.load_kg == 57.5  # the progressed 65 kg, lightened ~10% for the light week


def test_the_prescription_a_session_was_done_against_survives_storage_as_json() -> None:
    p = rx("pull-up", scheme="ladder", reps_low=2, reps_high=2, max_reps_est=4, misses=1)
    assert prescription_from_json(prescription_to_json(p)) == p


def test_merging_with_a_stop_gives_no_session() -> None:
    assert merge_with_plan(rx("bent-over-row"), None) is None


def test_merging_takes_a_regressed_variant() -> None:
    planned = rx("bent-over-row", load_kg=60.0)
    current = rx("bent-over-row", "chest-supported-row")
    current = replace(current, reps_low=6, reps_high=10)
    merged = merge_with_plan(planned, current)
    assert merged is not None
    assert merged.variant_id == "chest-supported-row"


# --- Properties ----------------------------------------------------------------------------

POOL: list[Prescription] = [
    rx("bent-over-row", load_kg=60.0),
    rx("bent-over-row", load_kg=None),
    rx("bent-over-row", "chest-supported-row", load_kg=14.0),
    rx("barbell-shrug", load_kg=80.0),
    rx("barbell-shrug", "dumbbell-shrug", load_kg=20.0),
    rx("overhead-dumbbell-raise", load_kg=6.0),
    rx("overhead-dumbbell-raise", "seated-overhead-dumbbell-raise", load_kg=6.0),
    rx("swimming"),
    rx("swimming", "breaststroke", duration_min=12.0),
    rx("pull-up", max_reps_est=8),
    rx("pull-up", "band-assisted-pull-up", reps_low=5, reps_high=8, max_reps_est=0),
    rx("pull-up", "negative-pull-up", reps_low=3, reps_high=5, max_reps_est=0),
    rx("pull-up", scheme="cluster", reps_low=3, reps_high=5, max_reps_est=1),
    rx("pull-up", scheme="ladder", reps_low=2, reps_high=2, max_reps_est=4),
    rx(
        "pull-up",
        "weighted-pull-up",
        reps_low=8,
        reps_high=12,
        load_kg=10.0,
        load_step_kg=1.25,
        load_kind="added",
        max_reps_est=22,
    ),
]
REGIONS = [r.id for r in CATALOG.regions]


@st.composite
def situations(draw: st.DrawFn) -> dict[str, Any]:
    base = draw(st.sampled_from(POOL))
    p = replace(
        base,
        sets=draw(st.integers(1, base.target_sets)),
        rpe=draw(st.sampled_from([6.0, 6.5, 7.0, 7.5, 8.0])),
        misses=draw(st.integers(0, 1)),
    )
    logged: list[SetEntry] = []
    if p.is_swim:
        if draw(st.booleans()):
            logged = swim(p, draw(st.floats(1, 40)))
    else:
        reps = draw(st.lists(st.integers(0, 20), max_size=6))
        load = (
            draw(st.none() | st.floats(2.0, 120.0).map(lambda x: round(x, 1)))
            if p.load_kind is not None
            else None
        )
        effort = draw(st.sampled_from(["rir", "rpe", "none"]))
        logged = sets(
            p,
            reps,
            load=load,
            rir=draw(st.integers(0, 5)) if effort == "rir" else None,
            rpe=draw(st.sampled_from([6.0, 7.5, 9.0, 10.0])) if effort == "rpe" else None,
        )
    felt = tuple(
        PainEntry(
            id=f"p{i}",
            user_id="local",
            score=draw(st.integers(0, 10)),
            region=draw(st.sampled_from(REGIONS)),
            felt_at=datetime.combine(DAY, time(20), tzinfo=UTC),
            exercise_id=draw(st.sampled_from([None, p.exercise_id, "barbell-shrug"])),
            symptoms=tuple(draw(st.sets(st.sampled_from(list(Symptom)), max_size=1)))
            if draw(st.integers(0, 9)) == 0
            else (),
        )
        for i in range(draw(st.integers(0, 2)))
    )
    profile = draw(st.sampled_from([GYM, HOME]))
    return {
        "p": p,
        "logged": logged,
        "pain": felt,
        "gap": draw(st.integers(0, 40)),
        "profile": profile,
    }


def _back_or_shoulder(region: str) -> bool:
    return CATALOG.region(region).back_or_shoulder


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(situations())
def test_no_adjustment_ever_breaks_a_rule(case: dict[str, Any]) -> None:
    p: Prescription = case["p"]
    felt: tuple[PainEntry, ...] = case["pain"]
    logged: list[SetEntry] = case["logged"]
    today = DAY + timedelta(days=case["gap"])
    adj = next_targets(
        p, logged, felt, catalog=CATALOG, profile=case["profile"], today=today, last_trained=DAY
    )
    assert adj.reasons
    assert all(adj.reasons)

    stop = any(e.red_flag for e in felt) or any(
        e.score >= 7 and (_back_or_shoulder(e.region) or e.exercise_id == p.exercise_id)
        for e in felt
    )
    if stop:
        assert adj.outcome is Outcome.STOP
        assert adj.prescription is None
        assert adj.see_clinician
        return
    assert adj.prescription is not None
    assert not adj.see_clinician
    new = adj.prescription
    assert new.sets >= 1
    assert new.rpe <= max(p.rpe, p.target_rpe)

    loads = [s.load_kg for s in logged if s.load_kg is not None]
    basis = min(loads) if loads and p.load_kind is not None else p.load_kg
    if new.load_kg is not None and new.load_step_kg is not None and new.load_kg != basis:
        steps = new.load_kg / new.load_step_kg
        assert math.isclose(steps, round(steps), abs_tol=1e-6), "load off the equipment's steps"
    if p.exercise_id == "pull-up" and new.variant_id != "weighted-pull-up":
        assert new.load_kg is None, "bodyweight pull-ups progress by reps and variants"

    attributed = [
        e
        for e in felt
        if e.score >= 4 and _back_or_shoulder(e.region) and e.exercise_id == p.exercise_id
    ]
    if attributed:
        assert adj.outcome is Outcome.REGRESS
        assert adj.flagged
        assert new.rpe <= RAMP_BACK_RPE
        easier_variant = new.variant_id != p.variant_id and (
            p.exercise_id != "pull-up" or ladder_rank(new.variant_id) < ladder_rank(p.variant_id)
        )
        lighter = (
            basis is not None
            and new.load_kg is not None
            and new.load_step_kg is not None
            and new.load_kg < basis
            and (
                new.load_kg <= basis * PAIN_LOAD + 1e-9
                # a coarse grid: the nearest step below is as light as the equipment allows
                or new.load_kg
                >= (math.ceil(basis / new.load_step_kg - 1e-9) - 1) * new.load_step_kg
            )
        )
        less = new.volume <= 0.8 * p.volume + 1e-9 or (new.volume <= 1 and p.volume <= 1)
        assert easier_variant or lighter or less, (
            f"regression of {p.describe()} to {new.describe()}"
        )
        return
    if adj.outcome is Outcome.REGRESS:
        assert adj.flagged
        return

    if is_gap(DAY, today, 14):
        assert adj.outcome is Outcome.RAMP_BACK
        assert new.rpe <= RAMP_BACK_RPE
        if p.is_swim:
            assert new.volume <= RAMP_BACK_VOLUME * p.volume + 1
        else:
            assert new.sets <= max(1, round(RAMP_BACK_VOLUME * p.target_sets))
        if basis is not None and new.load_kg is not None:
            assert new.load_kg < basis
        return

    assert adj.outcome is not Outcome.RAMP_BACK
    if basis is not None and new.load_kg is not None and p.load_step_kg is not None:
        assert new.load_kg <= basis + p.load_step_kg + 1e-9, "more than one step at a time"
        if new.load_kg > basis:
            assert adj.outcome is Outcome.PROGRESS
            assert p.reps_high is not None
            working = [s.reps or 0 for s in logged]
            assert len(working) >= p.sets
            assert all(r >= p.reps_high for r in working)
        if p.reps_low is not None and p.scheme == "straight":
            best = sorted((s.reps or 0 for s in logged), reverse=True)[: p.sets]
            missed = len(best) < p.sets or any(r < p.reps_low for r in best)
            if missed:
                assert new.load_kg <= basis
                if p.misses == 1 and adj.outcome is Outcome.REDUCE:
                    assert new.load_kg < basis
    if adj.outcome is Outcome.REDUCE and basis is not None and new.load_kg is not None:
        assert new.load_kg < basis
