"""Typed models of the catalog's data files.

Each model mirrors one kind of entry in ``catalog/data/*.yaml``. The checks here are the
ones a single entry can make about itself (a share in (0, 1], shares summing to 1, a
threshold's low not above its high). Checks that need the whole catalog (does this muscle
id exist? is this alias taken?) live in :mod:`backcoach.catalog.checks`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from backcoach.catalog.errors import CatalogError, Problem
from backcoach.naming import lookup, normalise

#: A kebab-case identifier: lower-case letters and digits joined by single hyphens.
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
#: Text that must say something.
Text = Annotated[str, StringConstraints(min_length=1)]

Role = Literal["prime", "synergist", "stabilizer"]
Direction = Literal["easier", "harder", "alternative"]
Unit = Literal["deg", "ratio", "s", "count", "m", "per-min"]
Phase = Literal["setup", "top", "bottom", "throughout", "set"]

#: How far the muscle shares of one exercise may stray from summing to exactly 1.
SHARE_SUM_TOLERANCE = 0.01


class CatalogModel(BaseModel):
    """Base of every catalog model: unknown fields are errors and entries are read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class About(CatalogModel):
    """Catalog-wide text: the source article, its thesis, and how to read the catalog."""

    title: Text
    source: Id
    thesis: Text
    thesis_quote: Text
    closing_quote: Text
    coaching_not_medical: Text
    muscle_shares_note: Text


class Source(CatalogModel):
    """A reference that a number or a claim in the catalog rests on."""

    id: Id
    title: Text
    authors: list[Text]
    year: int | None = Field(ge=1800, le=2100)
    where: Text
    supports: Text
    note: str = ""

    def citation(self) -> str:
        """A one-line citation: ``Authors (year). Title. Where.``"""
        who = ", ".join(self.authors) if self.authors else "Anonymous"
        when = f" ({self.year})" if self.year is not None else ""
        return f"{who}{when}. {self.title}. {self.where}."


class Equipment(CatalogModel):
    """One item of the controlled equipment vocabulary."""

    id: Id
    name: Text
    description: str = ""


class BodyRegion(CatalogModel):
    """A region of the body where a person can report pain."""

    id: Id
    name: Text
    aliases: list[Text] = []
    side: Literal["left", "right"] | None = None
    back_or_shoulder: bool


class Muscle(CatalogModel):
    """One of the back muscles the catalog tracks (ids match the muscle map drawing)."""

    id: Id
    name: Text
    aliases: list[Text] = []
    group: Text
    region: Id
    function: Text
    location: Text


class MuscleShare(CatalogModel):
    """How much of an exercise's back work one muscle does, and in what role.

    Shares are coaching estimates informed by EMG studies, not measurements.
    """

    muscle: Id
    role: Role
    share: float = Field(gt=0.0, le=1.0)


def _check_shares(shares: list[MuscleShare]) -> list[MuscleShare]:
    seen: set[str] = set()
    for s in shares:
        if s.muscle in seen:
            raise ValueError(f"muscle '{s.muscle}' is listed twice")
        seen.add(s.muscle)
    total = sum(s.share for s in shares)
    if abs(total - 1.0) > SHARE_SUM_TOLERANCE:
        raise ValueError(
            f"muscle shares sum to {total:.3f}; they must sum to 1 (within {SHARE_SUM_TOLERANCE})"
        )
    return shares


class FormThreshold(CatalogModel):
    """A numeric limit the video form check applies to one measure of one exercise.

    ``low`` and ``high`` bound the acceptable values (either may be open). ``source`` is
    the id of the source the number comes from; ``see_also`` lists sources that support
    the reasoning without giving the number itself.
    """

    id: Id
    description: Text
    unit: Unit
    phase: Phase
    low: float | None = None
    high: float | None = None
    source: Id
    see_also: list[Id] = []
    note: Text

    @model_validator(mode="after")
    def _bounds(self) -> FormThreshold:
        if self.low is None and self.high is None:
            raise ValueError("give at least one of 'low' and 'high'")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low ({self.low:g}) is above high ({self.high:g})")
        return self

    def contains(self, value: float) -> bool:
        """Whether ``value`` lies within the threshold's bounds (bounds included)."""
        if self.low is not None and value < self.low:
            return False
        return not (self.high is not None and value > self.high)


class Fault(CatalogModel):
    """A common form fault: how to name it, the cue that fixes it, why it matters."""

    id: Id
    name: Text
    cue: Text
    why: Text
    detected_by: list[Id] = []


class Prescription(CatalogModel):
    """The article's prescription for an exercise and how backcoach reads it in numbers."""

    article_text: Text
    sets: int = Field(ge=1, le=10)
    reps_low: int | None = Field(default=None, ge=1, le=100)
    reps_high: int | None = Field(default=None, ge=1, le=100)
    duration_min: float | None = Field(default=None, gt=0, le=180)
    rest_s: int = Field(ge=0, le=600)
    sources: list[Id]
    note: Text

    @model_validator(mode="after")
    def _reps_or_duration(self) -> Prescription:
        has_reps = self.reps_low is not None or self.reps_high is not None
        if has_reps and (self.reps_low is None or self.reps_high is None):
            raise ValueError("give both 'reps_low' and 'reps_high', or neither")
        if (
            self.reps_low is not None
            and self.reps_high is not None
            and self.reps_low > self.reps_high
        ):
            raise ValueError(f"reps_low ({self.reps_low}) is above reps_high ({self.reps_high})")
        if has_reps == (self.duration_min is not None):
            raise ValueError("give either a rep range (reps_low, reps_high) or 'duration_min'")
        return self


class Variant(CatalogModel):
    """An easier, harder or alternative form of an exercise.

    ``muscles`` is None when the variant works the muscles as the parent exercise does;
    ``caution_regions`` is None when it is as kind or unkind to painful regions as the
    parent. ``equipment`` is the full list the variant needs, not a difference.
    """

    id: Id
    name: Text
    aliases: list[Text] = []
    direction: Direction
    description: Text
    equipment: list[Id]
    muscles: list[MuscleShare] | None = None
    caution_regions: list[Id] | None = None
    steps: list[Text]

    @field_validator("muscles")
    @classmethod
    def _shares(cls, v: list[MuscleShare] | None) -> list[MuscleShare] | None:
        return None if v is None else _check_shares(v)


class Exercise(CatalogModel):
    """One of the article's five exercises, with everything needed to coach and check it."""

    id: Id
    name: Text
    aliases: list[Text] = []
    article_number: int = Field(ge=1, le=5)
    article_quote: Text
    kind: Literal["strength", "swim"]
    loading: Literal["external", "bodyweight", "none"]
    unilateral: bool = False
    summary: Text
    setup: list[Text] = Field(min_length=1)
    steps: list[Text] = Field(min_length=1)
    cues: list[Text] = Field(min_length=1)
    prescription: Prescription
    muscles: list[MuscleShare] = Field(min_length=1)
    equipment: list[Id]
    caution_regions: list[Id] = []
    faults: list[Fault] = []
    safety: list[Text] = Field(min_length=1)
    variants: list[Variant] = []
    thresholds: list[FormThreshold] = []

    @field_validator("muscles")
    @classmethod
    def _shares(cls, v: list[MuscleShare]) -> list[MuscleShare]:
        return _check_shares(v)

    @field_validator("thresholds", "faults", "variants")
    @classmethod
    def _unique_ids(
        cls, v: list[FormThreshold] | list[Fault] | list[Variant]
    ) -> list[FormThreshold] | list[Fault] | list[Variant]:
        seen: set[str] = set()
        for item in v:
            if item.id in seen:
                raise ValueError(f"id '{item.id}' is used twice")
            seen.add(item.id)
        return v

    @model_validator(mode="after")
    def _prescription_fits_kind(self) -> Exercise:
        timed = self.prescription.duration_min is not None
        if timed != (self.kind == "swim"):
            want = "'duration_min'" if self.kind == "swim" else "a rep range"
            raise ValueError(f"a {self.kind} exercise's prescription needs {want}")
        return self

    def muscle_shares(self, variant: str | Variant | None = None) -> dict[str, float]:
        """Muscle id -> share of the work (sums to 1), for the exercise or one of its variants."""
        shares = self.muscles
        if variant is not None:
            v = variant if isinstance(variant, Variant) else self.variant(variant)
            if v.muscles is not None:
                shares = v.muscles
        return {s.muscle: s.share for s in shares}

    def threshold(self, id: str) -> FormThreshold:
        """The form threshold ``id`` of this exercise; CatalogError when the data lacks it."""
        for t in self.thresholds:
            if t.id == id:
                return t
        known = ", ".join(t.id for t in self.thresholds) or "none"
        raise CatalogError(
            [Problem(f"exercise-{self.id}.yaml", "thresholds", f"no threshold '{id}'")],
            f"Thresholds of {self.id}: {known}.",
        )

    def variant(self, name: str) -> Variant:
        """The variant called ``name`` (id or alias, any case or spacing); UnknownName otherwise."""
        table: dict[str, Variant] = {}
        for v in self.variants:
            for key in (v.id, *v.aliases):
                table[normalise(key)] = v
        return lookup(f"variant of {self.id}", name, table, lambda v: v.id)

    def caution_regions_for(self, variant: str | Variant | None = None) -> list[str]:
        """Body region ids this exercise (or the variant) can aggravate when painful."""
        if variant is not None:
            v = variant if isinstance(variant, Variant) else self.variant(variant)
            if v.caution_regions is not None:
                return list(v.caution_regions)
        return list(self.caution_regions)
