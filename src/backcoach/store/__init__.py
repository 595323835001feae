"""Storage adapter: SQLAlchemy tables, Alembic migrations and the log repository."""

from backcoach.store.database import Database, open_database, resolve_url
from backcoach.store.errors import (
    Conflict,
    DatabaseTooNew,
    NotADatabase,
    NotFound,
    StoreError,
    StoreUnavailable,
)
from backcoach.store.repository import LogRepository

__all__ = [
    "Conflict",
    "Database",
    "DatabaseTooNew",
    "LogRepository",
    "NotADatabase",
    "NotFound",
    "StoreError",
    "StoreUnavailable",
    "open_database",
    "resolve_url",
]
