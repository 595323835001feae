"""Storage for imports, exports and backups: custom exercises, mappings, swims, feeds.

Like :class:`~backcoach.store.repository.LogRepository`, it works inside the caller's unit
of work and never commits. Bulk writes use executemany inserts: an imported history of
tens of thousands of sets is one transaction, not one round trip per set.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.orm import Session

from backcoach.store.tables import (
    Base,
    BodyWeightRow,
    CalendarFeedRow,
    CoachingStateRow,
    CustomExerciseRow,
    CustomSetRow,
    ExerciseMappingRow,
    FormCheckJobRow,
    PainRow,
    PlanRow,
    ProfileRow,
    SessionRow,
    SetRow,
    SwimDetailRow,
    UserRow,
    UTCDateTime,
)
from backcoach.training.entries import SetEntry, SetKind, Side, utc_now

#: Ids per IN (...) query: well under SQLite's and PostgreSQL's parameter limits.
CHUNK = 900

#: The tables a backup holds, in the order a restore writes them (parents first).
BACKUP_TABLES: tuple[tuple[str, type[Base]], ...] = (
    ("profile", ProfileRow),
    ("plans", PlanRow),
    ("coaching_state", CoachingStateRow),
    ("custom_exercises", CustomExerciseRow),
    ("mappings", ExerciseMappingRow),
    ("sessions", SessionRow),
    ("sets", SetRow),
    ("custom_sets", CustomSetRow),
    ("swims", SwimDetailRow),
    ("pain", PainRow),
    ("body_weight", BodyWeightRow),
    ("form_checks", FormCheckJobRow),
)


def _columns(table: type[Base]) -> list[Any]:
    return list(table.__table__.columns)


def row_to_plain(row: Base) -> dict[str, Any]:
    """A row as JSON-ready values (times as UTC ISO 8601)."""
    result: dict[str, Any] = {}
    for column in _columns(type(row)):
        value = getattr(row, column.key)
        result[column.key] = value.isoformat() if isinstance(value, datetime) else value
    return result


def plain_to_values(table: type[Base], data: Mapping[str, Any]) -> dict[str, Any]:
    """Column values for ``table`` from a backup entry (unknown keys are an error)."""
    names = {c.key: c for c in _columns(table)}
    unknown = set(data) - set(names)
    if unknown:
        raise KeyError(", ".join(sorted(unknown)))
    values: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(names[key].type, UTCDateTime) and isinstance(value, str):
            value = datetime.fromisoformat(value)
        values[key] = value
    return values


def custom_set_entry(row: CustomSetRow) -> SetEntry:
    """A custom set as a log entry: the custom exercise's id as its exercise, no variant."""
    return SetEntry(
        id=row.id,
        session_id=row.session_id,
        exercise_id=row.custom_exercise_id,
        position=row.position,
        reps=row.reps,
        load_kg=row.load_kg,
        rpe=row.rpe,
        rir=row.rir,
        duration_s=row.duration_s,
        distance_m=row.distance_m,
        kind=SetKind(row.kind),
        side=Side(row.side),
        notes=row.notes,
        logged_at=row.logged_at,
    )


class InteropRepository:
    """Reads and writes of the interop tables within one transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # mappings and custom exercises
    def mappings(self, user_id: str) -> list[ExerciseMappingRow]:
        """The person's remembered name mappings."""
        query = select(ExerciseMappingRow).where(ExerciseMappingRow.user_id == user_id)
        return list(self.session.scalars(query))

    def save_mapping(
        self,
        user_id: str,
        source_name: str,
        *,
        exercise_id: str | None = None,
        variant_id: str | None = None,
        custom_exercise_id: str | None = None,
    ) -> None:
        """Remember what a foreign name means (replacing an earlier choice)."""
        row = self.session.get(ExerciseMappingRow, (user_id, source_name))
        if row is None:
            row = ExerciseMappingRow(user_id=user_id, source_name=source_name)
            self.session.add(row)
        row.exercise_id, row.variant_id = exercise_id, variant_id
        row.custom_exercise_id, row.updated_at = custom_exercise_id, utc_now()
        self.session.flush()

    def custom_exercises(self, user_id: str) -> list[CustomExerciseRow]:
        """The person's own exercises, by name."""
        query = (
            select(CustomExerciseRow)
            .where(CustomExerciseRow.user_id == user_id)
            .order_by(CustomExerciseRow.name)
        )
        return list(self.session.scalars(query))

    def add_custom_exercise(
        self, id: str, user_id: str, name: str, kind: str = "strength"
    ) -> CustomExerciseRow:
        """Store a new custom exercise."""
        row = CustomExerciseRow(
            id=id, user_id=user_id, name=name, kind=kind, muscles=None, created_at=utc_now()
        )
        self.session.add(row)
        self.session.flush()
        return row

    def set_custom_muscles(self, user_id: str, exercise_id: str, muscles: dict[str, float]) -> None:
        """Say which muscles a custom exercise works (muscle id -> share)."""
        row = self.session.get(CustomExerciseRow, exercise_id)
        if row is None or row.user_id != user_id:
            from backcoach.store.errors import NotFound

            raise NotFound(f"No custom exercise '{exercise_id}'.", "List them with the API.")
        row.muscles = dict(muscles)

    # imported entries
    def existing_ids(
        self, table: type[SetRow | CustomSetRow | SessionRow], ids: Iterable[str]
    ) -> set[str]:
        """Which of ``ids`` are already stored in ``table``."""
        wanted = list(ids)
        found: set[str] = set()
        column = table.__table__.c.id
        for i in range(0, len(wanted), CHUNK):
            chunk = wanted[i : i + CHUNK]
            found.update(self.session.scalars(select(column).where(column.in_(chunk))))
        return found

    def insert_many(self, table: type[Base], rows: Sequence[Mapping[str, Any]]) -> None:
        """Insert rows in bulk (executemany)."""
        if rows:
            # Core executemany: the ORM's bulk path splits rows by which values are None.
            table_clause: Table = table.__table__  # type: ignore[assignment]
            self.session.connection().execute(insert(table_clause), list(rows))

    def custom_sets_of(self, session_ids: Sequence[str]) -> list[CustomSetRow]:
        """Custom-exercise sets of the given sessions, in order."""
        result: list[CustomSetRow] = []
        for i in range(0, len(session_ids), CHUNK):
            chunk = list(session_ids[i : i + CHUNK])
            query = select(CustomSetRow).where(CustomSetRow.session_id.in_(chunk))
            result.extend(self.session.scalars(query))
        return sorted(result, key=lambda r: (r.session_id, r.position, r.id))

    def custom_sets_of_user(self, user_id: str) -> list[SetEntry]:
        """All the person's custom sets as log entries, oldest session first."""
        query = (
            select(CustomSetRow)
            .join(SessionRow, CustomSetRow.session_id == SessionRow.id)
            .where(SessionRow.user_id == user_id)
            .order_by(SessionRow.started_at, CustomSetRow.position, CustomSetRow.id)
        )
        return [custom_set_entry(row) for row in self.session.scalars(query)]

    def custom_set_counts(self, user_id: str) -> dict[str, tuple[int, datetime]]:
        """Custom exercise id -> how many sets of it are logged and when it was last done."""
        query = (
            select(
                CustomSetRow.custom_exercise_id,
                func.count(CustomSetRow.id),
                func.max(SessionRow.started_at),
            )
            .join(SessionRow, CustomSetRow.session_id == SessionRow.id)
            .where(SessionRow.user_id == user_id)
            .group_by(CustomSetRow.custom_exercise_id)
        )
        return {id: (int(n), last) for id, n, last in self.session.execute(query)}

    # backup
    def user_row(self, user_id: str) -> UserRow | None:
        """The person's row."""
        return self.session.get(UserRow, user_id)

    def dump(self, user_id: str) -> dict[str, list[dict[str, Any]]]:
        """Every row of the person's data, table by table, in a stable order."""
        result: dict[str, list[dict[str, Any]]] = {}
        session_ids = select(SessionRow.id).where(SessionRow.user_id == user_id)
        set_ids = select(SetRow.id).where(SetRow.session_id.in_(session_ids))
        for key, table in BACKUP_TABLES:
            t = table.__table__
            if "user_id" in t.c:
                query = select(table).where(t.c.user_id == user_id)
            elif table is SwimDetailRow:
                query = select(table).where(t.c.set_id.in_(set_ids))
            else:
                query = select(table).where(t.c.session_id.in_(session_ids))
            rows = [row_to_plain(r) for r in self.session.scalars(query)]
            order = [c.key for c in table.__table__.primary_key]
            rows.sort(key=lambda r: tuple(str(r[k]) for k in order))
            result[key] = rows
        return result

    def has_data(self, user_id: str) -> bool:
        """True when the person has any stored entry beyond their user row."""
        for _, table in BACKUP_TABLES:
            t = table.__table__
            if (
                "user_id" in t.c
                and self.session.scalars(
                    select(t.c.user_id).where(t.c.user_id == user_id).limit(1)
                ).first()
                is not None
            ):
                return True
        return False

    # calendar feeds
    def set_feed(self, user_id: str, token_hash: str) -> None:
        """Store a feed token's hash, replacing any earlier token (which stops working)."""
        self.session.execute(delete(CalendarFeedRow).where(CalendarFeedRow.user_id == user_id))
        self.session.add(
            CalendarFeedRow(user_id=user_id, token_hash=token_hash, created_at=utc_now())
        )
        self.session.flush()

    def delete_feed(self, user_id: str) -> bool:
        """Revoke the person's feed; False when there was none."""
        result = self.session.execute(
            delete(CalendarFeedRow).where(CalendarFeedRow.user_id == user_id)
        )
        return bool(getattr(result, "rowcount", 0))

    def feed_user(self, token_hash: str) -> str | None:
        """Whose feed a token hash opens, if any."""
        query = select(CalendarFeedRow.user_id).where(CalendarFeedRow.token_hash == token_hash)
        return self.session.scalars(query).first()
