"""Use cases of the training log, one function each: open a unit of work, call the domain, commit.

The CLI (and later the web app) call these; they hold no presentation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from backcoach.custom_exercises import custom_exercise_of
from backcoach.load.daily import CustomMovement
from backcoach.store.database import Database
from backcoach.store.errors import NotFound
from backcoach.store.interop_repository import InteropRepository, custom_set_entry
from backcoach.store.repository import LogRepository
from backcoach.training.entries import (
    BodyWeight,
    InvalidEntry,
    PainEntry,
    SetEntry,
    SetKind,
    Side,
    Symptom,
    TrainingSession,
    new_id,
    utc_now,
)
from backcoach.training.set_spec import SetSpec
from backcoach.training.units import Unit, to_kg
from backcoach.training.users import LOCAL_USER_ID, User, local_user

if TYPE_CHECKING:
    from backcoach.catalog import Catalog
    from backcoach.load.monitor import StrainStatus

#: Sets logged within this time of a session's start join that session.
SESSION_WINDOW = timedelta(hours=3)
EXPORT_FORMAT = "backcoach-export"
EXPORT_VERSION = 1


@dataclass(frozen=True)
class LoggedSets:
    """What a log call did: the session used, the sets stored and those already there."""

    session: TrainingSession
    stored: list[SetEntry]
    already_stored: list[SetEntry]


@dataclass(frozen=True)
class SessionWithSets:
    """A session and its sets, for history: catalog sets, then sets of the person's own."""

    session: TrainingSession
    sets: list[SetEntry]
    #: Sets of the person's own exercises (their id as ``exercise_id``), in order.
    custom_sets: list[SetEntry] = field(default_factory=list)
    #: Custom exercise id -> its name, for the custom sets.
    custom_names: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LogSummary:
    """The log at a glance for the home screen."""

    sessions: int
    sets_last_7_days: int
    last_session: SessionWithSets | None
    last_pain: PainEntry | None
    body_weight: BodyWeight | None


def ensure_user(db: Database, user_id: str = LOCAL_USER_ID) -> User:
    """The user, creating the embedded mode's local user on first use."""
    with db.session(write=True) as s:
        repo = LogRepository(s)
        user = repo.get_user(user_id)
        if user is not None:
            return user
        if user_id != LOCAL_USER_ID:
            raise NotFound(f"No user '{user_id}'.", "Create the account first.")
        return repo.add_user(local_user())


def set_unit(db: Database, user_id: str, unit: Unit) -> User:
    """Change the unit a person reads loads in."""
    with db.session(write=True) as s:
        repo = LogRepository(s)
        user = repo.get_user(user_id)
        if user is None:
            raise NotFound(f"No user '{user_id}'.", "Create the account first.")
        changed = user.with_unit(unit)
        repo.update_user(changed)
        return changed


def build_sets(
    spec: SetSpec,
    *,
    session_id: str,
    first_position: int,
    exercise_id: str,
    variant_id: str | None,
    unit: Unit,
    rpe: float | None = None,
    rir: int | None = None,
    side: Side = Side.BOTH,
    kind: SetKind = SetKind.NORMAL,
    notes: str = "",
    ids: list[str] | None = None,
    when: datetime | None = None,
) -> list[SetEntry]:
    """Turn one line of sets into validated set entries (loads converted to kg)."""
    count = spec.set_count
    ids = ids or [new_id() for _ in range(count)]
    load_kg = None if spec.load is None else to_kg(spec.load, spec.unit or unit)
    reps: list[int | None] = list(spec.reps) if spec.reps else [None]
    return [
        SetEntry(
            id=ids[i],
            session_id=session_id,
            exercise_id=exercise_id,
            variant_id=variant_id,
            position=first_position + i,
            kind=kind,
            reps=reps[i],
            load_kg=load_kg,
            rpe=rpe,
            rir=rir,
            duration_s=spec.duration_s,
            distance_m=spec.distance_m,
            side=side,
            notes=notes,
            logged_at=when or utc_now(),
        )
        for i in range(count)
    ]


def set_ids(client_id: str | None, count: int) -> list[str]:
    """Ids for ``count`` sets: derived from a client-supplied id (so retries repeat them)."""
    if client_id is None:
        return [new_id() for _ in range(count)]
    if count == 1:
        return [client_id]
    return [f"{client_id}.{i + 1}" for i in range(count)]


def log_sets(
    db: Database,
    user_id: str,
    spec: SetSpec,
    *,
    exercise_id: str,
    variant_id: str | None = None,
    rpe: float | None = None,
    rir: int | None = None,
    side: Side = Side.BOTH,
    kind: SetKind = SetKind.NORMAL,
    notes: str = "",
    client_id: str | None = None,
    when: datetime | None = None,
) -> LoggedSets:
    """Log one line of sets into the session under way (or a new one), all or nothing.

    Sets whose id is already stored with the same values are not stored again, so a
    retried request never doubles a set.
    """
    with db.session(write=True) as s:
        return record_sets(
            LogRepository(s),
            user_id,
            spec,
            exercise_id=exercise_id,
            variant_id=variant_id,
            rpe=rpe,
            rir=rir,
            side=side,
            kind=kind,
            notes=notes,
            client_id=client_id,
            when=when,
        )


def record_sets(
    repo: LogRepository,
    user_id: str,
    spec: SetSpec,
    *,
    exercise_id: str,
    variant_id: str | None = None,
    rpe: float | None = None,
    rir: int | None = None,
    side: Side = Side.BOTH,
    kind: SetKind = SetKind.NORMAL,
    notes: str = "",
    client_id: str | None = None,
    when: datetime | None = None,
    user: User | None = None,
) -> LoggedSets:
    """:func:`log_sets` within a unit of work the caller holds (for writing).

    ``user``: the person, when the caller has them already (one query fewer).
    """
    when = when or utc_now()
    ids = set_ids(client_id, spec.set_count)
    if user is None or user.id != user_id:
        user = repo.get_user(user_id)
    if user is None:
        raise NotFound(f"No user '{user_id}'.", "Create the account first.")
    existing = repo.stored_sets(ids)
    session, first_position = _session_for(repo, user_id, existing, when)
    entries = build_sets(
        spec,
        session_id=session.id,
        first_position=first_position,
        exercise_id=exercise_id,
        variant_id=variant_id,
        unit=user.load_unit,
        rpe=rpe,
        rir=rir,
        side=side,
        kind=kind,
        notes=notes,
        ids=ids,
        when=when,
    )
    stored: list[SetEntry] = []
    already: list[SetEntry] = []
    for entry in entries:
        previous = existing.get(entry.id)
        if previous is not None:
            # A retry: keep the stored position and time, compare the rest.
            entry = _as_retry_of(entry, previous)
        (stored if repo.add_set(entry) else already).append(entry)
    return LoggedSets(session=session, stored=stored, already_stored=already)


def _as_retry_of(entry: SetEntry, previous: SetEntry) -> SetEntry:
    return replace(entry, position=previous.position, session_id=previous.session_id)


def _session_for(
    repo: LogRepository, user_id: str, existing: Mapping[str, SetEntry], when: datetime
) -> tuple[TrainingSession, int]:
    """The session these sets go to, and the position for the first new one.

    A retried set goes back to its own session (another person's set id: NotFound); new sets
    join a session that started up to SESSION_WINDOW before, or start one.
    """
    for previous in existing.values():
        session = repo.get_session(user_id, previous.session_id)
        return session, repo.next_position(session.id)
    near = repo.session_started_between(user_id, when - SESSION_WINDOW, when)
    if near is not None:
        return near
    fresh = TrainingSession(id=new_id(), user_id=user_id, started_at=when)
    return repo.add_session(fresh), 0


def history(
    db: Database,
    user_id: str,
    *,
    since: datetime | None = None,
    exercise_id: str | None = None,
    limit: int | None = None,
) -> list[SessionWithSets]:
    """The user's sessions with their sets, newest first (optionally one exercise only).

    Sets of the person's own exercises come with each session; ``exercise_id`` may name a
    catalog exercise or one of the person's own.
    """
    with db.session() as s:
        repo = LogRepository(s)
        irepo = InteropRepository(s)
        sessions = repo.list_sessions(user_id, since=since, limit=None if exercise_id else limit)
        ids = [x.id for x in sessions]
        sets = repo.sets_of(ids)
        own: dict[str, list[SetEntry]] = {}
        for row in irepo.custom_sets_of(ids):
            own.setdefault(row.session_id, []).append(custom_set_entry(row))
        names = {r.id: r.name for r in irepo.custom_exercises(user_id)} if own else {}
    result = []
    for session in sessions:
        chosen = [e for e in sets[session.id] if exercise_id in (None, e.exercise_id)]
        mine = [e for e in own.get(session.id, []) if exercise_id in (None, e.exercise_id)]
        if chosen or mine or exercise_id is None:
            named = {e.exercise_id: names[e.exercise_id] for e in mine}
            result.append(SessionWithSets(session, chosen, mine, named))
    return result[:limit] if limit is not None else result


def record_pain(
    db: Database,
    user_id: str,
    score: int,
    region: str,
    *,
    exercise_id: str | None = None,
    notes: str = "",
    when: datetime | None = None,
    client_id: str | None = None,
    symptoms: tuple[Symptom, ...] = (),
) -> PainEntry:
    """Record pain in a body region (the region already resolved against the catalog)."""
    entry = PainEntry(
        symptoms=symptoms,
        id=client_id or new_id(),
        user_id=user_id,
        score=score,
        region=region,
        felt_at=when or utc_now(),
        exercise_id=exercise_id,
        notes=notes,
    )
    with db.session(write=True) as s:
        LogRepository(s).add_pain(entry)
    return entry


def record_body_weight(
    db: Database, user_id: str, weight_kg: float, *, when: datetime | None = None
) -> BodyWeight:
    """Record a body-weight reading in kilograms."""
    entry = BodyWeight(
        id=new_id(), user_id=user_id, weight_kg=weight_kg, measured_at=when or utc_now()
    )
    with db.session(write=True) as s:
        LogRepository(s).add_body_weight(entry)
    return entry


def summary(db: Database, user_id: str, now: datetime | None = None) -> LogSummary:
    """Counts and latest entries for the home screen."""
    now = now or utc_now()
    with db.session() as s:
        repo = LogRepository(s)
        latest = repo.latest_session(user_id)
        last = None
        if latest is not None:
            last = SessionWithSets(latest, repo.sets_of([latest.id])[latest.id])
        pain = repo.list_pain(user_id)
        weights = repo.list_body_weights(user_id)
        return LogSummary(
            sessions=repo.count_sessions(user_id),
            sets_last_7_days=repo.count_sets(user_id, since=now - timedelta(days=7)),
            last_session=last,
            last_pain=pain[0] if pain else None,
            body_weight=weights[0] if weights else None,
        )


@dataclass(frozen=True)
class TrainingRecord:
    """Everything of a user's log the coaching rules read.

    ``sets`` are the catalog exercises' sets, which the planner and progression read;
    ``custom_sets`` those of the person's own exercises, described by ``custom``. The
    strain monitor takes both: ``strain_status(sessions, record.all_sets, ...,
    custom=record.custom)``.
    """

    user: User
    sessions: list[TrainingSession]
    sets: list[SetEntry]
    pain: list[PainEntry]
    body_weight_kg: float | None
    #: Sets of the person's own exercises (their id as ``exercise_id``), oldest first.
    custom_sets: list[SetEntry] = field(default_factory=list)
    #: Custom exercise id -> what the strain monitor needs of it (name, muscles, swim).
    custom: Mapping[str, CustomMovement] = field(default_factory=dict)

    @property
    def all_sets(self) -> list[SetEntry]:
        """Catalog and custom sets together, the whole log."""
        return [*self.sets, *self.custom_sets]


def training_record(db: Database, user_id: str) -> TrainingRecord:
    """The user's whole log (sessions, sets, custom sets, pain, body weight), oldest first."""
    with db.session() as s:
        repo = LogRepository(s)
        irepo = InteropRepository(s)
        user = repo.get_user(user_id)
        if user is None:
            raise NotFound(f"No user '{user_id}'.", "Create the account first.")
        sessions = sorted(repo.list_sessions(user_id), key=lambda x: x.started_at)
        sets = repo.sets_of_user(user_id)
        pain = sorted(repo.list_pain(user_id), key=lambda x: x.felt_at)
        weights = repo.list_body_weights(user_id)
        custom_sets = irepo.custom_sets_of_user(user_id)
        custom = {r.id: custom_exercise_of(r).movement() for r in irepo.custom_exercises(user_id)}
    return TrainingRecord(
        user,
        sessions,
        sets,
        pain,
        weights[0].weight_kg if weights else None,
        custom_sets,
        custom,
    )


def exercise_counts(sets: list[SetEntry]) -> Counter[str]:
    """How many sets of each exercise, for summaries."""
    return Counter(e.exercise_id for e in sets)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def export_user(db: Database, user_id: str) -> dict[str, Any]:
    """All of a user's log as one JSON-ready document (loads in kg, times in UTC ISO 8601)."""
    with db.session() as s:
        repo = LogRepository(s)
        user = repo.get_user(user_id)
        if user is None:
            raise NotFound(f"No user '{user_id}'.", "Create the account first.")
        sessions = sorted(repo.list_sessions(user_id), key=lambda x: x.started_at)
        sets = repo.sets_of([x.id for x in sessions])
        pain = sorted(repo.list_pain(user_id), key=lambda x: x.felt_at)
        weights = sorted(repo.list_body_weights(user_id), key=lambda x: x.measured_at)
    document: dict[str, Any] = _plain(
        {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "exported_at": utc_now(),
            "user": {"id": user.id, "name": user.name, "unit": user.unit},
            "sessions": [
                {
                    **{k: v for k, v in asdict(x).items() if k != "user_id"},
                    "sets": [
                        {k: v for k, v in asdict(e).items() if k != "session_id"}
                        for e in sets[x.id]
                    ],
                }
                for x in sessions
            ],
            "pain": [
                {
                    **{k: v for k, v in asdict(p).items() if k != "user_id"},
                    "symptoms": list(p.symptoms),
                }
                for p in pain
            ],
            "body_weight": [
                {k: v for k, v in asdict(w).items() if k != "user_id"} for w in weights
            ],
        }
    )
    return document


__all__ = [
    "InvalidEntry",
    "LogSummary",
    "LoggedSets",
    "SessionWithSets",
    "build_sets",
    "ensure_user",
    "export_user",
    "history",
    "log_sets",
    "record_body_weight",
    "record_pain",
    "set_unit",
    "summary",
]


def strain_of(
    record: TrainingRecord, catalog: Catalog, today: date, tz: tzinfo = UTC
) -> StrainStatus:
    """The strain monitor's view of a whole record (custom exercises included) at ``today``."""
    from backcoach.load import strain_status

    return strain_status(
        record.sessions,
        record.all_sets,
        catalog,
        today,
        tz=tz,
        body_weight_kg=record.body_weight_kg,
        custom=record.custom,
    )


def strain_today(db: Database, catalog: Catalog, user_id: str) -> StrainStatus:
    """The strain monitor's answer for today, in this machine's time zone."""
    now = datetime.now().astimezone()
    tz = now.tzinfo
    assert tz is not None  # astimezone() always gives an aware time
    return strain_of(training_record(db, user_id), catalog, now.date(), tz)
