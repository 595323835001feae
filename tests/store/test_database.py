"""Opening the database: tuning, migrations, and refusing files that are not ours."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from backcoach import services
from backcoach.store import DatabaseTooNew, NotADatabase, open_database, resolve_url
from backcoach.store.schema import HEAD_REVISION, KNOWN_REVISIONS
from backcoach.training.set_spec import parse_set_spec


def test_the_default_database_lives_in_the_data_folder(isolated_home: Path) -> None:
    url = resolve_url()
    assert url == f"sqlite:///{isolated_home / 'backcoach.db'}"
    open_database().close()
    assert (isolated_home / "backcoach.db").exists()


def test_postgres_urls_are_given_the_psycopg_driver() -> None:
    assert resolve_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_full_sync(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
    db.close()


def test_known_revisions_match_the_migration_scripts() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    import backcoach.store

    config = Config()
    config.set_main_option(
        "script_location", str(Path(backcoach.store.__file__).parent / "migrations")
    )
    scripts = ScriptDirectory.from_config(config)
    assert scripts.get_current_head() == HEAD_REVISION
    ordered = [s.revision for s in reversed(list(scripts.walk_revisions()))]
    assert tuple(ordered) == KNOWN_REVISIONS


def test_the_migrated_schema_matches_the_tables(db_url: str) -> None:
    """No model change is left without a migration."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from backcoach.store.tables import Base

    db = open_database(db_url)
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    db.close()
    assert diff == []


def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n")
    with pytest.raises(NotADatabase) as err:
        open_database(f"sqlite:///{path}")
    assert "not an SQLite file" in err.value.message
    assert "untouched" in err.value.hint
    assert path.read_text() == "these are my notes, not a database\n"


def test_a_damaged_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    before = path.read_bytes()
    with pytest.raises(NotADatabase):
        open_database(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_a_database_of_another_program_is_refused(db_url: str) -> None:
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    with pytest.raises(NotADatabase) as err:
        open_database(db_url)
    assert "invoices" in err.value.message


def test_a_database_from_a_newer_version_is_refused_and_not_changed(db_url: str) -> None:
    open_database(db_url).close()
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(DatabaseTooNew) as err:
        open_database(db_url)
    assert "newer version" in err.value.message
    assert "Upgrade backcoach" in err.value.hint
    engine = create_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999"
    engine.dispose()


def test_an_unreachable_server_gets_a_clear_message() -> None:
    from backcoach.store import StoreUnavailable

    with pytest.raises(StoreUnavailable) as err:
        open_database("postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2")
    assert "BACKCOACH_DATABASE_URL" in err.value.hint


def test_an_older_database_is_migrated_on_open_and_keeps_its_sets(db_url: str) -> None:
    """A log written by the first release opens in this one with nothing lost."""
    from alembic import command
    from alembic.config import Config

    import backcoach.store
    from backcoach import services
    from backcoach.training.set_spec import parse_set_spec
    from backcoach.training.users import LOCAL_USER_ID

    config = Config()
    config.set_main_option(
        "script_location", str(Path(backcoach.store.__file__).parent / "migrations")
    )
    engine = create_engine(db_url)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, KNOWN_REVISIONS[0])
        conn.execute(
            text(
                "INSERT INTO users (id, name, role, unit, created_at) "
                "VALUES ('local', 'You', 'athlete', 'kg', '2026-01-01 10:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO training_sessions (id, user_id, started_at, notes) "
                "VALUES ('w1', 'local', '2026-01-01 10:00:00', '')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO sets (id, session_id, position, exercise_id, kind, reps, load_kg,"
                " side, notes, logged_at) VALUES ('s1', 'w1', 0, 'bent-over-row', 'normal', 8,"
                " 60, 'both', '', '2026-01-01 10:05:00')"
            )
        )
    engine.dispose()

    db = open_database(db_url)
    [item] = services.history(db, LOCAL_USER_ID)
    assert [(e.id, e.reps, e.load_kg) for e in item.sets] == [("s1", 8, 60.0)]
    services.log_sets(db, LOCAL_USER_ID, parse_set_spec("8@60kg"), exercise_id="bent-over-row")
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            HEAD_REVISION
        )
    db.close()


def test_sessions_inside_a_unit_of_work_share_its_one_transaction(db_url: str) -> None:
    db = open_database(db_url)
    user = services.ensure_user(db)
    spec = parse_set_spec("8@40kg")
    with db.unit_of_work(write=True):
        services.log_sets(db, user.id, spec, exercise_id="bent-over-row", client_id="a")
        services.log_sets(db, user.id, spec, exercise_id="bent-over-row", client_id="b")
        # Seen inside the unit, before it commits.
        assert len(services.history(db, user.id)[0].sets) == 2
    assert len(services.history(db, user.id)[0].sets) == 2
    db.close()


def test_a_failure_inside_a_unit_of_work_keeps_none_of_it(db_url: str) -> None:
    db = open_database(db_url)
    user = services.ensure_user(db)
    spec = parse_set_spec("8@40kg")
    with pytest.raises(RuntimeError, match="midway"), db.unit_of_work(write=True):
        services.log_sets(db, user.id, spec, exercise_id="bent-over-row", client_id="a")
        raise RuntimeError("midway")
    assert services.history(db, user.id) == []
    with pytest.raises(RuntimeError, match="read-only"), db.unit_of_work():
        services.log_sets(db, user.id, spec, exercise_id="bent-over-row")
    assert services.history(db, user.id) == []
    db.close()
