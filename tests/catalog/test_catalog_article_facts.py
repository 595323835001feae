"""Every instruction and number of the source article is carried by the catalog's coaching text.

Each row names an exercise, the phrase its coaching text (summary, setup, steps, cues,
prescription) must contain, and the article's own words that phrase carries, which must
appear in the exercise's verbatim article quote. Checking the coaching text, not only the
quote, proves that the instruction reaches the person training.
"""

from __future__ import annotations

import pytest

from backcoach.catalog import Catalog, Exercise


def coaching_text(ex: Exercise) -> str:
    """Everything an exercise tells a person, except the verbatim quote, lower-cased."""
    parts = [ex.summary, *ex.setup, *ex.steps, *ex.cues]
    parts += [ex.prescription.article_text, ex.prescription.note]
    return " ".join(parts).lower()


ARTICLE_FACTS: list[tuple[str, str, str]] = [
    # (exercise id, phrase in the coaching text, the article's words in the quote)
    ("bent-over-row", "stand on a platform", "standing on a platform"),
    ("bent-over-row", "holding the barbell", "holding the barbell"),
    ("bent-over-row", "knees slightly bent", "knees slightly bent"),
    ("bent-over-row", "approximately 45 degrees", "approximately 45 degrees"),
    ("bent-over-row", "lift again and repeat", "lifting again and repeating"),
    ("bent-over-row", "three sets", "three reps"),
    ("bent-over-row", "tones and works the back muscles completely", "tone and work the muscles"),
    ("bent-over-row", "targets the upper body", "target the upper body"),
    ("bent-over-row", "strength and thickness", "strength and thickness"),
    ("pull-up", "chin-up", "chin ups"),
    ("pull-up", "starter exercise", "starter exercises"),
    ("pull-up", "stand under a bar", "stand under a bar"),
    ("pull-up", "at least a foot (about 30 cm) above the top of your head", "at least a foot"),
    ("pull-up", "top of your head", "top of your head"),
    ("pull-up", "reach up and grab the bar", "reaching up, grab the bar"),
    ("pull-up", "raise your body up", "raise your body up"),
    ("pull-up", "releasing down", "releasing down"),
    ("pull-up", "legs bent back", "legs bent back"),
    ("pull-up", "avoid contact with the floor", "avoid contact with the floor"),
    ("pull-up", "reps of fifteen", "reps of fifteen"),
    ("barbell-shrug", "just outside your hips", "outside of your hips"),
    ("barbell-shrug", "unrack the barbell", "unrack the barbell"),
    ("barbell-shrug", "mid-thigh", "mid-thigh"),
    ("barbell-shrug", "shrug your shoulders straight up", "shrug"),
    ("barbell-shrug", "touch your shoulders to your ears", "touch your shoulders to your ears"),
    ("barbell-shrug", "shoulders toward the ears", "to your ears"),
    ("barbell-shrug", "below your waist", "below your waist"),
    ("barbell-shrug", "entire traps", "entire traps"),
    ("barbell-shrug", "muscle mass", "muscle mass"),
    ("overhead-dumbbell-raise", "dumbbells over your head", "dumbbells over your head"),
    ("overhead-dumbbell-raise", "lift and lower the arms", "lifting and lowering the arms"),
    ("overhead-dumbbell-raise", "smaller back muscles", "smaller back muscles"),
    ("overhead-dumbbell-raise", "less seen and thought about", "less seen and thought about"),
    ("overhead-dumbbell-raise", "upper body", "upper body"),
    ("overhead-dumbbell-raise", "shoulder area", "shoulder area"),
    ("swimming", "propelling motion of the arms", "propelling motion of the arms"),
    ("swimming", "small back muscles", "small back muscles"),
    ("swimming", "constantly works", "constantly working"),
    ("swimming", "underappreciated", "underappreciated"),
]


@pytest.mark.parametrize(
    ("exercise_id", "coaching_phrase", "article_phrase"),
    ARTICLE_FACTS,
    ids=[f"{e}:{p}" for e, p, _ in ARTICLE_FACTS],
)
def test_article_instruction_appears_in_the_coaching_text(
    catalog: Catalog, exercise_id: str, coaching_phrase: str, article_phrase: str
) -> None:
    ex = catalog.exercise(exercise_id)
    assert article_phrase.lower() in ex.article_quote.lower()
    assert coaching_phrase.lower() in coaching_text(ex)


def test_pull_up_prescription_is_the_articles_fifteen_reps(catalog: Catalog) -> None:
    p = catalog.exercise("pull-up").prescription
    assert p.article_text == "Repeat in reps of fifteen"
    assert (p.reps_low, p.reps_high) == (15, 15)


def test_row_prescription_reads_the_articles_three_reps_as_three_sets(catalog: Catalog) -> None:
    p = catalog.exercise("bent-over-row").prescription
    assert "three reps" in p.article_text
    assert p.sets == 3
    assert "three sets" in p.note


def test_pull_up_bar_clearance_threshold_is_a_foot(catalog: Catalog) -> None:
    t = catalog.exercise("pull-up").threshold("bar-clearance")
    assert (t.unit, t.low, t.high) == ("m", 0.30, None)
    assert t.source == "article"


def test_row_torso_range_contains_the_articles_45_degrees(catalog: Catalog) -> None:
    t = catalog.exercise("bent-over-row").threshold("torso-angle")
    assert t.unit == "deg"
    assert t.contains(45)
    assert not t.contains(10)
    assert not t.contains(85)


def test_row_knee_range_means_slightly_bent_not_locked(catalog: Catalog) -> None:
    t = catalog.exercise("bent-over-row").threshold("knee-angle")
    assert t.contains(155)
    assert not t.contains(180)
    assert not t.contains(100)


def test_shrug_bar_height_range_contains_mid_thigh(catalog: Catalog) -> None:
    t = catalog.exercise("barbell-shrug").threshold("bar-height")
    assert t.contains(0.5)
    assert t.source == "article"


def test_pull_up_legs_bent_back_threshold_rejects_straight_legs(catalog: Catalog) -> None:
    t = catalog.exercise("pull-up").threshold("knee-angle")
    assert not t.contains(175)
    assert t.contains(90)


def test_overhead_raise_keeps_the_articles_no_strain_claim_with_an_honest_note(
    catalog: Catalog,
) -> None:
    ex = catalog.exercise("overhead-dumbbell-raise")
    claim = "there is no strain to perform this exercise"
    assert claim in ex.article_quote
    note = next(s for s in ex.safety if claim in s)
    assert "painful shoulder" in note
    assert {"left-shoulder", "right-shoulder"} <= set(ex.caution_regions)


def test_swimming_is_prescribed_by_time_not_reps(catalog: Catalog) -> None:
    ex = catalog.exercise("swimming")
    assert ex.kind == "swim"
    assert ex.prescription.duration_min is not None
    assert ex.prescription.reps_low is None


@pytest.mark.parametrize(
    ("exercise_id", "threshold_ids"),
    [
        (
            "bent-over-row",
            {"torso-angle", "knee-angle", "torso-swing", "elbow-top", "elbow-bottom"},
        ),
        (
            "pull-up",
            {"bar-clearance", "elbow-bottom", "chin-over-hands", "knee-angle", "hip-swing"},
        ),
        ("barbell-shrug", {"elbow-lockout", "shoulder-rise-full", "bar-height"}),
        (
            "overhead-dumbbell-raise",
            {"elbow-lockout-top", "wrist-above-head", "imbalance", "lean-back"},
        ),
        ("swimming", {"stroke-rate", "landmark-visibility"}),
    ],
)
def test_each_exercise_has_the_form_thresholds_the_video_check_reads(
    catalog: Catalog, exercise_id: str, threshold_ids: set[str]
) -> None:
    ex = catalog.exercise(exercise_id)
    assert threshold_ids <= {t.id for t in ex.thresholds}
