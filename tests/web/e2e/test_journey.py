"""A person's first days, in a real browser on a phone-sized screen, against a real server.

Register, set a profile, get a plan, log a workout and a pain check-in, see the charts
change, and send a short video for a form check and read its report. Every step is
photographed into ``artifacts/``.
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.jobs import clips
from tests.web.e2e.conftest import LAPTOP, PHONE, LiveServer, Shots

PASSWORD = "correct horse battery staple"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@pytest.fixture(scope="module")
def raise_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return clips.raise_clip(tmp_path_factory.mktemp("clips") / "my-set.mp4")


def chart_count(page: Page, section: str) -> int:
    return page.locator(f"#{section} svg.chart").count()


def fits(page: Page) -> None:
    """Nothing on the page is wider than the screen: no sideways scrolling."""
    wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert wide <= 0, f"the page is {wide} px wider than the screen"


def test_register_plan_log_chart_and_check_form(
    live_server: LiveServer, page: Page, shots: Shots, raise_video: Path
) -> None:
    base = live_server.url
    # Signing in is required: the start page sends a stranger to the sign-in form.
    page.goto(base + "/")
    expect(page).to_have_url(re.compile(r"/login\?next=/$"))
    shots(page, "sign-in")

    page.get_by_role("link", name="Register").click()
    page.get_by_label("Your name").fill("Ana")
    page.get_by_label("E-mail").fill(f"ana-{uuid.uuid4().hex[:6]}@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    shots(page, "register")
    page.get_by_role("button", name="Create my account").click()

    # The profile: today and two other days, so that today is a training day.
    expect(page).to_have_url(re.compile(r"/profile$"))
    today = date.today().weekday()
    days = {WEEKDAYS[today], WEEKDAYS[(today + 2) % 7], WEEKDAYS[(today + 4) % 7]}
    for day in days:
        page.locator(f"input[name=weekdays][value={day}]").check()
    page.get_by_label("Training days per week").fill("3")
    page.get_by_label("Minutes per session").fill("40")
    page.get_by_label("Strict pull-ups you can do").fill("6")
    shots(page, "profile")
    page.get_by_role("button", name="Save profile").click()

    expect(page).to_have_url(re.compile(r"/plan\?done=profile$"))
    expect(page.get_by_role("status")).to_contain_text("Profile saved")
    page.get_by_role("button", name="Make my plan").click()
    expect(page.get_by_role("status")).to_contain_text("Your new plan is ready")
    expect(page.locator("table.calendar td.session").first).to_be_visible()
    assert page.locator("table.calendar td.today.session").count() == 1
    shots(page, "plan")

    # Before training, the charts have nothing to show.
    page.goto(base + "/progress")
    assert chart_count(page, "e1rm") == 0
    assert chart_count(page, "volume") == 0
    shots(page, "progress-empty")

    # Today's session: log the first exercise's set as prescribed; the rest timer starts.
    page.goto(base + "/today")
    exercises = page.locator("section.exercise")
    assert exercises.count() >= 1
    shots(page, "today")
    exercises.first.get_by_role("button", name="Log set").click()
    expect(page.get_by_role("status").first).to_contain_text("Set logged")
    timer = page.get_by_role("timer")
    expect(timer).to_be_visible()
    expect(timer.locator(".clock")).not_to_have_text(re.compile(r"^0 s$"))
    shots(page, "rest-timer")

    # A weighted exercise by its one-line form, then a pain check-in.
    page.get_by_text("Log another exercise").click()
    page.get_by_label("Exercise", exact=True).select_option("barbell-shrug")
    page.get_by_label("Sets, e.g.").fill("3x8@60kg")
    page.get_by_label("RPE").last.fill("8")
    page.get_by_role("button", name="Log", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text("Sets logged")
    expect(page.locator("#done-title")).to_be_visible()
    page.locator("label.pill", has_text=re.compile(r"^2$")).click()
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_role("status").first).to_contain_text("Pain check-in recorded")
    shots(page, "logged")

    page.goto(base + "/history")
    expect(page.locator("section.session").first).to_contain_text("8 reps @ 60 kg")
    shots(page, "history")

    # The charts now show the workout: an estimated 1RM, weekly volume, pain.
    page.goto(base + "/progress")
    assert chart_count(page, "e1rm") >= 1
    # All the muscles in one chart: a panel for each muscle the shrug and the raise worked.
    assert chart_count(page, "volume") == 1
    assert page.locator("#volume svg.chart g.series").count() >= 4
    expect(page.locator("#e1rm svg.chart title").first).to_contain_text("Estimated 1RM")
    expect(page.locator("#pain svg.chart desc")).to_contain_text("latest 2")
    fits(page)
    shots(page, "progress")
    page.set_viewport_size(LAPTOP)
    fits(page)
    shots(page, "progress-laptop")
    page.set_viewport_size(PHONE)

    # The form check: the clip goes up by XHR, then the page follows the job to its report.
    page.goto(base + "/form-check")
    page.get_by_label("Video of your set").set_input_files(str(raise_video))
    page.get_by_label("Exercise").select_option(clips.EXERCISE)
    shots(page, "form-check")
    page.get_by_role("button", name="Check my form").click()
    expect(page).to_have_url(re.compile(r"/form-check/[A-Za-z0-9_-]+$"), timeout=60_000)
    shots(page, "form-check-running")
    # On a phone, a card per rep; on a laptop, the table.
    expect(page.locator("#rep-cards")).to_be_visible(timeout=240_000)
    expect(page.locator("#rep-count")).to_have_text(str(clips.REPS))
    assert page.locator("#rep-cards > li").count() >= clips.REPS
    expect(page.locator("#rep-table")).to_be_hidden()
    video = page.locator("video")
    expect(video).to_be_visible()
    source = video.get_attribute("src") or ""
    answer = page.request.get(base + source)
    assert answer.status == 200
    assert answer.headers["content-type"] == "video/mp4"
    fits(page)
    shots(page, "form-check-report")
    page.set_viewport_size(LAPTOP)
    expect(page.locator("#rep-table")).to_be_visible()
    expect(page.locator("#rep-cards")).to_be_hidden()
    assert page.locator("#rep-table tbody tr").count() >= clips.REPS
    shots(page, "form-check-report-laptop")
