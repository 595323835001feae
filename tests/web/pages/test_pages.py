"""The pages over TestClient, in server mode on both engines and in local mode.

Each page renders for its owner; server mode sends strangers to sign in; forms without the
session's CSRF token, or from an expired session, change nothing; another person's ids in
an address give a 404 page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from backcoach import accounts, coaching, services
from backcoach.web.security import SESSION_COOKIE
from tests.web.conftest import PASSWORD, Person, Server
from tests.web.pages.conftest import csrf_of

PAGES = [
    "/",
    "/profile",
    "/plan",
    "/today",
    "/history",
    "/progress",
    "/exercises",
    "/exercises/bent-over-row",
    "/form-check",
    "/account",
]
PROFILE = {
    "experience": "novice",
    "equipment": ["dumbbells", "pull-up-bar"],
    "days_per_week": "3",
    "minutes_per_session": "40",
    "goal": "prevention",
    "weeks": "6",
    "max_pullups": "5",
}


def profile_form(csrf: str, **changes: object) -> dict[str, object]:
    return {"csrf_token": csrf, "start_date": date.today().isoformat(), **PROFILE, **changes}


def with_plan(server: Server, person: Person) -> None:
    csrf = csrf_of(person.client)
    assert person.client.post("/profile", data=profile_form(csrf)).status_code == 200
    assert person.client.post("/plan", data={"csrf_token": csrf}).status_code == 200


def snapshot(server: Server, person: Person) -> dict[str, object]:
    """Everything stored about a person's training, but the time of the export."""
    stored = services.export_user(server.db, person.id)
    stored.pop("exported_at", None)
    stored["plan"] = coaching.active_program(server.db, person.id) is not None
    stored["stop"] = coaching.current_stop(server.db, person.id)
    return stored


def sets_of(server: Server, person: Person) -> int:
    return len(services.training_record(server.db, person.id).sets)


# rendering -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_each_page_renders_for_its_owner_with_navigation(
    path: str, browser: Callable[..., Person]
) -> None:
    ana = browser("athlete", "Ana")
    page = ana.client.get(path)
    assert page.status_code == 200, page.text
    assert page.headers["content-type"].startswith("text/html")
    assert '<nav aria-label="Main">' in page.text
    assert 'href="/static/app.css' in page.text
    assert "Signed in as Ana" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert "http://" not in page.text.replace('xmlns="http://www.w3.org/2000/svg"', "")


@pytest.mark.parametrize("path", [*PAGES, "/coach"])
def test_server_mode_sends_strangers_to_sign_in(path: str, server: Server) -> None:
    page = server.client().get(path, follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"].startswith("/login?next=")


def test_the_local_app_signs_its_person_in_and_has_no_sign_in_pages(local: Server) -> None:
    client = local.client()
    for path in PAGES:
        assert client.get(path).status_code == 200, path
    assert client.get("/login", follow_redirects=False).headers["location"] == "/"
    assert client.get("/register", follow_redirects=False).status_code == 303
    fresh = local.client()
    assert fresh.get("/today").status_code == 200
    assert "Sign out" not in fresh.get("/today").text


def test_static_assets_are_served_by_the_app(server: Server) -> None:
    client = server.client()
    for asset, kind in (("app.css", "text/css"), ("app.js", "javascript"), ("icon.svg", "svg")):
        answer = client.get(f"/static/{asset}")
        assert answer.status_code == 200
        assert kind in answer.headers["content-type"]


def test_an_unknown_page_is_a_404_page(browser: Callable[..., Person]) -> None:
    page = browser().client.get("/no-such-page")
    assert page.status_code == 404
    assert "There is no such page." in page.text
    assert "<!doctype html>" in page.text


# accounts ------------------------------------------------------------------------------


def test_registering_through_the_form_signs_in_and_goes_to_the_profile(server: Server) -> None:
    client = server.client()
    form = client.get("/register")
    token = re.search(r'name="form_token" value="([^"]+)"', form.text)
    assert token
    answer = client.post(
        "/register",
        data={
            "form_token": token.group(1),
            "name": "Bea",
            "email": "bea@example.com",
            "password": PASSWORD,
            "role": "athlete",
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/profile"
    assert "Signed in as Bea" in client.get("/profile").text


def test_a_registration_without_the_form_token_is_refused(server: Server) -> None:
    client = server.client()
    client.get("/register")
    answer = client.post(
        "/register",
        data={"form_token": "forged", "email": "eve@example.com", "password": PASSWORD},
    )
    assert answer.status_code == 403
    assert "security token" in answer.text
    with server.db.session() as s:
        from backcoach.store.accounts_repository import AccountsRepository

        assert AccountsRepository(s).user_by_email("eve@example.com") is None


def test_signing_in_and_a_wrong_password(server: Server, person: Callable[..., Person]) -> None:
    ana = person()
    client = server.client()
    token = re.search(r'name="form_token" value="([^"]+)"', client.get("/login").text)
    assert token
    wrong = client.post(
        "/login", data={"form_token": token.group(1), "email": ana.email, "password": "x" * 9}
    )
    assert wrong.status_code == 401
    assert "The e-mail address or the password is wrong." in wrong.text
    right = client.post(
        "/login",
        data={
            "form_token": token.group(1),
            "email": ana.email,
            "password": PASSWORD,
            "next": "/history",
        },
        follow_redirects=False,
    )
    assert right.status_code == 303
    assert right.headers["location"] == "/history"


def test_sign_in_never_sends_the_browser_to_another_site(
    server: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    client = server.client()
    token = re.search(r'name="form_token" value="([^"]+)"', client.get("/login").text)
    assert token
    answer = client.post(
        "/login",
        data={
            "form_token": token.group(1),
            "email": ana.email,
            "password": PASSWORD,
            "next": "//evil.example.com/",
        },
        follow_redirects=False,
    )
    assert answer.headers["location"] == "/"


def test_signing_out_needs_the_csrf_token(browser: Callable[..., Person]) -> None:
    ana = browser()
    assert ana.client.post("/logout", data={"csrf_token": "forged"}).status_code == 403
    assert ana.client.get("/today").status_code == 200
    csrf = csrf_of(ana.client)
    answer = ana.client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert answer.headers["location"] == "/login"
    assert ana.client.get("/today", follow_redirects=False).status_code == 303


def test_an_expired_session_is_sent_to_sign_in_and_changes_nothing(
    server: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    expired = accounts.start_session(server.db, ana.id, lifetime=timedelta(seconds=-1))
    client = server.client()
    client.cookies.set(SESSION_COOKIE, expired.token)
    assert client.get("/today", follow_redirects=False).status_code == 303
    answer = client.post(
        "/today/sets",
        data={"csrf_token": expired.csrf_token, "exercise": "bent-over-row", "sets": "3x8@40kg"},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login")
    assert sets_of(server, ana) == 0


# forms and CSRF ------------------------------------------------------------------------


def test_a_profile_and_a_plan_through_the_forms(
    server: Server, browser: Callable[..., Person]
) -> None:
    ana = browser()
    csrf = csrf_of(ana.client)
    saved = ana.client.post("/profile", data=profile_form(csrf), follow_redirects=False)
    assert saved.headers["location"] == "/plan?done=profile"
    assert coaching.load_profile(server.db, ana.id, server.app.state.catalog) is not None
    plan = ana.client.post("/plan", data={"csrf_token": csrf})
    assert plan.status_code == 200
    assert "Your new plan is ready." in plan.text
    assert 'class="calendar"' in plan.text
    assert "Week 1" in plan.text


def test_a_bad_profile_comes_back_with_every_problem_and_is_not_stored(
    server: Server, browser: Callable[..., Person]
) -> None:
    ana = browser()
    csrf = csrf_of(ana.client)
    answer = ana.client.post(
        "/profile", data=profile_form(csrf, days_per_week="1", minutes_per_session="5")
    )
    assert answer.status_code == 422
    assert "days_per_week" in answer.text
    assert "minutes_per_session" in answer.text
    assert coaching.load_profile(server.db, ana.id, server.app.state.catalog) is None


FORMS = [
    ("/profile", lambda: profile_form("forged")),
    ("/plan", lambda: {"csrf_token": "forged"}),
    ("/today/sets", lambda: {"csrf_token": "forged", "exercise": "row", "sets": "3x8@40kg"}),
    ("/today/pain", lambda: {"csrf_token": "forged", "score": "8", "region": "lower-back"}),
    ("/today/resume", lambda: {"csrf_token": "forged", "cleared": "yes"}),
    ("/account/tokens", lambda: {"csrf_token": "forged", "name": "script"}),
    ("/account/invite", lambda: {"csrf_token": "forged", "email": "x@example.com"}),
]


@pytest.mark.parametrize(("path", "form"), FORMS)
def test_a_form_with_a_forged_csrf_token_is_refused_and_changes_nothing(
    path: str, form: Callable[[], dict[str, object]], server: Server, browser: Callable[..., Person]
) -> None:
    ana = browser("coach")
    before = snapshot(server, ana)
    tokens = accounts.api_tokens(server.db, ana.id)
    for data in (form(), {k: v for k, v in form().items() if k != "csrf_token"}):
        answer = ana.client.post(path, data=data)
        assert answer.status_code == 403, answer.text
        assert "security token" in answer.text
        assert "<!doctype html>" in answer.text
    assert snapshot(server, ana) == before
    assert accounts.api_tokens(server.db, ana.id) == tokens
    assert accounts.links_of(server.db, ana.id) == []
    assert coaching.load_profile(server.db, ana.id, server.app.state.catalog) is None


def test_logging_a_set_and_a_pain_check_in(server: Server, browser: Callable[..., Person]) -> None:
    ana = browser()
    with_plan(server, ana)
    csrf = csrf_of(ana.client, "/today")
    logged = ana.client.post(
        "/today/sets",
        data={
            "csrf_token": csrf,
            "exercise": "bent-over-row",
            "reps": "8",
            "load": "40",
            "rpe": "8",
            "rest": "90",
            "client_id": "form-1",
        },
        follow_redirects=False,
    )
    assert logged.headers["location"] == "/today?done=set&rest=90"
    again = {"csrf_token": csrf, "exercise": "bent-over-row", "reps": "8", "client_id": "form-1"}
    ana.client.post("/today/sets", data=again)  # a double tap stores once
    assert sets_of(server, ana) == 1
    today = ana.client.get("/today?done=set&rest=90")
    assert 'data-seconds="90"' in today.text
    assert "8 reps @ 40 kg, RPE 8" in today.text

    pain = ana.client.post(
        "/today/pain",
        data={"csrf_token": csrf, "score": "8", "region": "lower-back", "notes": "sharp"},
    )
    assert "Pain check-in recorded." in pain.text
    assert "Back training is stopped" in pain.text
    assert "sharp" in ana.client.get("/history").text


def test_a_bad_set_is_refused_with_a_page_and_nothing_stored(
    server: Server, browser: Callable[..., Person]
) -> None:
    ana = browser()
    csrf = csrf_of(ana.client, "/today")
    for data in (
        {"exercise": "bent-over-row", "sets": "lots"},
        {"exercise": "swimming", "sets": "3x8"},
        {"exercise": "no-such-thing", "sets": "3x8"},
    ):
        answer = ana.client.post("/today/sets", data={"csrf_token": csrf, **data})
        assert answer.status_code in (400, 422), answer.text
        assert "<!doctype html>" in answer.text
    assert sets_of(server, ana) == 0


def test_progress_charts_follow_the_log(server: Server, browser: Callable[..., Person]) -> None:
    ana = browser()
    empty = ana.client.get("/progress").text
    assert 'id="e1rm"' in empty
    assert "svg" not in empty.split('id="e1rm"')[1].split("</section>")[0]
    csrf = csrf_of(ana.client, "/today")
    ana.client.post(
        "/today/sets",
        data={"csrf_token": csrf, "exercise": "barbell-shrug", "sets": "3x8@60kg", "rpe": "8"},
    )
    page = ana.client.get("/progress").text
    e1rm = page.split('id="e1rm"')[1].split("</section>")[0]
    assert 'class="chart"' in e1rm
    assert "Estimated 1RM: Barbell shrug" in e1rm
    assert page.count('class="chart"') == 2  # 1RM and the muscles' volume; no pull-ups, no pain


# accounts page, coaches and other people's ids -----------------------------------------


def test_api_tokens_are_made_shown_once_and_revoked(
    server: Server, browser: Callable[..., Person]
) -> None:
    ana = browser()
    csrf = csrf_of(ana.client)
    made = ana.client.post("/account/tokens", data={"csrf_token": csrf, "name": "sheet"})
    assert made.status_code == 201
    secret = re.search(r'id="new-token">(bc_[^<]+)<', made.text)
    assert secret
    assert secret.group(1) not in ana.client.get("/account").text
    (token,) = accounts.api_tokens(server.db, ana.id)
    assert accounts.token_user(server.db, secret.group(1)) is not None
    ana.client.post(f"/account/tokens/{token.id}/revoke", data={"csrf_token": csrf})
    assert accounts.token_user(server.db, secret.group(1)) is None


def test_a_coach_invites_the_athlete_accepts_and_can_revoke(
    server: Server, browser: Callable[..., Person]
) -> None:
    coach = browser("coach", "Cora")
    ana = browser("athlete", "Ana")
    coach.client.post(
        "/account/invite", data={"csrf_token": csrf_of(coach.client), "email": ana.email}
    )
    account = ana.client.get("/account").text
    assert "Cora" in account
    assert "wants to read your log" in account
    (link,) = accounts.links_of(server.db, ana.id)
    assert coach.client.get(f"/athletes/{ana.id}/progress").status_code == 404

    csrf = csrf_of(ana.client)
    ana.client.post(f"/account/links/{link.id}/accept", data={"csrf_token": csrf})
    assert coach.client.get(f"/athletes/{ana.id}/progress").status_code == 200
    assert coach.client.get(f"/athletes/{ana.id}/history").status_code == 200
    assert coach.client.get(f"/athletes/{ana.id}/plan").status_code == 200
    dashboard = coach.client.get("/coach")
    assert dashboard.status_code == 200
    assert "Ana" in dashboard.text

    ana.client.post(f"/account/links/{link.id}/revoke", data={"csrf_token": csrf})
    assert coach.client.get(f"/athletes/{ana.id}/progress").status_code == 404
    assert "Ana" not in coach.client.get("/coach").text


def test_an_athlete_can_decline(server: Server, browser: Callable[..., Person]) -> None:
    coach = browser("coach")
    ana = browser()
    coach.client.post(
        "/account/invite", data={"csrf_token": csrf_of(coach.client), "email": ana.email}
    )
    (link,) = accounts.links_of(server.db, ana.id)
    ana.client.post(f"/account/links/{link.id}/decline", data={"csrf_token": csrf_of(ana.client)})
    assert accounts.links_of(server.db, ana.id)[0].status == "declined"
    assert coach.client.get(f"/athletes/{ana.id}/history").status_code == 404


def test_the_coach_dashboard_is_for_coaches(browser: Callable[..., Person]) -> None:
    page = browser("athlete").client.get("/coach")
    assert page.status_code == 403
    assert "for coaches" in page.text


def test_another_persons_ids_give_404_pages_and_change_nothing(
    server: Server, browser: Callable[..., Person]
) -> None:
    ana = browser()
    eve = browser()
    made = accounts.create_api_token(server.db, ana.id, "ana's")
    coach = browser("coach")
    coach.client.post(
        "/account/invite", data={"csrf_token": csrf_of(coach.client), "email": ana.email}
    )
    (link,) = accounts.links_of(server.db, ana.id)
    csrf = csrf_of(eve.client)
    for path in (
        f"/athletes/{ana.id}/progress",
        f"/athletes/{ana.id}/history",
        f"/athletes/{ana.id}/plan",
    ):
        page = eve.client.get(path)
        assert page.status_code == 404
        assert "There is nothing here." in page.text
    for path in (
        f"/account/tokens/{made.token.id}/revoke",
        f"/account/links/{link.id}/accept",
        f"/account/links/{link.id}/revoke",
    ):
        answer = eve.client.post(path, data={"csrf_token": csrf})
        assert answer.status_code == 404, path
    assert accounts.token_user(server.db, made.secret) is not None
    assert accounts.links_of(server.db, ana.id)[0].status == "invited"
    assert eve.client.get("/form-check/not-a-job-of-yours").status_code == 404
