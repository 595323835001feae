"""FastAPI dependencies shared by the API and the pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from backcoach.accounts import NotSignedIn
from backcoach.catalog.catalog import Catalog
from backcoach.store.database import Database
from backcoach.web.config import WebConfig
from backcoach.web.security import Viewer, check_csrf, identify


class LoginRequired(NotSignedIn):
    """A page that needs a signed-in person; the app answers with the sign-in page."""


# The three getters below do no I/O, so they are ``async``: FastAPI then calls them on the
# event loop instead of sending each to the thread pool, a hop per dependency per request.


async def get_db(request: Request) -> Database:
    """The app's database."""
    db: Database = request.app.state.db
    return db


async def get_catalog(request: Request) -> Catalog:
    """The validated exercise catalog."""
    catalog: Catalog = request.app.state.catalog
    return catalog


async def get_config(request: Request) -> WebConfig:
    """The app's settings."""
    config: WebConfig = request.app.state.config
    return config


def api_viewer(request: Request) -> Viewer:
    """The signed-in caller of an API route; changes by cookie need the CSRF header."""
    viewer = identify(request, request.app.state.db)
    if viewer is None:
        raise NotSignedIn(
            "Sign in first.",
            "Send 'Authorization: Bearer <token>' or sign in at /login.",
        )
    check_csrf(request, viewer)
    return viewer


def optional_viewer(request: Request) -> Viewer | None:
    """The caller when signed in, else None (for sign-in and registration)."""
    return identify(request, request.app.state.db)


def page_viewer(request: Request) -> Viewer:
    """The signed-in person of a page; anyone else is sent to the sign-in page.

    Pages check CSRF in their form handlers (the token arrives in the form body).
    """
    viewer = identify(request, request.app.state.db)
    if viewer is None:
        raise LoginRequired("Sign in to see this page.", "")
    return viewer


DbDep = Annotated[Database, Depends(get_db)]
CatalogDep = Annotated[Catalog, Depends(get_catalog)]
ConfigDep = Annotated[WebConfig, Depends(get_config)]
ViewerDep = Annotated[Viewer, Depends(api_viewer)]
OptionalViewerDep = Annotated["Viewer | None", Depends(optional_viewer)]
PageViewerDep = Annotated[Viewer, Depends(page_viewer)]
