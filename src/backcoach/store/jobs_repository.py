"""Form-check jobs in the database: the one record pages, the API and workers share.

Whatever runs a job (a thread of the web process or a ``backcoach worker``) claims it here,
writes its progress here and leaves the report or the error here, so a job's state
survives any process. Paths to files are stored relative to the uploads folder, so that
folder can move (or be mounted elsewhere on a worker) without touching the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from backcoach.store.tables import FormCheckJobRow

STATUSES = ("queued", "running", "done", "failed")


@dataclass(frozen=True)
class FormCheckJob:
    """A form check as its owner sees it: where it stands, and its report once done."""

    id: str
    user_id: str
    status: str
    progress: float
    stage: str
    exercise_id: str | None
    filename: str
    report: dict[str, Any] | None
    error: str | None
    hint: str | None
    created_at: datetime
    updated_at: datetime
    has_video: bool


@dataclass(frozen=True)
class ClaimedJob:
    """What a runner needs to do a job it has just claimed."""

    id: str
    user_id: str
    exercise_id: str | None
    filename: str
    upload_path: str
    attempts: int


@dataclass(frozen=True)
class JobFiles:
    """Where a job's files are, relative to the uploads folder."""

    user_id: str
    upload_path: str
    annotated_path: str | None


def _job(row: FormCheckJobRow) -> FormCheckJob:
    return FormCheckJob(
        id=row.id,
        user_id=row.user_id,
        status=row.status,
        progress=row.progress,
        stage=row.stage,
        exercise_id=row.exercise_id,
        filename=row.filename,
        report=row.report,
        error=row.error,
        hint=row.hint,
        created_at=row.created_at,
        updated_at=row.updated_at,
        has_video=row.status == "done" and row.annotated_path is not None,
    )


def _changed(result: Any) -> int:
    assert isinstance(result, CursorResult)
    return result.rowcount


class JobsRepository:
    """Form-check jobs within one transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        job_id: str,
        user_id: str,
        exercise_id: str | None,
        filename: str,
        upload_path: str,
        now: datetime,
    ) -> FormCheckJob:
        """Store a new job, queued."""
        row = FormCheckJobRow(
            id=job_id,
            user_id=user_id,
            status="queued",
            progress=0.0,
            stage="Waiting to start",
            exercise_id=exercise_id,
            filename=filename,
            upload_path=upload_path,
            attempts=0,
            created_at=now,
            updated_at=now,
        )
        self.session.add(row)
        self.session.flush()
        return _job(row)

    def get(self, job_id: str) -> FormCheckJob | None:
        """The job with this id, whoever owns it."""
        row = self.session.get(FormCheckJobRow, job_id)
        return _job(row) if row else None

    def of_user(self, user_id: str) -> list[FormCheckJob]:
        """A person's jobs, newest first."""
        rows = self.session.scalars(
            select(FormCheckJobRow)
            .where(FormCheckJobRow.user_id == user_id)
            .order_by(FormCheckJobRow.created_at.desc(), FormCheckJobRow.id)
        )
        return [_job(r) for r in rows]

    def files(self, job_id: str) -> JobFiles | None:
        """Where the job's upload and annotated video are."""
        row = self.session.get(FormCheckJobRow, job_id)
        return JobFiles(row.user_id, row.upload_path, row.annotated_path) if row else None

    def delete(self, job_id: str) -> bool:
        """Forget a job; False when there was none."""
        return (
            _changed(
                self.session.execute(delete(FormCheckJobRow).where(FormCheckJobRow.id == job_id))
            )
            > 0
        )

    # running jobs
    def claim(self, job_id: str, now: datetime) -> ClaimedJob | None:
        """Mark a queued job (or one left running by a process that died) as running.

        None when the job is gone or already finished.
        """
        changed = _changed(
            self.session.execute(
                update(FormCheckJobRow)
                .where(
                    FormCheckJobRow.id == job_id,
                    FormCheckJobRow.status.in_(("queued", "running")),
                )
                .values(
                    status="running",
                    progress=0.0,
                    stage="Starting",
                    attempts=FormCheckJobRow.attempts + 1,
                    updated_at=now,
                )
            )
        )
        if not changed:
            return None
        row = self.session.get(FormCheckJobRow, job_id, populate_existing=True)
        assert row is not None
        return ClaimedJob(
            row.id, row.user_id, row.exercise_id, row.filename, row.upload_path, row.attempts
        )

    def oldest_queued(self) -> str | None:
        """The id of the job waiting longest."""
        return self.session.scalars(
            select(FormCheckJobRow.id)
            .where(FormCheckJobRow.status == "queued")
            .order_by(FormCheckJobRow.created_at, FormCheckJobRow.id)
            .limit(1)
        ).first()

    def claim_oldest(self, now: datetime) -> ClaimedJob | None:
        """Claim the job waiting longest, if any is queued."""
        while (job_id := self.oldest_queued()) is not None:
            claimed = self.claim(job_id, now)
            if claimed is not None:
                return claimed
        return None

    def requeue_running(self, now: datetime) -> int:
        """Put every job marked running back in the queue; how many there were."""
        return _changed(
            self.session.execute(
                update(FormCheckJobRow)
                .where(FormCheckJobRow.status == "running")
                .values(
                    status="queued", progress=0.0, stage="Waiting to start again", updated_at=now
                )
            )
        )

    def requeue(self, job_id: str, now: datetime) -> None:
        """Put one running job back in the queue (its process is stopping)."""
        self.session.execute(
            update(FormCheckJobRow)
            .where(FormCheckJobRow.id == job_id, FormCheckJobRow.status == "running")
            .values(
                status="queued",
                progress=0.0,
                stage="Waiting to start again",
                attempts=FormCheckJobRow.attempts - 1,
                updated_at=now,
            )
        )

    def set_progress(self, job_id: str, progress: float, stage: str, now: datetime) -> bool:
        """Record how far a running job is; False when it is no longer running (deleted)."""
        return (
            _changed(
                self.session.execute(
                    update(FormCheckJobRow)
                    .where(FormCheckJobRow.id == job_id, FormCheckJobRow.status == "running")
                    .values(progress=min(max(progress, 0.0), 1.0), stage=stage, updated_at=now)
                )
            )
            > 0
        )

    def finish(
        self, job_id: str, report: dict[str, Any], annotated_path: str | None, now: datetime
    ) -> bool:
        """Store the report of a finished job; False when the job was deleted meanwhile."""
        return (
            _changed(
                self.session.execute(
                    update(FormCheckJobRow)
                    .where(FormCheckJobRow.id == job_id, FormCheckJobRow.status == "running")
                    .values(
                        status="done",
                        progress=1.0,
                        stage="Done",
                        report=report,
                        annotated_path=annotated_path,
                        error=None,
                        hint=None,
                        updated_at=now,
                    )
                )
            )
            > 0
        )

    def fail(self, job_id: str, error: str, hint: str, now: datetime) -> bool:
        """Record why a job could not be done; False when the job was deleted meanwhile."""
        return (
            _changed(
                self.session.execute(
                    update(FormCheckJobRow)
                    .where(
                        FormCheckJobRow.id == job_id,
                        FormCheckJobRow.status.in_(("queued", "running")),
                    )
                    .values(status="failed", stage="Failed", error=error, hint=hint, updated_at=now)
                )
            )
            > 0
        )
