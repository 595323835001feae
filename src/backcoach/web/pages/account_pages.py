"""Signing in and out, registering, and the account page: API tokens and coach links."""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse

from backcoach import accounts
from backcoach.accounts import InvalidAccount, NotSignedIn, TooManyAttempts
from backcoach.store.errors import Conflict, NotFound
from backcoach.web.app_support import client_address, sign_in_response
from backcoach.web.deps import ConfigDep, DbDep, OptionalViewerDep, PageViewerDep
from backcoach.web.pages.render import redirect, render, safe_next
from backcoach.web.security import SESSION_COOKIE, CsrfRejected, check_csrf

router = APIRouter()

#: Before there is a session, sign-in and registration forms carry a token that must
#: match this cookie (a double-submit token), so another site cannot sign a browser in.
FORM_COOKIE = "backcoach_form"
Field = Annotated[str, Form()]


def _form_token(request: Request) -> str:
    return request.cookies.get(FORM_COOKIE) or secrets.token_urlsafe(24)


def _with_form_cookie(response: Response, token: str, secure: bool) -> Response:
    response.set_cookie(
        FORM_COOKIE, token, httponly=True, samesite="strict", secure=secure, path="/"
    )
    return response


def _check_form_token(request: Request, sent: str) -> None:
    cookie = request.cookies.get(FORM_COOKIE, "")
    if not cookie or not hmac.compare_digest(cookie, sent):
        raise CsrfRejected(
            "The form was refused: its security token is missing or out of date.",
            "Reload the page and try again.",
        )


def _anonymous_page(
    request: Request, template: str, secure: bool, status: int = 200, **context: str
) -> Response:
    token = _form_token(request)
    response = render(request, template, {"form_token": token, **context}, status=status)
    return _with_form_cookie(response, token, secure)


@router.get("/login", response_class=HTMLResponse)
def login_page(
    request: Request, viewer: OptionalViewerDep, config: ConfigDep, next: str = "/"
) -> Response:
    """The sign-in form (the local app signs its person in by itself)."""
    if viewer is not None:
        return redirect(safe_next(next))
    return _anonymous_page(
        request, "login.html", config.secure_cookies, next=safe_next(next), email="", error=""
    )


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    db: DbDep,
    config: ConfigDep,
    email: Field = "",
    password: Field = "",
    form_token: Field = "",
    next: Field = "/",
) -> Response:
    """Check the e-mail and password, start a session and go where the person was going."""
    _check_form_token(request, form_token)
    try:
        user = accounts.authenticate(db, email, password, client_address(request))
    except (NotSignedIn, TooManyAttempts) as exc:
        status = 429 if isinstance(exc, TooManyAttempts) else 401
        response = _anonymous_page(
            request,
            "login.html",
            config.secure_cookies,
            status=status,
            next=safe_next(next),
            email=email,
            error=exc.message,
            hint=exc.hint,
        )
        if isinstance(exc, TooManyAttempts):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response
    response = redirect(safe_next(next))
    sign_in_response(response, db, user.id, config)
    return response


@router.get("/register", response_class=HTMLResponse)
def register_page(request: Request, viewer: OptionalViewerDep, config: ConfigDep) -> Response:
    """The registration form (server mode; the local app has one person)."""
    if viewer is not None:
        return redirect("/")
    if config.local:
        raise NotFound("The local app has one person and no registration.", "Go to the start.")
    return _anonymous_page(
        request, "register.html", config.secure_cookies, name="", email="", role="", error=""
    )


@router.post("/register", response_class=HTMLResponse)
def register(
    request: Request,
    db: DbDep,
    config: ConfigDep,
    email: Field = "",
    password: Field = "",
    name: Field = "",
    role: Field = "athlete",
    form_token: Field = "",
) -> Response:
    """Create an account, sign it in and start with the profile."""
    if config.local:
        raise NotFound("The local app has one person and no registration.", "Go to the start.")
    _check_form_token(request, form_token)
    try:
        user = accounts.register(db, email, password, name, role)
    except (InvalidAccount, Conflict) as exc:
        return _anonymous_page(
            request,
            "register.html",
            config.secure_cookies,
            status=409 if isinstance(exc, Conflict) else 422,
            name=name,
            email=email,
            role=role,
            error=exc.message,
            hint=exc.hint,
        )
    response = redirect("/profile")
    sign_in_response(response, db, user.id, config)
    return response


@router.post("/logout", response_class=HTMLResponse)
def logout(request: Request, viewer: PageViewerDep, db: DbDep, csrf_token: Field = "") -> Response:
    """End this browser's session."""
    check_csrf(request, viewer, csrf_token)
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        accounts.end_session(db, cookie)
    response = redirect("/login")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


# the account page ----------------------------------------------------------------------


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request, viewer: PageViewerDep, db: DbDep) -> Response:
    """API tokens, and coaching links: invitations to answer, coaches and athletes."""
    links = accounts.links_of(db, viewer.id)
    people = accounts.people(db, [x.coach_id for x in links] + [x.athlete_id for x in links])
    return render(
        request,
        "account.html",
        {
            "tokens": [t for t in accounts.api_tokens(db, viewer.id) if t.revoked_at is None],
            "new_secret": "",
            "links": links,
            "people": people,
        },
        viewer=viewer,
    )


@router.post("/account/tokens", response_class=HTMLResponse)
def create_token(
    request: Request, viewer: PageViewerDep, db: DbDep, name: Field = "", csrf_token: Field = ""
) -> Response:
    """Make an API token and show its secret this once."""
    check_csrf(request, viewer, csrf_token)
    made = accounts.create_api_token(db, viewer.id, name)
    links = accounts.links_of(db, viewer.id)
    people = accounts.people(db, [x.coach_id for x in links] + [x.athlete_id for x in links])
    return render(
        request,
        "account.html",
        {
            "tokens": [t for t in accounts.api_tokens(db, viewer.id) if t.revoked_at is None],
            "new_secret": made.secret,
            "links": links,
            "people": people,
        },
        viewer=viewer,
        status=201,
    )


@router.post("/account/tokens/{token_id}/revoke", response_class=HTMLResponse)
def revoke_token(
    request: Request, token_id: str, viewer: PageViewerDep, db: DbDep, csrf_token: Field = ""
) -> Response:
    """Revoke one of the viewer's tokens."""
    check_csrf(request, viewer, csrf_token)
    accounts.revoke_api_token(db, viewer.id, token_id)
    return redirect("/account", done="revoked")


@router.post("/account/invite", response_class=HTMLResponse)
def invite(
    request: Request, viewer: PageViewerDep, db: DbDep, email: Field = "", csrf_token: Field = ""
) -> Response:
    """A coach invites an athlete by e-mail address."""
    check_csrf(request, viewer, csrf_token)
    accounts.invite(db, viewer.user, email)
    return redirect("/account", done="invited")


@router.post("/account/links/{link_id}/{answer}", response_class=HTMLResponse)
def answer_link(
    request: Request,
    link_id: str,
    answer: str,
    viewer: PageViewerDep,
    db: DbDep,
    csrf_token: Field = "",
) -> Response:
    """Accept or decline an invitation, or end a coaching link (either side may)."""
    check_csrf(request, viewer, csrf_token)
    if answer in ("accept", "decline"):
        accounts.answer_invitation(db, viewer.id, link_id, accept=answer == "accept")
        return redirect("/account", done="accepted" if answer == "accept" else "declined")
    if answer == "revoke":
        accounts.revoke_link(db, viewer.id, link_id)
        return redirect("/account", done="ended")
    raise NotFound("There is no such page.", "Check the address.")
