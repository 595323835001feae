"""The training log's repository: domain entries in, domain entries out.

Callers hold a unit of work (``Database.session``); the repository never commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backcoach.store.errors import Conflict, NotFound
from backcoach.store.tables import (
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


def _user(row: UserRow) -> User:
    return User(
        id=row.id,
        name=row.name,
        email=row.email,
        role=row.role,
        unit=row.unit,
        created_at=row.created_at,
    )


def _session(row: SessionRow) -> TrainingSession:
    return TrainingSession(
        id=row.id,
        user_id=row.user_id,
        started_at=row.started_at,
        ended_at=row.ended_at,
        notes=row.notes,
    )


def _set(row: SetRow) -> SetEntry:
    return SetEntry(
        id=row.id,
        session_id=row.session_id,
        exercise_id=row.exercise_id,
        variant_id=row.variant_id,
        position=row.position,
        kind=SetKind(row.kind),
        reps=row.reps,
        load_kg=row.load_kg,
        rpe=row.rpe,
        rir=row.rir,
        duration_s=row.duration_s,
        distance_m=row.distance_m,
        side=Side(row.side),
        notes=row.notes,
        logged_at=row.logged_at,
    )


def _set_row(entry: SetEntry) -> SetRow:
    return SetRow(
        id=entry.id,
        session_id=entry.session_id,
        exercise_id=entry.exercise_id,
        variant_id=entry.variant_id,
        position=entry.position,
        kind=entry.kind.value,
        reps=entry.reps,
        load_kg=entry.load_kg,
        rpe=entry.rpe,
        rir=entry.rir,
        duration_s=entry.duration_s,
        distance_m=entry.distance_m,
        side=entry.side.value,
        notes=entry.notes,
        logged_at=entry.logged_at,
    )


class LogRepository:
    """Users, sessions, sets, pain and body weight, read and written within one transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # users
    def get_user(self, user_id: str) -> User | None:
        """The user with this id, if any."""
        row = self.session.get(UserRow, user_id)
        return _user(row) if row else None

    def add_user(self, user: User) -> User:
        """Store a new user; an existing id is left as it is and returned."""
        existing = self.session.get(UserRow, user.id)
        if existing:
            return _user(existing)
        self.session.add(
            UserRow(
                id=user.id,
                name=user.name,
                email=user.email,
                role=user.role,
                unit=user.unit,
                created_at=user.created_at,
            )
        )
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
            return _session(row)
        self.session.add(
            SessionRow(
                id=entry.id,
                user_id=entry.user_id,
                started_at=entry.started_at,
                ended_at=entry.ended_at,
                notes=entry.notes,
            )
        )
        self.session.flush()
        return entry

    def get_session(self, user_id: str, session_id: str) -> TrainingSession:
        """One of the user's sessions; another person's session is reported as missing."""
        row = self.session.get(SessionRow, session_id)
        if row is None or row.user_id != user_id:
            raise NotFound(f"No session '{session_id}'.", "List sessions with 'backcoach history'.")
        return _session(row)

    def latest_session(self, user_id: str) -> TrainingSession | None:
        """The user's most recently started session."""
        row = self.session.scalars(
            select(SessionRow)
            .where(SessionRow.user_id == user_id)
            .order_by(SessionRow.started_at.desc())
            .limit(1)
        ).first()
        return _session(row) if row else None

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
        return _session(row) if row else None

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
        return [_session(r) for r in self.session.scalars(query)]

    def count_sessions(self, user_id: str) -> int:
        """How many sessions the user has logged."""
        query = select(func.count()).select_from(SessionRow).where(SessionRow.user_id == user_id)
        return int(self.session.scalar(query) or 0)

    # sets
    def add_set(self, entry: SetEntry) -> bool:
        """Store a set once. Returns False when the same set (same id) was already stored.

        The same id with different values is a :class:`Conflict`: a client reused an id.
        """
        existing = self.session.get(SetRow, entry.id)
        if existing is None:
            try:
                with self.session.begin_nested():
                    self.session.add(_set_row(entry))
                return True
            except IntegrityError:
                # Another writer stored this id between our read and our insert.
                existing = self.session.get(SetRow, entry.id)
                if existing is None:
                    raise
        if not _set(existing).same_record(entry):
            raise Conflict(
                f"A different set with id '{entry.id}' is already stored.",
                "Give each new set its own id; resend an id only to retry the same set.",
            )
        return False

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
            self.session.add(
                PainRow(
                    id=entry.id,
                    user_id=entry.user_id,
                    score=entry.score,
                    region=entry.region,
                    felt_at=entry.felt_at,
                    exercise_id=entry.exercise_id,
                    notes=entry.notes,
                    symptoms=",".join(s.value for s in entry.symptoms),
                )
            )
            self.session.flush()

    def list_pain(self, user_id: str, since: datetime | None = None) -> list[PainEntry]:
        """The user's pain entries, newest first."""
        query = select(PainRow).where(PainRow.user_id == user_id)
        if since is not None:
            query = query.where(PainRow.felt_at >= since)
        rows = self.session.scalars(query.order_by(PainRow.felt_at.desc()))
        return [
            PainEntry(
                id=r.id,
                user_id=r.user_id,
                score=r.score,
                region=r.region,
                felt_at=r.felt_at,
                exercise_id=r.exercise_id,
                notes=r.notes,
                symptoms=tuple(Symptom(x) for x in r.symptoms.split(",") if x),
            )
            for r in rows
        ]

    def add_body_weight(self, entry: BodyWeight) -> None:
        """Store a body-weight reading (idempotent by id)."""
        if self.session.get(BodyWeightRow, entry.id) is None:
            self.session.add(
                BodyWeightRow(
                    id=entry.id,
                    user_id=entry.user_id,
                    weight_kg=entry.weight_kg,
                    measured_at=entry.measured_at,
                )
            )
            self.session.flush()

    def list_body_weights(self, user_id: str) -> list[BodyWeight]:
        """The user's body-weight readings, newest first."""
        query = (
            select(BodyWeightRow)
            .where(BodyWeightRow.user_id == user_id)
            .order_by(BodyWeightRow.measured_at.desc())
        )
        return [
            BodyWeight(id=r.id, user_id=r.user_id, weight_kg=r.weight_kg, measured_at=r.measured_at)
            for r in self.session.scalars(query)
        ]

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
