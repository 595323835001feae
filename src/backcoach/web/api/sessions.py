"""Logging sets (idempotent by the client's id) and the history of sessions, page by page."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from backcoach import coaching, services
from backcoach.catalog import Catalog, Exercise
from backcoach.errors import BackcoachError
from backcoach.store.database import Database
from backcoach.store.errors import Conflict, NotFound
from backcoach.store.repository import LogRepository
from backcoach.training.entries import SetEntry, SetKind, Side, utc_now
from backcoach.training.set_spec import SetSpec
from backcoach.training.units import Unit
from backcoach.web.api.owners import readable, writable
from backcoach.web.api.schemas import ERRORS, AdjustmentOut, Error, Strict
from backcoach.web.api.when import checked_time
from backcoach.web.deps import CatalogDep, DbDep, ViewerDep, api_viewer

router = APIRouter(tags=["sessions"], responses=ERRORS)


class SetIn(Strict):
    """One set. Send your own ``id`` (a UUID) so that a retried request stores it once.

    Strength exercises are logged in ``reps`` (and ``load_kg``; none for bodyweight), swims
    by ``duration_s`` and/or ``distance_m``. Effort is ``rpe`` (1-10, half points) or
    ``rir`` (reps in reserve), not both. Bounds are checked: 0-100 reps, 0-500 kg.
    """

    id: str | None = Field(default=None, min_length=1, max_length=64, examples=["3f0c8e1e"])
    exercise: str = Field(min_length=1, max_length=100, examples=["row"])
    variant: str | None = Field(default=None, min_length=1, max_length=100)
    reps: int | None = Field(default=None, examples=[8])
    load_kg: float | None = Field(default=None, examples=[60.0])
    rpe: float | None = Field(default=None, examples=[8.0])
    rir: int | None = None
    duration_s: float | None = None
    distance_m: float | None = None
    side: Side = Side.BOTH
    kind: SetKind = SetKind.NORMAL
    notes: str = Field(default="", max_length=2000)
    #: When the set was done (default: now); it joins a session started up to 3 h before.
    logged_at: datetime | None = None


class SetOut(BaseModel):
    """A stored set (load in kg, time in UTC)."""

    id: str
    session_id: str
    exercise: str
    variant: str | None
    position: int
    kind: SetKind
    reps: int | None
    load_kg: float | None
    rpe: float | None
    rir: int | None
    duration_s: float | None
    distance_m: float | None
    side: Side
    notes: str
    logged_at: datetime

    @classmethod
    def of(cls, entry: SetEntry) -> SetOut:
        """The API view of a set."""
        return cls(
            id=entry.id,
            session_id=entry.session_id,
            exercise=entry.exercise_id,
            variant=entry.variant_id,
            position=entry.position,
            kind=entry.kind,
            reps=entry.reps,
            load_kg=entry.load_kg,
            rpe=entry.rpe,
            rir=entry.rir,
            duration_s=entry.duration_s,
            distance_m=entry.distance_m,
            side=entry.side,
            notes=entry.notes,
            logged_at=entry.logged_at,
        )


class LoggedSet(BaseModel):
    """The stored set, and what progression made of the session so far (with a plan)."""

    set: SetOut
    progressed: list[AdjustmentOut]


class SessionOut(BaseModel):
    """A training session and its sets, in order."""

    id: str
    started_at: datetime
    ended_at: datetime | None
    notes: str
    sets: list[SetOut]


class SessionPage(BaseModel):
    """A page of sessions, newest first; ``next_offset`` is null on the last page."""

    items: list[SessionOut]
    offset: int
    limit: int
    next_offset: int | None


def _spec(body: SetIn, exercise: Exercise) -> SetSpec:
    if exercise.kind == "swim" and body.reps is not None:
        raise BackcoachError(
            f"{exercise.name} is logged by time or distance, not reps.",
            "Send duration_s and/or distance_m instead of reps.",
        )
    if exercise.kind != "swim" and body.reps is None:
        raise BackcoachError(
            f"{exercise.name} is logged in reps.", "Send reps (and load_kg unless bodyweight)."
        )
    return SetSpec(
        reps=(body.reps,) if body.reps is not None else (),
        load=body.load_kg,
        unit=Unit.KG,
        duration_s=body.duration_s,
        distance_m=body.distance_m,
    )


def _resolve(catalog: Catalog, body: SetIn) -> tuple[Exercise, str | None]:
    exercise, matched = catalog.resolve(body.exercise)
    chosen = exercise.variant(body.variant) if body.variant else matched
    return exercise, chosen.id if chosen is not None else None


@router.post(
    "/users/{user_id}/sets",
    status_code=201,
    response_model=LoggedSet,
    responses={
        200: {"model": LoggedSet, "description": "This id was stored before: the stored set."},
        409: {"model": Error, "description": "This id is stored with other values."},
    },
)
async def log_set(
    user_id: str,
    body: SetIn,
    request: Request,
    response: Response,
    db: DbDep,
    catalog: CatalogDep,
) -> LoggedSet:
    """Log one set into the session under way (or a new one); 201 when stored, 200 for a retry.

    The same ``id`` again with the same values returns the stored set (200); with other
    values it is refused (409), and nothing changes.
    """
    # The busiest route makes one trip to the thread pool instead of three: the caller is
    # identified there too (rather than by a dependency of its own), and as an async route
    # its answer is checked here on the event loop.
    answer, response.status_code = await run_in_threadpool(
        _log_set, user_id, body, request, db, catalog
    )
    return answer


def _log_set(
    user_id: str, body: SetIn, request: Request, db: Database, catalog: Catalog
) -> tuple[LoggedSet, int]:
    # One transaction for all of it, sign-in included: on PostgreSQL each one more would
    # cost a connection check-out and three round trips.
    with db.unit_of_work(write=True):
        return _log_set_in(user_id, body, request, db, catalog)


def _log_set_in(
    user_id: str, body: SetIn, request: Request, db: Database, catalog: Catalog
) -> tuple[LoggedSet, int]:
    viewer = api_viewer(request)
    owner = writable(db, viewer, user_id)
    exercise, variant_id = _resolve(catalog, body)
    spec = _spec(body, exercise)
    try:
        logged, progressed = coaching.log_and_progress(
            db,
            owner,
            catalog,
            spec,
            exercise_id=exercise.id,
            variant_id=variant_id,
            rpe=body.rpe,
            rir=body.rir,
            side=body.side,
            kind=body.kind,
            notes=body.notes,
            client_id=body.id,
            when=checked_time("set's time", body.logged_at),
            user=viewer.user,
        )
    except NotFound as exc:
        if "session" not in exc.message:
            raise
        # The id belongs to someone else's set: say only that it is taken.
        raise Conflict(
            f"The set id '{body.id}' is already in use.", "Give each new set its own id."
        ) from exc
    if logged.stored:
        progress = [AdjustmentOut.of(p) for p in progressed]
        return LoggedSet(set=SetOut.of(logged.stored[0]), progressed=progress), 201
    with db.session() as s:
        stored = LogRepository(s).stored_set(logged.already_stored[0].id)
    return LoggedSet(set=SetOut.of(stored or logged.already_stored[0]), progressed=[]), 200


@router.get("/users/{user_id}/sessions", response_model=SessionPage)
def list_sessions(
    user_id: str,
    db: DbDep,
    catalog: CatalogDep,
    viewer: ViewerDep,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    exercise: Annotated[str | None, Query(max_length=100)] = None,
    days: Annotated[int | None, Query(ge=1, le=36_500)] = None,
) -> SessionPage:
    """The sessions with their sets, newest first, ``limit`` at a time from ``offset``.

    ``exercise`` keeps only that exercise's sets (and the sessions that have some);
    ``days`` keeps only the last so many days.
    """
    owner = readable(db, viewer, user_id)
    exercise_id = catalog.exercise(exercise).id if exercise else None
    since = utc_now() - timedelta(days=days) if days else None
    items = services.history(
        db, owner, since=since, exercise_id=exercise_id, limit=offset + limit + 1
    )
    page = items[offset : offset + limit]
    more = len(items) > offset + limit
    return SessionPage(
        items=[
            SessionOut(
                id=x.session.id,
                started_at=x.session.started_at,
                ended_at=x.session.ended_at,
                notes=x.session.notes,
                sets=[SetOut.of(e) for e in x.sets],
            )
            for x in page
        ],
        offset=offset,
        limit=limit,
        next_offset=offset + limit if more else None,
    )
