"""The practice's accounts, for admins."""

from __future__ import annotations

from fastapi import APIRouter

from backcoach.store.accounts_repository import AccountsRepository
from backcoach.web.api.owners import require_admin
from backcoach.web.api.schemas import ERRORS, UserOut
from backcoach.web.deps import DbDep, ViewerDep

router = APIRouter(tags=["accounts"], responses=ERRORS)


@router.get("/users", response_model=list[UserOut])
def list_users(db: DbDep, viewer: ViewerDep) -> list[UserOut]:
    """Every account, by name (admins only)."""
    require_admin(viewer)
    with db.session() as s:
        return [UserOut.of(u) for u in AccountsRepository(s).users()]
