"""Server-rendered pages."""

from __future__ import annotations

from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

router = APIRouter()


def error_page(request: Request, status: int, message: str, hint: str) -> HTMLResponse:
    """A page saying what went wrong and what to do."""
    body = f"<h1>{escape(message)}</h1><p>{escape(hint)}</p>"
    return HTMLResponse(f"<!doctype html><title>backcoach</title>{body}", status_code=status)
