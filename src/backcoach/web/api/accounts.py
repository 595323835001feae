"""Registration, signing in and out, and the signed-in person."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from backcoach import accounts
from backcoach.accounts import InvalidAccount
from backcoach.web.api.schemas import Credentials, Me, Registration, UserOut
from backcoach.web.app_support import client_address, sign_in_response
from backcoach.web.deps import ConfigDep, DbDep, ViewerDep
from backcoach.web.security import SESSION_COOKIE

router = APIRouter(tags=["accounts"])


@router.post("/accounts", status_code=201, response_model=Me)
def register(
    body: Registration,
    response: Response,
    db: DbDep,
    config: ConfigDep,
) -> Me:
    """Create an account and sign it in (server mode; the local app has one person)."""
    if config.local:
        raise InvalidAccount(
            "The local app has a single person and no accounts.",
            "Run backcoach with a PostgreSQL database for a coaching practice.",
        )
    user = accounts.register(db, body.email, body.password, body.name, body.role)
    signed = sign_in_response(response, db, user.id, config)
    return Me(user=UserOut.of(user), csrf_token=signed.csrf_token)


@router.post("/session", response_model=Me)
def sign_in(
    body: Credentials,
    request: Request,
    response: Response,
    db: DbDep,
    config: ConfigDep,
) -> Me:
    """Sign in with e-mail and password; the answer sets the session cookie."""
    user = accounts.authenticate(db, body.email, body.password, client_address(request))
    signed = sign_in_response(response, db, user.id, config)
    return Me(user=UserOut.of(user), csrf_token=signed.csrf_token)


@router.delete("/session", status_code=204)
def sign_out(
    request: Request,
    response: Response,
    viewer: ViewerDep,
    db: DbDep,
) -> None:
    """Sign this browser out."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        accounts.end_session(db, cookie)
    response.delete_cookie(SESSION_COOKIE, path="/")


@router.get("/me", response_model=Me)
def me(viewer: ViewerDep) -> Me:
    """The signed-in person (and the CSRF token when signed in by cookie)."""
    return Me(user=UserOut.of(viewer.user), csrf_token=viewer.csrf_token)
