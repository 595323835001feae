"""The shipped catalog data: every file valid, the article's five exercises, the closed lists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from backcoach.catalog import DATA_DIR, Catalog, CatalogError, Exercise, Variant, load_catalog
from backcoach.errors import BackcoachError

MUSCLE_IDS = {
    "trapezius-upper",
    "trapezius-middle",
    "trapezius-lower",
    "rhomboids",
    "levator-scapulae",
    "rear-deltoid",
    "infraspinatus",
    "teres-minor",
    "teres-major",
    "latissimus-dorsi",
    "erector-spinae",
    "multifidus",
}
REGION_IDS = {
    "neck",
    "upper-back",
    "mid-back",
    "lower-back",
    "left-shoulder",
    "right-shoulder",
    "left-arm",
    "right-arm",
    "left-leg",
    "right-leg",
    "other",
}
ARTICLE_ORDER = ["bent-over-row", "pull-up", "barbell-shrug", "overhead-dumbbell-raise", "swimming"]
SEED_NAME = "how-to-exercise-small-muscles-in-back.txt"


def _seed_article() -> str:
    """The source article's text (a copy kept with the tests)."""
    return (Path(__file__).resolve().parents[1] / "data" / SEED_NAME).read_text(encoding="utf-8")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("exercise-*.yaml")), ids=lambda p: p.name)
def test_every_exercise_file_validates_on_its_own(path: Path) -> None:
    Exercise.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_the_whole_catalog_loads_and_is_cached() -> None:
    assert load_catalog() is load_catalog()


def test_an_explicit_path_is_read_afresh_each_time() -> None:
    assert load_catalog(DATA_DIR) is not load_catalog(DATA_DIR)


def test_the_five_exercises_load_in_article_order(catalog: Catalog) -> None:
    assert [e.id for e in catalog.exercises] == ARTICLE_ORDER
    assert [e.article_number for e in catalog.exercises] == [1, 2, 3, 4, 5]


def test_muscle_ids_are_exactly_the_twelve_back_muscles(catalog: Catalog) -> None:
    assert {m.id for m in catalog.muscles} == MUSCLE_IDS
    assert len(catalog.muscles) == 12


def test_region_ids_are_exactly_the_pain_regions(catalog: Catalog) -> None:
    assert {r.id for r in catalog.regions} == REGION_IDS


def test_only_back_neck_and_shoulder_regions_count_as_back_or_shoulder(catalog: Catalog) -> None:
    flagged = {r.id for r in catalog.regions if r.back_or_shoulder}
    assert flagged == {
        "neck",
        "upper-back",
        "mid-back",
        "lower-back",
        "left-shoulder",
        "right-shoulder",
    }


def test_equipment_vocabulary_holds_the_article_equipment(catalog: Catalog) -> None:
    ids = set(catalog.equipment_ids())
    assert {
        "barbell",
        "plates",
        "platform",
        "rack",
        "pull-up-bar",
        "dumbbells",
        "band",
        "bench",
        "pool",
        "bodyweight",
        "weight-belt",
    } <= ids


@pytest.mark.parametrize("exercise_id", ARTICLE_ORDER)
def test_muscle_shares_sum_to_one_for_exercise_and_every_variant(
    catalog: Catalog, exercise_id: str
) -> None:
    ex = catalog.exercise(exercise_id)
    assert sum(ex.muscle_shares().values()) == pytest.approx(1.0, abs=0.01)
    for v in ex.variants:
        shares = ex.muscle_shares(v)
        assert set(shares) <= MUSCLE_IDS
        assert sum(shares.values()) == pytest.approx(1.0, abs=0.01)


def test_a_variant_without_its_own_shares_uses_the_parents(catalog: Catalog) -> None:
    pull_up = catalog.exercise("pull-up")
    assert pull_up.variant("negative-pull-up").muscles is None
    assert pull_up.muscle_shares("negative-pull-up") == pull_up.muscle_shares()
    assert pull_up.muscle_shares("chin-up") != pull_up.muscle_shares()


def test_every_exercise_has_a_prime_mover_and_safety_notes(catalog: Catalog) -> None:
    for ex in catalog.exercises:
        assert any(s.role == "prime" for s in ex.muscles), ex.id
        assert ex.safety, ex.id
        assert ex.faults, ex.id
        assert ex.thresholds, ex.id


def test_every_threshold_cites_a_known_source(catalog: Catalog) -> None:
    source_ids = {s.id for s in catalog.sources}
    for ex in catalog.exercises:
        for t in ex.thresholds:
            assert t.source in source_ids
            assert set(t.see_also) <= source_ids


def test_the_required_variants_exist_with_their_directions(catalog: Catalog) -> None:
    expected = {
        "chin-up": ("pull-up", "alternative"),
        "band-assisted-pull-up": ("pull-up", "easier"),
        "negative-pull-up": ("pull-up", "easier"),
        "weighted-pull-up": ("pull-up", "harder"),
        "chest-supported-row": ("bent-over-row", "easier"),
        "one-arm-dumbbell-row": ("bent-over-row", "alternative"),
        "dumbbell-shrug": ("barbell-shrug", "alternative"),
        "seated-overhead-dumbbell-raise": ("overhead-dumbbell-raise", "easier"),
        "front-crawl": ("swimming", "alternative"),
        "backstroke": ("swimming", "alternative"),
        "breaststroke": ("swimming", "alternative"),
        "butterfly": ("swimming", "harder"),
    }
    for variant_id, (parent_id, direction) in expected.items():
        parent, variant = catalog.resolve(variant_id)
        assert variant is not None
        assert (parent.id, variant.direction) == (parent_id, direction)


def test_the_chest_supported_row_spares_the_low_back(catalog: Catalog) -> None:
    row = catalog.exercise("bent-over-row")
    assert "lower-back" in row.caution_regions_for()
    assert "lower-back" not in row.caution_regions_for("chest-supported-row")
    assert "erector-spinae" not in row.muscle_shares("chest-supported-row")


def test_the_about_text_carries_the_articles_thesis(catalog: Catalog) -> None:
    about = catalog.about
    assert about.title == "How To Exercise Small Muscles In Back"
    assert "activities that you aren\u2019t accustomed to" in about.thesis_quote
    assert "not used to" in about.thesis
    assert "not measurements" in about.muscle_shares_note
    assert catalog.source(about.source).id == "article"


def test_article_quotes_are_verbatim_paragraphs_of_the_article(catalog: Catalog) -> None:
    text = _squash(_seed_article())
    for ex in catalog.exercises:
        assert _squash(ex.article_quote) in text, ex.id
        assert f"{ex.article_number}. {_squash(ex.article_quote)}" in text, ex.id
        assert ex.prescription.article_text in text, ex.id
    assert _squash(catalog.about.thesis_quote) in text
    assert _squash(catalog.about.closing_quote) in text


def test_prescription_article_text_is_taken_from_the_exercises_own_quote(catalog: Catalog) -> None:
    for ex in catalog.exercises:
        assert ex.prescription.article_text in _squash(ex.article_quote), ex.id


def test_missing_threshold_raises_catalog_error_not_key_error(catalog: Catalog) -> None:
    with pytest.raises(CatalogError) as info:
        catalog.exercise("row").threshold("no-such-threshold")
    assert isinstance(info.value, BackcoachError)
    assert "no-such-threshold" in str(info.value)
    assert "torso-angle" in info.value.hint


def test_sources_are_cited_in_full(catalog: Catalog) -> None:
    fenwick = catalog.source("fenwick-2009")
    assert fenwick.citation().startswith("Fenwick CMJ, Brown SHM, McGill SM (2009).")
    assert "23(2):350-358" in fenwick.where
    assert "our own coaching choices" in catalog.source("backcoach").note


def test_the_yaml_examples_in_the_catalog_docs_validate() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs" / "catalog.md"
    blocks = re.findall(r"```yaml\n(.*?)```", docs.read_text(encoding="utf-8"), re.S)
    variant_block, exercise_block = blocks
    Variant.model_validate(yaml.safe_load(variant_block)[0])
    Exercise.model_validate(yaml.safe_load(exercise_block))
