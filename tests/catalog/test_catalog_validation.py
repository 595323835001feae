"""Broken data is rejected with a CatalogError that names the file, the field and the problem."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from backcoach.catalog import CatalogError, load_catalog
from backcoach.errors import BackcoachError

BrokenCopy = Callable[[dict[str, Callable[[Any], Any]]], Path]

ROW = "exercise-bent-over-row.yaml"
PULL_UP = "exercise-pull-up.yaml"
SHRUG = "exercise-barbell-shrug.yaml"
SWIM = "exercise-swimming.yaml"


def load_error(directory: Path) -> CatalogError:
    with pytest.raises(CatalogError) as info:
        load_catalog(directory)
    return info.value


def find(entries: list[dict[str, Any]], id: str) -> dict[str, Any]:
    return next(e for e in entries if e["id"] == id)


def set_threshold(exercise: dict[str, Any], id: str, **values: Any) -> None:
    find(exercise["thresholds"], id).update(values)


@pytest.mark.parametrize(
    ("file", "edit", "field", "problem"),
    [
        pytest.param(
            ROW,
            lambda d: d["muscles"][0].update(muscle="biceps"),
            "muscles[0].muscle",
            "unknown muscle 'biceps'",
            id="unknown-muscle",
        ),
        pytest.param(
            PULL_UP,
            lambda d: find(d["variants"], "chin-up")["muscles"][0].update(muscle="pecs"),
            "variants[chin-up].muscles[0].muscle",
            "unknown muscle 'pecs'",
            id="unknown-muscle-in-variant",
        ),
        pytest.param(
            ROW,
            lambda d: d["muscles"][0].update(share=0.5),
            "muscles",
            "muscle shares sum to 1.250",
            id="shares-not-summing-to-one",
        ),
        pytest.param(
            ROW,
            lambda d: d["muscles"][0].update(share=0),
            "muscles[0].share",
            "greater than 0",
            id="zero-share",
        ),
        pytest.param(
            ROW,
            lambda d: d["muscles"].append(dict(d["muscles"][0])),
            "muscles",
            "listed twice",
            id="muscle-listed-twice",
        ),
        pytest.param(
            SHRUG,
            lambda d: d["aliases"].append("Barbell Row"),
            "aliases[4]",
            "name 'Barbell Row' collides with exercise or variant 'bent-over-row'",
            id="duplicate-alias-between-exercises",
        ),
        pytest.param(
            SWIM,
            lambda d: find(d["variants"], "butterfly")["aliases"].append("chin up"),
            "variants[butterfly].aliases[2]",
            "collides with exercise or variant 'chin-up'",
            id="variant-alias-colliding-with-another-variant",
        ),
        pytest.param(
            PULL_UP,
            lambda d: set_threshold(d, "bar-clearance", source="wikipedia"),
            "thresholds[bar-clearance].source",
            "unknown source 'wikipedia'",
            id="threshold-citing-unknown-source",
        ),
        pytest.param(
            ROW,
            lambda d: set_threshold(d, "torso-angle", low=70),
            "thresholds[torso-angle]",
            "low (70) is above high (60)",
            id="low-above-high",
        ),
        pytest.param(
            ROW,
            lambda d: set_threshold(d, "torso-swing", high=None),
            "thresholds[torso-swing]",
            "at least one of 'low' and 'high'",
            id="threshold-without-bounds",
        ),
        pytest.param(
            SWIM,
            lambda d: d["equipment"].append("kettlebell"),
            "equipment[1]",
            "unknown equipment 'kettlebell'",
            id="unknown-equipment",
        ),
        pytest.param(
            ROW,
            lambda d: find(d["variants"], "chest-supported-row")["equipment"].append("cable"),
            "variants[chest-supported-row].equipment[2]",
            "unknown equipment 'cable'",
            id="unknown-equipment-in-variant",
        ),
        pytest.param(
            ROW,
            lambda d: d["faults"][0].update(detected_by=["torso-tilt"]),
            "faults[torso-too-upright].detected_by[0]",
            "unknown threshold 'torso-tilt'",
            id="fault-naming-unknown-threshold",
        ),
        pytest.param(
            ROW,
            lambda d: d.update(article_number=2),
            "article_number",
            "article number 2 is used by 'bent-over-row' and 'pull-up'",
            id="duplicate-article-number",
        ),
        pytest.param(
            ROW,
            lambda d: d.update(article_number=6),
            "article_number",
            "less than or equal to 5",
            id="article-number-out-of-range",
        ),
        pytest.param(
            ROW,
            lambda d: d.update(tempo="slow"),
            "tempo",
            "is not a known field",
            id="unknown-field",
        ),
        pytest.param(
            ROW,
            lambda d: d.__delitem__("steps"),
            "steps",
            "is required but missing",
            id="missing-field",
        ),
        pytest.param(
            ROW,
            lambda d: d["prescription"].update(reps_low=15, reps_high=8),
            "prescription",
            "reps_low (15) is above reps_high (8)",
            id="reps-low-above-high",
        ),
        pytest.param(
            ROW,
            lambda d: d.update(caution_regions=["knees"]),
            "caution_regions[0]",
            "unknown body region 'knees'",
            id="unknown-caution-region",
        ),
        pytest.param(
            "muscles.yaml",
            lambda d: find(d, "rhomboids")["aliases"].append("lats"),
            "[rhomboids].aliases[3]",
            "name 'lats' collides with muscle 'latissimus-dorsi'",
            id="duplicate-muscle-alias",
        ),
        pytest.param(
            "muscles.yaml",
            lambda d: find(d, "multifidus").update(region="sacrum"),
            "[multifidus].region",
            "unknown body region 'sacrum'",
            id="muscle-in-unknown-region",
        ),
        pytest.param(
            "regions.yaml",
            lambda d: find(d, "neck")["aliases"].append("Lower Back"),
            "[neck].aliases[2]",
            "name 'Lower Back' collides with region 'lower-back'",
            id="region-alias-colliding-with-region-id",
        ),
        pytest.param(
            "equipment.yaml",
            lambda d: d.append({"id": "barbell", "name": "Another barbell"}),
            "[barbell].id",
            "id 'barbell' is used 2 times",
            id="duplicate-equipment-id",
        ),
        pytest.param(
            "regions.yaml",
            lambda d: find(d, "neck").update(id="Neck Region"),
            "[Neck Region].id",
            "should match pattern",
            id="id-not-kebab-case",
        ),
    ],
)
def test_broken_data_is_rejected_naming_file_field_and_problem(
    broken_copy: BrokenCopy, file: str, edit: Callable[[Any], Any], field: str, problem: str
) -> None:
    error = load_error(broken_copy({file: edit}))
    assert isinstance(error, BackcoachError)
    assert any(
        p.file == file and p.field == field and problem in p.message for p in error.problems
    ), error.problems
    assert file in error.message
    assert problem in error.message


def test_every_problem_is_reported_at_once(broken_copy: BrokenCopy) -> None:
    error = load_error(
        broken_copy(
            {
                ROW: lambda d: d["muscles"][0].update(muscle="biceps"),
                SWIM: lambda d: d["equipment"].append("kettlebell"),
            }
        )
    )
    assert {p.file for p in error.problems} == {ROW, SWIM}
    assert "2 problems" in error.message


def test_invalid_yaml_is_reported_with_its_line(broken_copy: BrokenCopy, tmp_path: Path) -> None:
    directory = broken_copy({})
    (directory / SHRUG).write_text("id: barbell-shrug\naliases: [shrug\n", encoding="utf-8")
    error = load_error(directory)
    assert error.file == SHRUG
    assert "is not valid YAML at line" in error.message


def test_a_missing_data_file_is_named(broken_copy: BrokenCopy) -> None:
    directory = broken_copy({})
    (directory / "sources.yaml").unlink()
    error = load_error(directory)
    assert error.file == "sources.yaml"
    assert "is missing" in error.message


def test_an_unexpected_yaml_file_is_named(broken_copy: BrokenCopy) -> None:
    directory = broken_copy({})
    (directory / "exercises.yaml").write_text("[]\n", encoding="utf-8")
    error = load_error(directory)
    assert error.file == "exercises.yaml"
    assert "not a catalog data file" in error.message


def test_an_exercise_must_live_in_the_file_named_after_it(broken_copy: BrokenCopy) -> None:
    directory = broken_copy({})
    (directory / SHRUG).rename(directory / "exercise-shrug.yaml")
    error = load_error(directory)
    assert error.file == "exercise-shrug.yaml"
    assert "must live in 'exercise-barbell-shrug.yaml'" in error.message


def test_a_list_file_holding_a_mapping_is_rejected(broken_copy: BrokenCopy) -> None:
    error = load_error(broken_copy({"sources.yaml": lambda d: {"sources": d}}))
    assert error.file == "sources.yaml"
    assert "must hold a list" in error.message


def test_a_path_that_is_not_a_directory_is_rejected(tmp_path: Path) -> None:
    error = load_error(tmp_path / "nowhere")
    assert "is not a directory" in error.message
    assert error.hint


def test_an_intact_copy_loads(broken_copy: BrokenCopy) -> None:
    assert len(load_catalog(broken_copy({})).exercises) == 5
