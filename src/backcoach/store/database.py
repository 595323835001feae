"""Opening the database: where it lives, how it is tuned, and keeping its schema current.

SQLite by default, in the user's data directory, in WAL mode with foreign keys on and
full fsync, so that a killed process or a power cut leaves every committed set in place.
PostgreSQL when ``BACKCOACH_DATABASE_URL`` names one. Migrations run on open; an
up-to-date database costs a single query to check.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from backcoach.paths import data_dir
from backcoach.store.errors import DatabaseTooNew, NotADatabase, StoreUnavailable
from backcoach.store.schema import HEAD_REVISION, KNOWN_REVISIONS

DATABASE_URL_ENV = "BACKCOACH_DATABASE_URL"
SQLITE_HEADER = b"SQLite format 3\x00"
_MIGRATION_LOCK = 7_325_118_406  # any fixed number: PostgreSQL advisory lock for migrations


def resolve_url(url: str | None = None) -> str:
    """The database URL to use: the argument, then the environment, then local SQLite."""
    url = url or os.environ.get(DATABASE_URL_ENV)
    if not url:
        return f"sqlite:///{data_dir() / 'backcoach.db'}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def describe(url: str) -> str:
    """The URL with any password hidden, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def _check_sqlite_file(path: Path) -> None:
    if path.is_dir():
        raise NotADatabase(
            f"{path} is a folder, not a database file.",
            f"Point {DATABASE_URL_ENV} at a file, or remove the folder.",
        )
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
        if header != SQLITE_HEADER:
            raise NotADatabase(
                f"{path} is not a backcoach database (it is not an SQLite file).",
                "backcoach left it untouched. Move it aside, or set "
                f"{DATABASE_URL_ENV} to another file.",
            )
    path.parent.mkdir(parents=True, exist_ok=True)


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide where transactions begin, so that DDL
        # and savepoints are transactional too.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 10000")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Writers take the lock up front: a read-then-write transaction would otherwise
        # fail with "database is locked" when another writer got there first.
        mode = "IMMEDIATE" if conn.get_execution_options().get("backcoach_write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")


class Database:
    """An open backcoach database: an engine, and units of work over it."""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # SQLite lets one writer in at a time. Threads of this process queue on a lock,
        # and each is woken the moment the writer before it commits; left to SQLite, they
        # would poll with growing sleeps (its busy handler), which makes a long tail of
        # waits when many requests write at once. Other processes still meet the busy
        # handler. Reentrant, so a write inside a write in one thread fails as before
        # (SQLite's own lock) rather than hanging here.
        self._write_lock: threading.RLock | None = (
            threading.RLock() if engine.dialect.name == "sqlite" else None
        )
        #: The unit of work that ``session`` calls join, within ``unit_of_work``.
        self._joined: ContextVar[tuple[Session, bool] | None] = ContextVar(
            f"backcoach_unit_of_work_{id(self)}", default=None
        )

    @property
    def is_sqlite(self) -> bool:
        """True for the embedded database."""
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """A transaction: committed when the block ends normally, rolled back otherwise.

        Within :meth:`unit_of_work` it is that unit's transaction instead, committed or
        rolled back when the unit ends.
        """
        joined = self._joined.get()
        if joined is not None:
            session, writable = joined
            if write and not writable:
                raise RuntimeError("A write inside a read-only unit of work.")
            yield session
            return
        lock = self._write_lock if write else None
        with lock or nullcontext(), self._sessions() as session, session.begin():
            if write:
                # Procure the connection now, so the options reach the BEGIN statement.
                session.connection(execution_options={"backcoach_write": True})
            yield session

    @contextmanager
    def unit_of_work(self, *, write: bool = False) -> Iterator[Session]:
        """One transaction that every ``session`` opened inside the block (in this thread
        or task) joins: all of it is committed at the end, or none of it.

        For a request that would otherwise open several in a row: each costs a connection
        check-out and a BEGIN and COMMIT, which are round trips on PostgreSQL.
        """
        with self.session(write=write) as session:
            token = self._joined.set((session, write))
            try:
                yield session
            finally:
                self._joined.reset(token)

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()


#: Connections kept open per process. The web app runs up to 8 requests at once in threads,
#: plus form-check jobs; with fewer kept, every busy moment opened connections and closed
#: them again on return, which under 100 clients cost more CPU than the requests did.
POOL_SIZE = 12
#: Connections opened beyond POOL_SIZE for a moment, and closed when returned.
POOL_OVERFLOW = 8


def open_database(url: str | None = None, *, migrate: bool = True) -> Database:
    """Open (creating if needed) the database at ``url`` and bring its schema up to date."""
    url = resolve_url(url)
    parsed = make_url(url)
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            _check_sqlite_file(Path(parsed.database))
            kwargs.update(pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW)
    else:
        kwargs.update(pool_pre_ping=True, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW)
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        _tune_sqlite(engine)
    db = Database(url, engine)
    try:
        if migrate:
            ensure_schema(db)
    except Exception:
        engine.dispose()
        raise
    return db


def current_revision(conn: Connection) -> str | None:
    """The schema revision stored in the database, or None for an empty one."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    if len(rows) != 1:
        raise NotADatabase(
            "The database has an unreadable schema version.",
            "Restore it from a backup, or point backcoach at another database.",
        )
    return str(rows[0][0])


def ensure_schema(db: Database) -> None:
    """Apply any pending migrations; refuse databases that are foreign or newer."""
    where = describe(db.url)
    try:
        with db.engine.connect() as conn:
            revision = current_revision(conn)
            if revision == HEAD_REVISION:
                return
            if revision is None:
                foreign = [t for t in inspect(conn).get_table_names() if t != "alembic_version"]
                if foreign:
                    raise NotADatabase(
                        f"{where} holds other tables ({', '.join(sorted(foreign)[:5])}) "
                        "and is not a backcoach database.",
                        f"backcoach left it untouched. Set {DATABASE_URL_ENV} to an empty "
                        "database or to a new file.",
                    )
            elif revision not in KNOWN_REVISIONS:
                raise DatabaseTooNew(
                    f"{where} was written by a newer version of backcoach "
                    f"(schema {revision}; this version knows up to {HEAD_REVISION}).",
                    "Upgrade backcoach (pip install -U backcoach); the data was left untouched.",
                )
        _upgrade(db)
    except DatabaseError as exc:
        raise _explain(exc, where) from exc


def _explain(exc: DatabaseError, where: str) -> Exception:
    message = str(exc.orig) if exc.orig is not None else str(exc)
    if "not a database" in message or "malformed" in message:
        return NotADatabase(
            f"{where} is damaged or is not an SQLite database ({message}).",
            "backcoach left it untouched. Restore it from a backup or move it aside.",
        )
    if isinstance(exc, OperationalError):
        return StoreUnavailable(
            f"Cannot open the database at {where}: {message.strip().splitlines()[0]}",
            f"Check {DATABASE_URL_ENV} and that the database server is running.",
        )
    return exc


def _upgrade(db: Database) -> None:
    """Run Alembic to the head revision inside one transaction (imported only when needed)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with db.engine.connect() as conn:
        conn.execution_options(backcoach_write=True)
        with conn.begin():
            if db.engine.dialect.name == "postgresql":
                # Several processes may start together; one migrates, the rest wait.
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
            if current_revision(conn) != HEAD_REVISION:
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
