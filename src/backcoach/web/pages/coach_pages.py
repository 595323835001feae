"""The coach's dashboard: accepted athletes with flags for load, pain and missed sessions."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from backcoach.accounts import AccessDenied
from backcoach.dashboard import MISSED_WINDOW_DAYS, PAIN_FLAG, coach_dashboard
from backcoach.web.deps import CatalogDep, DbDep, PageViewerDep
from backcoach.web.pages.render import render

router = APIRouter()


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
