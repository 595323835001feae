"""Form checks as jobs: take an upload, run the video form check on it, keep the result.

Use cases, like ``backcoach.services``: the web app calls them, and so do the runners that
do the work (a thread of the web process, or ``backcoach worker`` processes fed by the
queue). The ``form_check_jobs`` table is the record everyone reads; a runner only learns
which job to do next. Each job's files live in ``<upload_dir>/<user>/<job>/``: the
upload as it came, and the annotated video once done.

The work itself is :func:`run_form_check`, over the same pipeline ``backcoach analyze``
uses (:func:`backcoach.vision.pipeline.check_video`, then
:func:`backcoach.vision.annotate.write_annotated_video`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from backcoach.errors import BackcoachError
from backcoach.jobs.errors import NotAVideo, UploadTooLarge
from backcoach.store.database import Database
from backcoach.store.errors import NotFound, StoreUnavailable
from backcoach.store.jobs_repository import FormCheckJob, JobsRepository
from backcoach.training.entries import new_id, utc_now
from backcoach.web.config import WebConfig

if TYPE_CHECKING:
    from backcoach.jobs.runners import JobRunner

log = logging.getLogger(__name__)

#: Uploads are copied in pieces of this size, counting as they go.
CHUNK_BYTES = 1024 * 1024
ANNOTATED_NAME = "annotated.mp4"
#: Progress is written to the database at most this often (seconds): often enough for a
#: bar that moves, rare enough that a long clip costs a few hundred small updates.
PROGRESS_EVERY_S = 0.3
#: Share of the progress bar for finding poses; drawing the annotated video is the rest
#: (it took 0.5 s against 4.6 s for a 5-second clip on two cores).
POSE_SHARE = 0.85
#: A job that stopped part-way this many times (its process died each time, perhaps
#: because of the video itself) is given up rather than tried again.
MAX_ATTEMPTS = 3
#: Longest clip accepted, in seconds: a set is rarely over two minutes.
MAX_CLIP_SECONDS = 600.0
#: Containers (FFmpeg's demuxer names) that phones, cameras and browsers record into.
#: FFmpeg reads much else as "video" (a text file as ANSI art, a photo as one frame),
#: so anything outside this list is refused before the pose model sees it.
VIDEO_CONTAINERS = frozenset(
    {"mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", "avi", "mpegts", "mpeg", "flv", "asf"}
)
NOT_A_VIDEO_HINT = (
    "Send the video file of the set (mp4, mov, webm, avi or mkv), as the phone or camera saved it."
)
_SAFE_SUFFIX = re.compile(r"^\.[a-z0-9]{1,8}$")
_GONE = NotFound("There is no such form check.", "Check the address, or list your form checks.")


class Interrupted(Exception):
    """The process is stopping: the job goes back to the queue, unharmed."""


class JobGone(Exception):
    """The job was deleted while it ran: its work is thrown away."""


def _clean_filename(filename: str | None) -> str:
    """The name a person gave the file, without any folders, for showing back."""
    name = re.split(r"[\\/]", filename or "")[-1].strip()
    name = "".join(ch for ch in name if ch.isprintable())
    return name[:200] or "video"


def _suffix(filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    return suffix if _SAFE_SUFFIX.match(suffix) else ""


def _exercise_id(name: str | None) -> str | None:
    """The catalog id of the exercise named (any name or alias); UnknownName otherwise."""
    if name is None or not name.strip():
        return None
    from backcoach.catalog import load_catalog

    exercise, _variant = load_catalog().resolve(name.strip())
    return exercise.id


def _receive(source: BinaryIO, target: Path, limit: int) -> None:
    """Copy the upload to ``target``, refusing it as soon as it passes ``limit`` bytes."""
    received = 0
    with target.open("wb") as out:
        while chunk := source.read(CHUNK_BYTES):
            received += len(chunk)
            if received > limit:
                raise UploadTooLarge(
                    f"The video is larger than the limit of {limit / 1048576:.0f} MB.",
                    "Trim the clip to the set itself, or film at a lower resolution.",
                )
            out.write(chunk)


def _container(path: Path) -> str | None:
    """FFmpeg's name for the file's container format; None when it cannot tell."""
    import av

    try:
        with av.open(str(path)) as container:
            return str(container.format.name)
    except (av.error.FFmpegError, OSError, ValueError):
        return None


def _check_video(path: Path, filename: str) -> None:
    """Raise NotAVideo, in words about the person's file, unless it is a readable clip."""
    from backcoach.vision.video import VideoError, probe

    if path.stat().st_size > 0 and _container(path) not in VIDEO_CONTAINERS:
        raise NotAVideo(f"'{filename}' is not a video.", NOT_A_VIDEO_HINT)
    try:
        info = probe(path, max_seconds=float("inf"))
    except VideoError as exc:
        raise NotAVideo(
            exc.message.replace(str(path), f"'{filename}'"),
            exc.hint.replace(str(path), f"'{filename}'"),
        ) from exc
    if info.duration_s > MAX_CLIP_SECONDS:
        raise NotAVideo(
            f"'{filename}' is {info.duration_s / 60:.1f} minutes long; the limit is "
            f"{MAX_CLIP_SECONDS / 60:.0f} minutes.",
            "Trim it to the set itself and send it again.",
        )


def _remove_folder(folder: Path) -> None:
    """Remove a job's folder, and its person's folder when that is left empty."""
    shutil.rmtree(folder, ignore_errors=True)
    with contextlib.suppress(OSError):  # not empty: the person's other jobs
        folder.parent.rmdir()


def submit_form_check(
    db: Database,
    config: WebConfig,
    runner: JobRunner,
    user_id: str,
    source: BinaryIO,
    filename: str | None,
    exercise_id: str | None = None,
) -> FormCheckJob:
    """Take a video for a form check and queue the job; it runs in the background.

    The upload is streamed to the job's folder with the size limit enforced on the way
    and must be a video backcoach can read. When it is refused (too large, not a video,
    an unknown exercise) nothing is kept: no file and no job.
    """
    exercise = _exercise_id(exercise_id)
    name = _clean_filename(filename)
    job_id = new_id()
    relative = f"{user_id}/{job_id}/original{_suffix(name)}"
    folder = config.upload_dir / user_id / job_id
    upload = config.upload_dir / relative
    try:
        try:
            folder.mkdir(parents=True, exist_ok=False)
            _receive(source, upload, config.max_upload_bytes)
        except OSError as exc:
            log.error("Cannot store an upload in %s: %s", folder, exc)
            raise StoreUnavailable(
                "The server cannot store uploads right now.",
                "Try again later; if it keeps failing, tell the people who run this server.",
            ) from exc
        _check_video(upload, name)
        with db.session(write=True) as s:
            job = JobsRepository(s).add(job_id, user_id, exercise, name, relative, utc_now())
    except BaseException:
        _remove_folder(folder)
        raise
    try:
        runner.submit(job.id)
    except BaseException:
        with db.session(write=True) as s:
            JobsRepository(s).delete(job.id)
        _remove_folder(folder)
        raise
    return job


def _owned(repo: JobsRepository, user_id: str, job_id: str) -> FormCheckJob:
    job = repo.get(job_id)
    if job is None or job.user_id != user_id:
        raise _GONE
    return job


def form_check(db: Database, user_id: str, job_id: str) -> FormCheckJob:
    """One of a person's form checks: where it stands, and its report once done."""
    with db.session() as s:
        return _owned(JobsRepository(s), user_id, job_id)


def form_checks(db: Database, user_id: str) -> list[FormCheckJob]:
    """A person's form checks, newest first."""
    with db.session() as s:
        return JobsRepository(s).of_user(user_id)


def annotated_video_path(db: Database, config: WebConfig, user_id: str, job_id: str) -> Path:
    """The annotated video of a finished form check (MP4, H.264)."""
    with db.session() as s:
        repo = JobsRepository(s)
        job = _owned(repo, user_id, job_id)
        files = repo.files(job_id)
    if job.status != "done" or files is None or files.annotated_path is None:
        raise NotFound(
            "This form check has no annotated video yet.",
            "Wait until its status is done." if job.status in ("queued", "running") else "",
        )
    path = config.upload_dir / files.annotated_path
    if not path.is_file():
        raise NotFound(
            "The annotated video of this form check is missing from the server.",
            "Send the clip again for a new form check.",
        )
    return path


def delete_form_check(db: Database, config: WebConfig, user_id: str, job_id: str) -> None:
    """Forget a form check and remove its files; a running one stops soon after."""
    with db.session(write=True) as s:
        repo = JobsRepository(s)
        _owned(repo, user_id, job_id)
        repo.delete(job_id)
    _remove_folder(config.upload_dir / user_id / job_id)


class _Reporter:
    """Writes a running job's progress, at most every PROGRESS_EVERY_S seconds."""

    def __init__(self, db: Database, job_id: str, should_stop: Callable[[], bool] | None) -> None:
        self.db = db
        self.job_id = job_id
        self.should_stop = should_stop
        self.last = 0.0
        self.stage = ""

    def __call__(self, progress: float, stage: str) -> None:
        if self.should_stop is not None and self.should_stop():
            raise Interrupted
        now = time.monotonic()
        if stage == self.stage and now - self.last < PROGRESS_EVERY_S:
            return
        self.last, self.stage = now, stage
        with self.db.session(write=True) as s:
            running = JobsRepository(s).set_progress(self.job_id, progress, stage, utc_now())
        if not running:
            raise JobGone


def _work(
    upload: Path, annotated: Path, exercise: str | None, report: _Reporter
) -> dict[str, object]:
    """The form check of one clip: its report as JSON, and the annotated video written."""
    from backcoach.vision.annotate import write_annotated_video
    from backcoach.vision.estimators import load_estimator
    from backcoach.vision.pipeline import VideoSettings, check_video

    finding = "Finding poses"
    drawing = "Drawing the annotated video"
    report(0.0, finding)
    poses, result = check_video(
        upload,
        load_estimator(),
        exercise,
        VideoSettings(max_seconds=MAX_CLIP_SECONDS),
        progress=lambda done, total: report(POSE_SHARE * done / max(total, 1), finding),
    )
    report(POSE_SHARE, drawing)
    frames = max(len(poses), 1)
    partial = annotated.with_name(annotated.name + ".part")
    write_annotated_video(
        upload,
        partial,
        poses,
        result,
        max_seconds=MAX_CLIP_SECONDS,
        on_frame=lambda n: report(
            POSE_SHARE + (1 - POSE_SHARE) * 0.99 * min(n / frames, 1.0), drawing
        ),
    )
    os.replace(partial, annotated)
    data: dict[str, object] = result.model_dump(mode="json")
    return data


def _scrub(text: str, upload: Path, annotated: Path, filename: str) -> str:
    """A message without the server's folders in it."""
    text = text.replace(str(annotated) + ".part", "the annotated video")
    text = text.replace(str(annotated), "the annotated video")
    text = text.replace(str(upload), f"'{filename}'")
    return text.replace(str(upload.parent), "the job's folder")


def run_form_check(
    db: Database,
    job_id: str,
    config: WebConfig,
    should_stop: Callable[[], bool] | None = None,
) -> None:
    """Do one form-check job: claim it, check the video, store the report or the error.

    Progress goes to the job's record as the work moves on. A failure the person can act
    on (no one in the clip, a broken file) is stored as its message and hint; anything
    else as a plain message, the details going to this process's log, never a
    traceback into the record. ``should_stop`` returning True puts the job back in the
    queue (its process is shutting down). A job already finished, or deleted, is left.
    """
    with db.session(write=True) as s:
        claimed = JobsRepository(s).claim(job_id, utc_now())
    if claimed is None:
        return
    folder = config.upload_dir / claimed.user_id / claimed.id
    if claimed.attempts > MAX_ATTEMPTS:
        _store_failure(
            db,
            job_id,
            f"The form check stopped part-way {MAX_ATTEMPTS} times and was given up.",
            "Try a shorter clip, or one filmed at a lower resolution.",
        )
        return
    upload = config.upload_dir / claimed.upload_path
    annotated = folder / ANNOTATED_NAME
    try:
        report = _work(upload, annotated, claimed.exercise_id, _Reporter(db, job_id, should_stop))
    except Interrupted:
        with db.session(write=True) as s:
            JobsRepository(s).requeue(job_id, utc_now())
        return
    except JobGone:
        _remove_folder(folder)
        return
    except BackcoachError as exc:
        _store_failure(
            db,
            job_id,
            _scrub(exc.message, upload, annotated, claimed.filename),
            _scrub(exc.hint, upload, annotated, claimed.filename),
        )
        return
    except Exception:
        log.exception("Form check %s failed", job_id)
        _store_failure(
            db,
            job_id,
            "The form check failed because of a problem on the server.",
            "Try again later; if it fails again, tell the people who run this server.",
        )
        return
    relative = f"{claimed.user_id}/{claimed.id}/{ANNOTATED_NAME}"
    with db.session(write=True) as s:
        stored = JobsRepository(s).finish(job_id, report, relative, utc_now())
    if not stored:
        _remove_folder(folder)


def _store_failure(db: Database, job_id: str, error: str, hint: str) -> None:
    with db.session(write=True) as s:
        JobsRepository(s).fail(job_id, error, hint, utc_now())
