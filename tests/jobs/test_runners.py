"""Who runs form checks: the app's own thread, and ``backcoach worker`` on PostgreSQL.

Real processes: ``backcoach serve`` killed with SIGKILL in the middle of a job, and
``backcoach worker`` taking a job from procrastinate's queue. The clip is a real
photograph moved in a known rhythm (tests/jobs/clips.py), so a finished job's count is
known.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from backcoach.jobs import form_check, submit_form_check
from backcoach.jobs.queue import ensure_schema, queue_app, retry_stalled
from backcoach.jobs.runners import QueueRunner, ThreadRunner
from backcoach.store.database import open_database
from backcoach.web.app import create_app
from backcoach.web.config import WebConfig
from tests.jobs import clips
from tests.web.conftest import Server, sign_up

URL = "/api/v1/users/me/form-checks"


@pytest.fixture(scope="module")
def raise_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return clips.raise_clip(tmp_path_factory.mktemp("clips") / "raises.mp4")


def program() -> str:
    return shutil.which("backcoach", path=str(Path(sys.executable).parent)) or "backcoach"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(*args: str, uploads: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "BACKCOACH_UPLOAD_DIR": str(uploads)}
    env.pop("BACKCOACH_DATABASE_URL", None)
    with log.open("wb") as out:
        return subprocess.Popen(
            [program(), *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sig)
        process.wait(30)


def test_a_job_left_running_by_a_killed_app_is_done_after_a_restart(
    tmp_path: Path, raise_video: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'log.db'}"
    uploads = tmp_path / "uploads"
    port = free_port()
    served = start(
        "serve",
        "--database-url",
        url,
        "--port",
        str(port),
        uploads=uploads,
        log=tmp_path / "serve.log",
    )
    try:
        client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30)
        me = clips.poll(lambda: _try_json(client, "/api/v1/me"), lambda a: "user" in a, 60, 0.2)
        client.headers["X-CSRF-Token"] = me[-1]["csrf_token"]
        answer = client.post(
            URL,
            files={"file": ("raises.mp4", raise_video.read_bytes(), "video/mp4")},
            data={"exercise": clips.EXERCISE},
        )
        assert answer.status_code == 202, answer.text
        job_id = answer.json()["id"]
        clips.poll(
            lambda: client.get(f"{URL}/{job_id}").json(),
            lambda j: j["status"] == "running" and j["progress"] > 0,
            every=0.05,
        )
        stop(served, signal.SIGKILL)
    finally:
        stop(served, signal.SIGKILL)

    db = open_database(url)
    try:
        assert form_check(db, "local", job_id).status == "running"  # as the dead app left it
        config = WebConfig(database_url=url, mode="local", upload_dir=uploads)
        app = create_app(config, db=db)
        with TestClient(app, base_url="http://127.0.0.1") as again:
            final = clips.poll(lambda: again.get(f"{URL}/{job_id}").json(), clips.over)[-1]
        assert final["status"] == "done", final
        assert final["report"]["counted_reps"] == clips.REPS
    finally:
        db.close()


def _try_json(client: httpx.Client, path: str) -> dict[str, Any]:
    try:
        answer = client.get(path)
    except httpx.TransportError:
        return {}
    return dict(answer.json()) if answer.status_code == 200 else {}


@pytest.fixture
def local(sqlite_url: str, tmp_path: Path) -> Iterator[Server]:
    db = open_database(sqlite_url)
    config = WebConfig(database_url=sqlite_url, mode="local", upload_dir=tmp_path / "uploads")
    app = create_app(config, db=db)
    try:
        yield Server(app, db, config)
    finally:
        app.state.jobs.close()
        db.close()


def test_stopping_the_app_puts_the_job_in_hand_back_in_the_queue(
    local: Server, raise_video: Path
) -> None:
    runner = local.app.state.jobs
    assert isinstance(runner, ThreadRunner)
    with raise_video.open("rb") as fh:
        job = submit_form_check(
            local.db, local.config, runner, "local", fh, "raises.mp4", clips.EXERCISE
        )
    clips.poll(
        lambda: {"status": form_check(local.db, "local", job.id).status},
        lambda j: j["status"] == "running",
        every=0.02,
    )
    started = time.monotonic()
    runner.close()
    assert time.monotonic() - started < 5
    back = form_check(local.db, "local", job.id)
    assert back.status == "queued"
    assert back.progress == 0
    assert back.error is None


@pytest.fixture
def queued_app(postgres_url: str, tmp_path: Path) -> Iterator[Server]:
    db = open_database(postgres_url)
    config = WebConfig(
        database_url=postgres_url,
        mode="server",
        upload_dir=tmp_path / "uploads",
        max_upload_bytes=5 * 1024 * 1024,
        jobs="queue",
    )
    app = create_app(config, db=db)
    try:
        yield Server(app, db, config)
    finally:
        app.state.jobs.close()
        db.close()


def test_a_worker_process_takes_the_job_from_the_queue_on_postgresql(
    queued_app: Server, raise_video: Path, tmp_path: Path
) -> None:
    assert isinstance(queued_app.app.state.jobs, QueueRunner)
    ana = sign_up(queued_app)
    answer = ana.client.post(
        URL,
        files={"file": ("raises.mp4", raise_video.read_bytes(), "video/mp4")},
        data={"exercise": clips.EXERCISE},
    )
    assert answer.status_code == 202, answer.text
    job_id = answer.json()["id"]
    time.sleep(0.5)
    assert ana.client.get(f"{URL}/{job_id}").json()["status"] == "queued"  # no worker yet

    log = tmp_path / "worker.log"
    worker = start(
        "worker",
        "--database-url",
        queued_app.config.database_url,
        uploads=queued_app.config.upload_dir,
        log=log,
    )
    try:
        seen = clips.poll(lambda: ana.client.get(f"{URL}/{job_id}").json(), clips.over)
    finally:
        stop(worker)
    final = seen[-1]
    assert final["status"] == "done", (final, log.read_text())
    assert final["report"]["counted_reps"] == clips.REPS
    assert any(s["status"] == "running" and 0 < s["progress"] < 1 for s in seen)
    video = ana.client.get(final["video_url"])
    assert video.headers["content-type"] == "video/mp4"
    assert worker.returncode == 0, log.read_text()


def test_a_job_of_a_killed_worker_is_retried_and_done_by_another(
    queued_app: Server, raise_video: Path, tmp_path: Path
) -> None:
    ana = sign_up(queued_app)
    answer = ana.client.post(
        URL,
        files={"file": ("raises.mp4", raise_video.read_bytes(), "video/mp4")},
        data={"exercise": clips.EXERCISE},
    )
    job_id = answer.json()["id"]
    config = queued_app.config
    first = start(
        "worker",
        "--database-url",
        config.database_url,
        uploads=config.upload_dir,
        log=tmp_path / "first.log",
    )
    try:
        clips.poll(
            lambda: ana.client.get(f"{URL}/{job_id}").json(),
            lambda j: j["status"] == "running" and j["progress"] > 0,
            every=0.05,
        )
    finally:
        stop(first, signal.SIGKILL)
    assert ana.client.get(f"{URL}/{job_id}").json()["status"] == "running"

    # What the workers' periodic check does once the dead worker's heartbeat is old
    # (30 s); here it is told to count any heartbeat as old.
    async def retry() -> int:
        app = queue_app(config.database_url)
        async with app.open_async():
            return await retry_stalled(app, after_s=0)

    assert asyncio.run(retry()) == 1
    second = start(
        "worker",
        "--database-url",
        config.database_url,
        uploads=config.upload_dir,
        log=tmp_path / "second.log",
    )
    try:
        final = clips.poll(lambda: ana.client.get(f"{URL}/{job_id}").json(), clips.over)[-1]
    finally:
        stop(second)
    assert final["status"] == "done", (final, (tmp_path / "second.log").read_text())
    assert final["report"]["counted_reps"] == clips.REPS


def test_the_queue_tables_are_made_once(postgres_url: str) -> None:
    db = open_database(postgres_url)
    try:
        assert ensure_schema(db) is True
        assert ensure_schema(db) is False
    finally:
        db.close()
