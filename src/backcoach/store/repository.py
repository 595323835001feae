"""The training log's repository: domain entries in, domain entries out.

Callers hold a unit of work (``Database.session``); the repository never commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from backcoach.store.errors import Conflict, NotFound
from backcoach.store.tables import (
    Base,
    BodyWeightRow,
    CoachingStateRow,
    PainRow,
    PlanRow,
    ProfileRow,
    SessionRow,
    SetRow,
    UserRow,
)
from backcoach.training.entries import (
    BodyWeight,
    PainEntry,
    SetEntry,
    SetKind,
    Side,
    Symptom,
    TrainingSession,
    utc_now,
)
from backcoach.training.users import User


def _values(source: object, entry_type: Any) -> dict[str, Any]:
    """The fields of the dataclass ``entry_type``, read by name from a row or an entry.

    Rows and domain entries use the same names, so one copy serves both directions;
    enums are stored as their (string) values.
    """
    return {f.name: getattr(source, f.name) for f in fields(entry_type)}


def _set(row: SetRow) -> SetEntry:
    values = _values(row, SetEntry)
    return SetEntry(**{**values, "kind": SetKind(row.kind), "side": Side(row.side)})


def _pain(row: PainRow) -> PainEntry:
    symptoms = tuple(Symptom(x) for x in row.symptoms.split(",") if x)
    return PainEntry(**{**_values(row, PainEntry), "symptoms": symptoms})


_SETS = Base.metadata.tables["sets"]
#: Insert a set unless its id is taken, per engine: built once, since building and keying
#: the statement anew for every set costs more than running it.
_INSERT_SET = {
    name: insert(_SETS).on_conflict_do_nothing(index_elements=["id"]).returning(_SETS.c.id)
    for name, insert in (("postgresql", pg_insert), ("sqlite", sqlite_insert))
}


class LogRepository:
    """Users, sessions, sets, pain and body weight, read and written within one transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # users
    def get_user(self, user_id: str) -> User | None:
        """The user with this id, if any."""
        row = self.session.get(UserRow, user_id)
        return User(**_values(row, User)) if row else None

    def add_user(self, user: User) -> User:
        """Store a new user; an existing id is left as it is and returned."""
        existing = self.session.get(UserRow, user.id)
        if existing:
            return User(**_values(existing, User))
        self.session.add(UserRow(**_values(user, User)))
        self.session.flush()
        return user

    def update_user(self, user: User) -> None:
        """Save a user's changed name, e-mail or unit."""
        row = self.session.get(UserRow, user.id)
        if row is None:
            raise NotFound(f"No user '{user.id}'.", "Check the user id.")
        row.name, row.email, row.unit, row.role = user.name, user.email, user.unit, user.role

    # sessions
    def add_session(self, entry: TrainingSession) -> TrainingSession:
        """Store a session; the same id again returns the stored one (a retried request)."""
        row = self.session.get(SessionRow, entry.id)
        if row is not None:
            if row.user_id != entry.user_id:
                raise Conflict(f"The session id '{entry.id}' is already in use.", "Use a new id.")
            return TrainingSession(**_values(row, TrainingSession))
        self.session.add(SessionRow(**_values(entry, TrainingSession)))
        self.session.flush()
        return entry

    def get_session(self, user_id: str, session_id: str) -> TrainingSession:
        """One of the user's sessions; another person's session is reported as missing."""
        row = self.session.get(SessionRow, session_id)
        if row is None or row.user_id != user_id:
            raise NotFound(f"No session '{session_id}'.", "List sessions with 'backcoach history'.")
        return TrainingSession(**_values(row, TrainingSession))

    def latest_session(self, user_id: str) -> TrainingSession | None:
        """The user's most recently started session."""
        row = self.session.scalars(
            select(SessionRow)
            .where(SessionRow.user_id == user_id)
            .order_by(SessionRow.started_at.desc())
            .limit(1)
        ).first()
        return TrainingSession(**_values(row, TrainingSession)) if row else None

    def session_started_between(
        self, user_id: str, start: datetime, end: datetime
    ) -> TrainingSession | None:
        """The user's latest session that started within [start, end]."""
        row = self.session.scalars(
            select(SessionRow)
            .where(
                SessionRow.user_id == user_id,
                SessionRow.started_at >= start,
                SessionRow.started_at <= end,
            )
            .order_by(SessionRow.started_at.desc())
            .limit(1)
        ).first()
        return TrainingSession(**_values(row, TrainingSession)) if row else None

    def list_sessions(
        self, user_id: str, since: datetime | None = None, limit: int | None = None
    ) -> list[TrainingSession]:
        """The user's sessions, newest first."""
        query = select(SessionRow).where(SessionRow.user_id == user_id)
        if since is not None:
            query = query.where(SessionRow.started_at >= since)
        query = query.order_by(SessionRow.started_at.desc())
        if limit is not None:
            query = query.limit(limit)
        return [TrainingSession(**_values(r, TrainingSession)) for r in self.session.scalars(query)]

    def count_sessions(self, user_id: str) -> int:
        """How many sessions the user has logged."""
        query = select(func.count()).select_from(SessionRow).where(SessionRow.user_id == user_id)
        return int(self.session.scalar(query) or 0)

    # sets
    def add_set(self, entry: SetEntry) -> bool:
        """Store a set once. Returns False when the same set (same id) was already stored.

        The same id with different values is a :class:`Conflict`: a client reused an id.
        """
        # One statement for a new set, on both engines: the insert does nothing when the id
        # is taken (a retry, or another writer that got there first), and only then is the
        # stored set read back to compare.
        dialect = self.session.get_bind().dialect.name
        inserted = self.session.execute(
            _INSERT_SET[dialect], _values(entry, SetEntry)
        ).scalar_one_or_none()
        if inserted is not None:
            return True
        existing = self.session.get(SetRow, entry.id)
        if existing is None:
            raise Conflict(f"The set id '{entry.id}' could not be stored.", "Try again.")
        if not _set(existing).same_record(entry):
            raise Conflict(
                f"A different set with id '{entry.id}' is already stored.",
                "Give each new set its own id; resend an id only to retry the same set.",
            )
        return False

    def stored_sets(self, set_ids: Sequence[str]) -> dict[str, SetEntry]:
        """The stored sets among these ids, by id (one query)."""
        if not set_ids:
            return {}
        rows = self.session.scalars(select(SetRow).where(SetRow.id.in_(list(set_ids))))
        return {row.id: _set(row) for row in rows}

    def stored_set(self, set_id: str) -> SetEntry | None:
        """The stored set with this id, if any."""
        row = self.session.get(SetRow, set_id)
        return _set(row) if row else None

    def next_position(self, session_id: str) -> int:
        """The position for the next set of a session."""
        query = select(func.max(SetRow.position)).where(SetRow.session_id == session_id)
        top = self.session.scalar(query)
        return 0 if top is None else int(top) + 1

    def sets_of(self, session_ids: Sequence[str]) -> dict[str, list[SetEntry]]:
        """The sets of the given sessions, in order, keyed by session id."""
        result: dict[str, list[SetEntry]] = {sid: [] for sid in session_ids}
        if not session_ids:
            return result
        query = (
            select(SetRow)
            .where(SetRow.session_id.in_(list(session_ids)))
            .order_by(SetRow.session_id, SetRow.position)
        )
        for row in self.session.scalars(query):
            result[row.session_id].append(_set(row))
        return result

    def sets_of_user(self, user_id: str, since: datetime | None = None) -> list[SetEntry]:
        """All the user's sets (since a time), oldest first."""
        query = (
            select(SetRow)
            .join(SessionRow, SetRow.session_id == SessionRow.id)
            .where(SessionRow.user_id == user_id)
        )
        if since is not None:
            query = query.where(SessionRow.started_at >= since)
        query = query.order_by(SessionRow.started_at, SetRow.position)
        return [_set(row) for row in self.session.scalars(query)]

    def count_sets(self, user_id: str, since: datetime | None = None) -> int:
        """How many sets the user logged (since a time)."""
        query = (
            select(func.count())
            .select_from(SetRow)
            .join(SessionRow, SetRow.session_id == SessionRow.id)
            .where(SessionRow.user_id == user_id)
        )
        if since is not None:
            query = query.where(SessionRow.started_at >= since)
        return int(self.session.scalar(query) or 0)

    # pain and body weight
    def add_pain(self, entry: PainEntry) -> None:
        """Store a pain entry (idempotent by id)."""
        if self.session.get(PainRow, entry.id) is None:
            values = _values(entry, PainEntry)
            values["symptoms"] = ",".join(x.value for x in entry.symptoms)
            self.session.add(PainRow(**values))
            self.session.flush()

    def list_pain(self, user_id: str, since: datetime | None = None) -> list[PainEntry]:
        """The user's pain entries, newest first."""
        query = select(PainRow).where(PainRow.user_id == user_id)
        if since is not None:
            query = query.where(PainRow.felt_at >= since)
        rows = self.session.scalars(query.order_by(PainRow.felt_at.desc()))
        return [_pain(r) for r in rows]

    def add_body_weight(self, entry: BodyWeight) -> None:
        """Store a body-weight reading (idempotent by id)."""
        if self.session.get(BodyWeightRow, entry.id) is None:
            self.session.add(BodyWeightRow(**_values(entry, BodyWeight)))
            self.session.flush()

    def list_body_weights(self, user_id: str) -> list[BodyWeight]:
        """The user's body-weight readings, newest first."""
        query = (
            select(BodyWeightRow)
            .where(BodyWeightRow.user_id == user_id)
            .order_by(BodyWeightRow.measured_at.desc())
        )
        return [BodyWeight(**_values(r, BodyWeight)) for r in self.session.scalars(query)]

    # profile and plans
    def get_profile(self, user_id: str) -> dict[str, object] | None:
        """The user's profile document, if one was saved."""
        row = self.session.get(ProfileRow, user_id)
        return dict(row.data) if row else None

    def save_profile(self, user_id: str, data: dict[str, object]) -> None:
        """Save (replace) the user's profile document."""
        row = self.session.get(ProfileRow, user_id)
        if row is None:
            self.session.add(ProfileRow(user_id=user_id, data=data, updated_at=utc_now()))
        else:
            row.data, row.updated_at = data, utc_now()
        self.session.flush()

    def active_plan(self, user_id: str) -> StoredPlan | None:
        """The user's active plan, if any."""
        row = self.session.scalars(
            select(PlanRow)
            .where(PlanRow.user_id == user_id, PlanRow.active.is_(True))
            .order_by(PlanRow.created_at.desc())
            .limit(1)
        ).first()
        if row is None:
            return None
        return StoredPlan(row.id, row.created_at, dict(row.profile), dict(row.program))

    def save_plan(self, user_id: str, plan: StoredPlan) -> None:
        """Store a new plan and make it the only active one."""
        for row in self.session.scalars(
            select(PlanRow).where(PlanRow.user_id == user_id, PlanRow.active.is_(True))
        ):
            row.active = False
        self.session.add(
            PlanRow(
                id=plan.id,
                user_id=user_id,
                created_at=plan.created_at,
                active=True,
                profile=plan.profile,
                program=plan.program,
            )
        )
        self.session.flush()

    def get_coaching_state(self, user_id: str) -> dict[str, object]:
        """Where progression stands for the user (empty before the first plan)."""
        row = self.session.get(CoachingStateRow, user_id)
        return dict(row.data) if row else {}

    def save_coaching_state(self, user_id: str, data: dict[str, object]) -> None:
        """Replace the user's progression state."""
        row = self.session.get(CoachingStateRow, user_id)
        if row is None:
            self.session.add(CoachingStateRow(user_id=user_id, data=data, updated_at=utc_now()))
        else:
            row.data, row.updated_at = data, utc_now()
        self.session.flush()


@dataclass(frozen=True)
class StoredPlan:
    """A plan as stored: the profile it was made from and the program, as documents."""

    id: str
    created_at: datetime
    profile: dict[str, object]
    program: dict[str, object]
