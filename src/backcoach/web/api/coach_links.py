"""Coaches and athletes: invitations, answers, revocation, and a coach's athletes.

A coach invites an athlete by e-mail; the coach sees the athlete's log (read only) once
the athlete accepts, and until either of them revokes the link.
"""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel, Field

from backcoach import accounts
from backcoach.store.accounts_repository import CoachLink
from backcoach.training.users import User
from backcoach.web.api.schemas import ERRORS, Strict, UserOut
from backcoach.web.deps import DbDep, ViewerDep

router = APIRouter(tags=["coaching links"], responses=ERRORS)


class InvitationIn(Strict):
    """Whom a coach invites."""

    athlete_email: str = Field(max_length=320, examples=["ana@example.com"])


class Person(BaseModel):
    """The other side of a link, by name."""

    id: str
    name: str


class LinkOut(BaseModel):
    """A coach link: ``invited``, ``accepted``, ``declined`` or ``revoked``."""

    id: str
    coach: Person
    athlete: Person
    status: str
    invited_at: datetime
    answered_at: datetime | None


def _out(link: CoachLink, names: dict[str, User]) -> LinkOut:
    def person(user_id: str) -> Person:
        user = names.get(user_id)
        return Person(id=user_id, name=user.name if user else "")

    return LinkOut(
        id=link.id,
        coach=person(link.coach_id),
        athlete=person(link.athlete_id),
        status=link.status,
        invited_at=link.invited_at,
        answered_at=link.answered_at,
    )


def _with_names(db: DbDep, links: list[CoachLink]) -> list[LinkOut]:
    names = accounts.people(db, [x for link in links for x in (link.coach_id, link.athlete_id)])
    return [_out(link, names) for link in links]


@router.get("/me/coach-links", response_model=list[LinkOut])
def list_links(db: DbDep, viewer: ViewerDep) -> list[LinkOut]:
    """Your links, as coach or as athlete."""
    return _with_names(db, accounts.links_of(db, viewer.id))


@router.post("/me/coach-links", status_code=201, response_model=LinkOut)
def invite(body: InvitationIn, db: DbDep, viewer: ViewerDep) -> LinkOut:
    """Invite an athlete (coaches only); the athlete must accept before you see their log."""
    return _with_names(db, [accounts.invite(db, viewer.user, body.athlete_email)])[0]


@router.post("/me/coach-links/{link_id}/accept", response_model=LinkOut)
def accept(link_id: str, db: DbDep, viewer: ViewerDep) -> LinkOut:
    """Accept a coach's invitation: the coach may read your log from now on."""
    return _with_names(db, [accounts.answer_invitation(db, viewer.id, link_id, True)])[0]


@router.post("/me/coach-links/{link_id}/decline", response_model=LinkOut)
def decline(link_id: str, db: DbDep, viewer: ViewerDep) -> LinkOut:
    """Decline a coach's invitation."""
    return _with_names(db, [accounts.answer_invitation(db, viewer.id, link_id, False)])[0]


@router.delete("/me/coach-links/{link_id}", status_code=204)
def revoke(link_id: str, db: DbDep, viewer: ViewerDep) -> None:
    """End a link, as coach or athlete; the coach loses access at once."""
    accounts.revoke_link(db, viewer.id, link_id)


@router.get("/me/athletes", response_model=list[UserOut])
def athletes(db: DbDep, viewer: ViewerDep) -> list[UserOut]:
    """The athletes who accepted you as their coach."""
    return [UserOut.of(u) for u in accounts.athletes_of(db, viewer.id)]
