"""Logging a set against a plan: the set and the next targets in one unit of work, on both
engines, with the same outcome as logging and then progressing in two steps."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from backcoach import accounts
from backcoach.catalog import Catalog
from backcoach.coaching import (
    active_program,
    after_session,
    log_and_progress,
    make_plan,
    save_profile,
)
from backcoach.planning import parse_profile
from backcoach.services import log_sets
from backcoach.store.database import Database
from backcoach.store.repository import LogRepository
from backcoach.training.set_spec import SetSpec
from backcoach.training.units import Unit
from backcoach.training.users import User

START = date(2026, 3, 2)  # a Monday, the plan's first day
AT = datetime.combine(START, time(18, 0), tzinfo=UTC)


def planned(db: Database, catalog: Catalog, name: str, **profile: Any) -> User:
    person = accounts.register(db, f"{name}@example.com", "correct horse battery", name)
    data = {
        "start_date": START.isoformat(),
        "equipment": ["barbell", "plates", "rack", "dumbbells", "pull-up-bar"],
        "days_per_week": 3,
        "weekdays": ["monday", "wednesday", "friday"],
        **profile,
    }
    save_profile(db, person.id, parse_profile(data, catalog=catalog))
    make_plan(db, person.id, catalog)
    return person


def state(db: Database, user: User) -> dict[str, Any]:
    with db.session() as s:
        return LogRepository(s).get_coaching_state(user.id)


RAISE = SetSpec(reps=(12,), load=8.0, unit=Unit.KG)
SHRUG = SetSpec(reps=(15,), load=30.0, unit=Unit.KG)


def test_one_unit_of_work_gives_what_logging_then_progressing_gives(
    db: Database, catalog: Catalog
) -> None:
    ana, ben = planned(db, catalog, "ana"), planned(db, catalog, "ben")
    for i in range(3):
        when = AT + timedelta(minutes=3 * i)
        two_steps = log_sets(
            db, ana.id, RAISE, exercise_id="overhead-dumbbell-raise", when=when, rpe=7
        )
        stepped = after_session(db, ana.id, catalog, two_steps.session.id)
        logged, progressed = log_and_progress(
            db, ben.id, catalog, RAISE, exercise_id="overhead-dumbbell-raise", when=when, rpe=7
        )
        assert [s.reps for s in logged.stored] == [12]
        assert [(p.exercise_id, p.adjustment) for p in progressed] == [
            (p.exercise_id, p.adjustment) for p in stepped
        ]
    assert progressed[0].adjustment.prescription is not None
    left = state(db, ana)["exercises"]["overhead-dumbbell-raise"]
    right = state(db, ben)["exercises"]["overhead-dumbbell-raise"]
    assert {k: v for k, v in left.items() if k not in ("at", "session")} == {
        k: v for k, v in right.items() if k not in ("at", "session")
    }


def test_a_retried_set_is_stored_once_and_changes_no_targets(
    db: Database, catalog: Catalog
) -> None:
    ana = planned(db, catalog, "ana")
    first, progressed = log_and_progress(
        db,
        ana.id,
        catalog,
        RAISE,
        exercise_id="overhead-dumbbell-raise",
        when=AT,
        client_id="set-1",
    )
    assert len(first.stored) == 1
    assert progressed
    before = state(db, ana)
    again, none = log_and_progress(
        db,
        ana.id,
        catalog,
        RAISE,
        exercise_id="overhead-dumbbell-raise",
        when=AT,
        client_id="set-1",
    )
    assert again.stored == []
    assert len(again.already_stored) == 1
    assert none == []
    assert state(db, ana) == before


def test_a_set_progresses_its_own_exercise_and_leaves_the_others_as_they_were(
    db: Database, catalog: Catalog
) -> None:
    ana = planned(db, catalog, "ana")
    log_and_progress(db, ana.id, catalog, SHRUG, exercise_id="barbell-shrug", when=AT)
    shrug = state(db, ana)["exercises"]["barbell-shrug"]
    _, progressed = log_and_progress(
        db,
        ana.id,
        catalog,
        RAISE,
        exercise_id="overhead-dumbbell-raise",
        when=AT + timedelta(minutes=5),
    )
    assert [p.exercise_id for p in progressed] == ["overhead-dumbbell-raise"]
    assert state(db, ana)["exercises"]["barbell-shrug"] == shrug
    # Progressing the whole session (the command line's way) covers both.
    logged = log_sets(
        db, ana.id, RAISE, exercise_id="overhead-dumbbell-raise", when=AT + timedelta(minutes=9)
    )
    everything = after_session(db, ana.id, catalog, logged.session.id)
    assert {p.exercise_id for p in everything} == {"overhead-dumbbell-raise", "barbell-shrug"}


def test_progressing_again_with_nothing_new_leaves_the_stored_state_alone(
    db: Database, catalog: Catalog
) -> None:
    ana = planned(db, catalog, "ana")
    logged, _ = log_and_progress(
        db, ana.id, catalog, RAISE, exercise_id="overhead-dumbbell-raise", when=AT
    )
    before = state(db, ana)
    assert before["exercises"]["overhead-dumbbell-raise"]["at"]
    again = after_session(db, ana.id, catalog, logged.session.id)
    assert again
    assert state(db, ana) == before


def test_without_a_plan_the_set_is_logged_and_nothing_progresses(
    db: Database, catalog: Catalog
) -> None:
    ana = accounts.register(db, "ana@example.com", "correct horse battery", "Ana")
    logged, progressed = log_and_progress(
        db, ana.id, catalog, RAISE, exercise_id="overhead-dumbbell-raise", when=AT
    )
    assert len(logged.stored) == 1
    assert progressed == []
    assert state(db, ana) == {}


def test_a_new_plan_replaces_the_one_kept_in_memory(db: Database, catalog: Catalog) -> None:
    ana = planned(db, catalog, "ana")
    first = active_program(db, ana.id)
    assert first is not None
    assert active_program(db, ana.id) is first
    save_profile(
        db,
        ana.id,
        parse_profile(
            {"start_date": START.isoformat(), "equipment": ["dumbbells"], "days_per_week": 2},
            catalog=catalog,
        ),
    )
    make_plan(db, ana.id, catalog)
    second = active_program(db, ana.id)
    assert second is not None
    assert second != first
    assert ("barbell-shrug", None) in {(c.exercise_id, c.variant_id) for c in first.choices}
    assert ("barbell-shrug", "dumbbell-shrug") in {
        (c.exercise_id, c.variant_id) for c in second.choices
    }
