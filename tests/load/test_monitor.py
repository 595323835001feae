"""The strain monitor end to end: ratios per muscle, zones and plain-language warnings."""

from __future__ import annotations

from datetime import timedelta, timezone

import pytest

from backcoach.catalog import Catalog
from backcoach.load.acwr import RATIO_TARGET, ZoneName, latest_acwr
from backcoach.load.monitor import (
    Severity,
    StrainStatus,
    WarningKind,
    hard_set_headroom,
    muscles_in_zone,
    strain_status,
)
from tests.load.conftest import DAY_ONE, Log, train


def status_on(catalog: Catalog, log: Log, day: int) -> StrainStatus:
    return strain_status(*log, catalog, DAY_ONE + timedelta(days=day))


def steady_rows(weeks: int) -> Log:
    """Rows twice a week, three hard sets each, for ``weeks`` weeks."""
    days = [7 * w + d for w in range(weeks) for d in (0, 3)]
    return train(([], []), days, "bent-over-row", 3, kg=50.0)


def test_a_sharp_ramp_in_rhomboid_work_warns_by_name_with_the_ratio(catalog: Catalog) -> None:
    log = steady_rows(8)
    train(log, range(56, 63), "bent-over-row", 6, kg=50.0)  # then six sets every day
    status = status_on(catalog, log, 62)

    rhomboids = status.muscles["rhomboids"]
    assert rhomboids.zone is not None
    assert rhomboids.zone.name is ZoneName.HIGH
    ratio = rhomboids.ratio.ratio
    assert ratio is not None
    assert ratio > 1.5

    (warning,) = [w for w in status.warnings if w.muscle == "rhomboids"]
    assert warning.kind is WarningKind.MUSCLE_RATIO
    assert warning.severity is Severity.HIGH
    assert warning.zone is ZoneName.HIGH
    assert warning.ratio == ratio
    assert warning.message == (
        f"Your rhomboids are doing {round(ratio, 2):g} times what they are used to this week "
        "— keep today light for them."
    )


def test_a_singular_muscle_name_reads_as_one_muscle(catalog: Catalog) -> None:
    log = steady_rows(8)
    train(log, range(56, 63), "bent-over-row", 6, kg=50.0)
    status = status_on(catalog, log, 62)
    (lats,) = [w for w in status.warnings if w.muscle == "latissimus-dorsi"]
    assert lats.message.startswith("Your latissimus dorsi is doing ")
    assert "what it is used to this week — keep today light for it." in lats.message


def test_steady_training_raises_no_ratio_warning(catalog: Catalog) -> None:
    status = status_on(catalog, steady_rows(10), 66)
    assert status.overall.ratio is not None
    assert not [w for w in status.warnings if w.kind is WarningKind.MUSCLE_RATIO]
    assert status.muscles["rhomboids"].zone is not None


def test_warnings_come_most_severe_first(catalog: Catalog) -> None:
    log = steady_rows(8)
    train(log, range(56, 62), "bent-over-row", 6, kg=50.0)
    train(log, [62], "barbell-shrug", 3, kg=60.0)  # new work as well: a caution
    status = status_on(catalog, log, 62)
    severities = [w.severity for w in status.warnings]
    assert severities == sorted(severities, reverse=True)
    assert Severity.HIGH in severities
    assert WarningKind.FIRST_EXPOSURE in {w.kind for w in status.warnings}
    highs = [
        w.ratio or 0.0
        for w in status.warnings
        if w.kind is WarningKind.MUSCLE_RATIO and w.severity is Severity.HIGH
    ]
    assert highs == sorted(highs, reverse=True)


def test_rows_back_after_a_month_say_start_light(catalog: Catalog) -> None:
    log = steady_rows(4)
    train(log, range(28, 70, 3), "pull-up", 3)  # pull-ups carry on; rows stop
    train(log, [70], "bent-over-row", 3, kg=50.0)
    status = status_on(catalog, log, 70)
    (first,) = [w for w in status.warnings if w.kind is WarningKind.FIRST_EXPOSURE]
    assert first.message == "First barbell bent-over row in a while: start light."
    assert (first.exercise_id, first.variant_id, first.day) == (
        "bent-over-row",
        None,
        DAY_ONE + timedelta(days=70),
    )


def test_a_new_person_gets_first_exposures_and_no_ratios(catalog: Catalog) -> None:
    log = train(([], []), [0], "pull-up", 3, variant="chin-up")
    status = status_on(catalog, log, 0)
    assert [w.message for w in status.warnings] == ["First chin-up: start light."]
    assert status.overall.ratio is None
    assert all(m.zone is None for m in status.muscles.values())


def test_an_ongoing_break_says_to_start_light(catalog: Catalog) -> None:
    status = status_on(catalog, steady_rows(6), 38 + 21)
    (pause,) = [w for w in status.warnings if w.kind is WarningKind.ON_BREAK]
    assert pause.message.startswith("20 days since your last session: start light")


def test_a_return_after_a_break_warns_once_for_the_day(catalog: Catalog) -> None:
    log = steady_rows(6)  # last rows on day 38
    train(log, [60], "bent-over-row", 3, kg=50.0)
    status = status_on(catalog, log, 62)
    kinds = [w.kind for w in status.warnings]
    assert WarningKind.RETURN_AFTER_BREAK in kinds
    # rows after the same gap are the return, not a separate "first rows in a while"
    assert WarningKind.FIRST_EXPOSURE not in kinds
    (back,) = [w for w in status.warnings if w.kind is WarningKind.RETURN_AFTER_BREAK]
    assert back.message.startswith("Back after 21 days off")
    assert back.day == DAY_ONE + timedelta(days=60)


def test_a_week_of_identical_days_warns_of_monotony(catalog: Catalog) -> None:
    log = train(([], []), range(35), "barbell-shrug", 3, kg=60.0)
    status = status_on(catalog, log, 34)
    assert status.week.uniform
    assert WarningKind.MONOTONY in {w.kind for w in status.warnings}


def test_muscles_in_zone_lists_the_ramped_muscles_highest_first(catalog: Catalog) -> None:
    log = steady_rows(8)
    train(log, range(56, 63), "bent-over-row", 6, kg=50.0)
    status = status_on(catalog, log, 62)
    high = muscles_in_zone(status, ZoneName.HIGH)
    assert "rhomboids" in {m.muscle for m in high}
    assert "levator-scapulae" not in {m.muscle for m in high}  # rows do not work it
    ratios = [m.ratio.ratio or 0.0 for m in high]
    assert ratios == sorted(ratios, reverse=True)


def test_per_muscle_ratios_equal_running_the_average_down_each_muscle(
    catalog: Catalog,
) -> None:
    log = steady_rows(6)
    train(log, range(40, 50, 2), "pull-up", 4)
    train(log, [49], "barbell-shrug", 3, kg=60.0)
    status = status_on(catalog, log, 49)
    for muscle, strain in status.muscles.items():
        dense = latest_acwr(status.series.hard_sets[muscle])
        assert strain.ratio.acute == pytest.approx(dense.acute)
        assert strain.ratio.chronic == pytest.approx(dense.chronic)
        assert strain.ratio.ratio == pytest.approx(dense.ratio)
        assert strain.week_hard_sets == pytest.approx(sum(status.series.hard_sets[muscle][-7:]))


def test_headroom_is_the_hard_sets_that_bring_a_muscle_to_the_top_of_the_sweet_spot(
    catalog: Catalog,
) -> None:
    log = steady_rows(8)
    train(log, [56], "bent-over-row", 2, kg=50.0)
    status = status_on(catalog, log, 56)
    room = hard_set_headroom(status)
    x = room["rhomboids"]
    assert x is not None
    assert x > 0
    column = status.series.hard_sets["rhomboids"]
    after = latest_acwr([*column[:-1], column[-1] + x]).ratio
    assert after == pytest.approx(RATIO_TARGET)
    assert room["levator-scapulae"] is None  # never worked: no ratio to guard


def test_an_empty_log_has_nothing_to_say(catalog: Catalog) -> None:
    status = strain_status([], [], catalog, DAY_ONE)
    assert status.warnings == ()
    assert status.overall.ratio is None
    assert status.week.load == 0.0
    assert len(status.series) == 0


def test_the_time_zone_decides_the_day(catalog: Catalog) -> None:
    log = train(([], []), [0], "barbell-shrug", 3, kg=60.0)  # 18:00 UTC
    far_east = timezone(timedelta(hours=9))  # 03:00 the next day
    status = strain_status(*log, catalog, DAY_ONE, tz=far_east)
    assert len(status.series) == 0  # nothing yet by the end of DAY_ONE there


def test_a_muscle_new_this_week_gets_the_first_exposure_warning_not_a_ratio(
    catalog: Catalog,
) -> None:
    log = steady_rows(8)
    train(log, [58], "barbell-shrug", 3, kg=60.0)  # the levator scapulae's first work ever
    status = status_on(catalog, log, 60)
    levator = status.muscles["levator-scapulae"]
    assert levator.zone is not None
    assert levator.zone.name is ZoneName.HIGH  # still high, for a planner to trim
    assert not [w for w in status.warnings if w.muscle == "levator-scapulae"]
    assert "First barbell shrug: start light." in [w.message for w in status.warnings]


def test_the_order_of_the_sets_does_not_change_the_status(catalog: Catalog) -> None:
    log = steady_rows(8)
    train(log, range(56, 63), "bent-over-row", 6, kg=50.0)
    train(log, range(50, 63, 2), "pull-up", 3)
    sessions, entries = log
    ordered = status_on(catalog, log, 62)
    shuffled = status_on(catalog, (sessions[::-1], entries[::-1]), 62)
    for muscle, strain in ordered.muscles.items():
        other = shuffled.muscles[muscle]
        assert other.ratio.ratio == pytest.approx(strain.ratio.ratio)
        assert other.week_hard_sets == pytest.approx(strain.week_hard_sets)
        assert other.today_hard_sets == pytest.approx(strain.today_hard_sets)
    assert [w.message for w in shuffled.warnings] == [w.message for w in ordered.warnings]
