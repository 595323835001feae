"""Helpers for the page tests: a signed-in browser-like client that sends forms."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import Person, Server, sign_up

_CSRF = re.compile(r'name="csrf_token" value="([^"]*)"')


def csrf_of(client: TestClient, path: str = "/account") -> str:
    """The CSRF token a page's forms carry."""
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = _CSRF.search(page.text)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def as_browser(person: Person) -> Person:
    """The person's client without the API's CSRF header: forms must carry the token."""
    person.client.headers.pop("X-CSRF-Token", None)
    return person


@pytest.fixture
def browser(server: Server) -> Callable[..., Person]:
    """``browser(role="athlete")``: a new account signed in, sending forms like a browser."""

    def make(role: str = "athlete", name: str = "") -> Person:
        return as_browser(sign_up(server, role, name))

    return make
