"""Errors about the database itself, each with what to do about it."""

from backcoach.errors import BackcoachError


class StoreError(BackcoachError):
    """The database cannot be used as it is."""


class NotADatabase(StoreError):
    """The file or server holds something that is not a backcoach database."""


class DatabaseTooNew(StoreError):
    """The database was written by a newer backcoach than this one."""


class StoreUnavailable(StoreError):
    """The database server cannot be reached."""


class Conflict(StoreError):
    """An id is already used for a different record."""


class NotFound(StoreError):
    """A record that was asked for does not exist (or is not the asker's)."""
