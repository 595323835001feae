"""Reading the exercise library from the command line."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from backcoach.catalog import load_catalog

from .conftest import Run


def test_exercises_lists_the_five_article_exercises_with_muscles_and_equipment(run: Run) -> None:
    result = run("exercises")
    assert result.code == 0
    for ex in load_catalog().exercises:
        assert ex.name in result.out
        assert ", ".join(ex.equipment) in result.out
    assert "Latissimus dorsi" in result.out


def test_exercises_json_holds_muscle_shares_and_equipment(run: Run) -> None:
    data = json.loads(run("exercises", "--json").out)
    assert [e["id"] for e in data] == [e.id for e in load_catalog().exercises]
    for item in data:
        assert abs(sum(m["share"] for m in item["muscles"]) - 1) < 0.011
        assert item["equipment"]


def test_exercises_filter_by_muscle_and_by_equipment(run: Run) -> None:
    by_muscle = json.loads(run("exercises", "--muscle", "Upper trapezius", "--json").out)
    assert "barbell-shrug" in [e["id"] for e in by_muscle]
    assert all(any(m["id"] == "trapezius-upper" for m in e["muscles"]) for e in by_muscle)
    pool = json.loads(run("exercises", "--equipment", "pool", "--json").out)
    assert [e["id"] for e in pool] == ["swimming"]


def test_an_unknown_filter_gets_a_did_you_mean(run: Run) -> None:
    result = run("exercises", "--muscle", "rhomboyds")
    assert result.code == 1
    assert "rhomboids" in result.err
    result = run("exercises", "--equipment", "dumbells")
    assert result.code == 1
    assert "dumbbells" in result.err


def test_exercise_pull_up_shows_every_article_cue(run: Run) -> None:
    result = run("exercise", "pull-up")
    assert result.code == 0
    ex = load_catalog().exercise("pull-up")
    for line in [*ex.cues, *ex.setup, *ex.steps]:
        assert line in result.out
    assert ex.prescription.article_text in result.out
    assert "Band-assisted" in result.out


def test_the_articles_old_name_finds_the_overhead_raise(run: Run) -> None:
    data = json.loads(run("exercise", "dumbbell dips", "--json").out)
    assert data["id"] == "overhead-dumbbell-raise"
    assert data["thresholds"]


def test_an_unknown_exercise_suggests_the_closest(run: Run) -> None:
    result = run("exercise", "pul-up")
    assert result.code == 1
    assert "Unknown exercise 'pul-up'" in result.err
    assert "Did you mean 'pull-up'" in result.err
    assert "Traceback" not in result.err


def test_exercise_svg_writes_the_muscle_map(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "row.svg"
    result = run("exercise", "row", "--svg", str(target))
    assert result.code == 0
    root = ET.parse(target).getroot()
    groups = {g.get("data-muscle"): g for g in root.iter("{http://www.w3.org/2000/svg}g")}
    row = load_catalog().exercise("row")
    for muscle, share in row.muscle_shares().items():
        assert float(groups[muscle].get("data-value") or 0) == share


def test_an_svg_path_that_cannot_be_written_is_explained(run: Run, tmp_path: Path) -> None:
    result = run("exercise", "row", "--svg", str(tmp_path / "missing" / "row.svg"))
    assert result.code == 1
    assert "Cannot write the muscle map" in result.err
