"""The form check: upload a clip from the phone, follow the job, read the report.

With JavaScript the upload goes to the API by XHR (showing the upload's progress, then
the job's); without it the form posts here and the report page refreshes itself until
the job is done.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, Response, UploadFile
from fastapi.responses import HTMLResponse

from backcoach import jobs
from backcoach.vision.report import FormReport
from backcoach.web.deps import CatalogDep, ConfigDep, DbDep, PageViewerDep
from backcoach.web.pages.render import redirect, render
from backcoach.web.security import check_csrf

router = APIRouter()


@router.get("/form-check", response_class=HTMLResponse)
def form_check_page(
    request: Request, viewer: PageViewerDep, db: DbDep, catalog: CatalogDep, config: ConfigDep
) -> Response:
    """The upload form and the person's earlier form checks."""
    return render(
        request,
        "form_check.html",
        {
            "exercises": catalog.exercises,
            "checks": jobs.form_checks(db, viewer.id)[:20],
            "max_mb": config.max_upload_bytes // (1024 * 1024),
        },
        viewer=viewer,
    )


@router.post("/form-check", response_class=HTMLResponse)
def upload(
    request: Request,
    viewer: PageViewerDep,
    db: DbDep,
    config: ConfigDep,
    file: Annotated[UploadFile, File()],
    exercise: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    """Take a clip sent without JavaScript and go to its report page."""
    check_csrf(request, viewer, csrf_token)
    job = jobs.submit_form_check(
        db,
        config,
        request.app.state.jobs,
        viewer.id,
        file.file,
        file.filename,
        exercise.strip() or None,
    )
    return redirect(f"/form-check/{job.id}")


def report_rows(report: FormReport) -> list[dict[str, Any]]:
    """One row per repetition for the report's table."""
    rows = []
    for rep in report.reps:
        rows.append(
            {
                "index": rep.index,
                "count": rep.count,
                "full": rep.full,
                "start": rep.start_s,
                "up": rep.concentric_s,
                "hold": rep.top_hold_s,
                "down": rep.eccentric_s,
                "range": rep.range_normalised,
                "faults": [f.name for f in rep.faults],
                "cues": [f.cue for f in rep.faults],
                "partial": rep.partial_reasons,
                "confidence": rep.confidence,
            }
        )
    return rows


@router.get("/form-check/{job_id}", response_class=HTMLResponse)
def report_page(request: Request, job_id: str, viewer: PageViewerDep, db: DbDep) -> Response:
    """A form check: its progress while it runs, then the annotated video and each rep."""
    job = jobs.form_check(db, viewer.id, job_id)
    report = FormReport.model_validate(job.report) if job.report else None
    return render(
        request,
        "form_check_report.html",
        {
            "job": job,
            "report": report,
            "rows": report_rows(report) if report else [],
            "api": f"/api/v1/users/{job.user_id}/form-checks/{job.id}",
            "running": job.status in ("queued", "running"),
        },
        viewer=viewer,
    )
