"""A form-check report on a phone: a card per rep, fault times that show the video at that
moment; then the athlete's coach reads the same report from the dashboard.

The report is stored as made by the page tests (known reps and faults), over a real clip
as its video, so that the browser has something to seek in.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from backcoach import accounts
from tests.jobs import clips
from tests.web.conftest import PASSWORD
from tests.web.e2e.conftest import LAPTOP, LiveServer, Shots
from tests.web.e2e.test_journey import fits
from tests.web.pages.test_form_check_pages import SHRUG, made_report


@pytest.fixture(scope="module")
def raise_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return clips.raise_clip(tmp_path_factory.mktemp("clips") / "annotated.mp4")


def sign_in(page: Page, base: str, email: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/login"))


def test_fault_times_seek_the_video_and_the_coach_reads_the_report(
    live_server: LiveServer, browser: BrowserContext, page: Page, shots: Shots, raise_video: Path
) -> None:
    from backcoach.store.jobs_repository import JobsRepository
    from backcoach.training.entries import new_id, utc_now

    db, base = live_server.db, live_server.url
    tag = uuid.uuid4().hex[:6]
    ana = accounts.create_user(db, f"ana-{tag}@example.com", PASSWORD, "Ana", "athlete")
    cora = accounts.create_user(db, f"cora-{tag}@example.com", PASSWORD, "Cora", "coach")
    link = accounts.invite(db, cora, ana.email)
    accounts.answer_invitation(db, ana.id, link.id, accept=True)
    job_id = new_id()
    annotated = f"{ana.id}/{job_id}/annotated.mp4"
    (live_server.upload_dir / annotated).parent.mkdir(parents=True)
    (live_server.upload_dir / annotated).write_bytes(raise_video.read_bytes())
    with db.session(write=True) as s:
        repo = JobsRepository(s)
        repo.add(job_id, ana.id, None, "my set.mp4", f"{ana.id}/{job_id}/x.mp4", utc_now())
        repo.claim(job_id, utc_now())
        repo.finish(job_id, made_report().model_dump(mode="json"), annotated, utc_now())

    sign_in(page, base, ana.email)
    page.goto(f"{base}/form-check/{job_id}")
    cards = page.locator("#rep-cards > li")
    expect(cards).to_have_count(3)
    expect(cards.nth(1)).to_contain_text(SHRUG.cue)
    fits(page)
    video = page.locator("#fc-video")
    page.wait_for_function("document.getElementById('fc-video').readyState >= 1", timeout=30_000)
    seek = cards.nth(1).get_by_role("button", name="Show the video at 2.4 s")
    expect(seek).to_be_visible()
    box = seek.bounding_box()
    assert box is not None
    assert box["height"] >= 40  # a finger's target
    seek.click()
    page.wait_for_function(
        "Math.abs(document.getElementById('fc-video').currentTime - 2.4) < 0.06", timeout=10_000
    )
    assert video.evaluate("v => v.paused")
    shots(page, "report-phone")

    # The coach: the dashboard, the athlete's form checks, the same report, read-only.
    browser.clear_cookies()
    sign_in(page, base, cora.email)
    page.goto(base + "/coach")
    fits(page)
    shots(page, "coach-dashboard")
    page.get_by_role("link", name="Form checks").click()
    expect(page).to_have_url(re.compile(rf"/athletes/{ana.id}/form-checks$"))
    fits(page)
    shots(page, "coach-form-checks")
    page.get_by_role("link", name="my set.mp4").click()
    expect(page.get_by_text("Read only")).to_be_visible()
    expect(page.locator("#rep-cards > li")).to_have_count(3)
    answer = page.request.get(f"{base}/api/v1/users/{ana.id}/form-checks/{job_id}/video")
    assert answer.status == 200
    fits(page)
    shots(page, "coach-report-phone")
    page.set_viewport_size(LAPTOP)
    expect(page.locator("#rep-table")).to_be_visible()
    shots(page, "coach-report-laptop")
