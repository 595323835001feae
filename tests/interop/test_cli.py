"""``backcoach import`` and ``backcoach export`` as a person uses them."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from icalendar import Calendar

from ..cli.conftest import Run
from .fit_files import activity, strength_part
from .test_hevy import METRIC
from .test_service import WITH_CUSTOM

GYM = "barbell,plates,platform,rack,dumbbells,pull-up-bar,bench,pool"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def sets_stored(run: Run) -> int:
    document = json.loads(run("export", "--json").out)
    return sum(len(x["sets"]) + len(x["custom_sets"]) for x in document["sessions"])


def test_import_with_a_unit_flag_reports_counts_and_a_second_import_adds_nothing(
    run: Run, tmp_path: Path
) -> None:
    path = write(tmp_path, "strong.csv", WITH_CUSTOM.encode())
    result = run("import", str(path), "--unit", "kg", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert (data["sessions"], data["sets"], data["swims"], data["custom_sets"]) == (2, 5, 1, 2)
    again = json.loads(run("import", str(path), "--unit", "kg", "--json").out)
    assert (again["sets"], again["already_imported"]) == (0, 8)
    assert sets_stored(run) == 8


def test_a_file_without_units_asks_for_one_and_shows_the_heaviest_lifts(
    run: Run, tmp_path: Path
) -> None:
    path = write(tmp_path, "strong.csv", WITH_CUSTOM.encode())
    refused = run("import", str(path))
    assert refused.code == 1
    assert "--unit" in refused.err
    assert "75 kg = 165 lb" in refused.err
    assert sets_stored(run) == 0
    asked = run("import", str(path), answers="lb\npull-up\n")
    assert asked.code == 0, asked.err
    assert "Heaviest lifts" in asked.out
    assert "Imported 2 sessions: 7 sets, 1 swims, 0 sets of your own" in asked.out


def test_dry_run_and_bad_files_store_nothing(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "hevy.csv", METRIC.encode())
    preview = run("import", str(path), "--dry-run")
    assert "Would import 2 sessions" in preview.out
    broken = write(tmp_path, "broken.csv", METRIC.replace("7 Apr 2026, 10:14", "soon", 1).encode())
    failed = run("import", str(broken))
    assert failed.code == 1
    assert "Row 2" in failed.err
    assert "Traceback" not in failed.err
    assert sets_stored(run) == 0
    fit = write(tmp_path, "cut.fit", activity(strength_part())[:-30])
    assert "cut short" in run("import", str(fit)).err
    assert "There is no file" in run("import", str(tmp_path / "nope.csv")).err


def test_export_formats_write_files(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "hevy.csv", METRIC.encode())
    assert run("import", str(path)).code == 0
    out = tmp_path / "log.csv"
    assert run("export", "--format", "csv", "--out", str(out)).code == 0
    assert out.read_text().startswith("Date,Workout Name,Duration (sec),Exercise Name")
    assert "Unknown export format" in run("export", "--format", "xml").err
    assert "no plan" in run("export", "--format", "ics").err.lower()


def test_the_plan_exports_as_a_calendar_and_as_fit_workouts(run: Run, tmp_path: Path) -> None:
    monday = date.today() - timedelta(days=date.today().weekday())
    profile = run(
        "profile", "--equipment", GYM, "--days", "3", "--weekdays", "monday,wednesday,friday",
        "--minutes", "45", "--experience", "intermediate", "--weight", "row=50kg",
        "--max-pullups", "8", "--start", monday.isoformat(), "--json",
    )  # fmt: skip
    assert profile.code == 0, profile.err
    assert run("plan", "--new", "--json").code == 0
    ics = tmp_path / "plan.ics"
    assert run("export", "--format", "ics", "--out", str(ics)).code == 0
    events = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert len(events) > 10
    assert run("export", "--format", "ics", "--out", str(ics)).code == 0
    again = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert [str(e["UID"]) for e in again] == [str(e["UID"]) for e in events]
    folder = tmp_path / "fit"
    result = run("export", "--format", "fit", "--out", str(folder), "--days", "14", "--json")
    assert result.code == 0, result.err
    written = json.loads(result.out)["written"]
    assert written
    assert all(Path(p).read_bytes()[8:12] == b".FIT" for p in written)
