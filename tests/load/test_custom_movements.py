"""Exercises of the person's own (outside the catalog) in the strain monitor.

A custom exercise counts in the whole-body session load always, and per muscle when the
person has said which muscles it works, in the shares they gave.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from backcoach.catalog import Catalog
from backcoach.load.daily import CUSTOM_REST_S, DEFAULT_RPE, CustomMovement, daily_loads
from backcoach.load.exposure import ExposureKind, Subject, first_exposures, last_done
from backcoach.load.monitor import StrainStatus, WarningKind, strain_status
from backcoach.training.entries import SetKind, Side
from tests.load.conftest import DAY_ONE, Log, session, sets, train

FACE_PULL = "imp-x-face-pull"
BAND_PULL_APART = "imp-x-band-pull-apart"
AQUA_JOG = "imp-x-aqua-jog"
CUSTOM = {
    FACE_PULL: CustomMovement(
        "Face Pull", {"rear-deltoid": 0.5, "trapezius-middle": 0.3, "rhomboids": 0.2}
    ),
    BAND_PULL_APART: CustomMovement("Band Pull-Apart"),
    AQUA_JOG: CustomMovement("Aqua Jog", swim=True),
}


def test_a_custom_exercises_hard_sets_are_credited_by_its_shares(catalog: Catalog) -> None:
    w = session(DAY_ONE, minutes=40)
    done = sets(w, FACE_PULL, 3, reps=12, kg=20.0, rpe=8.0)
    day = daily_loads([w], done, catalog, custom=CUSTOM).day(DAY_ONE)
    assert day.hard_sets["rear-deltoid"] == pytest.approx(1.5)
    assert day.hard_sets["trapezius-middle"] == pytest.approx(0.9)
    assert day.hard_sets["rhomboids"] == pytest.approx(0.6)
    assert sum(day.hard_sets.values()) == pytest.approx(3.0)
    # 3 sets x 12 reps x 20 kg = 720 kg, shared out the same way
    assert day.volume_kg["rear-deltoid"] == pytest.approx(360.0)
    assert day.volume_kg["rhomboids"] == pytest.approx(144.0)
    assert day.session_load == pytest.approx(8.0 * 40)


def test_custom_and_catalog_sets_of_one_day_add_up_per_muscle(catalog: Catalog) -> None:
    w = session(DAY_ONE)
    done = sets(w, "bent-over-row", 2, kg=50.0, rpe=8.0) + sets(w, FACE_PULL, 2, rpe=8.0)
    day = daily_loads([w], done, catalog, custom=CUSTOM).day(DAY_ONE)
    # rows give the rhomboids 0.15 a set, face pulls 0.2
    assert day.hard_sets["rhomboids"] == pytest.approx(2 * 0.15 + 2 * 0.2)


def test_one_sided_and_warm_up_sets_of_a_custom_exercise_follow_the_catalog_rules(
    catalog: Catalog,
) -> None:
    w = session(DAY_ONE)
    done = (
        sets(w, FACE_PULL, 1, rpe=8.0, kind=SetKind.WARMUP)
        + sets(w, FACE_PULL, 1, rpe=8.0, side=Side.LEFT)
        + sets(w, FACE_PULL, 1, rpe=5.0)
    )
    day = daily_loads([w], done, catalog, custom=CUSTOM).day(DAY_ONE)
    assert day.hard_sets["rear-deltoid"] == pytest.approx(0.5 * 0.5)


def test_a_custom_exercise_without_muscles_counts_only_in_the_session_load(
    catalog: Catalog,
) -> None:
    w = session(DAY_ONE, minutes=30)
    done = sets(w, BAND_PULL_APART, 4, reps=20, rpe=7.0)
    series = daily_loads([w], done, catalog, custom=CUSTOM)
    day = series.day(DAY_ONE)
    assert day.session_load == pytest.approx(7.0 * 30)
    assert sum(day.hard_sets.values()) == 0.0
    assert sum(day.volume_kg.values()) == 0.0


def test_a_session_of_custom_sets_without_an_end_is_timed_with_the_custom_rest(
    catalog: Catalog,
) -> None:
    w = session(DAY_ONE, minutes=None)
    done = sets(w, BAND_PULL_APART, 3, reps=15, rpe=7.0)
    (load,) = daily_loads([w], done, catalog, custom=CUSTOM).sessions
    # three sets of 15 reps at 4 s a rep, and the rest after the first two
    assert load.minutes == pytest.approx(3 * 15 * 4 / 60 + 2 * CUSTOM_REST_S / 60)
    assert load.minutes_estimated


def test_a_custom_swim_is_timed_by_distance_and_carries_swimming_load(catalog: Catalog) -> None:
    w = session(DAY_ONE, minutes=None)
    done = sets(w, AQUA_JOG, 1, reps=None, distance_m=800.0)
    day = daily_loads([w], done, catalog, custom=CUSTOM).day(DAY_ONE)
    # 800 m at 40 m a minute, at the default effort
    assert day.session_load == pytest.approx(DEFAULT_RPE * 20)
    assert day.swim_load == pytest.approx(DEFAULT_RPE * 20)


def test_custom_sets_without_their_exercise_given_are_unknown(catalog: Catalog) -> None:
    from backcoach.errors import UnknownName

    w = session(DAY_ONE)
    with pytest.raises(UnknownName):
        daily_loads([w], sets(w, FACE_PULL, 1), catalog)


def test_a_custom_exercise_may_not_take_a_catalog_exercises_id(catalog: Catalog) -> None:
    w = session(DAY_ONE)
    with pytest.raises(ValueError, match="bent-over-row"):
        daily_loads(
            [w], sets(w, "bent-over-row", 1), catalog, custom={"bent-over-row": CUSTOM[FACE_PULL]}
        )


def test_muscles_not_in_the_catalog_are_left_out(catalog: Catalog) -> None:
    odd = {FACE_PULL: CustomMovement("Face Pull", {"rhomboids": 0.5, "biceps": 0.5})}
    w = session(DAY_ONE)
    series = daily_loads([w], sets(w, FACE_PULL, 2, rpe=8.0), catalog, custom=odd)
    assert series.day(DAY_ONE).hard_sets["rhomboids"] == pytest.approx(1.0)
    assert "biceps" not in series.hard_sets


def face_pulls(log: Log, days: range | list[int], count: int = 3) -> Log:
    return train(log, days, FACE_PULL, count, kg=15.0)


def test_a_new_custom_exercise_is_a_first_exposure_of_it_and_of_its_new_muscles(
    catalog: Catalog,
) -> None:
    log = train(([], []), [0, 3], "barbell-shrug", 3, kg=60.0)
    face_pulls(log, [5])
    series = daily_loads(*log, catalog, custom=CUSTOM)
    found = first_exposures(series, catalog)
    day_five = [(e.subject, e.id) for e in found if e.day == DAY_ONE + timedelta(days=5)]
    # shrugs already work the rhomboids and the middle trapezius; the rear deltoid is new
    assert day_five == [(Subject.MOVEMENT, FACE_PULL), (Subject.MUSCLE, "rear-deltoid")]
    assert last_done(series)[(FACE_PULL, None)] == DAY_ONE + timedelta(days=5)


def test_a_custom_exercise_without_muscles_is_a_movement_exposure_only(catalog: Catalog) -> None:
    log = train(([], []), [0], BAND_PULL_APART, 3)
    found = first_exposures(daily_loads(*log, catalog, custom=CUSTOM), catalog)
    assert [(e.subject, e.id, e.kind) for e in found] == [
        (Subject.MOVEMENT, BAND_PULL_APART, ExposureKind.FIRST_TIME)
    ]


def status_on(
    catalog: Catalog, log: Log, day: int, custom: dict[str, CustomMovement] = CUSTOM
) -> StrainStatus:
    return strain_status(*log, catalog, DAY_ONE + timedelta(days=day), custom=custom)


def test_a_new_custom_exercise_warns_by_its_own_name(catalog: Catalog) -> None:
    log = train(([], []), range(0, 42, 3), "bent-over-row", 3, kg=50.0)
    face_pulls(log, [42])
    status = status_on(catalog, log, 42)
    (first,) = [w for w in status.warnings if w.kind is WarningKind.FIRST_EXPOSURE]
    assert first.message == "First Face Pull: start light."
    assert (first.exercise_id, first.variant_id) == (FACE_PULL, None)


def test_custom_work_raises_a_muscles_ratio_like_catalog_work(catalog: Catalog) -> None:
    steady = train(([], []), range(0, 56, 2), "bent-over-row", 3, kg=50.0)
    face_pulls(steady, [1, 20, 40])  # done before, so not a first exposure this week
    without = status_on(catalog, steady, 58)
    ramped = train((list(steady[0]), list(steady[1])), range(56, 59), FACE_PULL, 8, kg=15.0)
    with_them = status_on(catalog, ramped, 58)
    before = without.muscles["rhomboids"].ratio.ratio
    after = with_them.muscles["rhomboids"].ratio.ratio
    assert before is not None
    assert after is not None
    assert after > before
    assert with_them.muscles["rhomboids"].week_hard_sets == pytest.approx(
        without.muscles["rhomboids"].week_hard_sets + 3 * 8 * 0.2
    )


def test_the_status_says_once_which_custom_exercises_have_no_muscles(catalog: Catalog) -> None:
    log = train(([], []), [0, 2], BAND_PULL_APART, 3)
    train(log, [1], "imp-x-cable-y-raise", 3)
    custom = {**CUSTOM, "imp-x-cable-y-raise": CustomMovement("Cable Y Raise")}
    status = status_on(catalog, log, 3, custom)
    assert status.unmeasured == ("Band Pull-Apart", "Cable Y Raise")
    assert status.notes == (
        "2 exercises of your own have no muscles set (Band Pull-Apart, Cable Y Raise): "
        "they count in your training load but not for any muscle.",
    )
    assert all("muscles set" not in w.message for w in status.warnings)
    assert status.series.day(DAY_ONE).session_load > 0


def test_one_custom_exercise_without_muscles_reads_in_the_singular(catalog: Catalog) -> None:
    status = status_on(catalog, train(([], []), [0], BAND_PULL_APART, 3), 0)
    assert status.notes == (
        "1 exercise of your own has no muscles set (Band Pull-Apart): "
        "it counts in your training load but not for any muscle.",
    )


def test_only_custom_exercises_of_the_last_four_weeks_are_named(catalog: Catalog) -> None:
    log = train(([], []), [0], BAND_PULL_APART, 3)
    train(log, range(10, 40, 3), "bent-over-row", 3, kg=50.0)
    assert status_on(catalog, log, 27).unmeasured == ("Band Pull-Apart",)
    assert status_on(catalog, log, 28).unmeasured == ()
    assert status_on(catalog, log, 28).notes == ()


def test_a_custom_exercise_with_muscles_needs_no_note(catalog: Catalog) -> None:
    status = status_on(catalog, face_pulls(([], []), [0]), 0)
    assert status.unmeasured == ()
    assert status.notes == ()


def test_without_custom_exercises_the_status_is_unchanged(catalog: Catalog) -> None:
    log = train(([], []), range(0, 40, 2), "bent-over-row", 3, kg=50.0)
    plain = strain_status(*log, catalog, DAY_ONE + timedelta(days=40))
    with_map = status_on(catalog, log, 40)
    assert plain.muscles == with_map.muscles
    assert plain.warnings == with_map.warnings
    assert plain.overall == with_map.overall
