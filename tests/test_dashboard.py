"""The coach's dashboard: loads, pain and missed sessions of accepted athletes, on both engines."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from backcoach import accounts
from backcoach.catalog import Catalog, load_catalog
from backcoach.coaching import after_pain, make_plan, save_profile
from backcoach.dashboard import PAIN_FLAG, coach_dashboard
from backcoach.planning import parse_profile
from backcoach.services import log_sets, record_pain
from backcoach.store.database import Database
from backcoach.training.set_spec import SetSpec
from backcoach.training.units import Unit
from backcoach.training.users import User

PASSWORD = "correct horse battery staple"
TODAY = date(2026, 3, 2)  # a Monday


def coached(db: Database, coach: User, name: str, accept: bool = True) -> User:
    athlete = accounts.register(db, f"{name.lower()}@example.com", PASSWORD, name)
    link = accounts.invite(db, coach, athlete.email or "")
    if accept:
        accounts.answer_invitation(db, athlete.id, link.id, accept=True)
    return athlete


def rows(db: Database, user: User, day: date, sets: int) -> None:
    when = datetime.combine(day, time(18, 0), tzinfo=UTC)
    spec = SetSpec(reps=(10,) * sets, load=50.0, unit=Unit.KG)
    log_sets(db, user.id, spec, exercise_id="bent-over-row", when=when, rpe=8)


@pytest.fixture
def coach(db: Database) -> User:
    return accounts.register(db, "coach@example.com", PASSWORD, "Coach", "coach")


def test_only_athletes_who_accepted_are_on_the_dashboard(db: Database, coach: User) -> None:
    coached(db, coach, "Ana")
    coached(db, coach, "Ben", accept=False)
    names = [r.athlete.name for r in coach_dashboard(db, load_catalog(), coach.id, TODAY, UTC)]
    assert names == ["Ana"]


def test_a_sharp_ramp_in_rows_flags_the_rhomboids_as_high(
    db: Database, coach: User, catalog: Catalog
) -> None:
    ana = coached(db, coach, "Ana")
    start = TODAY - timedelta(days=62)
    for week in range(8):
        for offset in (0, 3):
            rows(db, ana, start + timedelta(days=7 * week + offset), 3)
    for day in range(56, 63):
        rows(db, ana, start + timedelta(days=day), 6)

    (row,) = coach_dashboard(db, catalog, coach.id, TODAY, UTC)
    rhomboids = next(m for m in row.muscles if m.muscle == "rhomboids")
    assert rhomboids.zone == "high"
    assert rhomboids.flagged
    assert rhomboids.ratio is not None
    assert rhomboids.ratio > 1.5
    assert any(f.startswith("Rhomboids: load ratio") for f in row.flags)
    levator = next(m for m in row.muscles if m.muscle == "levator-scapulae")
    assert not levator.flagged  # rows do not work it


def test_steady_training_and_no_pain_raise_no_flag(
    db: Database, coach: User, catalog: Catalog
) -> None:
    ana = coached(db, coach, "Ana")
    start = TODAY - timedelta(days=62)
    for week in range(9):
        for offset in (0, 3):
            rows(db, ana, start + timedelta(days=7 * week + offset), 3)
    (row,) = coach_dashboard(db, catalog, coach.id, TODAY, UTC)
    assert row.flags == ()
    assert not row.has_plan
    assert row.planned == 0


def test_pain_is_flagged_from_four_and_a_severe_pain_shows_the_stop(
    db: Database, coach: User, catalog: Catalog
) -> None:
    ana = coached(db, coach, "Ana")
    ben = coached(db, coach, "Ben")
    felt = datetime.combine(TODAY, time(9, 0), tzinfo=UTC)
    record_pain(db, ana.id, PAIN_FLAG - 1, "upper-back", when=felt)
    entry = record_pain(db, ben.id, 8, "lower-back", when=felt)
    after_pain(db, ben.id, catalog, entry)

    by_name = {r.athlete.name: r for r in coach_dashboard(db, catalog, coach.id, TODAY, UTC)}
    assert not by_name["Ana"].pain_flagged
    assert by_name["Ana"].latest_pain is not None
    ben_row = by_name["Ben"]
    assert ben_row.pain_flagged
    assert ben_row.stop is not None
    assert ben_row.flags[0].startswith("Back training stopped")
    assert "Pain 8/10" in ben_row.flags[1]
    assert next(r.athlete.name for r in coach_dashboard(db, catalog, coach.id, TODAY, UTC)) == "Ben"


def test_missed_sessions_compare_the_active_plan_with_the_log(
    db: Database, coach: User, catalog: Catalog
) -> None:
    ana = coached(db, coach, "Ana")
    start = TODAY - timedelta(days=21)
    profile = parse_profile(
        {
            "start_date": start.isoformat(),
            "equipment": ["dumbbells", "pull-up-bar"],
            "days_per_week": 3,
            "weekdays": ["monday", "wednesday", "friday"],
        },
        catalog=catalog,
    )
    save_profile(db, ana.id, profile)
    program = make_plan(db, ana.id, catalog)
    window = [s.day for s in program.sessions() if TODAY - timedelta(days=14) <= s.day < TODAY]
    assert len(window) == 6
    for day in window[:4]:
        rows(db, ana, day, 2)
    rows(db, ana, TODAY - timedelta(days=20), 2)  # before the window: does not count

    (row,) = coach_dashboard(db, catalog, coach.id, TODAY, UTC)
    assert row.has_plan
    assert row.planned == 6
    assert row.missed_days == tuple(window[4:])
    assert "Missed 2 of 6 planned sessions in the last 14 days." in row.flags
