"""Server-rendered pages: HTML forms that work without JavaScript, over the same use cases.

Each module holds the pages of one part of the app; this one gathers their routers and
renders the error page every page error goes through.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from backcoach.web.pages import (
    account_pages,
    coach_pages,
    form_check_pages,
    interop_pages,
    library_pages,
    training_pages,
)
from backcoach.web.pages.render import render

router = APIRouter(include_in_schema=False)
for _module in (
    account_pages,
    training_pages,
    library_pages,
    form_check_pages,
    coach_pages,
    interop_pages,
):
    router.include_router(_module.router)


def error_page(request: Request, status: int, message: str, hint: str) -> HTMLResponse:
    """A page saying what went wrong and what to do."""
    try:
        return render(
            request,
            "error.html",
            {"status": status, "message": message, "hint": hint},
            status=status,
        )
    except Exception:  # pragma: no cover - the last resort must not fail in turn
        from html import escape

        body = f"<h1>{escape(message)}</h1><p>{escape(hint)}</p>"
        return HTMLResponse(f"<!doctype html><title>backcoach</title>{body}", status_code=status)
