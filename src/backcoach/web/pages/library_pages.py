"""The exercise library: the five exercises, each with the article's words, cues and muscles."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from backcoach.catalog.muscle_map import render_muscle_map
from backcoach.web.deps import CatalogDep, PageViewerDep
from backcoach.web.pages.render import render

router = APIRouter()


@router.get("/exercises", response_class=HTMLResponse)
def exercises_page(request: Request, viewer: PageViewerDep, catalog: CatalogDep) -> Response:
    """The exercises with their summaries and the muscles they work."""
    return render(
        request,
        "exercises.html",
        {"exercises": catalog.exercises, "about": catalog.about, "catalog": catalog},
        viewer=viewer,
    )


@router.get("/exercises/{name}", response_class=HTMLResponse)
def exercise_page(
    request: Request, name: str, viewer: PageViewerDep, catalog: CatalogDep
) -> Response:
    """One exercise: the article's text, setup, steps, cues, faults, variants, muscle map."""
    ex, _ = catalog.resolve(name)
    names = {m.id: m.name for m in catalog.muscles}
    picture = render_muscle_map(
        ex.muscle_shares(), title=f"{ex.name}: share of the work", labels=names
    )
    return render(
        request,
        "exercise.html",
        {
            "ex": ex,
            "muscle_map": Markup(picture),
            "muscle_names": names,
            "catalog": catalog,
        },
        viewer=viewer,
    )
