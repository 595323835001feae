"""Rendering pages: the Jinja2 environment, the context every page gets, and redirects."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from backcoach import __version__
from backcoach.web.config import WebConfig
from backcoach.web.security import Viewer, check_csrf

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"

#: The navigation: (path, label, who sees it: "all", "coach").
NAV: tuple[tuple[str, str, str], ...] = (
    ("/today", "Today", "all"),
    ("/plan", "Plan", "all"),
    ("/history", "History", "all"),
    ("/progress", "Progress", "all"),
    ("/form-check", "Form check", "all"),
    ("/exercises", "Exercises", "all"),
    ("/data", "Your data", "all"),
    ("/coach", "Athletes", "coach"),
    ("/profile", "Profile", "all"),
    ("/account", "Account", "all"),
)


@cache
def environment() -> Environment:
    """The template environment: HTML escaped everywhere, undefined names are errors."""
    from jinja2 import StrictUndefined

    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(["html", "svg"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    env.filters["num"] = _num
    return env


def _num(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "-"
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def config_of(request: Request) -> WebConfig:
    """The app's settings."""
    config: WebConfig = request.app.state.config
    return config


def nav_for(viewer: Viewer | None) -> list[tuple[str, str]]:
    """The navigation links this viewer sees."""
    if viewer is None:
        return []
    coach = viewer.user.role in ("coach", "admin")
    return [(path, label) for path, label, who in NAV if who == "all" or coach]


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    viewer: Viewer | None = None,
    status: int = 200,
) -> HTMLResponse:
    """A page from ``template``: its context plus the viewer, CSRF token and navigation."""
    if viewer is None:
        viewer = getattr(request.state, "viewer", None)
    config = config_of(request)
    page: dict[str, Any] = {
        "request": request,
        "viewer": viewer,
        "csrf_token": viewer.csrf_token if viewer is not None else "",
        "nav": nav_for(viewer),
        "path": request.url.path,
        "local": config.local,
        "notice": NOTICES.get(request.query_params.get("done", ""), ""),
    }
    page.update(context or {})
    html = environment().get_template(template).render(page)
    response = HTMLResponse(html, status_code=status)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Content-Security-Policy"] = CSP
    return response


#: Only the app's own scripts, styles, images and media; nothing from elsewhere.
CSP = (
    "default-src 'self'; img-src 'self' data:; media-src 'self' blob:; "
    "style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)

#: Messages shown after a form was handled (the redirect names one with ``?done=``).
NOTICES: dict[str, str] = {
    "profile": "Profile saved. Make a plan from it below.",
    "plan": "Your new plan is ready.",
    "set": "Set logged.",
    "sets": "Sets logged.",
    "pain": "Pain check-in recorded.",
    "token": "Token created.",
    "revoked": "Token revoked.",
    "invited": "Invitation sent.",
    "accepted": "Invitation accepted: the coach can now read your log.",
    "declined": "Invitation declined.",
    "ended": "Coaching link ended.",
    "resumed": "Stop lifted. Your next sessions ramp back in gently.",
    "unit": "Unit saved.",
}


def redirect(path: str, **query: str) -> RedirectResponse:
    """See Other, to a page of this app (``path`` must start with one slash)."""
    if not path.startswith("/") or path.startswith("//"):
        path = "/"
    kept = {k: v for k, v in query.items() if v}
    target = path + ("?" + urlencode(kept) if kept else "")
    return RedirectResponse(target, status_code=303)


def safe_next(target: str | None) -> str:
    """A place to go after signing in: a path of this app, never another site."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def checked(request: Request, viewer: Viewer, form: Mapping[str, Any]) -> None:
    """Refuse a form without the session's CSRF token (raises CsrfRejected, a 403 page)."""
    token = form.get("csrf_token")
    check_csrf(request, viewer, token if isinstance(token, str) else None)
