"""Use cases of imports and exports, one function each: the CLI and the web app call these.

Parsers and encoders (the rest of this package) are pure; here a unit of work is opened,
names are mapped, entries are checked and written in one transaction, or read and encoded.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from backcoach.interop.errors import BadFile, InteropError, UnitNeeded
from backcoach.interop.mapping import CUSTOM, ExerciseMapper, Target
from backcoach.interop.model import ImportedSet, ParsedImport, Skipped
from backcoach.naming import normalise
from backcoach.store.database import Database
from backcoach.store.errors import Conflict, NotFound
from backcoach.store.interop_repository import (
    BACKUP_TABLES,
    InteropRepository,
    plain_to_values,
)
from backcoach.store.repository import LogRepository
from backcoach.store.tables import (
    CustomSetRow,
    SessionRow,
    SetRow,
    SwimDetailRow,
    UserRow,
)
from backcoach.training.entries import InvalidEntry, SetEntry, TrainingSession, utc_now
from backcoach.training.units import Unit, to_kg

if TYPE_CHECKING:
    from backcoach.catalog import Catalog
    from backcoach.interop.fit_workout import FitWorkout

FORMATS = ("strong", "hevy", "fit")
EXPORT_FORMATS = ("json", "csv", "ics", "fit")
BACKUP_FORMAT = "backcoach-export"
BACKUP_VERSION = 2
#: Files larger than this are refused before reading: ten years of Strong history is
#: about 5 MB, so this leaves room for twenty times that. Override with the environment.
DEFAULT_MAX_BYTES = 100 * 1024 * 1024
MAX_BYTES_ENV = "BACKCOACH_IMPORT_MAX_BYTES"


@dataclass(frozen=True, slots=True)
class Unmapped:
    """A name no table knows: how many sets carry it, and the closest catalog exercises."""

    name: str
    sets: int
    suggestions: tuple[str, ...]


@dataclass(frozen=True)
class ImportSummary:
    """What an import did (or, for a dry run, would do)."""

    format: str
    dry_run: bool
    unit: str | None
    sessions: int = 0
    sets: int = 0
    swims: int = 0
    custom_sets: int = 0
    already_imported: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    not_imported: list[str] = field(default_factory=list)
    #: Foreign name -> catalog exercise ("row", "pull-up/chin-up") or "custom".
    mapped: dict[str, str] = field(default_factory=dict)
    unmapped: list[Unmapped] = field(default_factory=list)
    new_custom_exercises: list[str] = field(default_factory=list)
    heaviest: list[tuple[str, float]] = field(default_factory=list)


def max_import_bytes() -> int:
    """The size limit for an imported file, from the environment or the default."""
    value = os.environ.get(MAX_BYTES_ENV)
    return int(value) if value and value.isdigit() else DEFAULT_MAX_BYTES


def check_size(size: int, limit: int | None = None) -> None:
    """Refuse a file over the size limit before it is read."""
    limit = max_import_bytes() if limit is None else limit
    if size > limit:
        raise BadFile(
            f"The file is {size / 1e6:.1f} MB; imports are limited to {limit / 1e6:.0f} MB.",
            f"Split the export into years, or raise the limit with {MAX_BYTES_ENV}.",
        )


def detect_format(data: bytes) -> str:
    """strong, hevy or fit, from the file's first bytes."""
    from backcoach.interop.fit_activity import is_fit
    from backcoach.interop.hevy import looks_like_hevy
    from backcoach.interop.strong import looks_like_strong
    from backcoach.interop.table_text import decode_text, read_rows

    if is_fit(data):
        return "fit"
    header, _, _ = read_rows(decode_text(data[:65536]))
    if looks_like_hevy(header):
        return "hevy"
    if looks_like_strong(header):
        return "strong"
    raise BadFile(
        "The file is not a Strong or Hevy CSV export or a FIT activity "
        f"(its first line: {', '.join(header)[:120]}).",
        "Choose the file the app exported, or name its format with --format strong|hevy|fit.",
    )


def parse_file(
    data: bytes, format: str | None = None, *, tz: tzinfo = UTC, now: datetime | None = None
) -> ParsedImport:
    """Parse an export (format detected when not given) into workouts."""
    now = now or utc_now()
    chosen = (format or detect_format(data)).lower()
    if chosen == "strong":
        from backcoach.interop.strong import parse_strong

        return parse_strong(data, tz=tz, now=now)
    if chosen == "hevy":
        from backcoach.interop.hevy import parse_hevy

        return parse_hevy(data, tz=tz, now=now)
    if chosen == "fit":
        from backcoach.interop.fit_activity import parse_fit

        return parse_fit(data, now=now)
    raise InteropError(f"Unknown import format '{format}'.", "Use --format strong, hevy or fit.")


def _id(kind: str, user_id: str, key: str) -> str:
    """A stable id for an imported entry, so a second import of the same file adds nothing."""
    digest = hashlib.sha256(f"{user_id}\x00{key}".encode()).hexdigest()[:40]
    return f"imp-{kind}-{digest}"


def _target_of(s: ImportedSet, mapper: ExerciseMapper) -> tuple[Target | None, bool]:
    """The catalog target of a set, and whether the person chose "keep as my own"."""
    from backcoach.interop.fit_profile import fit_target

    resolution = mapper.resolve(s.exercise)
    if resolution.source in ("yours", "given") or resolution.target is not None:
        return resolution.target, resolution.custom
    for category, name in s.guesses[:1]:
        found = fit_target(category, name)
        if found is not None:
            return found, False
    return None, False


def import_file(
    db: Database,
    user_id: str,
    data: bytes,
    format: str | None = None,
    unit: Unit | None = None,
    mappings: Mapping[str, str] | None = None,
    dry_run: bool = False,
    *,
    catalog: Catalog | None = None,
    tz: tzinfo = UTC,
    now: datetime | None = None,
    max_bytes: int | None = None,
) -> ImportSummary:
    """Import a Strong, Hevy or FIT file into the person's log, whole or not at all.

    ``mappings`` maps foreign exercise names to ``exercise[/variant]`` or ``custom``; those
    choices are remembered. Names still unknown become the person's own exercises. Sets
    already imported (same file, or an export covering the same workouts) are not added
    again. Raises :class:`UnitNeeded` when the file's weights have no unit and none is given.
    """
    check_size(len(data), max_bytes)
    parsed = parse_file(data, format, tz=tz, now=now)
    if parsed.needs_unit and unit is None:
        raise UnitNeeded(parsed.heaviest())
    if catalog is None:
        from backcoach.catalog import load_catalog

        catalog = load_catalog()
    with db.session(write=not dry_run) as s:
        repo = LogRepository(s)
        irepo = InteropRepository(s)
        if repo.get_user(user_id) is None:
            raise NotFound(f"No user '{user_id}'.", "Create the account first.")
        customs = {normalise(r.name): r.id for r in irepo.custom_exercises(user_id)}
        custom_names = {r.id: r.name for r in irepo.custom_exercises(user_id)}
        remembered: dict[str, Target | None] = {}
        for m in irepo.mappings(user_id):
            if m.exercise_id is not None:
                remembered[m.source_name] = Target(m.exercise_id, m.variant_id)
            else:
                remembered[m.source_name] = None
        mapper = ExerciseMapper(catalog, remembered)
        given: dict[str, Target | None] = {}
        for name, text in (mappings or {}).items():
            given[normalise(name)] = mapper.parse_target(text)
        mapper.remembered.update(given)
        plan = _plan_import(parsed, user_id, mapper, customs, unit)
        summary = _count(parsed, plan, irepo, dry_run, unit)
        if not dry_run:
            _write(irepo, plan, user_id, custom_names)
            for key, target in given.items():
                custom_id = None if target else plan.custom_ids.get(key) or customs.get(key)
                if target is None and custom_id is None:
                    continue  # "custom" for a name not in the file: nothing to point at yet
                irepo.save_mapping(
                    user_id,
                    key,
                    exercise_id=target.exercise_id if target else None,
                    variant_id=target.variant_id if target else None,
                    custom_exercise_id=custom_id,
                )
    return summary


@dataclass
class _Plan:
    sessions: list[TrainingSession] = field(default_factory=list)
    sets: list[SetEntry] = field(default_factory=list)
    custom_sets: list[tuple[str, SetEntry]] = field(default_factory=list)
    swims: dict[str, dict[str, Any]] = field(default_factory=dict)
    custom_ids: dict[str, str] = field(default_factory=dict)
    new_customs: dict[str, str] = field(default_factory=dict)  # id -> name
    mapped: dict[str, str] = field(default_factory=dict)
    unmapped: dict[str, Unmapped] = field(default_factory=dict)


def _plan_import(
    parsed: ParsedImport,
    user_id: str,
    mapper: ExerciseMapper,
    customs: Mapping[str, str],
    unit: Unit | None,
) -> _Plan:
    from backcoach.interop.fit_profile import STROKES

    plan = _Plan()
    for workout in parsed.workouts:
        if not workout.sets:
            continue
        session_id = _id("s", user_id, workout.key)
        notes = "\n".join(x for x in (workout.title, workout.notes) if x)
        try:
            plan.sessions.append(
                TrainingSession(session_id, user_id, workout.started_at, workout.ended_at, notes)
            )
        except InvalidEntry as exc:
            raise BadFile(exc.message, exc.hint, f"Row {workout.sets[0].row}") from None
        for position, x in enumerate(workout.sets):
            target, keep_own = _target_of(x, mapper)
            key = normalise(x.exercise)
            load = None
            if x.weight is not None:
                load = round(to_kg(x.weight, x.unit or unit or Unit.KG), 6)
            variant = target.variant_id if target else None
            if target is not None and target.exercise_id == "swimming" and x.swim and not variant:
                stroke = x.swim.main_stroke()
                variant = STROKES.get(stroke) if stroke else None
            exercise_id = target.exercise_id if target else ""
            if target is None:
                exercise_id = customs.get(key) or plan.custom_ids.get(key) or _id("x", user_id, key)
                if key not in customs and key not in plan.custom_ids:
                    plan.new_customs[exercise_id] = x.exercise
                plan.custom_ids[key] = exercise_id
                plan.mapped[x.exercise] = CUSTOM
                if not keep_own:
                    seen = plan.unmapped.get(key)
                    plan.unmapped[key] = Unmapped(
                        x.exercise,
                        (seen.sets if seen else 0) + 1,
                        mapper.resolve(x.exercise).suggestions,
                    )
            else:
                plan.mapped[x.exercise] = Target(target.exercise_id, variant).label()
            try:
                entry = SetEntry(
                    id=_id("set", user_id, x.key),
                    session_id=session_id,
                    exercise_id=exercise_id,
                    position=position,
                    reps=x.reps,
                    load_kg=load,
                    rpe=x.rpe,
                    duration_s=x.duration_s,
                    distance_m=x.distance_m,
                    variant_id=variant,
                    kind=x.kind,
                    notes=x.notes,
                    logged_at=workout.started_at,
                )
            except InvalidEntry as exc:
                where = f"Row {x.row}" if parsed.format != "fit" else f"Message {x.row}"
                raise BadFile(exc.message, exc.hint, where) from None
            if target is None:
                plan.custom_sets.append((exercise_id, entry))
            else:
                plan.sets.append(entry)
                if x.swim is not None:
                    plan.swims[entry.id] = {
                        "set_id": entry.id,
                        "environment": x.swim.environment,
                        "pool_length_m": x.swim.pool_length_m,
                        "laps": [
                            {
                                "time_s": lap.time_s,
                                "distance_m": lap.distance_m,
                                "lengths": [
                                    {
                                        "stroke": n.stroke,
                                        "strokes": n.strokes,
                                        "time_s": n.time_s,
                                        "active": n.active,
                                    }
                                    for n in lap.lengths
                                ],
                            }
                            for lap in x.swim.laps
                        ],
                    }
    return plan


def _count(
    parsed: ParsedImport, plan: _Plan, irepo: InteropRepository, dry_run: bool, unit: Unit | None
) -> ImportSummary:
    stored_sets = irepo.existing_ids(SetRow, [e.id for e in plan.sets])
    stored_custom = irepo.existing_ids(CustomSetRow, [e.id for _, e in plan.custom_sets])
    stored_sessions = irepo.existing_ids(SessionRow, [x.id for x in plan.sessions])
    plan.sets = [e for e in plan.sets if e.id not in stored_sets]
    plan.custom_sets = [(c, e) for c, e in plan.custom_sets if e.id not in stored_custom]
    plan.swims = {k: v for k, v in plan.swims.items() if k not in stored_sets}
    plan.sessions = [x for x in plan.sessions if x.id not in stored_sessions]
    swims = sum(1 for e in plan.sets if e.exercise_id == "swimming")
    return ImportSummary(
        format=parsed.format,
        dry_run=dry_run,
        unit=unit.value if unit else None,
        sessions=len(plan.sessions),
        sets=len(plan.sets) - swims,
        swims=swims,
        custom_sets=len(plan.custom_sets),
        already_imported=len(stored_sets) + len(stored_custom),
        skipped=list(parsed.skipped),
        not_imported=list(parsed.not_understood),
        mapped=dict(plan.mapped),
        unmapped=sorted(plan.unmapped.values(), key=lambda u: -u.sets),
        new_custom_exercises=sorted(plan.new_customs.values()),
        heaviest=parsed.heaviest(),
    )


def _set_values(entry: SetEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "session_id": entry.session_id,
        "position": entry.position,
        "exercise_id": entry.exercise_id,
        "variant_id": entry.variant_id,
        "kind": entry.kind.value,
        "reps": entry.reps,
        "load_kg": entry.load_kg,
        "rpe": entry.rpe,
        "rir": entry.rir,
        "duration_s": entry.duration_s,
        "distance_m": entry.distance_m,
        "side": entry.side.value,
        "notes": entry.notes,
        "logged_at": entry.logged_at,
    }


def _write(
    irepo: InteropRepository, plan: _Plan, user_id: str, custom_names: Mapping[str, str]
) -> None:
    for custom_id, name in plan.new_customs.items():
        if custom_id not in custom_names:
            irepo.add_custom_exercise(custom_id, user_id, name[:200])
    irepo.insert_many(
        SessionRow,
        [
            {
                "id": x.id,
                "user_id": x.user_id,
                "started_at": x.started_at,
                "ended_at": x.ended_at,
                "notes": x.notes,
            }
            for x in plan.sessions
        ],
    )
    irepo.insert_many(SetRow, [_set_values(e) for e in plan.sets])
    custom_rows = []
    for custom_id, e in plan.custom_sets:
        values = _set_values(e)
        del values["exercise_id"], values["variant_id"]
        custom_rows.append({**values, "custom_exercise_id": custom_id})
    irepo.insert_many(CustomSetRow, custom_rows)
    irepo.insert_many(SwimDetailRow, list(plan.swims.values()))


# exports ---------------------------------------------------------------------------------


def backup(db: Database, user_id: str) -> dict[str, Any]:
    """All of a person's data as one versioned JSON-ready document (times in UTC)."""
    with db.session() as s:
        irepo = InteropRepository(s)
        user = irepo.user_row(user_id)
        if user is None:
            raise NotFound(f"No user '{user_id}'.", "Create the account first.")
        tables = irepo.dump(user_id)
        user_data = {
            "id": user.id,
            "name": user.name,
            "email": user.email,
            "role": user.role,
            "unit": user.unit,
            "created_at": user.created_at.isoformat(),
        }
    swims = {r["set_id"]: {k: v for k, v in r.items() if k != "set_id"} for r in tables["swims"]}
    sets_by: dict[str, list[dict[str, Any]]] = {}
    for r in sorted(tables["sets"], key=lambda r: (r["position"], r["id"])):
        entry = {k: v for k, v in r.items() if k != "session_id"}
        if r["id"] in swims:
            entry["swim"] = swims[r["id"]]
        sets_by.setdefault(r["session_id"], []).append(entry)
    custom_by: dict[str, list[dict[str, Any]]] = {}
    for r in sorted(tables["custom_sets"], key=lambda r: (r["position"], r["id"])):
        custom_by.setdefault(r["session_id"], []).append(
            {k: v for k, v in r.items() if k != "session_id"}
        )
    sessions = sorted(tables["sessions"], key=lambda r: (r["started_at"], r["id"]))

    def strip(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: v for k, v in r.items() if k != "user_id"} for r in rows]

    profile = strip(tables["profile"])
    state = strip(tables["coaching_state"])
    return {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "exported_at": utc_now().isoformat(),
        "user": user_data,
        "profile": profile[0] if profile else None,
        "plans": strip(tables["plans"]),
        "coaching_state": state[0] if state else None,
        "sessions": [
            {
                **{k: v for k, v in x.items() if k != "user_id"},
                "sets": sets_by.get(x["id"], []),
                "custom_sets": custom_by.get(x["id"], []),
            }
            for x in sessions
        ],
        "pain": sorted(
            [
                {**r, "symptoms": [x for x in r["symptoms"].split(",") if x]}
                for r in strip(tables["pain"])
            ],
            key=lambda r: (r["felt_at"], r["id"]),
        ),
        "body_weight": sorted(
            strip(tables["body_weight"]), key=lambda r: (r["measured_at"], r["id"])
        ),
        "custom_exercises": strip(tables["custom_exercises"]),
        "mappings": strip(tables["mappings"]),
        "form_checks": strip(tables["form_checks"]),
    }


def backup_bytes(db: Database, user_id: str) -> bytes:
    """The backup document as UTF-8 JSON."""
    return (json.dumps(backup(db, user_id), indent=2, ensure_ascii=False) + "\n").encode()


@dataclass(frozen=True)
class RestoreSummary:
    """What a restore wrote."""

    user_id: str
    sessions: int
    sets: int


def restore(
    db: Database,
    document: Mapping[str, Any],
    user_id: str | None = None,
    *,
    keep_account: bool = False,
) -> RestoreSummary:
    """Restore a backup into a person with no data yet (created if missing), all or nothing.

    ``keep_account`` (the web app) restores into an existing account as it is: its name,
    e-mail and role are not taken from the document, custom sets and mappings may only
    name the document's own custom exercises, and form checks come back without file
    paths (their videos are not in a backup, and a path must never point elsewhere).
    """
    from sqlalchemy.exc import DBAPIError, IntegrityError

    if not isinstance(document, Mapping) or (
        document.get("format") != BACKUP_FORMAT or document.get("version") not in (1, 2)
    ):
        raise BadFile(
            "The file is not a backcoach backup (format backcoach-export, version 1 or 2).",
            "Choose a file written by 'backcoach export --format json'.",
        )
    try:
        with db.session(write=True) as s:
            return _restore(s, document, user_id, keep_account)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BadFile(
            f"The backup is incomplete or damaged ({type(exc).__name__}: {exc}).",
            "Restore from another copy; nothing was changed.",
        ) from None
    except IntegrityError:
        raise Conflict(
            "The backup could not be stored: one of its ids is already used on this server, "
            "or a record breaks a rule of the log.",
            "Restore it on another server, or export it again from the original; nothing was "
            "changed.",
        ) from None
    except DBAPIError as exc:
        raise BadFile(
            f"The backup holds a value the database refuses ({type(exc.orig).__name__}).",
            "Restore from another copy; nothing was changed.",
        ) from None


def _restore(
    s: Any, document: Mapping[str, Any], user_id: str | None, keep_account: bool
) -> RestoreSummary:
    irepo = InteropRepository(s)
    person = document["user"]
    target = user_id or person["id"]
    row = irepo.user_row(target)
    if row is not None and irepo.has_data(target):
        raise Conflict(
            f"The user '{target}' already has data; a backup is restored into an empty log.",
            "Restore into a new database, or into an account with nothing logged yet.",
        )
    if keep_account and row is None:
        raise NotFound(f"No user '{target}'.", "Create the account first.")
    created = datetime.fromisoformat(person.get("created_at") or utc_now().isoformat())
    if row is None:
        row = UserRow(id=target, created_at=created)
        s.add(row)
    if keep_account:
        row.unit = person["unit"]
    else:
        row.name, row.email = person["name"], person.get("email")
        row.role, row.unit, row.created_at = person.get("role", "athlete"), person["unit"], created
    s.flush()
    version = document["version"]
    rows: dict[str, list[dict[str, Any]]] = {key: [] for key, _ in BACKUP_TABLES}
    for key in ("profile", "coaching_state"):
        if document.get(key):
            rows[key].append({**document[key], "user_id": target})
    for key in ("plans", "pain", "body_weight", "custom_exercises", "mappings", "form_checks"):
        for r in document.get(key) or []:
            r = {**r, "user_id": target}
            if key == "pain" and isinstance(r.get("symptoms"), list):
                r["symptoms"] = ",".join(r["symptoms"])
            rows[key].append(r)
    for x in document.get("sessions") or []:
        rows["sessions"].append(
            {k: v for k, v in x.items() if k not in ("sets", "custom_sets")} | {"user_id": target}
        )
        for e in x.get("sets") or []:
            swim = e.get("swim")
            rows["sets"].append(
                {k: v for k, v in e.items() if k != "swim"} | {"session_id": x["id"]}
            )
            if swim is not None:
                rows["swims"].append({**swim, "set_id": e["id"]})
        for e in x.get("custom_sets") or []:
            rows["custom_sets"].append({**e, "session_id": x["id"]})
    if keep_account:
        _confine(rows)
    for key, table in BACKUP_TABLES:
        values = [plain_to_values(table, r) for r in rows[key]]
        if key == "sets":
            for v in values:  # check every set against the domain's bounds
                SetEntry(**{k: v[k] for k in v if k != "session_id"}, session_id=v["session_id"])
        irepo.insert_many(table, values)
    del version
    sets = len(rows["sets"]) + len(rows["custom_sets"])
    return RestoreSummary(target, len(rows["sessions"]), sets)


def _confine(rows: dict[str, list[dict[str, Any]]]) -> None:
    """Keep a restore inside the account: references only to the document's own records."""
    own = {r.get("id") for r in rows["custom_exercises"]}
    for key in ("custom_sets", "mappings"):
        for r in rows[key]:
            ref = r.get("custom_exercise_id")
            if ref is not None and ref not in own:
                raise ValueError(f"a {key} entry names a custom exercise not in the file: {ref}")
    for r in rows["form_checks"]:
        r["upload_path"], r["annotated_path"] = "", None
        if r.get("status") != "done":
            r["status"] = "failed"
            r["error"] = "The check had not finished when the backup was made."
            r["hint"] = "Send the clip again."


def export_csv(
    db: Database, user_id: str, *, catalog: Catalog | None = None, tz: tzinfo = UTC
) -> bytes:
    """The log (catalog and custom exercises) in Strong's CSV layout."""
    from backcoach.interop.strong_export import CsvSet, CsvWorkout, strong_csv

    if catalog is None:
        from backcoach.catalog import load_catalog

        catalog = load_catalog()
    with db.session() as s:
        repo = LogRepository(s)
        irepo = InteropRepository(s)
        if repo.get_user(user_id) is None:
            raise NotFound(f"No user '{user_id}'.", "Create the account first.")
        sessions = sorted(repo.list_sessions(user_id), key=lambda x: (x.started_at, x.id))
        ids = [x.id for x in sessions]
        sets = repo.sets_of(ids)
        custom_names = {r.id: r.name for r in irepo.custom_exercises(user_id)}
        customs: dict[str, list[Any]] = {}
        for r in irepo.custom_sets_of(ids):
            customs.setdefault(r.session_id, []).append(r)

    def name_of(exercise_id: str, variant_id: str | None) -> str:
        ex = catalog.exercise(exercise_id)
        return ex.variant(variant_id).name if variant_id else ex.name

    workouts = []
    for x in sessions:
        rows = [(e.position, e.id, name_of(e.exercise_id, e.variant_id), e) for e in sets[x.id]]
        rows += [
            (r.position, r.id, custom_names[r.custom_exercise_id], r) for r in customs.get(x.id, [])
        ]
        rows.sort(key=lambda t: (t[0], t[1]))
        workouts.append(
            CsvWorkout(
                started_at=x.started_at,
                ended_at=x.ended_at,
                title="",
                notes=x.notes,
                sets=tuple(
                    CsvSet(
                        exercise=name,
                        kind=_kind(e.kind),
                        reps=e.reps,
                        load_kg=e.load_kg,
                        distance_m=e.distance_m,
                        duration_s=e.duration_s,
                        rpe=e.rpe,
                        notes=e.notes,
                    )
                    for _, _, name, e in rows
                ),
            )
        )
    return strong_csv(workouts, tz)


def _kind(value: Any) -> Any:
    from backcoach.training.entries import SetKind

    return SetKind(value)


def _program(db: Database, user_id: str) -> tuple[Any, datetime]:
    from backcoach.coaching import active_program

    with db.session() as s:
        stored = LogRepository(s).active_plan(user_id)
    program = active_program(db, user_id)
    if program is None or stored is None:
        raise NotFound("There is no plan to export.", "Make one first: backcoach plan --new")
    return program, stored.created_at


def export_ics(db: Database, user_id: str, unit: Unit | None = None) -> bytes:
    """The active plan as an iCalendar document, one event per session."""
    from backcoach.interop.calendar import plan_calendar

    program, created = _program(db, user_id)
    if unit is None:
        with db.session() as s:
            user = LogRepository(s).get_user(user_id)
        unit = user.load_unit if user else Unit.KG
    return plan_calendar(user_id, program.sessions(), stamp=created, unit=unit)


def export_fit(
    db: Database,
    user_id: str,
    *,
    start: date | None = None,
    days: int = 7,
    pool_length_m: float = 25.0,
) -> list[FitWorkout]:
    """The plan's sessions from ``start`` for ``days`` days as FIT workout files."""
    from backcoach.interop.fit_workout import session_workouts

    program, created = _program(db, user_id)
    start = start or datetime.now().astimezone().date()
    end = start + timedelta(days=days)
    result: list[FitWorkout] = []
    for session in program.sessions():
        if start <= session.day < end:
            result.extend(session_workouts(session, created=created, pool_length_m=pool_length_m))
    return result


# calendar subscription -------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_calendar_feed(db: Database, user_id: str) -> str:
    """A new secret token for the person's calendar subscription; any older one stops working.

    The token is returned once; only its SHA-256 is stored.
    """
    token = secrets.token_urlsafe(32)
    with db.session(write=True) as s:
        if LogRepository(s).get_user(user_id) is None:
            raise NotFound(f"No user '{user_id}'.", "Create the account first.")
        InteropRepository(s).set_feed(user_id, _token_hash(token))
    return token


def has_calendar_feed(db: Database, user_id: str) -> bool:
    """True when the person has a live subscription address."""
    from sqlalchemy import select

    from backcoach.store.tables import CalendarFeedRow

    with db.session() as s:
        query = select(CalendarFeedRow.user_id).where(CalendarFeedRow.user_id == user_id)
        return s.scalars(query).first() is not None


def revoke_calendar_feed(db: Database, user_id: str) -> bool:
    """Stop the person's subscription address; False when there was none."""
    with db.session(write=True) as s:
        return InteropRepository(s).delete_feed(user_id)


def calendar_feed_user(db: Database, token: str) -> str | None:
    """Whose subscription a token opens (None for an unknown or revoked token)."""
    with db.session() as s:
        return InteropRepository(s).feed_user(_token_hash(token))


def calendar_feed(db: Database, token: str) -> bytes:
    """The iCalendar document a subscription token opens."""
    user_id = calendar_feed_user(db, token)
    if user_id is None:
        raise NotFound("This calendar address is unknown or was revoked.", "Ask for a new one.")
    return export_ics(db, user_id)
