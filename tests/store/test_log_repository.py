"""The training log on SQLite and on a real PostgreSQL server: same behaviour on both."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from backcoach import services
from backcoach.store import Conflict, open_database
from backcoach.store.tables import SetRow
from backcoach.training.entries import InvalidEntry, SetEntry
from backcoach.training.set_spec import parse_set_spec
from backcoach.training.users import LOCAL_USER_ID

T0 = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)


def stored_sets(url: str) -> int:
    db = open_database(url)
    with db.session() as s:
        count = int(s.scalar(select(func.count()).select_from(SetRow)) or 0)
    db.close()
    return count


def test_a_new_database_gets_the_schema_and_the_local_user(db_url: str) -> None:
    db = open_database(db_url)
    user = services.ensure_user(db)
    assert user.id == LOCAL_USER_ID
    assert services.ensure_user(db) == user
    db.close()


def test_logged_sets_come_back_in_history_with_loads_in_kg(db_url: str) -> None:
    db = open_database(db_url)
    services.ensure_user(db)
    result = services.log_sets(
        db, LOCAL_USER_ID, parse_set_spec("3x8@135lb"), exercise_id="bent-over-row", rpe=8, when=T0
    )
    assert len(result.stored) == 3
    [item] = services.history(db, LOCAL_USER_ID)
    assert [e.reps for e in item.sets] == [8, 8, 8]
    assert item.sets[0].load_kg == pytest.approx(61.235, abs=1e-3)
    assert item.sets[0].logged_at == T0
    assert [e.position for e in item.sets] == [0, 1, 2]
    db.close()


def test_sets_close_in_time_share_a_session_and_later_ones_start_another(db_url: str) -> None:
    db = open_database(db_url)
    services.ensure_user(db)
    spec = parse_set_spec("2x10")
    a = services.log_sets(db, LOCAL_USER_ID, spec, exercise_id="pull-up", when=T0)
    b = services.log_sets(
        db, LOCAL_USER_ID, spec, exercise_id="barbell-shrug", when=T0 + timedelta(minutes=40)
    )
    c = services.log_sets(
        db, LOCAL_USER_ID, spec, exercise_id="pull-up", when=T0 + timedelta(days=2)
    )
    assert a.session.id == b.session.id != c.session.id
    assert [e.position for e in b.stored] == [2, 3]
    assert len(services.history(db, LOCAL_USER_ID)) == 2
    assert len(services.history(db, LOCAL_USER_ID, exercise_id="barbell-shrug")) == 1
    db.close()


def test_logging_the_same_set_twice_stores_it_once(db_url: str) -> None:
    db = open_database(db_url)
    services.ensure_user(db)
    spec = parse_set_spec("8@60kg")
    first = services.log_sets(
        db, LOCAL_USER_ID, spec, exercise_id="bent-over-row", client_id="set-1", when=T0
    )
    again = services.log_sets(
        db,
        LOCAL_USER_ID,
        spec,
        exercise_id="bent-over-row",
        client_id="set-1",
        when=T0 + timedelta(minutes=1),
    )
    assert len(first.stored) == 1
    assert again.stored == []
    assert len(again.already_stored) == 1
    db.close()
    assert stored_sets(db_url) == 1


def test_a_retried_line_of_several_sets_is_stored_once_even_days_later(db_url: str) -> None:
    db = open_database(db_url)
    services.ensure_user(db)
    spec = parse_set_spec("3x5@100kg")
    kw = {"exercise_id": "bent-over-row", "client_id": "line-7"}
    services.log_sets(db, LOCAL_USER_ID, spec, when=T0, **kw)  # type: ignore[arg-type]
    again = services.log_sets(
        db,
        LOCAL_USER_ID,
        spec,
        when=T0 + timedelta(days=3),
        **kw,  # type: ignore[arg-type]
    )
    assert len(again.already_stored) == 3
    assert len(services.history(db, LOCAL_USER_ID)) == 1
    db.close()
    assert stored_sets(db_url) == 3


def test_a_reused_id_with_other_values_is_a_conflict_and_changes_nothing(db_url: str) -> None:
    db = open_database(db_url)
    services.ensure_user(db)
    services.log_sets(
        db,
        LOCAL_USER_ID,
        parse_set_spec("8@60kg"),
        exercise_id="bent-over-row",
        client_id="dup",
        when=T0,
    )
    before = services.export_user(db, LOCAL_USER_ID)
    with pytest.raises(Conflict):
        services.log_sets(
            db,
            LOCAL_USER_ID,
            parse_set_spec("9@60kg"),
            exercise_id="bent-over-row",
            client_id="dup",
            when=T0,
        )
    after = services.export_user(db, LOCAL_USER_ID)
    assert before["sessions"] == after["sessions"]
    db.close()


def test_an_invalid_set_in_a_line_stores_nothing_of_that_line(db_url: str) -> None:
    db = open_database(db_url)
    services.ensure_user(db)
    with pytest.raises(InvalidEntry):
        services.log_sets(
            db, LOCAL_USER_ID, parse_set_spec("8,8,8@600kg"), exercise_id="bent-over-row", when=T0
        )
    assert services.history(db, LOCAL_USER_ID) == []
    db.close()
    assert stored_sets(db_url) == 0


def test_a_failure_midway_through_a_batch_rolls_the_whole_batch_back(db_url: str) -> None:
    db = open_database(db_url)
    services.ensure_user(db)
    from backcoach.store.repository import LogRepository
    from backcoach.training.entries import TrainingSession

    with pytest.raises(RuntimeError), db.session(write=True) as s:
        repo = LogRepository(s)
        repo.add_session(TrainingSession(id="w", user_id=LOCAL_USER_ID, started_at=T0))
        for i in range(5):
            repo.add_set(
                SetEntry(
                    id=f"b{i}",
                    session_id="w",
                    exercise_id="pull-up",
                    position=i,
                    reps=5,
                    logged_at=T0,
                )
            )
        raise RuntimeError("the power went out")
    assert services.history(db, LOCAL_USER_ID) == []
    db.close()


def test_the_database_refuses_values_the_domain_would_refuse(db_url: str) -> None:
    """A bug that skipped validation still could not store 500 reps."""
    from sqlalchemy.exc import IntegrityError

    from backcoach.store.repository import LogRepository
    from backcoach.training.entries import TrainingSession

    db = open_database(db_url)
    services.ensure_user(db)
    with db.session(write=True) as s:
        LogRepository(s).add_session(TrainingSession(id="w", user_id=LOCAL_USER_ID, started_at=T0))
    with pytest.raises(IntegrityError), db.session(write=True) as s:
        s.add(
            SetRow(
                id="bad",
                session_id="w",
                position=0,
                exercise_id="pull-up",
                kind="normal",
                reps=500,
                side="both",
                notes="",
                logged_at=T0,
            )
        )
    db.close()
    assert stored_sets(db_url) == 0


def test_pain_body_weight_and_unit_are_kept(db_url: str) -> None:
    from backcoach.training.units import Unit

    db = open_database(db_url)
    services.ensure_user(db)
    services.record_pain(db, LOCAL_USER_ID, 3, "lower-back", when=T0)
    services.record_body_weight(db, LOCAL_USER_ID, 80.5, when=T0)
    assert services.set_unit(db, LOCAL_USER_ID, Unit.LB).unit == "lb"
    overview = services.summary(db, LOCAL_USER_ID, now=T0 + timedelta(days=1))
    assert overview.last_pain is not None
    assert overview.last_pain.score == 3
    assert overview.body_weight is not None
    assert overview.body_weight.weight_kg == 80.5
    assert services.ensure_user(db).unit == "lb"
    db.close()


def test_export_holds_every_entry_with_utc_times(db_url: str) -> None:
    db = open_database(db_url)
    services.ensure_user(db)
    services.log_sets(
        db, LOCAL_USER_ID, parse_set_spec("1500m/30min"), exercise_id="swimming", when=T0
    )
    services.record_pain(db, LOCAL_USER_ID, 2, "neck", when=T0)
    document = services.export_user(db, LOCAL_USER_ID)
    assert document["format"] == "backcoach-export"
    [session] = document["sessions"]
    [swim] = session["sets"]
    assert (swim["distance_m"], swim["duration_s"]) == (1500.0, 1800.0)
    assert session["started_at"] == "2026-11-20T17:00:00+00:00"
    assert document["pain"][0]["region"] == "neck"
    db.close()
