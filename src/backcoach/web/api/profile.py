"""A person's training profile: what the planner needs to know about them."""

from __future__ import annotations

from fastapi import APIRouter

from backcoach import coaching
from backcoach.planning import Profile
from backcoach.store.errors import NotFound
from backcoach.web.api.owners import readable, writable
from backcoach.web.api.schemas import ERRORS
from backcoach.web.deps import CatalogDep, DbDep, ViewerDep

router = APIRouter(tags=["profile"], responses=ERRORS)


@router.get("/users/{user_id}/profile", response_model=Profile)
def get_profile(user_id: str, db: DbDep, catalog: CatalogDep, viewer: ViewerDep) -> Profile:
    """The stored profile: experience, equipment, days, minutes, goal, limitations, baselines."""
    owner = readable(db, viewer, user_id)
    profile = coaching.load_profile(db, owner, catalog)
    if profile is None:
        raise NotFound(
            "There is no training profile yet.",
            f"Create one with PUT /api/v1/users/{user_id}/profile.",
        )
    return profile


@router.put("/users/{user_id}/profile", response_model=Profile)
def put_profile(
    user_id: str, body: Profile, db: DbDep, catalog: CatalogDep, viewer: ViewerDep
) -> Profile:
    """Replace the profile; a new plan made afterwards follows it (the active plan stays)."""
    owner = writable(db, viewer, user_id)
    coaching.save_profile(db, owner, body)
    return body
