"""Progress series: 1RM estimates, pull-up reps, weekly hard sets, ACWR and pain, per day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from backcoach.catalog import Catalog
from backcoach.training.entries import PainEntry, SetKind
from backcoach.training.progress import ALL_MUSCLES, Point, epley, progress_document, progress_of
from tests.load.conftest import session, sets

TODAY = date(2026, 3, 1)  # a Sunday


def test_epley_estimates_from_reps_and_load() -> None:
    assert epley(100.0, 1) == 100.0
    assert epley(60.0, 10) == pytest.approx(80.0)
    assert epley(90.0, 3) == pytest.approx(99.0)
    with pytest.raises(ValueError, match="at least one"):
        epley(50.0, 0)


def test_the_best_working_set_of_each_day_gives_the_estimate(catalog: Catalog) -> None:
    day1, day2 = TODAY - timedelta(days=7), TODAY
    a, b = session(day1), session(day2)
    log = [
        *sets(a, "bent-over-row", 1, reps=10, kg=60.0),  # 80
        *sets(a, "bent-over-row", 1, reps=5, kg=72.0),  # 84
        *sets(a, "bent-over-row", 1, reps=3, kg=95.0, kind=SetKind.WARMUP),  # not counted
        *sets(b, "bent-over-row", 1, reps=15, kg=70.0),  # too many reps to estimate
        *sets(b, "bent-over-row", 1, reps=8, kg=66.0),  # 83.6
    ]
    p = progress_of([a, b], log, [], catalog, TODAY)
    assert p.e1rm["bent-over-row"].points == [Point(day1, 84.0), Point(day2, 83.6)]
    assert "pull-up" not in p.e1rm  # bodyweight: charted as repetitions instead
    assert "swimming" not in p.e1rm


def test_pull_up_repetitions_are_the_best_working_set_per_day(catalog: Catalog) -> None:
    a = session(TODAY - timedelta(days=2))
    log = [
        *sets(a, "pull-up", 1, reps=6),
        *sets(a, "pull-up", 1, reps=4),
        *sets(a, "pull-up", 1, reps=9, kind=SetKind.WARMUP),
        *sets(a, "pull-up", 1, reps=7, variant="chin-up"),
    ]
    p = progress_of([a], log, [], catalog, TODAY)
    assert p.pullup_reps.points == [Point(a.started_at.date(), 7.0)]


def test_weekly_hard_sets_are_shared_out_by_the_catalog(catalog: Catalog) -> None:
    monday = TODAY - timedelta(days=6)
    a, b = session(monday), session(monday + timedelta(days=2))
    log = [
        *sets(a, "bent-over-row", 3, kg=50.0, rpe=8),
        *sets(b, "bent-over-row", 2, kg=50.0, rpe=8),
    ]
    p = progress_of([a, b], log, [], catalog, TODAY)
    shares = catalog.exercise("bent-over-row").muscle_shares()
    for muscle, share in shares.items():
        if muscle in p.weekly_volume:
            assert p.weekly_volume[muscle].points == [Point(monday, round(5 * share, 2))]
    assert set(p.weekly_volume) == {m for m, s in shares.items() if s > 0}


def test_acwr_series_start_once_there_is_enough_history(catalog: Catalog) -> None:
    days = [TODAY - timedelta(days=d) for d in range(60, -1, -3)]
    sessions = [session(d) for d in days]
    log = [s for x in sessions for s in sets(x, "barbell-shrug", 3, kg=80.0, rpe=8)]
    p = progress_of(sessions, log, [], catalog, TODAY, days=90)
    trapezius = p.acwr["trapezius-upper"].points
    assert trapezius, "a steady two months gives ratios"
    assert trapezius[0].day > days[0]  # not from the first day: too little history then
    assert all(0.5 < x.value < 1.6 for x in trapezius[-10:])  # steady training: near 1
    assert ALL_MUSCLES in p.acwr
    assert [z[0] for z in p.acwr_zones] == ["low", "sweet-spot", "caution", "high"]


def test_pain_is_the_worst_score_of_each_day_inside_the_window(catalog: Catalog) -> None:
    def pain(day: date, score: int, hour: int = 9) -> PainEntry:
        at = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
        return PainEntry(
            id=f"p{day}{hour}", user_id="u", score=score, region="lower-back", felt_at=at
        )

    entries = [pain(TODAY, 2), pain(TODAY, 5, 18), pain(TODAY - timedelta(days=40), 7)]
    p = progress_of([], [], entries, catalog, TODAY, days=30)
    assert p.pain.points == [Point(TODAY, 5.0)]
    assert p.e1rm == {}
    assert p.acwr == {}


def test_the_document_is_plain_json(catalog: Catalog) -> None:
    import json

    a = session(TODAY)
    p = progress_of([a], sets(a, "barbell-shrug", 2, reps=10, kg=90.0), [], catalog, TODAY)
    doc = json.loads(json.dumps(progress_document(p)))
    assert doc["end"] == TODAY.isoformat()
    shrug = next(s for s in doc["e1rm"] if s["key"] == "barbell-shrug")
    assert shrug["points"] == [{"day": TODAY.isoformat(), "value": 120.0}]


def test_a_custom_exercise_with_known_muscles_adds_to_their_weekly_sets(
    catalog: Catalog,
) -> None:
    from backcoach.load import CustomMovement

    monday = TODAY - timedelta(days=6)
    a = session(monday)
    log = sets(a, "imp-x-face-pull", 4, reps=15, kg=20.0, rpe=8)
    custom = {"imp-x-face-pull": CustomMovement("Face Pull", {"rear-deltoid": 1.0})}
    p = progress_of([a], log, [], catalog, TODAY, custom=custom)
    assert p.weekly_volume["rear-deltoid"].points == [Point(monday, 4.0)]
    assert "imp-x-face-pull" not in p.e1rm  # estimates are for the catalog's exercises
