"""Which FIT profile exercise stands for which catalog exercise, and back.

Names are those of the FIT profile's ``exercise_category`` type and its
``<category>_exercise_name`` types (Garmin FIT SDK Profile.xlsx, Types sheet, profile
21.x). Export picks the first entry for an exercise or variant (a ``weighted_`` name when
load is added to a bodyweight exercise); import reads the watch's best guess back.
"""

from __future__ import annotations

from collections.abc import Mapping

from backcoach.interop.mapping import Target

#: (exercise id, variant id) -> (exercise_category, exercise name, weighted exercise name).
EXPORT: Mapping[tuple[str, str | None], tuple[str, str, str]] = {
    ("bent-over-row", None): ("row", "bent_over_row_with_barbell", "bent_over_row_with_barbell"),
    ("bent-over-row", "one-arm-dumbbell-row"): (
        "row",
        "one_arm_bent_over_row",
        "one_arm_bent_over_row",
    ),
    ("bent-over-row", "chest-supported-row"): (
        "row",
        "chest_supported_dumbbell_row",
        "chest_supported_dumbbell_row",
    ),
    ("pull-up", None): ("pull_up", "pull_up", "weighted_pull_up"),
    ("pull-up", "chin-up"): ("pull_up", "chin_up", "weighted_chin_up"),
    ("pull-up", "band-assisted-pull-up"): (
        "pull_up",
        "band_assisted_pull_up",
        "band_assisted_pull_up",
    ),
    ("pull-up", "negative-pull-up"): ("pull_up", "pull_up", "weighted_pull_up"),
    ("barbell-shrug", None): ("shrug", "barbell_shrug", "barbell_shrug"),
    ("barbell-shrug", "dumbbell-shrug"): ("shrug", "dumbbell_shrug", "dumbbell_shrug"),
    ("overhead-dumbbell-raise", None): (
        "shoulder_press",
        "overhead_dumbbell_press",
        "overhead_dumbbell_press",
    ),
    ("overhead-dumbbell-raise", "seated-overhead-dumbbell-raise"): (
        "shoulder_press",
        "seated_dumbbell_shoulder_press",
        "seated_dumbbell_shoulder_press",
    ),
}

#: A category alone (the watch guessed no exercise name) -> the catalog exercise.
CATEGORY: Mapping[str, Target] = {
    "row": Target("bent-over-row"),
    "pull_up": Target("pull-up"),
    "shrug": Target("barbell-shrug"),
    "shoulder_press": Target("overhead-dumbbell-raise"),
}

#: (category, exercise name) -> catalog target, for names beyond the export table.
IMPORT: Mapping[tuple[str, str], Target] = {
    **{(cat, name): Target(*key) for key, (cat, name, _) in EXPORT.items()},
    **{(cat, weighted): Target(*key) for key, (cat, _, weighted) in EXPORT.items()},
    ("row", "barbell_row"): Target("bent-over-row"),
    ("row", "reverse_grip_barbell_row"): Target("bent-over-row"),
    ("row", "dumbbell_row"): Target("bent-over-row", "one-arm-dumbbell-row"),
    ("pull_up", "weighted_pull_up"): Target("pull-up"),
    ("pull_up", "pull_up"): Target("pull-up"),
    ("pull_up", "chin_up"): Target("pull-up", "chin-up"),
    ("pull_up", "close_grip_chin_up"): Target("pull-up", "chin-up"),
    ("shoulder_press", "dumbbell_shoulder_press"): Target("overhead-dumbbell-raise"),
    ("shoulder_press", "overhead_dumbbell_press"): Target("overhead-dumbbell-raise"),
}

#: FIT swim_stroke -> swimming variant.
STROKES: Mapping[str, str] = {"freestyle": "front-crawl", "backstroke": "backstroke"}
#: Swimming variant -> FIT swim_stroke, for swim workout steps.
STROKE_OF_VARIANT: Mapping[str | None, str] = {
    None: "freestyle",
    "front-crawl": "freestyle",
    "backstroke": "backstroke",
}


def fit_target(category: str, name: str | None) -> Target | None:
    """The catalog exercise for a FIT (category, exercise name) pair, if it is one."""
    if name is not None and (category, name) in IMPORT:
        return IMPORT[(category, name)]
    return CATEGORY.get(category)


def readable(category: str, name: str | None) -> str:
    """A person's name for a FIT exercise: 'Bent Over Row With Barbell', or the category's."""
    text = name if name else category
    return text.replace("_", " ").title() if text else "Unknown exercise"
