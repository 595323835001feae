"""Video form checks: upload a clip, follow the job, fetch its report and annotated video."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, Response, UploadFile
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field

from backcoach import jobs
from backcoach.accounts import Access
from backcoach.store.jobs_repository import FormCheckJob
from backcoach.web.api.schemas import ERRORS, Error
from backcoach.web.deps import ConfigDep, DbDep, ViewerDep
from backcoach.web.security import owner_of, require_access

router = APIRouter(prefix="/users/{user_id}/form-checks", tags=["form checks"])

UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    413: {"model": Error, "description": "The video is over the upload limit."},
    422: {"model": Error, "description": "Not a video backcoach can read, or unknown exercise."},
}


class FormCheckOut(BaseModel):
    """A form-check job: where it stands and, once done, its report.

    ``status`` goes queued -> running -> done, or failed with ``error`` and ``hint``
    saying what to do. ``progress`` runs from 0 to 1 and ``stage`` names the step.
    """

    id: str
    user_id: str
    status: str = Field(examples=["running"])
    progress: float = Field(ge=0.0, le=1.0)
    stage: str = Field(examples=["Finding poses"])
    exercise: str | None = Field(description="The exercise named at upload, if any.")
    filename: str
    #: The form report (see docs/vision.md): repetitions, faults, warnings.
    report: dict[str, Any] | None
    error: str | None
    hint: str | None
    created_at: datetime
    updated_at: datetime
    #: Where the annotated video is, once the job is done.
    video_url: str | None

    @classmethod
    def of(cls, job: FormCheckJob) -> FormCheckOut:
        """The API view of a job."""
        return cls(
            id=job.id,
            user_id=job.user_id,
            status=job.status,
            progress=job.progress,
            stage=job.stage,
            exercise=job.exercise_id,
            filename=job.filename,
            report=job.report,
            error=job.error,
            hint=job.hint,
            created_at=job.created_at,
            updated_at=job.updated_at,
            video_url=(
                f"/api/v1/users/{job.user_id}/form-checks/{job.id}/video" if job.has_video else None
            ),
        )


@router.post("", status_code=202, response_model=FormCheckOut, responses=UPLOAD_ERRORS)
def submit(
    user_id: str,
    file: Annotated[UploadFile, File(description="The clip: mp4, mov, webm, avi or mkv.")],
    request: Request,
    response: Response,
    viewer: ViewerDep,
    db: DbDep,
    config: ConfigDep,
    exercise: Annotated[
        str | None,
        Form(max_length=64, description="The exercise filmed; left out, it is recognised."),
    ] = None,
) -> FormCheckOut:
    """Send a video of a set for a form check; the answer is the queued job.

    Follow it at the job's address until its status is done (or failed).
    """
    owner = owner_of(viewer, user_id)
    require_access(db, viewer, owner, Access.WRITE)
    job = jobs.submit_form_check(
        db, config, request.app.state.jobs, owner, file.file, file.filename, exercise
    )
    response.headers["Location"] = f"/api/v1/users/{owner}/form-checks/{job.id}"
    return FormCheckOut.of(job)


@router.get("", response_model=list[FormCheckOut], responses=ERRORS)
def list_form_checks(user_id: str, viewer: ViewerDep, db: DbDep) -> list[FormCheckOut]:
    """A person's form checks, newest first."""
    owner = owner_of(viewer, user_id)
    require_access(db, viewer, owner, Access.READ)
    return [FormCheckOut.of(job) for job in jobs.form_checks(db, owner)]


@router.get("/{job_id}", response_model=FormCheckOut, responses=ERRORS)
def get_form_check(user_id: str, job_id: str, viewer: ViewerDep, db: DbDep) -> FormCheckOut:
    """One form check: status, progress, stage, and the report or the error once over."""
    owner = owner_of(viewer, user_id)
    require_access(db, viewer, owner, Access.READ)
    return FormCheckOut.of(jobs.form_check(db, owner, job_id))


@router.get(
    "/{job_id}/video",
    response_class=FileResponse,
    responses={
        **ERRORS,
        200: {"content": {"video/mp4": {}}, "description": "The annotated video (H.264 MP4)."},
    },
)
def annotated_video(
    user_id: str, job_id: str, viewer: ViewerDep, db: DbDep, config: ConfigDep
) -> FileResponse:
    """The clip with skeleton, counter and cues drawn in (range requests work)."""
    owner = owner_of(viewer, user_id)
    require_access(db, viewer, owner, Access.READ)
    path = jobs.annotated_video_path(db, config, owner, job_id)
    return FileResponse(
        path,
        media_type="video/mp4",
        filename=f"form-check-{job_id}.mp4",
        content_disposition_type="inline",
    )


@router.delete("/{job_id}", status_code=204, responses=ERRORS)
def delete_form_check(
    user_id: str, job_id: str, viewer: ViewerDep, db: DbDep, config: ConfigDep
) -> None:
    """Forget a form check and its videos; one still running stops."""
    owner = owner_of(viewer, user_id)
    require_access(db, viewer, owner, Access.WRITE)
    jobs.delete_form_check(db, config, owner, job_id)
