"""Imports into the log, whole or not at all, and exports and backups back out."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from backcoach import services
from backcoach.errors import BackcoachError
from backcoach.interop import service
from backcoach.interop.errors import BadFile, UnitNeeded
from backcoach.store import Database, open_database
from backcoach.store.interop_repository import InteropRepository
from backcoach.training.units import Unit
from backcoach.training.users import LOCAL_USER_ID

from .fit_files import activity, strength_part, swim_part
from .test_hevy import METRIC
from .test_strong import COMMA_2019

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
ME = LOCAL_USER_ID

WITH_CUSTOM = COMMA_2019 + (
    '2019-03-06 07:00:00,"Swim",45m,"Lat Pulldown (Cable)",1,50,12,0,0,"",,\n'
    '2019-03-06 07:00:00,"Swim",45m,"Lat Pulldown (Cable)",2,50,10,0,0,"",,\n'
)


def do_import(db: Database, data: bytes, **kwargs: object) -> service.ImportSummary:
    return service.import_file(db, ME, data, now=NOW, **kwargs)  # type: ignore[arg-type]


def all_sets(db: Database) -> list[object]:
    return [e for x in services.history(db, ME) for e in x.sets]


def test_a_strong_file_imports_with_exact_counts_and_loads_in_the_chosen_unit(
    db: Database,
) -> None:
    summary = do_import(db, WITH_CUSTOM.encode(), unit=Unit.LB)
    assert (summary.sessions, summary.sets, summary.swims, summary.custom_sets) == (2, 5, 1, 2)
    assert summary.mapped == {
        "Bent Over Row (Barbell)": "bent-over-row",
        "Pull Up": "pull-up",
        "Swimming": "swimming",
        "Lat Pulldown (Cable)": "custom",
    }
    assert [u.name for u in summary.unmapped] == ["Lat Pulldown (Cable)"]
    assert summary.new_custom_exercises == ["Lat Pulldown (Cable)"]
    loads = sorted(e.load_kg for e in all_sets(db) if e.load_kg)  # type: ignore[attr-defined]
    assert loads == pytest.approx([40 * 0.45359237, 75 * 0.45359237, 75 * 0.45359237])
    again = do_import(db, WITH_CUSTOM.encode(), unit=Unit.LB)
    assert (again.sessions, again.sets, again.custom_sets, again.already_imported) == (0, 0, 0, 8)
    assert len(all_sets(db)) == 6


def test_weights_without_a_unit_are_not_imported_until_the_unit_is_given(db: Database) -> None:
    with pytest.raises(UnitNeeded) as caught:
        do_import(db, COMMA_2019.encode())
    assert caught.value.heaviest[0] == ("Bent Over Row (Barbell)", 75.0)
    assert all_sets(db) == []


def test_a_dry_run_counts_and_changes_nothing(db: Database) -> None:
    summary = do_import(db, METRIC.encode(), dry_run=True)
    assert (summary.sessions, summary.sets, summary.swims) == (2, 4, 1)
    assert summary.dry_run
    assert all_sets(db) == []


def test_a_bad_row_leaves_the_log_unchanged(db: Database) -> None:
    bad = COMMA_2019.replace("75,7,0,0", "900,7,0,0")
    with pytest.raises(BadFile, match="Row 4"):
        do_import(db, bad.encode(), unit=Unit.KG)
    assert all_sets(db) == []


def test_mappings_are_used_and_remembered(db: Database) -> None:
    first = do_import(
        db, WITH_CUSTOM.encode(), unit=Unit.KG, mappings={"Lat Pulldown (Cable)": "pull-up"}
    )
    assert first.mapped["Lat Pulldown (Cable)"] == "pull-up"
    assert first.custom_sets == 0
    assert first.unmapped == []
    hevy = METRIC.replace("Pull Up", "Lat Pulldown (Cable)")
    second = do_import(db, hevy.encode())
    assert second.mapped["Lat Pulldown (Cable)"] == "pull-up"


def test_fit_activities_import_strength_sets_and_swims(db: Database) -> None:
    data = activity(strength_part(), swim_part(datetime(2026, 3, 2, 19, 0, tzinfo=UTC)))
    summary = do_import(db, data)
    assert (summary.sessions, summary.sets, summary.swims, summary.custom_sets) == (2, 3, 1, 1)
    assert summary.mapped["Chin Up"] == "pull-up/chin-up"
    assert summary.mapped["Swimming"] == "swimming/front-crawl"
    assert [x.reason for x in summary.skipped] == ["set message 1 is a rest between sets"]
    document = service.backup(db, ME)
    swims = [e for x in document["sessions"] for e in x["sets"] if "swim" in e]
    assert swims[0]["swim"]["pool_length_m"] == 25.0
    assert len(swims[0]["swim"]["laps"]) == 2
    assert do_import(db, data).already_imported == 5


def test_a_file_over_the_size_limit_is_refused_before_reading(db: Database) -> None:
    with pytest.raises(BadFile, match="limited to"):
        do_import(db, METRIC.encode(), max_bytes=100)


def test_an_unknown_format_is_refused(db: Database) -> None:
    with pytest.raises(BadFile, match="not a Strong or Hevy"):
        do_import(db, b"name,age\nbob,3\n")
    with pytest.raises(BackcoachError, match="Unknown import format"):
        do_import(db, METRIC.encode(), format="garmin")


def test_backup_then_restore_into_an_empty_database_gives_the_same_document(
    db: Database, tmp_path: Path
) -> None:
    do_import(db, WITH_CUSTOM.encode(), unit=Unit.KG)
    do_import(db, activity(swim_part(datetime(2026, 3, 2, 19, 0, tzinfo=UTC))))
    services.record_pain(db, ME, 3, "lower-back", notes="after rows")
    services.record_body_weight(db, ME, 80.5)
    before = service.backup(db, ME)
    other = open_database(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        restored = service.restore(other, json.loads(json.dumps(before)))
        assert restored.sessions == 3
        after = service.backup(other, ME)
    finally:
        other.close()
    before.pop("exported_at"), after.pop("exported_at")
    assert after == before
    with pytest.raises(BackcoachError, match="already has data"):
        service.restore(db, before)


def test_csv_export_reimports_to_the_same_sets(db: Database, tmp_path: Path) -> None:
    do_import(db, WITH_CUSTOM.encode(), unit=Unit.KG)
    data = service.export_csv(db, ME)
    assert data.startswith(b"Date,Workout Name,Duration (sec),Exercise Name,Set Order,Weight (kg)")
    other = open_database(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        services.ensure_user(other)
        summary = service.import_file(other, ME, data, now=NOW)
        assert (summary.sets, summary.swims, summary.custom_sets) == (5, 1, 2)
        assert service.export_csv(other, ME) == data
    finally:
        other.close()


def test_calendar_feed_tokens_are_stored_hashed_and_can_be_revoked(db: Database) -> None:
    token = service.create_calendar_feed(db, ME)
    assert service.calendar_feed_user(db, token) == ME
    with db.session() as s:
        assert InteropRepository(s).feed_user(token) is None  # only the hash is stored
    newer = service.create_calendar_feed(db, ME)
    assert service.calendar_feed_user(db, token) is None
    assert service.revoke_calendar_feed(db, ME)
    assert service.calendar_feed_user(db, newer) is None
    assert not service.revoke_calendar_feed(db, ME)
