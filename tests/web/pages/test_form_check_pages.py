"""The form-check pages without JavaScript: a plain form post, then the report page.

The report's rep cards and table are checked on a stored report made here, so that each
field has a known value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backcoach import jobs
from backcoach.store.jobs_repository import JobsRepository
from backcoach.training.entries import new_id, utc_now
from backcoach.vision.report import ClipInfo, FaultEvent, FormReport, Rep
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


# the report ----------------------------------------------------------------------------


def _rep(index: int, count: int | None, faults: list[FaultEvent], **extra: Any) -> Rep:
    start = 1.5 * (index - 1)
    return Rep(
        index=index,
        count=count,
        full=count is not None,
        start_s=start,
        peak_s=start + 0.6,
        end_s=start + 1.4,
        concentric_s=0.6,
        top_hold_s=0.3,
        eccentric_s=0.5,
        range=80.0 if count else 30.0,
        range_unit="deg",
        range_normalised=1.0 if count else 0.4,
        confidence=0.9,
        faults=faults,
        **extra,
    )


SHRUG = FaultEvent(
    id="shrug",
    name="Shoulders shrug",
    cue="Keep your shoulders down.",
    time_s=2.4,
    rep=2,
    measure="shrug",
    value=25.0,
    low=0.0,
    high=15.0,
    unit="deg",
)
ARCH = FaultEvent(id="arch", name="Back arches", cue="Brace your belly.", time_s=2.05, rep=2)
SWAY = FaultEvent(id="sway", name="Body sways", cue="Stand still.", time_s=4.6)


def made_report() -> FormReport:
    """Two counted reps (the second with two faults), a partial one, a fault between reps."""
    return FormReport(
        exercise="overhead-dumbbell-raise",
        exercise_name="Overhead dumbbell raise",
        recognised=False,
        confidence=0.92,
        counted_reps=2,
        partial_reps=1,
        reps=[
            _rep(1, 1, []),
            _rep(2, 2, [ARCH, SHRUG]),
            _rep(3, None, [], partial_reasons=["arms not overhead"]),
        ],
        faults=[ARCH, SHRUG, SWAY],
        clip=ClipInfo(
            frames=100,
            duration_s=5.0,
            fps=20.0,
            width=548,
            height=342,
            source_format="mp4",
            pose_fraction=1.0,
            shots=1,
            view="side",
            facing_side="left",
            people_max=1,
        ),
    )


def finished_check(server: Server, user_id: str, video: bool = True) -> str:
    """A form check stored as done with :func:`made_report` (and a stand-in video file)."""
    job_id = new_id()
    annotated = f"{user_id}/{job_id}/annotated.mp4" if video else None
    if annotated:
        path = server.config.upload_dir / annotated
        path.parent.mkdir(parents=True)
        path.write_bytes(b"stand-in for the annotated video")
    with server.db.session(write=True) as s:
        repo = JobsRepository(s)
        repo.add(job_id, user_id, None, "my set.mp4", f"{user_id}/{job_id}/original.mp4", utc_now())
        assert repo.claim(job_id, utc_now()) is not None
        assert repo.finish(job_id, made_report().model_dump(mode="json"), annotated, utc_now())
    return job_id


def cards_of(page: str) -> list[str]:
    """The report's rep cards, each as its HTML."""
    cards = page.split('<ol class="rep-cards" id="rep-cards">')[1].split("</ol>")[0]
    return re.split(r'(?=<li class="rep-card)', cards)[1:]


def test_the_report_shows_one_card_per_rep_with_its_faults_and_their_times(
    app_here: Server,
) -> None:
    job_id = finished_check(app_here, "local")
    page = app_here.client().get(f"/form-check/{job_id}")
    assert page.status_code == 200
    cards = cards_of(page.text)
    assert len(cards) == 3
    first, second, partial = cards
    assert "Rep 1" in first
    assert 'class="badge good"' in first
    assert "faults" not in first.split("</h3>")[1]
    assert "Rep 2" in second
    assert "2 faults" in second
    for fault in (ARCH, SHRUG):
        assert f"<strong>{fault.name}</strong>: {fault.cue}" in second
        assert f'data-seek="{fault.time_s:.2f}"' in second
    assert ">2 s</span>" in second  # 2.05 s, to a tenth
    assert ">2.4 s</span>" in second
    assert "measured 25°, fine from 0 to 15°" in second
    for label, value in (("Up", "0.6 s"), ("Hold", "0.3 s"), ("Down", "0.5 s"), ("Range", "100%")):
        assert f"<dt>{label}</dt><dd>{value}</dd>" in second
    assert "<dt>Sure</dt><dd>90%</dd>" in second
    assert 'class="rep-card partial"' in partial
    assert "Partial rep" in partial
    assert "arms not overhead" in partial
    # The table for wide screens has the same reps; the fault outside them is listed apart.
    table = page.text.split('id="rep-table"')[1].split("</table>")[0]
    assert table.count("<tr") == 4
    others = page.text.split('id="other-h"')[1]
    assert SWAY.cue in others
    assert SHRUG.cue not in others
    assert f'src="/api/v1/users/local/form-checks/{job_id}/video"' in page.text
    assert 'id="fc-video"' in page.text


def test_fault_times_stay_plain_text_without_a_video(app_here: Server) -> None:
    job_id = finished_check(app_here, "local", video=False)
    page = app_here.client().get(f"/form-check/{job_id}").text
    assert "<video" not in page
    assert "seek-help" not in page
    assert '<span class="at" data-seek="2.40">2.4 s</span>' in page


def test_the_list_of_checks_says_what_each_found(app_here: Server) -> None:
    client = app_here.client()
    assert "None yet" in client.get("/form-check").text
    job_id = finished_check(app_here, "local")
    listed = client.get("/form-check").text
    assert f'href="/form-check/{job_id}"' in listed
    assert "Overhead dumbbell raise, 2 reps" in listed
