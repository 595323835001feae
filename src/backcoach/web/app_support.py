"""Small helpers shared by the API and the pages: signing a browser in, the client address."""

from __future__ import annotations

from fastapi import Request, Response

from backcoach import accounts
from backcoach.accounts import SESSION_LIFETIME, SignedIn
from backcoach.store.database import Database
from backcoach.web.config import WebConfig
from backcoach.web.security import SESSION_COOKIE


def sign_in_response(response: Response, db: Database, user_id: str, config: WebConfig) -> SignedIn:
    """Start a session for ``user_id`` and put its cookie on ``response``."""
    signed = accounts.start_session(db, user_id)
    response.set_cookie(
        SESSION_COOKIE,
        signed.token,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=config.secure_cookies,
        path="/",
    )
    return signed


def client_address(request: Request) -> str:
    """The caller's address, for the sign-in rate limit.

    Behind a reverse proxy, the proxy's address is what the app sees unless uvicorn is
    started with ``--proxy-headers`` and ``--forwarded-allow-ips`` (docs/operations.md).
    """
    return request.client.host if request.client else "unknown"
