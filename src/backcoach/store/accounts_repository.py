"""Accounts, sessions, tokens, coach links and failed sign-ins, within one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, or_, select
from sqlalchemy.orm import Session

from backcoach.store.tables import (
    ApiTokenRow,
    CoachLinkRow,
    CredentialRow,
    LoginAttemptRow,
    UserRow,
    WebSessionRow,
)
from backcoach.training.users import User

_USERS = UserRow.__table__
_TOKENS = ApiTokenRow.__table__
_WEB_SESSIONS = WebSessionRow.__table__
# Every request signed in by token or cookie runs one of these two: built once, and run
# as Core statements (see the note in repository.py).
_TOKEN_USER = (
    select(_TOKENS.c.id.label("token_id"), _TOKENS.c.last_used_at, *_USERS.c)
    .join(_USERS, _USERS.c.id == _TOKENS.c.user_id)
    .where(_TOKENS.c.token_hash == bindparam("hash"), _TOKENS.c.revoked_at.is_(None))
)
_SESSION_USER = (
    select(_WEB_SESSIONS.c.csrf_token, _WEB_SESSIONS.c.expires_at, *_USERS.c)
    .join(_USERS, _USERS.c.id == _WEB_SESSIONS.c.user_id)
    .where(_WEB_SESSIONS.c.token_hash == bindparam("hash"))
)


def _user(row: Any) -> User:
    # An ORM row or a Core row: both read by column name.
    return User(
        id=row.id,
        name=row.name,
        email=row.email,
        role=row.role,
        unit=row.unit,
        created_at=row.created_at,
    )


@dataclass(frozen=True)
class ApiToken:
    """A script's token as listed to its owner (never the secret itself)."""

    id: str
    name: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True)
class CoachLink:
    """A coach's invitation to an athlete and where it stands."""

    id: str
    coach_id: str
    athlete_id: str
    status: str
    invited_at: datetime
    answered_at: datetime | None


def _token(row: ApiTokenRow) -> ApiToken:
    return ApiToken(row.id, row.name, row.created_at, row.last_used_at, row.revoked_at)


def _link(row: CoachLinkRow) -> CoachLink:
    return CoachLink(
        row.id, row.coach_id, row.athlete_id, row.status, row.invited_at, row.answered_at
    )


class AccountsRepository:
    """Everything about who may sign in and who may see whose log."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # people
    def user_by_email(self, email: str) -> User | None:
        """The user with this e-mail address (already normalised), if any."""
        row = self.session.scalars(select(UserRow).where(UserRow.email == email)).first()
        return _user(row) if row else None

    def users(self, ids: list[str] | None = None) -> list[User]:
        """Users by id (all of them when ``ids`` is None), by name."""
        query = select(UserRow).order_by(UserRow.name, UserRow.id)
        if ids is not None:
            query = query.where(UserRow.id.in_(ids))
        return [_user(r) for r in self.session.scalars(query)]

    def password_hash(self, user_id: str) -> str | None:
        """The stored argon2 hash of this user's password."""
        row = self.session.get(CredentialRow, user_id)
        return row.password_hash if row else None

    def set_password_hash(self, user_id: str, password_hash: str, now: datetime) -> None:
        """Store (or replace) the hash of this user's password."""
        row = self.session.get(CredentialRow, user_id)
        if row is None:
            self.session.add(
                CredentialRow(user_id=user_id, password_hash=password_hash, updated_at=now)
            )
        else:
            row.password_hash, row.updated_at = password_hash, now

    # browser sessions
    def add_web_session(
        self, token_hash: str, user_id: str, csrf: str, now: datetime, expires: datetime
    ) -> None:
        """Remember a signed-in browser."""
        self.session.add(
            WebSessionRow(
                token_hash=token_hash,
                user_id=user_id,
                csrf_token=csrf,
                created_at=now,
                expires_at=expires,
            )
        )

    def web_session_user(self, token_hash: str) -> tuple[User, str, datetime] | None:
        """(user, CSRF token, expiry) of a browser session, in one query."""
        found = self.session.connection().execute(_SESSION_USER, {"hash": token_hash}).first()
        return (_user(found), found.csrf_token, found.expires_at) if found else None

    def delete_web_session(self, token_hash: str) -> None:
        """Sign a browser out."""
        self.session.execute(delete(WebSessionRow).where(WebSessionRow.token_hash == token_hash))

    def delete_expired_web_sessions(self, now: datetime) -> None:
        """Forget sessions past their expiry."""
        self.session.execute(delete(WebSessionRow).where(WebSessionRow.expires_at <= now))

    # API tokens
    def add_api_token(
        self, token_id: str, user_id: str, name: str, token_hash: str, now: datetime
    ) -> ApiToken:
        """Store a new token's hash."""
        row = ApiTokenRow(
            id=token_id, user_id=user_id, name=name, token_hash=token_hash, created_at=now
        )
        self.session.add(row)
        self.session.flush()
        return _token(row)

    def api_token_owner(self, token_hash: str) -> tuple[str, str, datetime | None] | None:
        """(token id, user id, last used) of a live token with this hash."""
        row = self.session.scalars(
            select(ApiTokenRow).where(
                ApiTokenRow.token_hash == token_hash, ApiTokenRow.revoked_at.is_(None)
            )
        ).first()
        return (row.id, row.user_id, row.last_used_at) if row else None

    def api_token_user(self, token_hash: str) -> tuple[str, User, datetime | None] | None:
        """(token id, owner, last used) of a live token with this hash, in one query."""
        found = self.session.connection().execute(_TOKEN_USER, {"hash": token_hash}).first()
        return (found.token_id, _user(found), found.last_used_at) if found else None

    def touch_api_token(self, token_id: str, now: datetime) -> None:
        """Note when a token was last used."""
        row = self.session.get(ApiTokenRow, token_id)
        if row is not None:
            row.last_used_at = now

    def api_tokens(self, user_id: str) -> list[ApiToken]:
        """A user's tokens, newest first."""
        rows = self.session.scalars(
            select(ApiTokenRow)
            .where(ApiTokenRow.user_id == user_id)
            .order_by(ApiTokenRow.created_at.desc())
        )
        return [_token(r) for r in rows]

    def revoke_api_token(self, user_id: str, token_id: str, now: datetime) -> bool:
        """Revoke one of the user's tokens; False when there is no such token of theirs."""
        row = self.session.get(ApiTokenRow, token_id)
        if row is None or row.user_id != user_id:
            return False
        if row.revoked_at is None:
            row.revoked_at = now
        return True

    # coach links
    def link(self, link_id: str) -> CoachLink | None:
        """One coach link by id."""
        row = self.session.get(CoachLinkRow, link_id)
        return _link(row) if row else None

    def link_between(self, coach_id: str, athlete_id: str) -> CoachLink | None:
        """The link between this coach and this athlete, if any."""
        row = self.session.scalars(
            select(CoachLinkRow).where(
                CoachLinkRow.coach_id == coach_id, CoachLinkRow.athlete_id == athlete_id
            )
        ).first()
        return _link(row) if row else None

    def save_link(self, link: CoachLink) -> CoachLink:
        """Store a new link or the new state of an existing one."""
        row = self.session.get(CoachLinkRow, link.id)
        if row is None:
            row = CoachLinkRow(id=link.id, coach_id=link.coach_id, athlete_id=link.athlete_id)
            self.session.add(row)
        row.status, row.invited_at, row.answered_at = (
            link.status,
            link.invited_at,
            link.answered_at,
        )
        self.session.flush()
        return _link(row)

    def links_of(self, user_id: str) -> list[CoachLink]:
        """Every link where this user is the coach or the athlete, newest first."""
        rows = self.session.scalars(
            select(CoachLinkRow)
            .where(or_(CoachLinkRow.coach_id == user_id, CoachLinkRow.athlete_id == user_id))
            .order_by(CoachLinkRow.invited_at.desc())
        )
        return [_link(r) for r in rows]

    def accepted_link(self, coach_id: str, athlete_id: str) -> bool:
        """True when this coach may see this athlete's log."""
        found = self.session.scalar(
            select(func.count())
            .select_from(CoachLinkRow)
            .where(
                CoachLinkRow.coach_id == coach_id,
                CoachLinkRow.athlete_id == athlete_id,
                CoachLinkRow.status == "accepted",
            )
        )
        return bool(found)

    # login attempts
    def add_failed_login(self, key: str, now: datetime) -> None:
        """Count a failed sign-in against a key (an e-mail or a client address)."""
        self.session.add(LoginAttemptRow(key=key, attempted_at=now))

    def failed_logins(self, key: str, since: datetime) -> list[datetime]:
        """When the failed sign-ins against this key since ``since`` happened, oldest first."""
        rows = self.session.scalars(
            select(LoginAttemptRow.attempted_at)
            .where(LoginAttemptRow.key == key, LoginAttemptRow.attempted_at >= since)
            .order_by(LoginAttemptRow.attempted_at)
        )
        return list(rows)

    def forget_failed_logins(self, key: str) -> None:
        """Clear a key's failures after a good sign-in."""
        self.session.execute(delete(LoginAttemptRow).where(LoginAttemptRow.key == key))

    def prune_failed_logins(self, before: datetime) -> None:
        """Forget failures older than the rate-limit window."""
        self.session.execute(delete(LoginAttemptRow).where(LoginAttemptRow.attempted_at < before))
