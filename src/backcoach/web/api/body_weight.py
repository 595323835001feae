"""Body-weight readings: the strain monitor counts bodyweight exercises with them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from backcoach import services
from backcoach.store.repository import LogRepository
from backcoach.training.entries import BodyWeight
from backcoach.web.api.owners import readable, writable
from backcoach.web.api.schemas import ERRORS, Strict
from backcoach.web.api.when import checked_time
from backcoach.web.deps import DbDep, ViewerDep

router = APIRouter(tags=["body weight"], responses=ERRORS)


class BodyWeightIn(Strict):
    """A body-weight reading in kilograms (20-400)."""

    weight_kg: float = Field(examples=[72.5])
    measured_at: datetime | None = None


class BodyWeightOut(BaseModel):
    """A stored body-weight reading."""

    id: str
    weight_kg: float
    measured_at: datetime

    @classmethod
    def of(cls, entry: BodyWeight) -> BodyWeightOut:
        """The API view of a reading."""
        return cls(id=entry.id, weight_kg=entry.weight_kg, measured_at=entry.measured_at)


@router.post("/users/{user_id}/body-weight", status_code=201, response_model=BodyWeightOut)
def record_body_weight(
    user_id: str, body: BodyWeightIn, db: DbDep, viewer: ViewerDep
) -> BodyWeightOut:
    """Record a body-weight reading."""
    owner = writable(db, viewer, user_id)
    entry = services.record_body_weight(
        db, owner, body.weight_kg, when=checked_time("time of the reading", body.measured_at)
    )
    return BodyWeightOut.of(entry)


@router.get("/users/{user_id}/body-weight", response_model=list[BodyWeightOut])
def list_body_weight(
    user_id: str,
    db: DbDep,
    viewer: ViewerDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[BodyWeightOut]:
    """Body-weight readings, newest first."""
    owner = readable(db, viewer, user_id)
    with db.session() as s:
        entries = LogRepository(s).list_body_weights(owner)
    return [BodyWeightOut.of(w) for w in entries[:limit]]
