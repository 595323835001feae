"""Invariants over random histories: backup -> restore -> backup, and CSV export -> import."""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcoach.catalog import load_catalog
from backcoach.interop import service
from backcoach.services import ensure_user
from backcoach.store import LogRepository, open_database
from backcoach.store.interop_repository import InteropRepository
from backcoach.store.tables import CustomSetRow
from backcoach.training.entries import (
    BodyWeight,
    PainEntry,
    SetEntry,
    SetKind,
    Side,
    Symptom,
    TrainingSession,
)
from backcoach.training.users import LOCAL_USER_ID

CATALOG = load_catalog()
MOVEMENTS = [(e.id, None) for e in CATALOG.exercises] + [
    (e.id, v.id) for e in CATALOG.exercises for v in e.variants
]
CUSTOM_NAMES = ["Face Pull (Cable)", "Lat Pulldown (Machine)", "Bench Press 🏋️"]
EPOCH = datetime(2016, 1, 1, tzinfo=UTC)
NOW = datetime(2026, 11, 25, tzinfo=UTC)
SETTINGS = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

notes = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029")
    | st.just("\n"),
    max_size=30,
).map(str.strip)
seconds = st.integers(0, 10 * 365 * 24 * 3600)


@st.composite
def a_set(draw: st.DrawFn, custom: bool) -> dict[str, Any]:
    movement = draw(st.sampled_from(MOVEMENTS))
    swim = CATALOG.exercise(movement[0]).kind == "swim"
    values: dict[str, Any] = {
        "movement": movement,
        "custom": draw(st.sampled_from(CUSTOM_NAMES)) if custom else None,
        "kind": draw(st.sampled_from(list(SetKind))),
        "notes": draw(notes),
        "rpe": draw(st.none() | st.integers(2, 20).map(lambda x: x / 2)),
        "reps": None,
        "load_kg": None,
        "duration_s": None,
        "distance_m": None,
    }
    if swim and not custom:
        values["duration_s"] = draw(st.none() | st.integers(1, 21600).map(float))
        distance = st.integers(1, 50000).map(float)
        values["distance_m"] = draw(
            distance if values["duration_s"] is None else st.none() | distance
        )
    else:
        values["reps"] = draw(st.integers(0, 100))
        values["load_kg"] = draw(st.none() | st.integers(1, 50000).map(lambda x: x / 100))
    return values


@st.composite
def histories(draw: st.DrawFn) -> list[dict[str, Any]]:
    starts = draw(st.lists(seconds, min_size=1, max_size=5, unique=True))
    sessions = []
    for start in starts:
        began = EPOCH + timedelta(seconds=start)
        length = draw(st.none() | st.integers(1, 4 * 3600))
        sessions.append(
            {
                "started_at": began,
                "ended_at": None if length is None else began + timedelta(seconds=length),
                "notes": draw(notes),
                "sets": draw(st.lists(a_set(custom=False), min_size=1, max_size=5))
                + draw(st.lists(a_set(custom=True), max_size=2)),
            }
        )
    return sessions


_TEMPLATE: list[Path] = []


def empty_database(folder: str, name: str) -> str:
    """A migrated database holding the local user, copied from one made once (migrating is slow)."""
    if not _TEMPLATE:
        template = Path(tempfile.mkdtemp()) / "template.db"
        db = open_database(f"sqlite:///{template}")
        ensure_user(db)
        db.close()
        _TEMPLATE.append(template)
    target = Path(folder) / name
    shutil.copyfile(_TEMPLATE[0], target)
    return f"sqlite:///{target}"


def store(url: str, history: list[dict[str, Any]], *, extras: bool) -> None:
    db = open_database(url)
    with db.session(write=True) as s:
        repo, irepo = LogRepository(s), InteropRepository(s)
        customs: dict[str, str] = {}
        for i, x in enumerate(history):
            session = TrainingSession(
                f"s{i}", LOCAL_USER_ID, x["started_at"], x["ended_at"], x["notes"]
            )
            repo.add_session(session)
            for j, v in enumerate(x["sets"]):
                entry = SetEntry(
                    id=f"s{i}.{j}",
                    session_id=session.id,
                    exercise_id=v["movement"][0],
                    variant_id=v["movement"][1],
                    position=j,
                    kind=v["kind"],
                    reps=v["reps"],
                    load_kg=v["load_kg"],
                    rpe=v["rpe"],
                    duration_s=v["duration_s"],
                    distance_m=v["distance_m"],
                    notes=v["notes"],
                    side=Side.BOTH,
                    logged_at=x["started_at"],
                )
                if v["custom"] is None:
                    repo.add_set(entry)
                    continue
                if v["custom"] not in customs:
                    customs[v["custom"]] = f"c{len(customs)}"
                    irepo.add_custom_exercise(customs[v["custom"]], LOCAL_USER_ID, v["custom"])
                row = {k: getattr(entry, k) for k in ("id", "session_id", "position", "reps")}
                row |= {
                    "custom_exercise_id": customs[v["custom"]],
                    "kind": entry.kind.value,
                    "load_kg": entry.load_kg,
                    "rpe": entry.rpe,
                    "rir": None,
                    "duration_s": entry.duration_s,
                    "distance_m": entry.distance_m,
                    "side": "both",
                    "notes": entry.notes,
                    "logged_at": entry.logged_at,
                }
                irepo.insert_many(CustomSetRow, [row])
            if extras:
                repo.add_pain(
                    PainEntry(
                        f"p{i}", LOCAL_USER_ID, i % 11, "lower-back", x["started_at"],
                        notes=x["notes"], symptoms=(Symptom.TINGLING,) if i % 2 else (),
                    )
                )  # fmt: skip
                repo.add_body_weight(BodyWeight(f"w{i}", LOCAL_USER_ID, 60.0 + i, x["started_at"]))
        if extras and customs:
            irepo.save_mapping(LOCAL_USER_ID, "face-pull", custom_exercise_id="c0")
    db.close()


@SETTINGS
@given(histories())
def test_random_histories_survive_backup_restore_backup(history: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        first, second = empty_database(folder, "a.db"), empty_database(folder, "b.db")
        store(first, history, extras=True)
        a = open_database(first)
        before = service.backup(a, LOCAL_USER_ID)
        a.close()
        b = open_database(second)
        service.restore(b, before)
        after = service.backup(b, LOCAL_USER_ID)
        b.close()
    before.pop("exported_at")
    after.pop("exported_at")
    assert after == before


def carried(url: str) -> list[tuple[Any, ...]]:
    """What the Strong layout can carry of each session and set, in order."""
    db = open_database(url)
    document = service.backup(db, LOCAL_USER_ID)
    db.close()
    names = {c["id"]: c["name"] for c in document["custom_exercises"]}
    result = []
    for x in document["sessions"]:
        rows = [
            (e["position"], e["id"], (e["exercise_id"], e["variant_id"]), e) for e in x["sets"]
        ] + [(e["position"], e["id"], names[e["custom_exercise_id"]], e) for e in x["custom_sets"]]
        rows.sort(key=lambda r: (r[0], r[1]))
        result.append(
            (
                x["started_at"],
                x["ended_at"],
                x["notes"],
                [
                    (
                        what,
                        e["kind"],
                        e["reps"],
                        e["load_kg"],
                        e["rpe"],
                        e["duration_s"],
                        e["distance_m"],
                        e["notes"],
                    )
                    for _, _, what, e in rows
                ],
            )
        )
    return result


@SETTINGS
@given(histories())
def test_csv_export_then_import_keeps_everything_the_layout_carries(
    history: list[dict[str, Any]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        first, second = empty_database(folder, "a.db"), empty_database(folder, "b.db")
        store(first, history, extras=False)
        a = open_database(first)
        data = service.export_csv(a, LOCAL_USER_ID, catalog=CATALOG, tz=UTC)
        a.close()
        b = open_database(second)
        ensure_user(b)
        service.import_file(b, LOCAL_USER_ID, data, "strong", catalog=CATALOG, tz=UTC, now=NOW)
        b.close()
        assert carried(second) == carried(first)
