"""The training log's repository: domain entries in, domain entries out.

Callers hold a unit of work (``Database.session``); the repository never commits.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from backcoach.store.errors import Conflict, NotFound
from backcoach.store.tables import (
    Base,
    BodyWeightRow,
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
    return {name: getattr(source, name) for name in _field_names(entry_type)}


@cache
def _field_names(entry_type: Any) -> tuple[str, ...]:
    return tuple(f.name for f in fields(entry_type))


def _set(row: Any) -> SetEntry:
    # An ORM row or a Core row: both read by column name.
    values = _values(row, SetEntry)
    return SetEntry(**{**values, "kind": SetKind(row.kind), "side": Side(row.side)})


def _pain(row: Any) -> PainEntry:
    symptoms = tuple(Symptom(x) for x in row.symptoms.split(",") if x)
    return PainEntry(**{**_values(row, PainEntry), "symptoms": symptoms})


# The statements on the path of logging a set are built once, here: building and keying a
# statement anew for every call costs more than running it, and they run through the
# transaction's connection (Core), which skips the ORM's bookkeeping for rows that are
# turned into domain entries at once anyway.
_SETS = Base.metadata.tables["sets"]
_SESSIONS = Base.metadata.tables["training_sessions"]
_USERS = Base.metadata.tables["users"]
_PLANS = Base.metadata.tables["plans"]
#: Insert a set unless its id is taken, per engine.
_INSERT_SET = {
    name: insert(_SETS).on_conflict_do_nothing(index_elements=["id"]).returning(_SETS.c.id)
    for name, insert in (("postgresql", pg_insert), ("sqlite", sqlite_insert))
}
_USER_BY_ID = select(_USERS).where(_USERS.c.id == bindparam("id"))
_SESSION_BY_ID = select(_SESSIONS).where(_SESSIONS.c.id == bindparam("id"))
_INSERT_SESSION = _SESSIONS.insert()
_SETS_BY_ID = select(_SETS).where(_SETS.c.id.in_(bindparam("ids", expanding=True)))
_SESSION_STARTED_BETWEEN = (
    select(
        _SESSIONS,
        select(func.max(_SETS.c.position))
        .where(_SETS.c.session_id == _SESSIONS.c.id)
        .scalar_subquery()
        .label("top_position"),
    )
    .where(
        _SESSIONS.c.user_id == bindparam("user_id"),
        _SESSIONS.c.started_at >= bindparam("start", type_=_SESSIONS.c.started_at.type),
        _SESSIONS.c.started_at <= bindparam("end", type_=_SESSIONS.c.started_at.type),
    )
    .order_by(_SESSIONS.c.started_at.desc())
    .limit(1)
)
_NEXT_POSITION = select(func.max(_SETS.c.position)).where(
    _SETS.c.session_id == bindparam("session_id")
)
_PAIN = Base.metadata.tables["pain_entries"]
_PROFILES = Base.metadata.tables["profiles"]
_STATES = Base.metadata.tables["coaching_state"]
_ACTIVE_PLAN_ID = (
    select(_PLANS.c.id)
    .where(_PLANS.c.user_id == bindparam("user_id"), _PLANS.c.active.is_(True))
    .order_by(_PLANS.c.created_at.desc())
    .limit(1)
)
_PLAN_PROGRAM = select(_PLANS.c.program).where(_PLANS.c.id == bindparam("id"))
_PROFILE_DATA = select(_PROFILES.c.data).where(_PROFILES.c.user_id == bindparam("user_id"))
_STATE_DATA = select(_STATES.c.data).where(_STATES.c.user_id == bindparam("user_id"))
_UPDATE_STATE = (
    _STATES.update()
    .where(_STATES.c.user_id == bindparam("key"))
    .values(data=bindparam("data"), updated_at=bindparam("updated_at"))
)
_INSERT_STATE = _STATES.insert()
_SETS_OF_SESSION = (
    select(_SETS).where(_SETS.c.session_id == bindparam("session_id")).order_by(_SETS.c.position)
)
_SETS_OF_SESSION_EXERCISES = (
    select(_SETS)
    .where(
        _SETS.c.session_id == bindparam("session_id"),
        _SETS.c.exercise_id.in_(bindparam("exercise_ids", expanding=True)),
    )
    .order_by(_SETS.c.position)
)
_PAIN_SINCE = (
    select(_PAIN)
    .where(
        _PAIN.c.user_id == bindparam("user_id"),
        _PAIN.c.felt_at >= bindparam("since", type_=_PAIN.c.felt_at.type),
    )
    .order_by(_PAIN.c.felt_at.desc())
)
#: What progression needs of a person: the active plan's id, the profile, the state.
_COACHING_CONTEXT = select(
    _ACTIVE_PLAN_ID.scalar_subquery().label("plan_id"),
    _PROFILE_DATA.scalar_subquery().label("profile"),
    _STATE_DATA.scalar_subquery().label("state"),
)
_ACTIVE_PLAN = (
    select(_PLANS)
    .where(_PLANS.c.user_id == bindparam("user_id"), _PLANS.c.active.is_(True))
    .order_by(_PLANS.c.created_at.desc())
    .limit(1)
)


class LogRepository:
    """Users, sessions, sets, pain and body weight, read and written within one transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _core(self, statement: Executable, params: dict[str, Any]) -> CursorResult[Any]:
        """Run a prebuilt Core statement in this unit of work."""
        return self.session.connection().execute(statement, params)

    # users
    def get_user(self, user_id: str) -> User | None:
        """The user with this id, if any."""
        row = self._core(_USER_BY_ID, {"id": user_id}).first()
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
        row = self._core(_SESSION_BY_ID, {"id": entry.id}).first()
        if row is not None:
            if row.user_id != entry.user_id:
                raise Conflict(f"The session id '{entry.id}' is already in use.", "Use a new id.")
            return TrainingSession(**_values(row, TrainingSession))
        self._core(_INSERT_SESSION, _values(entry, TrainingSession))
        return entry

    def get_session(self, user_id: str, session_id: str) -> TrainingSession:
        """One of the user's sessions; another person's session is reported as missing."""
        row = self._core(_SESSION_BY_ID, {"id": session_id}).first()
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
    ) -> tuple[TrainingSession, int] | None:
        """The user's latest session that started within [start, end], and the position
        for its next set (one query)."""
        row = self._core(
            _SESSION_STARTED_BETWEEN, {"user_id": user_id, "start": start, "end": end}
        ).first()
        if row is None:
            return None
        top = row.top_position
        return TrainingSession(**_values(row, TrainingSession)), 0 if top is None else top + 1

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
        connection = self.session.connection()
        inserted = connection.execute(
            _INSERT_SET[connection.dialect.name], _values(entry, SetEntry)
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
        rows = self._core(_SETS_BY_ID, {"ids": list(set_ids)})
        return {row.id: _set(row) for row in rows}

    def stored_set(self, set_id: str) -> SetEntry | None:
        """The stored set with this id, if any."""
        row = self.session.get(SetRow, set_id)
        return _set(row) if row else None

    def next_position(self, session_id: str) -> int:
        """The position for the next set of a session."""
        top = self._core(_NEXT_POSITION, {"session_id": session_id}).scalar()
        return 0 if top is None else int(top) + 1

    def session_sets(
        self, session_id: str, exercise_ids: Collection[str] | None = None
    ) -> list[SetEntry]:
        """One session's sets in order, all or only those of some exercises."""
        if exercise_ids is None:
            return self.sets_of([session_id])[session_id]
        params = {"session_id": session_id, "exercise_ids": list(exercise_ids)}
        return [_set(r) for r in self._core(_SETS_OF_SESSION_EXERCISES, params)]

    def sets_of(self, session_ids: Sequence[str]) -> dict[str, list[SetEntry]]:
        """The sets of the given sessions, in order, keyed by session id."""
        result: dict[str, list[SetEntry]] = {sid: [] for sid in session_ids}
        if not session_ids:
            return result
        if len(session_ids) == 1:
            # One session (after every logged set): the prebuilt statement.
            only = session_ids[0]
            result[only] = [_set(r) for r in self._core(_SETS_OF_SESSION, {"session_id": only})]
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
        if since is not None:
            return [_pain(r) for r in self._core(_PAIN_SINCE, {"user_id": user_id, "since": since})]
        query = select(PainRow).where(PainRow.user_id == user_id)
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
        data = self._core(_PROFILE_DATA, {"user_id": user_id}).scalar()
        return dict(data) if data is not None else None

    def save_profile(self, user_id: str, data: dict[str, object]) -> None:
        """Save (replace) the user's profile document."""
        row = self.session.get(ProfileRow, user_id)
        if row is None:
            self.session.add(ProfileRow(user_id=user_id, data=data, updated_at=utc_now()))
        else:
            row.data, row.updated_at = data, utc_now()
        self.session.flush()

    def coaching_context(
        self, user_id: str
    ) -> tuple[str | None, dict[str, object] | None, dict[str, object]]:
        """The active plan's id, the profile document and the progression state, in one
        query (after every logged set)."""
        row = self._core(_COACHING_CONTEXT, {"user_id": user_id}).one()
        profile = dict(row.profile) if row.profile is not None else None
        return row.plan_id, profile, dict(row.state) if row.state is not None else {}

    def active_plan_id(self, user_id: str) -> str | None:
        """The id of the user's active plan, if any."""
        found: str | None = self._core(_ACTIVE_PLAN_ID, {"user_id": user_id}).scalar()
        return found

    def plan_program(self, plan_id: str) -> dict[str, object] | None:
        """The program document of a stored plan."""
        data = self._core(_PLAN_PROGRAM, {"id": plan_id}).scalar()
        return dict(data) if data is not None else None

    def active_plan(self, user_id: str) -> StoredPlan | None:
        """The user's active plan, if any."""
        row = self._core(_ACTIVE_PLAN, {"user_id": user_id}).first()
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
        data = self._core(_STATE_DATA, {"user_id": user_id}).scalar()
        return dict(data) if data is not None else {}

    def save_coaching_state(self, user_id: str, data: dict[str, object]) -> None:
        """Replace the user's progression state."""
        now = utc_now()
        changed = self._core(_UPDATE_STATE, {"key": user_id, "data": data, "updated_at": now})
        if changed.rowcount == 0:
            self._core(_INSERT_STATE, {"user_id": user_id, "data": data, "updated_at": now})


@dataclass(frozen=True)
class StoredPlan:
    """A plan as stored: the profile it was made from and the program, as documents."""

    id: str
    created_at: datetime
    profile: dict[str, object]
    program: dict[str, object]
