"""The coach's pages: the dashboard of accepted athletes, and their form checks, read-only.

The dashboard flags load, pain and missed sessions; an athlete's form checks (the list and
each report, with the annotated video the API serves to an accepted coach) are at
``/athletes/{id}/form-checks``. Anyone else gets the same 404 page as for an unknown id.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from backcoach import jobs
from backcoach.accounts import AccessDenied
from backcoach.dashboard import MISSED_WINDOW_DAYS, PAIN_FLAG, coach_dashboard
from backcoach.web.deps import CatalogDep, DbDep, PageViewerDep
from backcoach.web.pages.form_check_pages import report_context
from backcoach.web.pages.render import render
from backcoach.web.pages.training_pages import owner

router = APIRouter()

#: The most form checks listed on an athlete's page, newest first.
LISTED_CHECKS = 50


@router.get("/coach", response_class=HTMLResponse)
def dashboard_page(
    request: Request, viewer: PageViewerDep, db: DbDep, catalog: CatalogDep
) -> Response:
    """Each accepted athlete: muscles in the high zone, the latest pain, missed sessions."""
    if viewer.user.role not in ("coach", "admin"):
        raise AccessDenied(
            "The athletes page is for coaches.",
            "Coaches are invited by their athletes' e-mail address; see your account page.",
        )
    rows = coach_dashboard(db, catalog, viewer.id)
    return render(
        request,
        "coach.html",
        {"rows": rows, "pain_flag": PAIN_FLAG, "window": MISSED_WINDOW_DAYS},
        viewer=viewer,
    )


@router.get("/athletes/{user_id}/form-checks", response_class=HTMLResponse)
def athlete_form_checks(
    request: Request, user_id: str, viewer: PageViewerDep, db: DbDep
) -> Response:
    """An athlete's form checks, newest first, for their coach."""
    person = owner(db, viewer, user_id)
    return render(
        request,
        "coach_form_checks.html",
        {"person": person, "checks": jobs.form_checks(db, person.id)[:LISTED_CHECKS]},
        viewer=viewer,
    )


@router.get("/athletes/{user_id}/form-checks/{job_id}", response_class=HTMLResponse)
def athlete_form_check(
    request: Request, user_id: str, job_id: str, viewer: PageViewerDep, db: DbDep
) -> Response:
    """One of an athlete's form checks, read-only: its report and annotated video."""
    person = owner(db, viewer, user_id)
    job = jobs.form_check(db, person.id, job_id)
    return render(
        request,
        "form_check_report.html",
        {
            **report_context(job),
            "own": False,
            "person": person,
            "back": (f"/athletes/{person.id}/form-checks", f"{person.name}'s form checks"),
        },
        viewer=viewer,
    )
