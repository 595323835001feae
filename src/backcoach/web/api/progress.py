"""Progress over time: estimated 1RM, pull-ups, weekly volume, ACWR and pain, as series."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from backcoach.web.api.owners import readable
from backcoach.web.api.schemas import ERRORS
from backcoach.web.deps import CatalogDep, DbDep, ViewerDep

router = APIRouter(tags=["progress"], responses=ERRORS)

#: The longest window one request may ask for: two years of daily points.
MAX_DAYS = 730


class PointOut(BaseModel):
    """One value on one day (weekly series: the Monday of the week)."""

    day: date
    value: float


class SeriesOut(BaseModel):
    """A named line of a chart."""

    key: str
    label: str
    unit: str
    points: list[PointOut]


class ZoneOut(BaseModel):
    """An ACWR zone and its bounds (null: open-ended)."""

    zone: str
    low: float | None
    high: float | None


class ProgressOut(BaseModel):
    """Every progress series over the window ``start``-``end``.

    ``e1rm``: estimated one-repetition maximum per loaded exercise (Epley, kg);
    ``pullup_reps``: most pull-ups in one working set per day; ``weekly_volume``: hard sets
    per week for each back muscle; ``acwr``: each muscle's workload ratio per day, with
    ``acwr_zones``; ``pain``: the worst pain score of each day.
    """

    start: date
    end: date
    e1rm: list[SeriesOut]
    pullup_reps: SeriesOut
    weekly_volume: list[SeriesOut]
    acwr: list[SeriesOut]
    acwr_zones: list[ZoneOut]
    pain: SeriesOut


@router.get("/users/{user_id}/progress", response_model=ProgressOut)
def get_progress(
    user_id: str,
    db: DbDep,
    catalog: CatalogDep,
    viewer: ViewerDep,
    days: Annotated[int, Query(ge=1, le=MAX_DAYS)] = 180,
) -> ProgressOut:
    """The progress series of the last ``days`` days, for charts."""
    from backcoach.progress import progress, progress_document

    owner = readable(db, viewer, user_id)
    return ProgressOut.model_validate(progress_document(progress(db, catalog, owner, days)))
