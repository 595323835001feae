"""Whose log a URL names, and whether the caller may read or change it."""

from __future__ import annotations

from backcoach import accounts
from backcoach.accounts import Access, AccessDenied
from backcoach.store.database import Database
from backcoach.store.errors import NotFound
from backcoach.web.security import Viewer, owner_of, require_access


def readable(db: Database, viewer: Viewer, user_id: str) -> str:
    """The owner id of ``/users/{user_id}/...`` once the viewer may read that log."""
    owner = owner_of(viewer, user_id)
    require_access(db, viewer, owner, Access.READ)
    _exists(db, viewer, owner)
    return owner


def writable(db: Database, viewer: Viewer, user_id: str) -> str:
    """The owner id of ``/users/{user_id}/...`` once the viewer may change that log."""
    owner = owner_of(viewer, user_id)
    require_access(db, viewer, owner, Access.WRITE)
    _exists(db, viewer, owner)
    return owner


def _exists(db: Database, viewer: Viewer, owner: str) -> None:
    # Admins pass the access check for any id; an id nobody has must still be a 404.
    if owner != viewer.id and viewer.user.role == "admin" and not accounts.people(db, [owner]):
        raise NotFound("There is nothing here.", "Check the user id: no one has it.")


def require_admin(viewer: Viewer) -> None:
    """Raise unless the viewer is an admin."""
    if viewer.user.role != "admin":
        raise AccessDenied("Only admins can do this.", "Ask an admin of this practice.")
