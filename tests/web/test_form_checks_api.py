"""Form checks through the API: upload a real clip, follow the job, fetch report and video.

The clips are real photographs moved in a known rhythm (tests/jobs/clips.py). In local
mode the job runs in the app's own thread, so these tests watch it go from queued to
done; refusals are checked on both engines in server mode.
"""

from __future__ import annotations

import io
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from backcoach import accounts
from backcoach.store.tables import FormCheckJobRow
from tests.jobs import clips
from tests.vision import media
from tests.web.conftest import Person, Server

URL = "/api/v1/users/me/form-checks"


@pytest.fixture(scope="module")
def raise_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return clips.raise_clip(tmp_path_factory.mktemp("clips") / "raises.mp4")


@pytest.fixture(scope="module")
def empty_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return clips.empty_clip(tmp_path_factory.mktemp("clips") / "empty.mp4")


@pytest.fixture
def api(server: Server) -> Iterator[Server]:
    """The server-mode app, its job runner stopped afterwards."""
    yield server
    server.app.state.jobs.close()


@pytest.fixture
def app_here(local: Server) -> Iterator[Server]:
    """The local app, its job runner stopped afterwards."""
    yield local
    local.app.state.jobs.close()


def local_client(server: Server) -> TestClient:
    client = server.client()
    client.headers["X-CSRF-Token"] = client.get("/api/v1/me").json()["csrf_token"]
    return client


def upload(
    client: TestClient, video: Path, exercise: str | None = None, name: str = ""
) -> httpx.Response:
    with video.open("rb") as fh:
        answer: httpx.Response = client.post(
            URL,
            files={"file": (name or video.name, fh, "video/mp4")},
            data={"exercise": exercise} if exercise else {},
        )
    return answer


def stored_files(server: Server) -> list[Path]:
    folder = server.config.upload_dir
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def stored_jobs(server: Server) -> int:
    with server.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(FormCheckJobRow)) or 0)


def test_a_form_check_runs_in_the_app_and_counts_the_known_reps(
    app_here: Server, raise_video: Path
) -> None:
    client = local_client(app_here)
    answer = client.post(
        URL,
        files={"file": ("my set.mp4", raise_video.read_bytes(), "video/mp4")},
        data={"exercise": clips.EXERCISE},
    )
    assert answer.status_code == 202, answer.text
    job = answer.json()
    assert job["status"] == "queued"
    assert job["progress"] == 0
    assert job["filename"] == "my set.mp4"
    assert job["exercise"] == clips.EXERCISE
    assert answer.headers["location"].endswith(f"/form-checks/{job['id']}")

    seen = clips.poll(lambda: client.get(f"{URL}/{job['id']}").json(), clips.over)
    statuses = [s["status"] for s in seen]
    assert statuses[-1] == "done", seen[-1]
    assert "running" in statuses
    # queued, then running, then done: never back.
    order = {"queued": 0, "running": 1, "done": 2}
    assert [order[s] for s in statuses] == sorted(order[s] for s in statuses)
    running = [s["progress"] for s in seen if s["status"] == "running"]
    assert running == sorted(running)
    assert any(0 < p < 1 for p in running)
    assert {s["stage"] for s in seen if s["status"] == "running"} >= {"Finding poses"}

    done = seen[-1]
    assert done["progress"] == 1
    assert done["error"] is None
    assert done["report"]["exercise"] == clips.EXERCISE
    assert done["report"]["counted_reps"] == clips.REPS
    assert done["video_url"] == f"/api/v1/users/local/form-checks/{job['id']}/video"

    video = client.get(done["video_url"])
    assert video.status_code == 200
    assert video.headers["content-type"] == "video/mp4"
    assert video.content[4:8] == b"ftyp"
    part = client.get(done["video_url"], headers={"Range": "bytes=0-99"})
    assert part.status_code == 206
    assert len(part.content) == 100
    assert part.content == video.content[:100]

    listed = client.get(URL).json()
    assert [j["id"] for j in listed] == [job["id"]]


def test_a_clip_with_nobody_in_it_fails_with_what_to_do(
    app_here: Server, empty_video: Path
) -> None:
    client = local_client(app_here)
    job = upload(client, empty_video).json()
    final = clips.poll(lambda: client.get(f"{URL}/{job['id']}").json(), clips.over)[-1]
    assert final["status"] == "failed"
    assert final["error"] == "No person was found in the clip."
    assert "whole body" in final["hint"]
    assert "Traceback" not in final["error"] + final["hint"]
    assert str(app_here.config.upload_dir) not in final["error"] + final["hint"]
    assert final["report"] is None
    assert final["video_url"] is None
    assert client.get(f"{URL}/{job['id']}/video").status_code == 404


def test_deleting_a_form_check_removes_its_files(app_here: Server, empty_video: Path) -> None:
    client = local_client(app_here)
    job = upload(client, empty_video).json()
    clips.poll(lambda: client.get(f"{URL}/{job['id']}").json(), clips.over)
    assert stored_files(app_here)
    assert client.delete(f"{URL}/{job['id']}").status_code == 204
    assert client.get(f"{URL}/{job['id']}").status_code == 404
    assert stored_files(app_here) == []
    assert stored_jobs(app_here) == 0


def test_deleting_a_running_form_check_stops_it_and_leaves_nothing(
    app_here: Server, raise_video: Path
) -> None:
    client = local_client(app_here)
    job = upload(client, raise_video, clips.EXERCISE).json()
    clips.poll(
        lambda: client.get(f"{URL}/{job['id']}").json(),
        lambda j: j["status"] == "running" and j["progress"] > 0,
        every=0.05,
    )
    assert client.delete(f"{URL}/{job['id']}").status_code == 204
    runner = app_here.app.state.jobs
    started = time.monotonic()
    clips.poll(lambda: {"busy": runner.busy}, lambda r: not r["busy"], timeout=30, every=0.05)
    assert time.monotonic() - started < 3  # it noticed at its next progress report
    assert client.get(f"{URL}/{job['id']}").status_code == 404
    assert stored_files(app_here) == []
    assert stored_jobs(app_here) == 0


def test_a_file_that_is_not_a_video_is_refused_and_nothing_is_kept(
    api: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    answer = ana.client.post(
        URL, files={"file": ("notes.txt", b"three sets of rows, felt fine\n" * 50, "text/plain")}
    )
    assert answer.status_code == 422
    body = answer.json()
    assert body["detail"] == "'notes.txt' is not a video."
    assert body["hint"]
    assert str(api.config.upload_dir) not in body["detail"]
    assert stored_files(api) == []
    assert stored_jobs(api) == 0
    assert ana.client.get(URL).json() == []


def test_a_photograph_is_not_taken_for_a_one_frame_video(
    api: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    photo = media.MESSI.read_bytes()
    answer = ana.client.post(URL, files={"file": ("me.mp4", photo, "video/mp4")})
    assert answer.status_code == 422
    assert answer.json()["detail"] == "'me.mp4' is not a video."
    assert stored_files(api) == []
    assert stored_jobs(api) == 0


def test_an_empty_upload_is_refused(api: Server, person: Callable[..., Person]) -> None:
    ana = person()
    answer = ana.client.post(URL, files={"file": ("clip.mp4", b"", "video/mp4")})
    assert answer.status_code == 422
    assert "empty" in answer.json()["detail"]
    assert stored_files(api) == []
    assert stored_jobs(api) == 0


def test_an_upload_over_the_limit_is_refused_and_nothing_is_kept(
    api: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    big = b"\0" * (api.config.max_upload_bytes + 1024)
    answer = ana.client.post(URL, files={"file": ("huge.mp4", big, "video/mp4")})
    assert answer.status_code == 413
    assert "limit is 5 MB" in answer.json()["detail"]
    assert stored_files(api) == []
    assert stored_jobs(api) == 0


def test_a_streamed_upload_is_cut_off_at_the_limit(
    api: Server, person: Callable[..., Person]
) -> None:
    # Sent in chunks with no Content-Length: the size is only known while it streams.
    ana = person()
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.mp4"\r\n'
        "Content-Type: video/mp4\r\n\r\n"
    ).encode()

    def body() -> Iterator[bytes]:
        yield head
        for _ in range(6):
            yield b"\0" * (1024 * 1024)
        yield f"\r\n--{boundary}--\r\n".encode()

    answer = ana.client.post(
        URL,
        content=body(),
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert answer.status_code == 413
    assert answer.json()["detail"] == "The upload is larger than the limit of 5 MB."
    assert stored_files(api) == []
    assert stored_jobs(api) == 0


def test_an_unknown_exercise_is_refused_before_anything_is_kept(
    api: Server, person: Callable[..., Person], empty_video: Path
) -> None:
    ana = person()
    answer = upload(ana.client, empty_video, exercise="deadlift")
    assert answer.status_code == 422
    assert "Unknown exercise 'deadlift'" in answer.json()["detail"]
    assert stored_files(api) == []
    assert stored_jobs(api) == 0


def test_only_the_owner_an_accepted_coach_and_admins_see_a_form_check(
    api: Server, person: Callable[..., Person], empty_video: Path
) -> None:
    ana, bob, coach, admin = person(), person(), person("coach"), person("admin")
    answer = upload(ana.client, empty_video)
    assert answer.status_code == 202
    job_id = answer.json()["id"]
    mine = f"/api/v1/users/{ana.id}/form-checks/{job_id}"

    # Someone else, even guessing the id under their own name: nothing there.
    assert bob.client.get(mine).status_code == 404
    assert bob.client.get(f"/api/v1/users/me/form-checks/{job_id}").status_code == 404
    assert bob.client.get(f"{mine}/video").status_code == 404
    assert bob.client.delete(mine).status_code == 404
    assert bob.client.get(f"/api/v1/users/{ana.id}/form-checks").status_code == 404
    with io.BytesIO(empty_video.read_bytes()) as fh:
        sneaky = bob.client.post(
            f"/api/v1/users/{ana.id}/form-checks", files={"file": ("x.mp4", fh, "video/mp4")}
        )
    assert sneaky.status_code == 404

    # A coach reads once accepted, but cannot delete.
    assert coach.client.get(mine).status_code == 404
    coach_user = accounts.people(api.db, [coach.id])[coach.id]
    link = accounts.invite(api.db, coach_user, ana.email)
    accounts.answer_invitation(api.db, ana.id, link.id, accept=True)
    assert coach.client.get(mine).status_code == 200
    assert coach.client.delete(mine).status_code == 403

    assert admin.client.get(mine).json()["id"] == job_id
    assert ana.client.get(mine).status_code == 200
    assert [j["id"] for j in ana.client.get(URL).json()] == [job_id]
    assert stored_jobs(api) == 1


def test_anonymous_callers_cannot_upload(api: Server, empty_video: Path) -> None:
    answer = upload(api.client(), empty_video)
    assert answer.status_code == 401
    assert stored_files(api) == []
