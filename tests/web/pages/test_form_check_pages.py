"""The form-check pages without JavaScript: a plain form post, then the report page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from backcoach import jobs
from tests.jobs import clips
from tests.web.conftest import Server
from tests.web.pages.conftest import csrf_of


@pytest.fixture
def app_here(local: Server) -> Iterator[Server]:
    """The local app (form checks run in its thread), its runner stopped afterwards."""
    yield local
    local.app.state.jobs.close()


@pytest.fixture(scope="module")
def empty_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return clips.empty_clip(tmp_path_factory.mktemp("clips") / "empty.mp4")


def test_a_clip_sent_without_javascript_goes_to_its_report_page(
    app_here: Server, empty_video: Path
) -> None:
    client = app_here.client()
    csrf = csrf_of(client, "/form-check")
    with empty_video.open("rb") as fh:
        answer = client.post(
            "/form-check",
            data={"csrf_token": csrf},
            files={"file": ("empty.mp4", fh, "video/mp4")},
            follow_redirects=False,
        )
    assert answer.status_code == 303
    found = re.fullmatch(r"/form-check/([\w-]+)", answer.headers["location"])
    assert found
    job_id = found.group(1)
    clips.poll(lambda: {"status": jobs.form_check(app_here.db, "local", job_id).status}, clips.over)
    page = client.get(answer.headers["location"])
    assert page.status_code == 200
    assert "The check failed" in page.text  # nobody is in this clip
    assert "empty.mp4" in client.get("/form-check").text


def test_a_running_check_refreshes_itself_without_javascript(
    app_here: Server, empty_video: Path
) -> None:
    client = app_here.client()
    csrf = csrf_of(client, "/form-check")
    with empty_video.open("rb") as fh:
        answer = client.post(
            "/form-check",
            data={"csrf_token": csrf},
            files={"file": ("empty.mp4", fh, "video/mp4")},
        )
    text = answer.text
    assert ('http-equiv="refresh"' in text) or ("The check failed" in text)


def test_a_forged_upload_is_refused_and_nothing_is_kept(
    app_here: Server, empty_video: Path
) -> None:
    client = app_here.client()
    client.get("/form-check")
    with empty_video.open("rb") as fh:
        answer = client.post(
            "/form-check",
            data={"csrf_token": "forged"},
            files={"file": ("empty.mp4", fh, "video/mp4")},
        )
    assert answer.status_code == 403
    assert jobs.form_checks(app_here.db, "local") == []
    folder = app_here.config.upload_dir
    assert not folder.exists() or not any(p.is_file() for p in folder.rglob("*"))
