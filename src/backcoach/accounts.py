"""Accounts and access: who may sign in, and who may see or change whose training log.

Use cases over the store, like ``services``; the web app and the CLI call them. Secrets
(passwords, session cookies, API tokens, calendar addresses) are never stored: passwords
as argon2 hashes, random tokens as their SHA-256.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import IntEnum
from typing import Any

from backcoach.errors import BackcoachError
from backcoach.store.accounts_repository import AccountsRepository, ApiToken, CoachLink
from backcoach.store.database import Database
from backcoach.store.errors import Conflict, NotFound
from backcoach.store.repository import LogRepository
from backcoach.training.entries import new_id, utc_now
from backcoach.training.users import LOCAL_USER_ID, User

SESSION_LIFETIME = timedelta(days=14)
#: Failed sign-ins allowed per e-mail address, and per client address, within the window.
MAX_FAILED_PER_ACCOUNT = 5
MAX_FAILED_PER_CLIENT = 20
FAILED_LOGIN_WINDOW = timedelta(minutes=15)
MIN_PASSWORD = 8
MAX_PASSWORD = 1024
#: Self-registration may choose these roles; admins are made with the CLI.
OPEN_ROLES = ("athlete", "coach")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")


class AccessDenied(BackcoachError):
    """Signed in, but not allowed to do this."""


class NotSignedIn(BackcoachError):
    """No valid session or token."""


class TooManyAttempts(BackcoachError):
    """Sign-in refused for a while after repeated failures."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        minutes = max(1, round(retry_after / 60))
        super().__init__(
            "Too many failed sign-ins.",
            f"Wait about {minutes} minute{'s' if minutes != 1 else ''} and try again.",
        )


class InvalidAccount(BackcoachError):
    """A registration or password change that cannot be accepted as given."""


class Access(IntEnum):
    """What a viewer may do with someone's log."""

    NONE = 0
    READ = 1
    WRITE = 2


def token_hash(token: str) -> str:
    """The stored form of a random secret token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def normalise_email(email: str) -> str:
    """Trimmed and lower-cased, or InvalidAccount when it is not an address."""
    email = email.strip().lower()
    if len(email) > 320 or not _EMAIL.match(email):
        raise InvalidAccount(
            f"'{email[:80]}' is not an e-mail address.", "Give an address like name@example.com."
        )
    return email


def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidAccount(
            f"The password is too short ({len(password)} characters).",
            f"Use at least {MIN_PASSWORD} characters; a few unrelated words work well.",
        )
    if len(password) > MAX_PASSWORD:
        raise InvalidAccount("The password is too long.", f"Use at most {MAX_PASSWORD} characters.")


def register(db: Database, email: str, password: str, name: str, role: str = "athlete") -> User:
    """Create an account with a password; the e-mail must be new."""
    email = normalise_email(email)
    _check_password(password)
    if role not in OPEN_ROLES:
        raise InvalidAccount(
            f"Cannot register as '{role}'.", f"Choose one of {', '.join(OPEN_ROLES)}."
        )
    user = User(id=new_id(), name=name.strip() or email.split("@")[0], email=email, role=role)
    hashed = _hasher().hash(password)
    with db.session(write=True) as s:
        accounts = AccountsRepository(s)
        if accounts.user_by_email(email) is not None:
            raise Conflict(
                f"An account with {email} exists already.",
                "Sign in instead, or use another address.",
            )
        LogRepository(s).add_user(user)
        accounts.set_password_hash(user.id, hashed, utc_now())
    return user


def create_user(db: Database, email: str, password: str, name: str, role: str) -> User:
    """An account of any role (admins included), for the operator's command line."""
    if role == "admin":
        user = register(db, email, password, name, "athlete")
        return set_role(db, user.id, "admin")
    return register(db, email, password, name, role)


def set_role(db: Database, user_id: str, role: str) -> User:
    """Give a user another role."""
    with db.session(write=True) as s:
        repo = LogRepository(s)
        user = repo.get_user(user_id)
        if user is None:
            raise NotFound(f"No user '{user_id}'.", "Check the id.")
        user = replace(user, role=role)
        repo.update_user(user)
    return user


def _rate_limit_keys(email: str, client: str) -> list[tuple[str, int]]:
    return [(f"email:{email}", MAX_FAILED_PER_ACCOUNT), (f"client:{client}", MAX_FAILED_PER_CLIENT)]


def authenticate(db: Database, email: str, password: str, client: str = "") -> User:
    """The user with this e-mail and password; failures count towards a rate limit.

    The same message is given for an unknown address and a wrong password, so that
    sign-in does not tell who has an account.
    """
    now = utc_now()
    try:
        email = normalise_email(email)
    except InvalidAccount:
        email = email.strip().lower()[:320]
    keys = _rate_limit_keys(email, client)
    with db.session() as s:
        accounts = AccountsRepository(s)
        for key, limit in keys:
            failures = accounts.failed_logins(key, now - FAILED_LOGIN_WINDOW)
            if len(failures) >= limit:
                oldest = failures[-limit]
                wait = (oldest + FAILED_LOGIN_WINDOW - now).total_seconds()
                raise TooManyAttempts(max(1, int(wait) + 1))
        user = accounts.user_by_email(email)
        stored = accounts.password_hash(user.id) if user else None
    hasher = _hasher()
    ok = False
    if stored is not None:
        from argon2.exceptions import InvalidHashError, VerificationError

        try:
            ok = hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            ok = False
    else:
        # Spend the same time as a real check, so timing does not reveal the address.
        hasher.hash(password)
    with db.session(write=True) as s:
        accounts = AccountsRepository(s)
        if not ok or user is None:
            for key, _ in keys:
                accounts.add_failed_login(key, now)
            accounts.prune_failed_logins(now - FAILED_LOGIN_WINDOW)
        else:
            accounts.forget_failed_logins(keys[0][0])
            if stored is not None and hasher.check_needs_rehash(stored):
                accounts.set_password_hash(user.id, hasher.hash(password), now)
    if not ok or user is None:
        raise NotSignedIn(
            "The e-mail address or the password is wrong.",
            "Check both and try again, or register if you have no account.",
        )
    return user


def change_password(db: Database, user_id: str, old: str, new: str) -> None:
    """Replace a password after checking the old one."""
    _check_password(new)
    with db.session() as s:
        stored = AccountsRepository(s).password_hash(user_id)
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        _hasher().verify(stored or "", old)
    except (VerificationError, InvalidHashError) as exc:
        raise NotSignedIn("The current password is wrong.", "Type it again.") from exc
    with db.session(write=True) as s:
        AccountsRepository(s).set_password_hash(user_id, _hasher().hash(new), utc_now())


@dataclass(frozen=True)
class SignedIn:
    """A browser session: the cookie's secret and the token its forms must carry."""

    token: str
    csrf_token: str
    expires_at: datetime


def start_session(db: Database, user_id: str, lifetime: timedelta = SESSION_LIFETIME) -> SignedIn:
    """Sign a browser in."""
    now = utc_now()
    signed = SignedIn(secrets.token_urlsafe(32), secrets.token_urlsafe(32), now + lifetime)
    with db.session(write=True) as s:
        accounts = AccountsRepository(s)
        accounts.delete_expired_web_sessions(now)
        accounts.add_web_session(
            token_hash(signed.token), user_id, signed.csrf_token, now, signed.expires_at
        )
    return signed


def session_user(db: Database, token: str) -> tuple[User, str] | None:
    """The user and CSRF token of a live browser session; None when unknown or expired."""
    with db.session() as s:
        found = AccountsRepository(s).web_session_user(token_hash(token))
    if found is None:
        return None
    user, csrf, expires = found
    return (user, csrf) if expires > utc_now() else None


def end_session(db: Database, token: str) -> None:
    """Sign a browser out."""
    with db.session(write=True) as s:
        AccountsRepository(s).delete_web_session(token_hash(token))


@dataclass(frozen=True)
class NewApiToken:
    """A token just made: its secret is shown this once."""

    token: ApiToken
    secret: str


#: How stale ``last_used_at`` may get before a request writes it again.
_TOUCH_EVERY = timedelta(minutes=1)


def create_api_token(db: Database, user_id: str, name: str) -> NewApiToken:
    """A new token for scripts."""
    name = name.strip()
    if not 1 <= len(name) <= 100:
        raise InvalidAccount("A token needs a name of 1-100 characters.", "Say what it is for.")
    secret = "bc_" + secrets.token_urlsafe(32)
    with db.session(write=True) as s:
        token = AccountsRepository(s).add_api_token(
            new_id(), user_id, name, token_hash(secret), utc_now()
        )
    return NewApiToken(token, secret)


def token_user(db: Database, secret: str) -> User | None:
    """The owner of a live API token."""
    now = utc_now()
    with db.session() as s:
        found = AccountsRepository(s).api_token_user(token_hash(secret))
    if found is None:
        return None
    token_id, user, last_used = found
    if last_used is None or now - last_used > _TOUCH_EVERY:
        with db.session(write=True) as s:
            AccountsRepository(s).touch_api_token(token_id, now)
    return user


def api_tokens(db: Database, user_id: str) -> list[ApiToken]:
    """A user's tokens."""
    with db.session() as s:
        return AccountsRepository(s).api_tokens(user_id)


def revoke_api_token(db: Database, user_id: str, token_id: str) -> None:
    """Revoke one of the user's tokens."""
    with db.session(write=True) as s:
        if not AccountsRepository(s).revoke_api_token(user_id, token_id, utc_now()):
            raise NotFound(f"No token '{token_id}'.", "List your tokens to see their ids.")


# coaches and athletes


def invite(db: Database, coach: User, athlete_email: str) -> CoachLink:
    """A coach asks to follow an athlete's training; the athlete must accept."""
    if coach.role not in ("coach", "admin"):
        raise AccessDenied("Only coaches can invite athletes.", "Ask an admin for a coach role.")
    email = normalise_email(athlete_email)
    now = utc_now()
    with db.session(write=True) as s:
        accounts = AccountsRepository(s)
        athlete = accounts.user_by_email(email)
        if athlete is None:
            raise NotFound(
                f"No athlete has registered with {email}.",
                "Ask them to register first, then invite them again.",
            )
        if athlete.id == coach.id:
            raise InvalidAccount("You cannot coach yourself.", "Invite another person.")
        link = accounts.link_between(coach.id, athlete.id)
        if link is not None and link.status in ("invited", "accepted"):
            return link
        fresh = CoachLink(
            id=link.id if link else new_id(),
            coach_id=coach.id,
            athlete_id=athlete.id,
            status="invited",
            invited_at=now,
            answered_at=None,
        )
        return accounts.save_link(fresh)


def answer_invitation(db: Database, athlete_id: str, link_id: str, accept: bool) -> CoachLink:
    """The athlete accepts or declines a coach's invitation."""
    with db.session(write=True) as s:
        accounts = AccountsRepository(s)
        link = accounts.link(link_id)
        if link is None or link.athlete_id != athlete_id:
            raise NotFound(f"No invitation '{link_id}'.", "List your coaches to see them.")
        if link.status != "invited":
            raise Conflict(
                f"This invitation was {link.status} already.", "Ask the coach to invite again."
            )
        status = "accepted" if accept else "declined"
        return accounts.save_link(replace(link, status=status, answered_at=utc_now()))


def revoke_link(db: Database, user_id: str, link_id: str) -> CoachLink:
    """Either side ends a coaching link; the coach loses access at once."""
    with db.session(write=True) as s:
        accounts = AccountsRepository(s)
        link = accounts.link(link_id)
        if link is None or user_id not in (link.athlete_id, link.coach_id):
            raise NotFound(f"No coach link '{link_id}'.", "List your coaches to see them.")
        return accounts.save_link(replace(link, status="revoked", answered_at=utc_now()))


def links_of(db: Database, user_id: str) -> list[CoachLink]:
    """A user's links, as coach or as athlete."""
    with db.session() as s:
        return AccountsRepository(s).links_of(user_id)


def athletes_of(db: Database, coach_id: str) -> list[User]:
    """The athletes who accepted this coach."""
    with db.session() as s:
        accounts = AccountsRepository(s)
        ids = [
            x.athlete_id
            for x in accounts.links_of(coach_id)
            if x.coach_id == coach_id and x.status == "accepted"
        ]
        return accounts.users(ids)


def people(db: Database, ids: list[str]) -> dict[str, User]:
    """Users by id, for showing names beside links."""
    with db.session() as s:
        return {u.id: u for u in AccountsRepository(s).users(ids)}


def access(db: Database, viewer: User, owner_id: str) -> Access:
    """What ``viewer`` may do with the log of ``owner_id``.

    The owner and admins may read and change it; a coach the owner accepted may read it.
    """
    if viewer.id == owner_id or viewer.role == "admin":
        return Access.WRITE
    if viewer.role != "coach":
        return Access.NONE
    with db.session() as s:
        return (
            Access.READ if AccountsRepository(s).accepted_link(viewer.id, owner_id) else Access.NONE
        )


def require(db: Database, viewer: User, owner_id: str, needed: Access) -> None:
    """Raise unless ``viewer`` may do ``needed`` with the owner's log.

    Someone with no access at all gets NotFound, so that ids of other people's records
    reveal nothing; a coach who may read but tried to change gets AccessDenied.
    """
    have = access(db, viewer, owner_id)
    if have >= needed:
        return
    if have == Access.NONE:
        raise NotFound(
            "There is nothing here.", "Check the address; you can see only your own log."
        )
    raise AccessDenied(
        "Coaches can read their athletes' logs but not change them.",
        "Ask the athlete to make the change.",
    )


def local_user(db: Database) -> User:
    """The single person of the embedded mode, created on first use."""
    from backcoach.services import ensure_user

    return ensure_user(db, LOCAL_USER_ID)
