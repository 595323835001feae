"""Each planning rule on its own: small, readable cases of what it decides and why."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from backcoach.planning import Prescription
from backcoach.planning.prescription import (
    dose_for_fraction,
    round_down_to_step,
    step_down,
    step_up,
)
from backcoach.planning.pullups import ARTICLE_REPS, MANY, pullup_dose
from backcoach.planning.rules import (
    MAIN_SHARE,
    RAMP_VOLUME,
    Stage,
    between,
    cap_hard_sets,
    day_runs,
    epley_load,
    fill_hard_sets,
    hard_set_range,
    history_days,
    is_accustomed,
    is_deload_week,
    load_cap,
    main_muscles,
    muscle_groups,
    ramp_target,
    reference_loads,
    schedule_groups,
    select_exercises,
    session_minutes,
    target_prescription,
    trim_to_fit,
    weekly_hard_sets,
)
from backcoach.training.entries import SetEntry

from .conftest import CATALOG, FULL_GYM, profile


def chosen(**changes: object) -> dict[str, str | None]:
    picked, _ = select_exercises(profile(**changes), CATALOG)
    return {s.exercise.id: (s.variant.id if s.variant else None) for s in picked}


def left_out(**changes: object) -> dict[str, str]:
    _, left = select_exercises(profile(**changes), CATALOG)
    return {lo.exercise_id: lo.reason for lo in left}


# --- R1 exercise choice ------------------------------------------------------------------


def test_every_article_exercise_the_full_gym_allows_is_chosen_as_the_article_gives_it() -> None:
    picks = chosen(equipment=(*FULL_GYM, "pool"), baselines={"max_pullups": 8})
    assert picks == {
        "bent-over-row": None,
        "pull-up": None,
        "barbell-shrug": None,
        "overhead-dumbbell-raise": None,
        "swimming": None,
    }


def test_no_pool_means_no_swimming_with_the_reason() -> None:
    assert "swimming pool" in left_out(equipment=FULL_GYM)["swimming"]


def test_a_painful_low_back_swaps_the_bent_over_row_for_the_chest_supported_row() -> None:
    picks = chosen(equipment=FULL_GYM, limitations=("low-back",))
    assert picks["bent-over-row"] == "chest-supported-row"


def test_a_painful_low_back_without_a_bench_leaves_the_row_out_until_pain_free() -> None:
    reason = left_out(equipment=("barbell", "plates", "platform"), limitations=("low-back",))
    assert "pain-free" in reason["bent-over-row"]


def test_a_painful_shoulder_leaves_the_overhead_raise_out_until_pain_free() -> None:
    reason = left_out(equipment=FULL_GYM, limitations=("painful-shoulder",))
    assert "pain-free" in reason["overhead-dumbbell-raise"]


def test_a_painful_low_back_seats_the_overhead_raise_on_a_bench() -> None:
    picks = chosen(equipment=FULL_GYM, limitations=("low-back",))
    assert picks["overhead-dumbbell-raise"] == "seated-overhead-dumbbell-raise"


def test_the_kindest_stroke_is_chosen_for_each_limitation() -> None:
    assert chosen(equipment=("pool",), limitations=("low-back",))["swimming"] == "backstroke"
    assert chosen(equipment=("pool",), limitations=("painful-shoulder",))["swimming"] == (
        "breaststroke"
    )
    assert "swimming" in left_out(equipment=("pool",), limitations=("low-back", "painful-shoulder"))


def test_dumbbells_stand_in_for_the_barbell_shrug() -> None:
    assert chosen(equipment=("dumbbells",))["barbell-shrug"] == "dumbbell-shrug"


def test_a_painful_shoulder_keeps_pulling_as_chin_ups_as_the_catalog_advises() -> None:
    picks = chosen(
        equipment=("pull-up-bar",), limitations=("painful-shoulder",), baselines={"max_pullups": 6}
    )
    assert picks["pull-up"] == "chin-up"


# --- R7 the road to sets of fifteen ----------------------------------------------------------


def test_from_zero_pull_ups_the_band_comes_first_then_negatives() -> None:
    band = pullup_dose(0, equipment={"pull-up-bar", "band", "box"})
    assert band is not None
    assert band.variant_id == "band-assisted-pull-up"
    negatives = pullup_dose(0, equipment={"pull-up-bar", "box"})
    assert negatives is not None
    assert negatives.variant_id == "negative-pull-up"
    assert pullup_dose(0, equipment={"pull-up-bar"}) is None


def test_a_few_pull_ups_are_trained_in_clusters_then_ladders() -> None:
    one = pullup_dose(1, equipment={"pull-up-bar"})
    four = pullup_dose(4, equipment={"pull-up-bar"})
    assert one is not None
    assert one.scheme == "cluster"
    assert four is not None
    assert four.scheme == "ladder"
    assert four.reps_high < 4


@pytest.mark.parametrize("maximum", range(6, MANY))
def test_straight_sets_stay_below_the_max_and_never_past_fifteen(maximum: int) -> None:
    dose = pullup_dose(maximum, equipment={"pull-up-bar"})
    assert dose is not None
    assert dose.scheme == "straight"
    assert dose.reps_high < maximum
    assert dose.reps_high <= ARTICLE_REPS


def test_many_pull_ups_get_the_articles_fifteen_slowly_or_with_added_weight() -> None:
    slow = pullup_dose(MANY, equipment={"pull-up-bar"})
    assert slow is not None
    assert (slow.reps_low, slow.reps_high) == (15, 15)
    assert slow.tempo.lower_s >= 4
    weighted = pullup_dose(MANY, equipment={"pull-up-bar"}, weighted_ok=True)
    assert weighted is not None
    assert weighted.variant_id == "weighted-pull-up"


# --- R2 unaccustomed work -----------------------------------------------------------------


def _selected(exercise: str, variant: str | None = None, **changes: object) -> object:
    picks, _ = select_exercises(profile(**changes), CATALOG)
    return next(s for s in picks if s.exercise.id == exercise)


def test_a_working_weight_means_the_exercise_is_already_trained() -> None:
    p = profile(equipment=("dumbbells",), baselines={"working_weights_kg": {"dumbbell-shrug": 16}})
    sel = _selected("barbell-shrug", equipment=("dumbbells",))
    assert is_accustomed(sel, p, None)[0]  # type: ignore[arg-type]


def test_without_a_baseline_an_exercise_is_new() -> None:
    p = profile(equipment=("dumbbells",))
    used, why = is_accustomed(_selected("barbell-shrug", equipment=("dumbbells",)), p, None)  # type: ignore[arg-type]
    assert not used
    assert "starts light" in why


def _log(day: date, exercise: str, variant: str | None = None) -> SetEntry:
    return SetEntry(
        id=f"{exercise}{day}",
        session_id=str(day),
        exercise_id=exercise,
        variant_id=variant,
        position=0,
        reps=10,
        logged_at=datetime.combine(day, time(18), tzinfo=UTC),
    )


def test_the_log_decides_over_baselines_and_a_break_makes_work_new_again() -> None:
    p = profile(equipment=("dumbbells",), baselines={"working_weights_kg": {"dumbbell-shrug": 16}})
    sel = _selected("barbell-shrug", equipment=("dumbbells",))
    start = p.start_date
    recent = history_days(
        [_log(start - timedelta(days=d), "barbell-shrug", "dumbbell-shrug") for d in (3, 6)]
    )
    assert is_accustomed(sel, p, recent)[0]  # type: ignore[arg-type]
    stale = history_days(
        [_log(start - timedelta(days=d), "barbell-shrug", "dumbbell-shrug") for d in (20, 24)]
    )
    used, why = is_accustomed(sel, p, stale)  # type: ignore[arg-type]
    assert not used
    assert "break" in why
    other = history_days([_log(start - timedelta(days=2), "pull-up")])
    assert not is_accustomed(sel, p, other)[0]  # type: ignore[arg-type]


def test_coming_back_from_a_strain_everything_starts_light() -> None:
    p = profile(goal="return-from-strain", baselines={"working_weights_kg": {"dumbbell-shrug": 16}})
    sel = _selected("barbell-shrug")
    assert not is_accustomed(sel, p, None)[0]  # type: ignore[arg-type]


def test_new_work_starts_at_sixty_percent_and_rpe_six_and_reaches_full_in_week_four() -> None:
    assert ramp_target(False, 8.0, 0, 0) == Stage(0.6, 6.0, 0.8)
    assert [ramp_target(False, 8.0, k, k).fraction for k in range(5)] == [*RAMP_VOLUME, 1.0]
    assert ramp_target(False, 8.0, 3, 3).load_factor == 1.0
    assert ramp_target(False, 7.0, 9, 1).rpe == 7.0


def test_known_work_waves_its_effort_within_each_block() -> None:
    assert [ramp_target(True, 8.0, k, k).rpe for k in range(4)] == [7.0, 7.5, 8.0, 8.0]
    assert ramp_target(True, 8.0, 5, 0).rpe == 7.0


def test_stages_between_two_points_never_land_above_the_line() -> None:
    start, end = Stage(0.6, 6.0, 0.8), Stage(0.75, 6.5, 0.85)
    mid = between(start, end, 0.5)
    assert mid.fraction <= 0.675
    assert mid.rpe == 6.0
    end_stage = between(start, end, 1.0)
    assert (end_stage.fraction, end_stage.rpe) == (0.75, 6.5)


# --- R3 recovery spacing -------------------------------------------------------------------


def test_main_work_is_a_share_of_a_sixth_or_more() -> None:
    assert main_muscles({"a": 0.5, "b": MAIN_SHARE, "c": 0.14}) == ("a", "b")


def test_exercises_sharing_a_main_muscle_are_grouped() -> None:
    assert muscle_groups([("lats",), ("traps",), ("lats", "rhomboids"), ("rhomboids",)]) == [
        [0, 2, 3],
        [1],
    ]


def test_runs_of_back_to_back_days_cross_the_weekend() -> None:
    assert day_runs([5, 6, 0, 2]) == [[2], [5, 6, 0]]


def test_back_to_back_days_alternate_muscle_groups() -> None:
    plan, reasons = schedule_groups([0, 1, 3, 4], [30.0, 15.0], days_given=True)
    assert plan == {0: [0], 1: [1], 3: [0], 4: [1]}
    assert reasons
    assert "48 hours" in reasons[0]


def test_spread_out_days_train_everything() -> None:
    plan, reasons = schedule_groups([0, 2, 4], [30.0, 15.0], days_given=False)
    assert plan == {0: [0, 1], 2: [0, 1], 4: [0, 1]}
    assert not reasons


def test_one_muscle_group_on_back_to_back_days_skips_every_other_day() -> None:
    plan, reasons = schedule_groups([0, 1, 2], [20.0], days_given=True)
    assert plan == {0: [0], 2: [0]}
    assert "Tuesday" in reasons[0]


def test_one_muscle_group_and_six_days_becomes_three_spread_days() -> None:
    plan, reasons = schedule_groups(list(range(6)), [20.0], days_given=False)
    assert list(plan) == [0, 2, 4]
    assert "not 6" in reasons[0]


# --- R4 growth cap, R5 deloads ----------------------------------------------------------------


def test_every_fourth_week_is_a_deload_by_default() -> None:
    assert [w for w in range(1, 13) if is_deload_week(w, 4)] == [4, 8, 12]


def test_load_may_grow_ten_percent_on_the_reference_week() -> None:
    assert load_cap(100.0) == pytest.approx(110.0)


def test_after_a_deload_growth_is_measured_from_the_last_full_week() -> None:
    refs = reference_loads([100, 110, 120, 60, 130], [False, False, False, True, False])
    assert refs == [None, 100, 110, 120, 120]


# --- R6 hard sets ----------------------------------------------------------------------------


def test_coming_back_from_a_strain_uses_the_novice_range() -> None:
    assert hard_set_range(profile(experience="advanced", goal="return-from-strain")) == (4, 12)
    assert hard_set_range(profile(experience="advanced")) == (10, 20)


def _target(exercise: str, **changes: object) -> Prescription:
    p = profile(equipment=(*FULL_GYM, "pool"), baselines={"max_pullups": 8})
    picks, _ = select_exercises(p, CATALOG)
    sel = next(s for s in picks if s.exercise.id == exercise)
    return replace(target_prescription(sel, p, CATALOG), **changes)


def test_a_set_counts_once_for_each_main_muscle_and_swims_do_not_count() -> None:
    row, swim = _target("bent-over-row"), _target("swimming")
    assert weekly_hard_sets([row, swim]) == {
        "latissimus-dorsi": 3,
        "rhomboids": 3,
        "trapezius-middle": 3,
    }


def test_capping_hard_sets_takes_sets_off_the_exercise_that_can_spare_them() -> None:
    row, pull = _target("bent-over-row"), _target("pull-up")
    capped, reasons = cap_hard_sets({0: [row, pull], 2: [row, pull]}, 4, 10)
    assert weekly_hard_sets(p for ps in capped.values() for p in ps)["latissimus-dorsi"] <= 10
    assert reasons


def test_filling_hard_sets_adds_sets_only_where_time_and_the_ceiling_allow() -> None:
    row = _target("bent-over-row")
    filled, reasons = fill_hard_sets({0: [row]}, 8, 16, 4, 60, {})
    assert filled[0][0].sets == 4
    assert reasons
    tight, _ = fill_hard_sets({0: [row]}, 8, 16, 4, session_minutes([row]), {})
    assert tight[0][0].sets == 3


# --- R8 session length -----------------------------------------------------------------------


def test_trimming_shortens_the_swim_then_cuts_accessories_before_main_work() -> None:
    items = [_target("bent-over-row"), _target("barbell-shrug"), _target("swimming")]
    kept, reasons = trim_to_fit(items, 28)
    assert session_minutes(kept) <= 28
    by_id = {p.exercise_id: p for p in kept}
    assert by_id["swimming"].duration_min == 10
    assert (by_id["barbell-shrug"].sets, by_id["bent-over-row"].sets) == (2, 3)
    assert any("Swim shortened" in r for r in reasons)
    assert any("Accessory work trimmed from 3 to 2" in r for r in by_id["barbell-shrug"].reasons)


def test_trimming_drops_the_least_essential_work_when_sets_cannot_be_cut_further() -> None:
    items = [_target("pull-up"), _target("overhead-dumbbell-raise"), _target("swimming")]
    kept, reasons = trim_to_fit(items, 8)
    assert [p.exercise_id for p in kept] == ["pull-up"]
    assert any("does not fit" in r for r in reasons)


# --- Doses and loads ----------------------------------------------------------------------------


@pytest.mark.parametrize("fraction", [0.1, 0.36, 0.6, 0.75, 0.9, 0.99])
def test_a_dose_never_exceeds_its_share_nor_the_targets_sets_or_top(fraction: float) -> None:
    dose = dose_for_fraction("straight", 3, 8, 12, None, fraction)
    assert dose.sets <= 3
    assert dose.reps_high is not None
    assert dose.reps_high <= 12
    assert dose.reps_low is not None
    assert dose.sets * (dose.reps_low + dose.reps_high) / 2 <= fraction * 30 + 1e-9


def test_sixty_percent_of_three_sets_of_eight_to_twelve_is_two_sets_of_eight_to_ten() -> None:
    dose = dose_for_fraction("straight", 3, 8, 12, None, 0.6)
    assert (dose.sets, dose.reps_low, dose.reps_high) == (2, 8, 10)


def test_a_swim_is_shortened_but_never_below_five_minutes() -> None:
    assert dose_for_fraction("continuous", 1, None, None, 20.0, 0.6).duration_min == 12
    assert dose_for_fraction("continuous", 1, None, None, 6.0, 0.3).duration_min == 5


def test_loads_round_down_to_what_the_equipment_can_make() -> None:
    assert round_down_to_step(61.9, 2.5) == 60.0
    assert step_down(60.0, 2.5, 0.9) == 52.5
    assert step_down(10.0, 2.5, 0.99) == 7.5
    assert step_up(61.0, 2.5) == 62.5


def test_a_working_weight_for_ten_reps_moves_to_other_rep_targets_by_epley() -> None:
    assert epley_load(60.0, 10, 8.0) == pytest.approx(60.0)
    assert epley_load(60.0, 6.5, 8.0) > 60.0 > epley_load(60.0, 12.5, 8.0)
