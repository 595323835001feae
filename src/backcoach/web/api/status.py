"""The strain monitor: how this week's load compares with what the back muscles are used to."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from backcoach.catalog import Catalog
from backcoach.load.monitor import StrainStatus
from backcoach.store.database import Database
from backcoach.web.api.owners import readable
from backcoach.web.api.schemas import ERRORS
from backcoach.web.api.when import time_zone
from backcoach.web.deps import CatalogDep, DbDep, ViewerDep

router = APIRouter(tags=["status"], responses=ERRORS)

TimeZoneQuery = Annotated[
    str,
    Query(
        max_length=64,
        description="The person's time zone (IANA name); days start at midnight there.",
    ),
]


class Ratio(BaseModel):
    """The whole session load: acute (7-day) and chronic (28-day) averages and their ratio."""

    acute: float | None
    chronic: float | None
    ratio: float | None
    zone: str | None


class MuscleStatus(BaseModel):
    """One muscle's workload ratio on hard sets and its zone (null: not enough history)."""

    name: str
    ratio: float | None
    zone: str | None
    week_hard_sets: float | None
    today_hard_sets: float | None


class WeekLoad(BaseModel):
    """The last seven days: load, monotony and strain."""

    load: float | None
    monotony: float | None
    strain: float | None


class Warning(BaseModel):
    """A strain warning, most severe first."""

    kind: str
    severity: str
    message: str
    muscle: str | None
    ratio: float | None
    zone: str | None


class StatusOut(BaseModel):
    """The strain monitor's answer, as ``backcoach status --json`` prints it.

    Zones: below 0.8 low, 0.8-1.3 sweet spot, 1.3-1.5 caution, above 1.5 high (a coaching
    rule of thumb, not a prediction of injury).
    """

    today: date
    overall: Ratio
    muscles: dict[str, MuscleStatus]
    week: WeekLoad
    warnings: list[Warning]
    #: Plain notes that are not warnings, e.g. exercises of the person's own with no muscles.
    notes: list[str] = []


def strain_on(
    db: Database, catalog: Catalog, user_id: str, day: date | None, tz: tzinfo
) -> StrainStatus:
    """The strain monitor's answer for the end of ``day`` (today in ``tz`` when None)."""
    from backcoach.services import strain_of, training_record

    return strain_of(training_record(db, user_id), catalog, day or datetime.now(tz).date(), tz)


def status_out(status: StrainStatus) -> StatusOut:
    """The API form of the monitor's answer (the same data as the CLI's JSON)."""
    from backcoach.documents import status_data

    return StatusOut.model_validate(status_data(status))


@router.get("/users/{user_id}/status", response_model=StatusOut)
def get_status(
    user_id: str,
    db: DbDep,
    catalog: CatalogDep,
    viewer: ViewerDep,
    tz: TimeZoneQuery = "UTC",
) -> StatusOut:
    """Workload ratio (ACWR) per back muscle with its zone, the week's monotony, and warnings."""
    owner = readable(db, viewer, user_id)
    return status_out(strain_on(db, catalog, owner, None, time_zone(tz)))
