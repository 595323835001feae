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
from backcoach.vision.report import FaultEvent, FormReport
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


#: How the report's units are written after a number ("167°", "0.6 ratio").
UNITS = {"deg": "°", "°": "°", "%": "%"}


def _fault(fault: FaultEvent) -> dict[str, Any]:
    """A fault for the page: name, cue, time, and what was measured against what is fine."""
    measured = None
    if fault.value is not None:
        unit = UNITS.get(fault.unit or "", f" {fault.unit}" if fault.unit else "")
        measured = f"measured {_num(fault.value)}{unit}"
        if fault.low is not None and fault.high is not None:
            measured += f", fine from {_num(fault.low)} to {_num(fault.high)}{unit}"
        elif fault.high is not None:
            measured += f", fine up to {_num(fault.high)}{unit}"
        elif fault.low is not None:
            measured += f", fine from {_num(fault.low)}{unit}"
    return {"name": fault.name, "cue": fault.cue, "time": fault.time_s, "measured": measured}


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def report_rows(report: FormReport) -> list[dict[str, Any]]:
    """One row per repetition, for the report's table (wide screens) and cards (phones)."""
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
                "faults": [_fault(f) for f in rep.faults],
                "partial": rep.partial_reasons,
                "confidence": rep.confidence,
            }
        )
    return rows


def report_context(job: jobs.FormCheckJob) -> dict[str, Any]:
    """What the report page shows of a job, for its owner or their coach."""
    report = FormReport.model_validate(job.report) if job.report else None
    in_reps = {(f.id, f.time_s) for rep in report.reps for f in rep.faults} if report else set()
    return {
        "job": job,
        "report": report,
        "rows": report_rows(report) if report else [],
        "other_faults": [
            _fault(f) for f in (report.faults if report else []) if (f.id, f.time_s) not in in_reps
        ],
        "api": f"/api/v1/users/{job.user_id}/form-checks/{job.id}",
        "running": job.status in ("queued", "running"),
    }


@router.get("/form-check/{job_id}", response_class=HTMLResponse)
def report_page(request: Request, job_id: str, viewer: PageViewerDep, db: DbDep) -> Response:
    """A form check: its progress while it runs, then the annotated video and each rep."""
    job = jobs.form_check(db, viewer.id, job_id)
    return render(
        request,
        "form_check_report.html",
        {**report_context(job), "own": True, "back": ("/form-check", "Form check")},
        viewer=viewer,
    )
