"""First exposures and returns after a break, with their dates."""

from __future__ import annotations

from datetime import date, timedelta

from backcoach.catalog import Catalog
from backcoach.load.daily import LoadSeries, Movement, daily_loads
from backcoach.load.exposure import (
    Comeback,
    Exposure,
    ExposureKind,
    Subject,
    comebacks,
    first_exposures,
    is_unaccustomed,
    last_done,
    training_days,
    worked_muscles,
)
from tests.load.conftest import DAY_ONE, Log, train

ROW: Movement = ("bent-over-row", None)
SHRUG: Movement = ("barbell-shrug", None)
CHIN: Movement = ("pull-up", "chin-up")


def on(offset: int) -> date:
    return DAY_ONE + timedelta(days=offset)


def log_of(catalog: Catalog, plan: dict[int, list[Movement]]) -> LoadSeries:
    """A series with one session per day offset doing each listed movement."""
    log: Log = ([], [])
    for d, movements in plan.items():
        for exercise, variant in movements:
            train(log, [d], exercise, 2, variant=variant)
    return daily_loads(*log, catalog)


def movement_exposures(found: list[Exposure]) -> list[tuple[date, ExposureKind, str]]:
    return [(e.day, e.kind, e.variant_id or e.id) for e in found if e.subject is Subject.MOVEMENT]


def test_the_first_time_a_movement_is_done_is_a_first_exposure(catalog: Catalog) -> None:
    series = log_of(catalog, {0: [ROW], 2: [ROW], 4: [ROW, SHRUG]})
    found = first_exposures(series, catalog)
    assert movement_exposures(found) == [
        (on(0), ExposureKind.FIRST_TIME, "bent-over-row"),
        (on(4), ExposureKind.FIRST_TIME, "barbell-shrug"),
    ]
    assert all(e.previous is None for e in found)


def test_a_variant_is_a_movement_of_its_own(catalog: Catalog) -> None:
    series = log_of(catalog, {0: [("pull-up", None)], 3: [CHIN]})
    assert movement_exposures(first_exposures(series, catalog))[-1] == (
        on(3),
        ExposureKind.FIRST_TIME,
        "chin-up",
    )


def test_work_not_done_in_the_last_28_days_is_a_first_exposure_again(
    catalog: Catalog,
) -> None:
    # 28 days apart: done within the last 28 days, so not new
    series = log_of(catalog, {0: [ROW], 28: [ROW]})
    assert movement_exposures(first_exposures(series, catalog)) == [
        (on(0), ExposureKind.FIRST_TIME, "bent-over-row")
    ]
    # 29 days apart: 28 whole days without rows, so rows are new again
    found = first_exposures(log_of(catalog, {0: [ROW], 29: [ROW]}), catalog)
    again = [e for e in found if e.subject is Subject.MOVEMENT][-1]
    assert (again.day, again.kind, again.previous) == (on(29), ExposureKind.AFTER_GAP, on(0))


def test_a_muscle_is_exposed_when_a_movement_first_works_it(catalog: Catalog) -> None:
    # rows hold the upper trapezius as a stabiliser only; shrugs work it (and the levator)
    found = first_exposures(log_of(catalog, {0: [ROW], 5: [ROW, SHRUG]}), catalog)
    day_five = [e.id for e in found if e.subject is Subject.MUSCLE and e.day == on(5)]
    assert day_five == ["levator-scapulae", "trapezius-upper"]
    assert "trapezius-upper" not in worked_muscles(catalog, ROW)


def test_a_muscle_kept_busy_by_another_movement_is_not_new(catalog: Catalog) -> None:
    # chin-ups and rows share the rhomboids; rows back after a gap do not make them new
    series = log_of(catalog, {0: [ROW], 10: [CHIN], 20: [CHIN], 35: [ROW]})
    found = first_exposures(series, catalog)
    assert (on(35), ExposureKind.AFTER_GAP, "bent-over-row") in movement_exposures(found)
    rhomboids = [e for e in found if e.subject is Subject.MUSCLE and e.id == "rhomboids"]
    assert [e.day for e in rhomboids] == [on(0)]


def test_a_muscle_back_after_a_gap_names_its_last_day(catalog: Catalog) -> None:
    series = log_of(catalog, {0: [SHRUG], 3: [ROW], 40: [SHRUG]})
    found = first_exposures(series, catalog)
    (levator,) = [e for e in found if e.id == "levator-scapulae" and e.day == on(40)]
    assert (levator.kind, levator.previous) == (ExposureKind.AFTER_GAP, on(0))


def test_a_return_after_fourteen_days_off_is_detected_with_its_dates() -> None:
    days = [on(0), on(3), on(18), on(20), on(34)]
    # 3 -> 18: 14 whole days off (4..17) is a break; 20 -> 34: 13 days off is not
    assert comebacks(days) == [Comeback(on(18), on(3))]
    assert comebacks(days)[0].days_off == 14


def test_a_long_break_is_a_return_and_a_gap_for_the_movement(catalog: Catalog) -> None:
    series = log_of(catalog, {0: [ROW, SHRUG], 40: [ROW]})
    assert comebacks(training_days(series)) == [Comeback(on(40), on(0))]
    assert movement_exposures(first_exposures(series, catalog))[-1] == (
        on(40),
        ExposureKind.AFTER_GAP,
        "bent-over-row",
    )


def test_a_planner_can_ask_whether_work_would_be_unaccustomed_today(catalog: Catalog) -> None:
    last = last_done(log_of(catalog, {0: [ROW], 3: [CHIN], 10: [ROW, SHRUG]}))
    assert last == {ROW: on(10), SHRUG: on(10), CHIN: on(3)}
    assert not is_unaccustomed(last[ROW], on(38))
    assert is_unaccustomed(last[ROW], on(39))
    assert is_unaccustomed(last.get(("swimming", None)), on(1))
