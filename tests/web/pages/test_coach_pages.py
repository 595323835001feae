"""The coach's pages: the dashboard links to each athlete's form checks, read-only.

A coach reads an athlete's form checks only once the athlete has accepted; before that,
after the link ends, and for anyone else, the pages are the same 404 as an unknown id.
"""

from __future__ import annotations

from collections.abc import Callable

from backcoach import accounts, jobs
from tests.web.conftest import Person, Server
from tests.web.pages.conftest import csrf_of
from tests.web.pages.test_form_check_pages import SHRUG, cards_of, finished_check


def invite(coach: Person, athlete: Person) -> None:
    answer = coach.client.post(
        "/account/invite", data={"csrf_token": csrf_of(coach.client), "email": athlete.email}
    )
    assert answer.status_code == 200, answer.text


def answer_link(server: Server, athlete: Person, verb: str) -> None:
    (link,) = accounts.links_of(server.db, athlete.id)
    athlete.client.post(
        f"/account/links/{link.id}/{verb}", data={"csrf_token": csrf_of(athlete.client)}
    )


def test_a_coach_reads_an_accepted_athletes_form_checks(
    server: Server, browser: Callable[..., Person]
) -> None:
    coach = browser("coach", "Cora")
    ana = browser("athlete", "Ana")
    job_id = finished_check(server, ana.id)
    listing = f"/athletes/{ana.id}/form-checks"
    report = f"{listing}/{job_id}"
    video = f"/api/v1/users/{ana.id}/form-checks/{job_id}/video"

    assert coach.client.get(listing).status_code == 404
    invite(coach, ana)
    for path in (listing, report, video):
        assert coach.client.get(path).status_code == 404, path

    answer_link(server, ana, "accept")
    dashboard = coach.client.get("/coach").text
    assert f'href="{listing}"' in dashboard
    page = coach.client.get(listing)
    assert page.status_code == 200
    assert "Ana's form checks" in page.text
    assert f'href="{report}"' in page.text
    assert "Overhead dumbbell raise, 2 reps" in page.text

    shown = coach.client.get(report)
    assert shown.status_code == 200
    assert "Read only" in shown.text
    assert len(cards_of(shown.text)) == 3
    assert SHRUG.cue in cards_of(shown.text)[1]
    assert f'src="{video}"' in shown.text
    assert f'href="{listing}"' in shown.text  # back to the athlete's list
    assert "upload-form" not in shown.text
    assert coach.client.get(video).status_code == 200

    answer_link(server, ana, "revoke")
    for path in (listing, report):
        assert coach.client.get(path).status_code == 404, path


def test_other_people_and_other_peoples_checks_get_404_pages(
    server: Server, browser: Callable[..., Person]
) -> None:
    coach = browser("coach")
    ana = browser("athlete", "Ana")
    eve = browser("athlete", "Eve")
    anas = finished_check(server, ana.id)
    eves = finished_check(server, eve.id)
    invite(coach, ana)
    answer_link(server, ana, "accept")

    for path in (f"/athletes/{ana.id}/form-checks", f"/athletes/{ana.id}/form-checks/{anas}"):
        page = eve.client.get(path)
        assert page.status_code == 404, path
        assert "There is nothing here." in page.text
    # Eve's check is not Ana's, whoever asks; Eve has not accepted this coach.
    assert coach.client.get(f"/athletes/{ana.id}/form-checks/{eves}").status_code == 404
    assert coach.client.get(f"/athletes/{eve.id}/form-checks/{eves}").status_code == 404
    assert coach.client.get(f"/athletes/{eve.id}/form-checks").status_code == 404
    # Reading changes nothing.
    assert [j.id for j in jobs.form_checks(server.db, ana.id)] == [anas]


def test_an_athlete_without_form_checks_is_shown_what_they_can_do(
    server: Server, browser: Callable[..., Person]
) -> None:
    coach = browser("coach")
    ana = browser("athlete", "Ana")
    invite(coach, ana)
    answer_link(server, ana, "accept")
    page = coach.client.get(f"/athletes/{ana.id}/form-checks").text
    assert "has not sent a clip" in page


def test_a_coach_without_athletes_is_told_how_to_invite(browser: Callable[..., Person]) -> None:
    page = browser("coach").client.get("/coach").text
    assert "No athlete has accepted you yet" in page
    assert 'href="/account"' in page
