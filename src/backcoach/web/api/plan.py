"""The active plan, week by week, and making a new one from the profile."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from backcoach import coaching
from backcoach.planning import program_to_dict
from backcoach.store.errors import Conflict, NotFound
from backcoach.web.api.owners import readable, writable
from backcoach.web.api.schemas import ERRORS
from backcoach.web.deps import CatalogDep, DbDep, ViewerDep

router = APIRouter(tags=["plan"], responses=ERRORS)


@router.get("/users/{user_id}/plan", response_model=dict[str, Any])
def get_plan(user_id: str, db: DbDep, viewer: ViewerDep) -> dict[str, Any]:
    """The active plan: the exercises chosen and left out (and why), and every week's sessions."""
    owner = readable(db, viewer, user_id)
    program = coaching.active_program(db, owner)
    if program is None:
        raise NotFound("There is no plan yet.", f"Make one with POST /api/v1/users/{user_id}/plan.")
    return program_to_dict(program)


@router.post("/users/{user_id}/plan", status_code=201, response_model=dict[str, Any])
def new_plan(user_id: str, db: DbDep, catalog: CatalogDep, viewer: ViewerDep) -> dict[str, Any]:
    """Make a new plan from the stored profile and the log; it becomes the active plan."""
    owner = writable(db, viewer, user_id)
    try:
        program = coaching.make_plan(db, owner, catalog)
    except coaching.NoProfile as exc:
        raise Conflict(
            exc.message, f"Create a profile first with PUT /api/v1/users/{user_id}/profile."
        ) from exc
    return program_to_dict(program)
