"""Today's session: the plan's, with progression's targets, trimmed for strain."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from backcoach import coaching
from backcoach.store.errors import Conflict
from backcoach.web.api.owners import readable
from backcoach.web.api.schemas import ERRORS
from backcoach.web.api.status import TimeZoneQuery, Warning, status_out, strain_on
from backcoach.web.api.when import checked_day, time_zone
from backcoach.web.deps import CatalogDep, DbDep, ViewerDep

router = APIRouter(tags=["plan"], responses=ERRORS)


class Stopped(BaseModel):
    """Back training is stopped until a clinician clears the person."""

    reason: str


class TodayOut(BaseModel):
    """Today's session, as ``backcoach today --json`` prints it.

    ``exercises`` are the prescriptions to do (targets, loads in kg, rest, reasons);
    ``adjustments`` say what the strain monitor trimmed; ``stopped`` is set when back
    training is stopped (then there are no exercises).
    """

    date: dt.date
    stopped: Stopped | None
    rest_day: bool
    next_session: dt.date | None
    exercises: list[dict[str, Any]]
    minutes: int
    adjustments: list[str]
    warnings: list[Warning]


@router.get("/users/{user_id}/today", response_model=TodayOut)
def get_today(
    user_id: str,
    db: DbDep,
    catalog: CatalogDep,
    viewer: ViewerDep,
    day: dt.date | None = None,
    tz: TimeZoneQuery = "UTC",
) -> TodayOut:
    """The session planned for ``day`` (default today), adjusted by progress, pain and load."""
    from backcoach.documents import today_data

    owner = readable(db, viewer, user_id)
    zone = time_zone(tz)
    when = checked_day(day) or dt.datetime.now(zone).date()
    strain = strain_on(db, catalog, owner, when, zone)
    try:
        result = coaching.today(db, owner, catalog, when, strain)
    except coaching.NoPlan as exc:
        raise Conflict(
            exc.message, f"Make a plan first with POST /api/v1/users/{user_id}/plan."
        ) from exc
    data = today_data(result)
    data["warnings"] = status_out(strain).model_dump()["warnings"]
    return TodayOut.model_validate(data)
