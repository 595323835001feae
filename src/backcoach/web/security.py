"""Who is asking: browser sessions, API tokens, the local person, and CSRF checks.

Browsers carry a session cookie (HttpOnly, SameSite=Lax, Secure in server mode); every
request that changes something with that cookie must also carry the session's CSRF token,
in the ``X-CSRF-Token`` header or a ``csrf_token`` form field. Scripts send
``Authorization: Bearer <token>`` and need no CSRF token, since browsers never add that
header on their own. In local mode a browser without a session is signed in as the local
person on its first request.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from fastapi import Request

from backcoach import accounts
from backcoach.accounts import Access, NotSignedIn
from backcoach.errors import BackcoachError
from backcoach.store.database import Database
from backcoach.training.users import User

SESSION_COOKIE = "backcoach_session"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class CsrfRejected(BackcoachError):
    """A change arrived with a session cookie but without the session's CSRF token."""


@dataclass(frozen=True)
class Viewer:
    """The person behind a request and how they proved it."""

    user: User
    via: str  # "session" or "token"
    csrf_token: str | None = None

    @property
    def id(self) -> str:
        """The viewer's user id."""
        return self.user.id


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer`` header, if any."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def identify(request: Request, db: Database) -> Viewer | None:
    """The viewer of this request, or None when it carries no valid credentials."""
    cached = getattr(request.state, "viewer", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    viewer: Viewer | None = None
    token = bearer_token(request)
    if token is not None:
        user = accounts.token_user(db, token)
        if user is None:
            raise NotSignedIn(
                "The API token is unknown or was revoked.", "Create a new token and use it."
            )
        viewer = Viewer(user, "token")
    else:
        cookie = request.cookies.get(SESSION_COOKIE)
        found = accounts.session_user(db, cookie) if cookie else None
        if found is not None:
            viewer = Viewer(found[0], "session", found[1])
        else:
            fresh = getattr(request.state, "fresh_session", None)
            if fresh is not None:
                viewer = fresh
    request.state.viewer = viewer
    return viewer


def csrf_ok(request: Request, viewer: Viewer, form_token: str | None = None) -> bool:
    """True when a change may go ahead: a token request, or the session's CSRF token sent."""
    if request.method in SAFE_METHODS or viewer.via == "token":
        return True
    sent = request.headers.get(CSRF_HEADER) or form_token or ""
    return bool(viewer.csrf_token) and hmac.compare_digest(sent, viewer.csrf_token or "")


def check_csrf(request: Request, viewer: Viewer, form_token: str | None = None) -> None:
    """Raise CsrfRejected unless ``csrf_ok``."""
    if not csrf_ok(request, viewer, form_token):
        raise CsrfRejected(
            "The request was refused: its security token is missing or out of date.",
            "Reload the page and try again.",
        )


def owner_of(viewer: Viewer, user_id: str) -> str:
    """The user id a URL names; ``me`` stands for the viewer."""
    return viewer.id if user_id == "me" else user_id


def require_access(db: Database, viewer: Viewer, owner_id: str, needed: Access) -> None:
    """Raise unless the viewer may read (or change) the owner's log."""
    accounts.require(db, viewer.user, owner_id, needed)
