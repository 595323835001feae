"""The profile: impossible ones get a clear message; sensible ones are read generously."""

from __future__ import annotations

from datetime import date

import pytest

from backcoach.planning import InvalidProfile, NothingToPlan, Profile, parse_profile, plan_program

from .conftest import CATALOG

START = {"start_date": "2025-01-06"}


def problems(data: dict[str, object]) -> list[str]:
    with pytest.raises(InvalidProfile) as caught:
        parse_profile(data)
    assert caught.value.hint, "every error says what to do"
    return caught.value.problems


def test_zero_training_days_is_refused_with_the_least_that_works() -> None:
    [problem] = problems({**START, "days_per_week": 0})
    assert problem.startswith("days_per_week:")
    assert "at least 2" in problem


def test_seven_training_days_is_refused_for_want_of_a_rest_day() -> None:
    [problem] = problems({**START, "days_per_week": 7})
    assert "rest day" in problem


def test_a_two_minute_session_is_refused_with_the_shortest_that_works() -> None:
    [problem] = problems({**START, "minutes_per_session": 2})
    assert "2-minute" in problem
    assert "at least 10 minutes" in problem


def test_an_unknown_equipment_name_gets_a_did_you_mean() -> None:
    [problem] = problems({**START, "equipment": ["dumbells"]})
    assert "Did you mean 'dumbbells'" in problem


def test_equipment_may_be_named_as_people_say_it() -> None:
    profile = parse_profile({**START, "equipment": ["Pull-up bar", "dumbbells", "Swimming pool"]})
    assert profile.equipment == ("dumbbells", "pool", "pull-up-bar")


def test_none_together_with_a_limitation_is_a_contradiction() -> None:
    [problem] = problems({**START, "limitations": ["none", "low back"]})
    assert "contradicts" in problem


def test_limitations_accept_everyday_names_and_none() -> None:
    profile = parse_profile({**START, "limitations": ["Low back", "shoulder"]})
    assert profile.limitations == ("low-back", "painful-shoulder")
    assert parse_profile({**START, "limitations": ["none"]}).limitations == ()


def test_named_weekdays_must_match_the_days_per_week() -> None:
    [problem] = problems({**START, "days_per_week": 3, "weekdays": ["mon", "thu"]})
    assert "3 days a week" in problem
    assert "2 weekdays" in problem


def test_a_weekday_named_twice_is_refused() -> None:
    [problem] = problems({**START, "days_per_week": 2, "weekdays": ["monday", "mon"]})
    assert "twice" in problem


def test_weekdays_are_read_in_any_spelling_and_sorted() -> None:
    profile = parse_profile({**START, "days_per_week": 2, "weekdays": ["Thu", "monday"]})
    assert profile.weekdays == ("monday", "thursday")


def test_a_working_weight_for_a_bodyweight_exercise_is_refused_with_what_to_give() -> None:
    [problem] = problems({**START, "baselines": {"working_weights_kg": {"pull-up": 10}}})
    assert "max_pullups" in problem


def test_an_absurd_working_weight_is_refused() -> None:
    [problem] = problems({**START, "baselines": {"working_weights_kg": {"barbell row": 900}}})
    assert "900" in problem


def test_working_weights_are_keyed_by_the_catalogs_ids() -> None:
    profile = parse_profile({**START, "baselines": {"working_weights_kg": {"barbell row": 60}}})
    assert profile.baselines.working_weights_kg == {"bent-over-row": 60.0}


def test_an_unknown_exercise_in_the_baselines_gets_a_did_you_mean() -> None:
    [problem] = problems({**START, "baselines": {"working_weights_kg": {"shrugz": 60}}})
    assert "Did you mean" in problem


def test_every_problem_is_reported_at_once() -> None:
    found = problems({"days_per_week": 0, "minutes_per_session": 2, "colour": "red"})
    fields = {p.split(":")[0] for p in found}
    assert fields == {"start_date", "days_per_week", "minutes_per_session", "colour"}


def test_a_nonsense_load_step_is_refused() -> None:
    [problem] = problems({**START, "barbell_increment_kg": 0})
    assert "barbell increment" in problem


def test_the_profile_survives_a_json_round_trip() -> None:
    profile = parse_profile(
        {
            **START,
            "equipment": ["dumbbells", "pull-up-bar"],
            "limitations": ["low-back"],
            "days_per_week": 2,
            "weekdays": ["tue", "fri"],
            "baselines": {"max_pullups": 3, "working_weights_kg": {"dumbbell-shrug": 16}},
        }
    )
    assert parse_profile(profile.model_dump_json()) == profile


def test_no_equipment_at_all_gives_a_clear_refusal_saying_what_to_get() -> None:
    profile = Profile(start_date=date(2025, 1, 6))
    with pytest.raises(NothingToPlan) as caught:
        plan_program(profile, CATALOG)
    assert "no equipment" in caught.value.message
    hint = caught.value.hint
    assert "dumbbells would allow the dumbbell shrug" in hint
    assert "swimming pool would allow swimming" in hint
    assert "pull-up bar" in hint


def test_body_weight_only_is_the_same_as_no_equipment() -> None:
    profile = Profile(start_date=date(2025, 1, 6), equipment=("bodyweight",))
    with pytest.raises(NothingToPlan):
        plan_program(profile, CATALOG)


def test_a_bar_without_a_first_pull_up_says_a_band_or_box_would_help() -> None:
    profile = Profile(
        start_date=date(2025, 1, 6),
        equipment=("pull-up-bar",),
        baselines={"max_pullups": 0},  # type: ignore[arg-type]
    )
    with pytest.raises(NothingToPlan) as caught:
        plan_program(profile, CATALOG)
    assert "band or a box" in caught.value.hint


def test_a_pool_and_ten_minutes_is_too_short_for_a_swim_and_says_so() -> None:
    profile = Profile(start_date=date(2025, 1, 6), equipment=("pool",), minutes_per_session=10)
    with pytest.raises(NothingToPlan) as caught:
        plan_program(profile, CATALOG)
    assert "longer sessions would make room" in caught.value.hint


def test_the_shortest_session_still_gives_a_real_plan_when_something_fits() -> None:
    profile = Profile(start_date=date(2025, 1, 6), equipment=("dumbbells",), minutes_per_session=10)
    program = plan_program(profile, CATALOG)
    assert all(s.prescriptions and s.minutes <= 10 for s in program.sessions())
