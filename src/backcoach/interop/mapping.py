"""From other apps' exercise names (and a watch's FIT categories) to catalog exercises.

Lookup order: the person's remembered choices, then the catalog's exercise and variant
names, then :data:`ALIASES` (the names Strong, Hevy and Garmin use for the article's five
exercises), then the catalog's aliases. A name none of them knows gets fuzzy suggestions
and, unless the person maps it, becomes their own custom exercise: nothing is dropped.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass

from backcoach.catalog import Catalog
from backcoach.errors import UnknownName
from backcoach.naming import normalise

#: What a target string means in a mapping: this word makes the name a custom exercise.
CUSTOM = "custom"


@dataclass(frozen=True, slots=True)
class Target:
    """A catalog exercise (and variant) a foreign name stands for."""

    exercise_id: str
    variant_id: str | None = None

    def label(self) -> str:
        """``exercise`` or ``exercise/variant``, the form the mapping step accepts."""
        return (
            self.exercise_id if self.variant_id is None else f"{self.exercise_id}/{self.variant_id}"
        )


def _t(exercise_id: str, variant_id: str | None = None) -> Target:
    return Target(exercise_id, variant_id)


#: Names used by Strong, Hevy and Garmin Connect for the article's exercises (the names
#: as they appear in those apps' exercise lists, normalised).
ALIASES: Mapping[str, Target] = {
    normalise(k): v
    for k, v in {
        "Bent Over Row (Barbell)": _t("bent-over-row"),
        "Barbell Row": _t("bent-over-row"),
        "Pendlay Row (Barbell)": _t("bent-over-row"),
        "Bent Over Row": _t("bent-over-row"),
        "Bent Over One Arm Row (Dumbbell)": _t("bent-over-row", "one-arm-dumbbell-row"),
        "Dumbbell Row": _t("bent-over-row", "one-arm-dumbbell-row"),
        "Single Arm Dumbbell Row": _t("bent-over-row", "one-arm-dumbbell-row"),
        "Chest Supported Incline Row (Dumbbell)": _t("bent-over-row", "chest-supported-row"),
        "Incline Row (Dumbbell)": _t("bent-over-row", "chest-supported-row"),
        "Seal Row": _t("bent-over-row", "chest-supported-row"),
        "Shrug (Barbell)": _t("barbell-shrug"),
        "Barbell Shrug": _t("barbell-shrug"),
        "Shrug (Dumbbell)": _t("barbell-shrug", "dumbbell-shrug"),
        "Dumbbell Shrug": _t("barbell-shrug", "dumbbell-shrug"),
        "Pull Up": _t("pull-up"),
        "Pull Up (Weighted)": _t("pull-up"),
        "Weighted Pull Up": _t("pull-up"),
        "Wide Pull Up": _t("pull-up"),
        "Pull Up (Assisted)": _t("pull-up", "band-assisted-pull-up"),
        "Pull Up (Band)": _t("pull-up", "band-assisted-pull-up"),
        "Band Assisted Pull Up": _t("pull-up", "band-assisted-pull-up"),
        "Negative Pull Up": _t("pull-up", "negative-pull-up"),
        "Chin Up": _t("pull-up", "chin-up"),
        "Chin Up (Weighted)": _t("pull-up", "chin-up"),
        "Chin Up (Assisted)": _t("pull-up", "chin-up"),
        "Weighted Chin Up": _t("pull-up", "chin-up"),
        "Overhead Press (Dumbbell)": _t("overhead-dumbbell-raise"),
        "Shoulder Press (Dumbbell)": _t("overhead-dumbbell-raise"),
        "Dumbbell Shoulder Press": _t("overhead-dumbbell-raise"),
        "Overhead Dumbbell Press": _t("overhead-dumbbell-raise"),
        "Seated Overhead Press (Dumbbell)": _t(
            "overhead-dumbbell-raise", "seated-overhead-dumbbell-raise"
        ),
        "Seated Shoulder Press (Dumbbell)": _t(
            "overhead-dumbbell-raise", "seated-overhead-dumbbell-raise"
        ),
        "Seated Dumbbell Shoulder Press": _t(
            "overhead-dumbbell-raise", "seated-overhead-dumbbell-raise"
        ),
        "Swimming": _t("swimming"),
        "Swim": _t("swimming"),
        "Pool Swim": _t("swimming"),
        "Lap Swimming": _t("swimming"),
        "Open Water Swimming": _t("swimming"),
        "Freestyle": _t("swimming", "front-crawl"),
        "Backstroke": _t("swimming", "backstroke"),
    }.items()
}


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a foreign name maps to: a catalog target, or nothing yet (with suggestions)."""

    name: str
    target: Target | None
    custom: bool
    suggestions: tuple[str, ...] = ()
    #: Where the answer came from: "yours", "alias", "catalog", "given" or "" (unmapped).
    source: str = ""


class ExerciseMapper:
    """Resolves foreign exercise names for one person, with their remembered choices."""

    def __init__(self, catalog: Catalog, remembered: Mapping[str, Target | None]) -> None:
        self.catalog = catalog
        #: normalised name -> target, or None for "keep it as my own exercise".
        self.remembered = dict(remembered)
        self._names: dict[str, Target] = {}
        for e in catalog.exercises:
            self._names[normalise(e.name)] = Target(e.id)
            for v in e.variants:
                self._names[normalise(v.name)] = Target(e.id, v.id)
        self._cache: dict[str, Resolution] = {}

    def parse_target(self, text: str) -> Target | None:
        """A target typed in the mapping step: ``row``, ``pull-up/chin-up`` or ``custom``."""
        if normalise(text) == CUSTOM:
            return None
        exercise_text, _, variant_text = text.partition("/")
        if variant_text:
            ex = self.catalog.exercise(exercise_text)
            return Target(ex.id, ex.variant(variant_text).id)
        ex, variant = self.catalog.resolve(text)
        return Target(ex.id, variant.id if variant else None)

    def resolve(self, name: str) -> Resolution:
        """What ``name`` maps to, remembered first; suggestions when nothing knows it."""
        key = normalise(name)
        found = self._cache.get(key)
        if found is not None:
            return found
        if key in self.remembered:
            target = self.remembered[key]
            result = Resolution(name, target, target is None, source="yours")
        elif key in self._names:  # the catalog's own names are the most specific
            result = Resolution(name, self._names[key], False, source="catalog")
        elif key in ALIASES:
            result = Resolution(name, ALIASES[key], False, source="alias")
        else:
            try:
                ex, variant = self.catalog.resolve(name)
                result = Resolution(
                    name, Target(ex.id, variant.id if variant else None), False, source="catalog"
                )
            except UnknownName:
                result = Resolution(name, None, False, self.suggest(name))
        self._cache[key] = result
        return result

    def suggest(self, name: str, limit: int = 3) -> tuple[str, ...]:
        """Catalog targets whose names are closest to ``name``, best first."""
        pool: dict[str, str] = {k: t.label() for k, t in {**self._names, **ALIASES}.items()}
        close = difflib.get_close_matches(normalise(name), list(pool), n=10, cutoff=0.5)
        labels = list(dict.fromkeys(pool[c] for c in close))
        return tuple(labels[:limit])
