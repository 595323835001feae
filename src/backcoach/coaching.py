"""Use cases of the coaching engine: profile, plan, today's session, and progression.

Each function opens a unit of work, calls the pure domain (``planning``, ``training.
progression``, ``load``) and stores the result. Progression state per user is one
document: for each exercise, the prescription its latest session was done against (the
*basis*) and the targets for next time; and whether back training is stopped.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from backcoach.catalog import Catalog
from backcoach.errors import BackcoachError
from backcoach.load.monitor import StrainStatus
from backcoach.planning import (
    Prescription,
    Profile,
    Program,
    Session,
    parse_profile,
    plan_program,
    prescription_from_json,
    prescription_to_json,
    program_from_json,
    program_to_json,
    trim_for_strain,
)
from backcoach.services import LoggedSets, record_sets, training_record
from backcoach.store.database import Database
from backcoach.store.errors import NotFound
from backcoach.store.repository import LogRepository, StoredPlan
from backcoach.training.entries import PainEntry, TrainingSession, new_id, utc_now
from backcoach.training.progression import Adjustment, merge_with_plan, next_targets
from backcoach.training.set_spec import SetSpec

#: Pain at or above this (0-10) in the back or a shoulder stops back training.
STOP_PAIN = 7


class NoProfile(BackcoachError):
    """The planner needs a profile first."""

    def __init__(self) -> None:
        super().__init__(
            "You have no training profile yet.",
            "Create one with: backcoach profile (it asks a few questions).",
        )


class NoPlan(BackcoachError):
    """There is no plan to follow yet."""

    def __init__(self) -> None:
        super().__init__("You have no plan yet.", "Make one with: backcoach plan --new")


@dataclass(frozen=True)
class Stop:
    """Back training is stopped until a clinician clears it."""

    since: str
    reason: str


@dataclass(frozen=True)
class Today:
    """Today's session as adjusted by progression and the strain monitor."""

    day: date
    session: Session | None
    planned: Session | None
    next_day: date | None
    trims: tuple[str, ...]
    stop: Stop | None


@dataclass(frozen=True)
class Progressed:
    """The outcome of progression for one exercise after a session."""

    exercise_id: str
    adjustment: Adjustment


# profile -------------------------------------------------------------------------------


def save_profile(db: Database, user_id: str, profile: Profile) -> None:
    """Store the person's profile (replacing the previous one)."""
    with db.session(write=True) as s:
        LogRepository(s).save_profile(user_id, profile.model_dump(mode="json"))


def load_profile(db: Database, user_id: str, catalog: Catalog) -> Profile | None:
    """The person's stored profile, if any."""
    with db.session() as s:
        data = LogRepository(s).get_profile(user_id)
    return None if data is None else parse_profile(data, catalog=catalog)


# plan ----------------------------------------------------------------------------------


def make_plan(db: Database, user_id: str, catalog: Catalog) -> Program:
    """Build a new plan from the stored profile and the log, and make it the active plan."""
    profile = load_profile(db, user_id, catalog)
    if profile is None:
        raise NoProfile()
    record = training_record(db, user_id)
    program = plan_program(profile, catalog, history=record.sets)
    stored = StoredPlan(
        id=new_id(),
        created_at=utc_now(),
        profile=profile.model_dump(mode="json"),
        program={"json": program_to_json(program)},
    )
    with db.session(write=True) as s:
        repo = LogRepository(s)
        repo.save_plan(user_id, stored)
        state = repo.get_coaching_state(user_id)
        # A new plan starts from its own targets; a stop stays until it is cleared.
        repo.save_coaching_state(user_id, {"stop": state.get("stop"), "exercises": {}})
    return program


#: Parsed programs by plan id. A stored plan never changes (a new plan gets a new id), and
#: parsing a 12-week program costs milliseconds, which every logged set would pay.
_PROGRAMS: OrderedDict[str, Program] = OrderedDict()
_PROGRAMS_KEPT = 256
_PROGRAMS_LOCK = threading.Lock()


def _program_of(repo: LogRepository, plan_id: str) -> Program | None:
    with _PROGRAMS_LOCK:
        program = _PROGRAMS.get(plan_id)
        if program is not None:
            _PROGRAMS.move_to_end(plan_id)
            return program
    document = repo.plan_program(plan_id)
    if document is None:
        return None
    program = program_from_json(str(document["json"]))
    with _PROGRAMS_LOCK:
        _PROGRAMS[plan_id] = program
        while len(_PROGRAMS) > _PROGRAMS_KEPT:
            _PROGRAMS.popitem(last=False)
    return program


def _active_program(repo: LogRepository, user_id: str) -> Program | None:
    plan_id = repo.active_plan_id(user_id)
    return None if plan_id is None else _program_of(repo, plan_id)


def active_program(db: Database, user_id: str) -> Program | None:
    """The person's active plan, if any."""
    with db.session() as s:
        return _active_program(LogRepository(s), user_id)


# state ---------------------------------------------------------------------------------


def _state(db: Database, user_id: str) -> dict[str, Any]:
    with db.session() as s:
        return _with_defaults(LogRepository(s).get_coaching_state(user_id))


def _with_defaults(state: dict[str, Any]) -> dict[str, Any]:
    state.setdefault("exercises", {})
    state.setdefault("stop", None)
    return state


def _save_state(db: Database, user_id: str, state: dict[str, Any]) -> None:
    with db.session(write=True) as s:
        LogRepository(s).save_coaching_state(user_id, state)


def current_stop(db: Database, user_id: str) -> Stop | None:
    """The stop on back training, if one is in force."""
    stop = _state(db, user_id)["stop"]
    return Stop(**stop) if stop else None


def clear_stop(db: Database, user_id: str) -> bool:
    """Lift a stop once a clinician has cleared the person; True when one was lifted."""
    state = _state(db, user_id)
    had = state["stop"] is not None
    state["stop"] = None
    _save_state(db, user_id, state)
    return had


def _next_targets_of(state: dict[str, Any], exercise_id: str) -> Prescription | None:
    entry = state["exercises"].get(exercise_id)
    if not entry or entry.get("next") is None:
        return None
    return prescription_from_json(entry["next"])


def _planned_for(program: Program, exercise_id: str, day: date) -> Prescription | None:
    """The plan's prescription of an exercise on ``day``, else its nearest earlier session."""
    best: Prescription | None = None
    for session in program.sessions():
        if session.day > day and best is not None:
            break
        for p in session.prescriptions:
            if p.exercise_id == exercise_id:
                best = p
    if best is None:
        for prescriptions in program.template.values():
            for p in prescriptions:
                if p.exercise_id == exercise_id:
                    return p
    return best


def _next_session_day(program: Program, after: date) -> date:
    for session in program.sessions():
        if session.day > after:
            return session.day
    return after + timedelta(days=2)


# today ---------------------------------------------------------------------------------


def today(
    db: Database, user_id: str, catalog: Catalog, day: date, strain: StrainStatus | None
) -> Today:
    """Today's session: the plan's, with progression's targets, trimmed for strain."""
    program = active_program(db, user_id)
    if program is None:
        raise NoPlan()
    state = _state(db, user_id)
    stop = Stop(**state["stop"]) if state["stop"] else None
    planned = program.session_on(day)
    next_day = next((s.day for s in program.sessions() if s.day > day), None)
    if planned is None or stop is not None:
        return Today(day, None, planned, next_day, (), stop)
    merged: list[Prescription] = []
    for p in planned.prescriptions:
        current = _next_targets_of(state, p.exercise_id)
        rx = merge_with_plan(p, current) if current is not None else p
        if rx is not None:
            merged.append(rx)
    session = replace(planned, prescriptions=tuple(merged))
    trims: tuple[str, ...] = ()
    if strain is not None:
        ratios = {
            m.muscle: m.ratio.ratio for m in strain.muscles.values() if m.ratio.ratio is not None
        }
        names = {m.muscle: m.name for m in strain.muscles.values()}
        session, reasons = trim_for_strain(session, ratios, names=names)
        trims = tuple(reasons)
    return Today(day, session, planned, next_day, trims, None)


# progression -----------------------------------------------------------------------------


def after_session(
    db: Database,
    user_id: str,
    catalog: Catalog,
    session_id: str,
    only: Collection[str] | None = None,
) -> list[Progressed]:
    """Adapt the next targets of every exercise done in a session (no plan: nothing to do).

    ``only`` limits it to these exercises: after one logged set, the others' sets have not
    changed, so neither have their targets.
    """
    with db.session(write=True) as s:
        repo = LogRepository(s)
        try:
            session = repo.get_session(user_id, session_id)
        except NotFound:
            return []
        return _progress(repo, user_id, catalog, session, only)


def log_and_progress(
    db: Database,
    user_id: str,
    catalog: Catalog,
    spec: SetSpec,
    *,
    exercise_id: str,
    **details: Any,
) -> tuple[LoggedSets, list[Progressed]]:
    """Log sets of one exercise and adapt its next targets, in one unit of work.

    ``details`` are :func:`backcoach.services.log_sets`'s other keywords. A retry that
    stores nothing new leaves the targets alone.
    """
    with db.session(write=True) as s:
        repo = LogRepository(s)
        logged = record_sets(repo, user_id, spec, exercise_id=exercise_id, **details)
        if not logged.stored:
            return logged, []
        return logged, _progress(repo, user_id, catalog, logged.session, {exercise_id})


def _progress(
    repo: LogRepository,
    user_id: str,
    catalog: Catalog,
    session: TrainingSession,
    only: Collection[str] | None,
) -> list[Progressed]:
    # This runs after every logged set, so it reads only this session and the pain since it
    # began: reading the whole log here would make every logged set slower as the log grows.
    plan_id, profile_data, stored_state = repo.coaching_context(user_id)
    program = _program_of(repo, plan_id) if plan_id is not None else None
    if program is None or profile_data is None:
        return []
    done = repo.session_sets(session.id, only)
    if not done:
        return []
    pain = sorted(repo.list_pain(user_id, since=session.started_at), key=lambda p: p.felt_at)
    state = _with_defaults(stored_state)
    before = copy.deepcopy(state)
    profile = parse_profile(profile_data, catalog=catalog)
    day = session.started_at.astimezone().date()
    results: list[Progressed] = []
    for exercise_id in dict.fromkeys(e.exercise_id for e in done):
        entry = state["exercises"].get(exercise_id) or {}
        basis: Prescription | None
        if entry.get("session") == session.id and entry.get("basis"):
            basis = prescription_from_json(entry["basis"])
        else:
            basis = _next_targets_of(state, exercise_id) or _planned_for(program, exercise_id, day)
        if basis is None:
            continue  # an exercise outside the plan: logged, not progressed
        adjustment = next_targets(
            basis,
            [e for e in done if e.exercise_id == exercise_id],
            pain,
            catalog=catalog,
            profile=profile,
            today=_next_session_day(program, day),
            last_trained=day,
        )
        _record(state, exercise_id, session.id, basis, adjustment)
        results.append(Progressed(exercise_id, adjustment))
    if state != before:  # most sets change nothing until the last set of an exercise
        repo.save_coaching_state(user_id, state)
    return results


def after_pain(db: Database, user_id: str, catalog: Catalog, entry: PainEntry) -> list[Progressed]:
    """Regress or stop what the pain calls for (no plan: only the stop is kept)."""
    state = _state(db, user_id)
    results: list[Progressed] = []
    severe = entry.red_flag or (
        entry.score >= STOP_PAIN and catalog.region(entry.region).back_or_shoulder
    )
    if severe:
        what = "a red-flag symptom" if entry.red_flag else f"pain of {entry.score}/10"
        state["stop"] = {
            "since": entry.felt_at.isoformat(),
            "reason": f"You reported {what} in the {catalog.region(entry.region).name.lower()}.",
        }
    program = active_program(db, user_id)
    profile = load_profile(db, user_id, catalog)
    if program is not None and profile is not None and entry.score >= 4:
        day = entry.felt_at.astimezone().date()
        targets = [entry.exercise_id] if entry.exercise_id else list(state["exercises"])
        if not targets:
            targets = list(dict.fromkeys(c.exercise_id for c in program.choices))
        for exercise_id in targets:
            basis = _next_targets_of(state, exercise_id) or _planned_for(program, exercise_id, day)
            if basis is None:
                continue
            adjustment = next_targets(
                basis, [], [entry], catalog=catalog, profile=profile, today=day, last_trained=day
            )
            if adjustment.flagged or adjustment.see_clinician:
                _record(state, exercise_id, None, basis, adjustment)
                results.append(Progressed(exercise_id, adjustment))
    _save_state(db, user_id, state)
    return results


def _record(
    state: dict[str, Any],
    exercise_id: str,
    session_id: str | None,
    basis: Prescription,
    adjustment: Adjustment,
) -> None:
    entry = {
        "session": session_id,
        "basis": prescription_to_json(basis),
        "next": (
            prescription_to_json(adjustment.prescription)
            if adjustment.prescription is not None
            else None
        ),
        "outcome": adjustment.outcome.value,
        "reasons": list(adjustment.reasons),
        "flagged": adjustment.flagged,
    }
    previous = state["exercises"].get(exercise_id) or {}
    # "at" is when the outcome last changed, so an unchanged outcome leaves the state as it is.
    unchanged = {k: v for k, v in previous.items() if k != "at"} == entry
    entry["at"] = previous.get("at") if unchanged else datetime.now().astimezone().isoformat()
    state["exercises"][exercise_id] = entry
    if adjustment.see_clinician:
        state["stop"] = {"since": utc_now().isoformat(), "reason": adjustment.reason}
