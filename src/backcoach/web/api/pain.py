"""Pain reports (0-10, with red-flag symptoms) and what they change in the training."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from backcoach import coaching, services
from backcoach.store.repository import LogRepository
from backcoach.training.entries import PainEntry, Symptom
from backcoach.web.api.owners import readable, writable
from backcoach.web.api.schemas import ERRORS, AdjustmentOut, Strict
from backcoach.web.api.when import checked_time
from backcoach.web.deps import CatalogDep, DbDep, ViewerDep

router = APIRouter(tags=["pain"], responses=ERRORS)


class PainIn(Strict):
    """Pain from 0 (none) to 10 (worst imaginable) in a body region, and any red-flag symptom.

    A red-flag symptom, or pain of 7 or more in the back or a shoulder, stops back training
    until a clinician clears the person; pain of 4 or more regresses the exercise it came with.
    """

    score: int = Field(examples=[3])
    region: str = Field(min_length=1, max_length=100, examples=["upper-back"])
    exercise: str | None = Field(default=None, min_length=1, max_length=100)
    notes: str = Field(default="", max_length=2000)
    symptoms: list[Symptom] = Field(default_factory=list, max_length=len(Symptom))
    felt_at: datetime | None = None


class PainOut(BaseModel):
    """A stored pain report."""

    id: str
    score: int
    region: str
    felt_at: datetime
    exercise: str | None
    notes: str
    symptoms: list[Symptom]

    @classmethod
    def of(cls, entry: PainEntry) -> PainOut:
        """The API view of a pain entry."""
        return cls(
            id=entry.id,
            score=entry.score,
            region=entry.region,
            felt_at=entry.felt_at,
            exercise=entry.exercise_id,
            notes=entry.notes,
            symptoms=list(entry.symptoms),
        )


class StopOut(BaseModel):
    """Back training is stopped until a clinician clears the person."""

    since: str
    reason: str


class PainRecorded(BaseModel):
    """The stored report, what progression changed because of it, and any stop in force."""

    pain: PainOut
    progressed: list[AdjustmentOut]
    stopped: StopOut | None


@router.post("/users/{user_id}/pain", status_code=201, response_model=PainRecorded)
def record_pain(
    user_id: str, body: PainIn, db: DbDep, catalog: CatalogDep, viewer: ViewerDep
) -> PainRecorded:
    """Record pain; the coaching rules regress or stop what it calls for, as the CLI does."""
    owner = writable(db, viewer, user_id)
    region = catalog.region(body.region)
    exercise_id = catalog.exercise(body.exercise).id if body.exercise else None
    entry = services.record_pain(
        db,
        owner,
        body.score,
        region.id,
        exercise_id=exercise_id,
        notes=body.notes,
        when=checked_time("time of the pain", body.felt_at),
        symptoms=tuple(dict.fromkeys(body.symptoms)),
    )
    progressed = coaching.after_pain(db, owner, catalog, entry)
    stop = coaching.current_stop(db, owner)
    return PainRecorded(
        pain=PainOut.of(entry),
        progressed=[AdjustmentOut.of(p) for p in progressed],
        stopped=StopOut(since=stop.since, reason=stop.reason) if stop else None,
    )


@router.get("/users/{user_id}/pain", response_model=list[PainOut])
def list_pain(
    user_id: str,
    db: DbDep,
    viewer: ViewerDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[PainOut]:
    """Pain reports, newest first."""
    owner = readable(db, viewer, user_id)
    with db.session() as s:
        entries = LogRepository(s).list_pain(owner)
    return [PainOut.of(p) for p in entries[:limit]]
