"""The exercise library: the article's five exercises, one by one, and their muscle maps."""

from __future__ import annotations

from fastapi import APIRouter, Response
from pydantic import BaseModel

from backcoach.catalog import Catalog, Exercise
from backcoach.web.deps import CatalogDep

router = APIRouter(tags=["exercises"])


class MuscleWorked(BaseModel):
    """A muscle an exercise works, its role and its share of the work."""

    id: str
    name: str
    role: str
    share: float


class ExerciseRow(BaseModel):
    """The short form of an exercise, for lists."""

    id: str
    name: str
    aliases: list[str]
    muscles: list[MuscleWorked]
    equipment: list[str]
    variants: list[str]

    @classmethod
    def of(cls, exercise: Exercise, catalog: Catalog) -> ExerciseRow:
        """The list row of an exercise."""
        return cls(
            id=exercise.id,
            name=exercise.name,
            aliases=list(exercise.aliases),
            muscles=[
                MuscleWorked(
                    id=m.muscle, name=catalog.muscle(m.muscle).name, role=m.role, share=m.share
                )
                for m in exercise.muscles
            ],
            equipment=list(exercise.equipment),
            variants=[v.id for v in exercise.variants],
        )


class ExerciseDetail(Exercise):
    """Everything about one exercise: the article's words, setup, steps, cues, muscles,
    prescription, faults, safety, variants and form thresholds.

    ``matched_variant`` is the variant the name asked for named (``chin-up`` is a variant
    of the pull-up), else null.
    """

    matched_variant: str | None = None


@router.get("/exercises", response_model=list[ExerciseRow])
def list_exercises(
    catalog: CatalogDep, muscle: str | None = None, equipment: str | None = None
) -> list[ExerciseRow]:
    """The exercises, optionally only those working a muscle or using a piece of equipment."""
    return [ExerciseRow.of(e, catalog) for e in catalog.select(muscle, equipment)]


@router.get("/exercises/{name}", response_model=ExerciseDetail)
def get_exercise(name: str, catalog: CatalogDep) -> ExerciseDetail:
    """One exercise by id, alias or variant name (a variant's name gives its exercise)."""
    exercise, variant = catalog.resolve(name)
    return ExerciseDetail(
        **exercise.model_dump(), matched_variant=variant.id if variant is not None else None
    )


@router.get(
    "/exercises/{name}/muscle-map.svg",
    response_class=Response,
    responses={200: {"content": {"image/svg+xml": {}}, "description": "An SVG picture."}},
)
def muscle_map(name: str, catalog: CatalogDep) -> Response:
    """A picture of the back with each muscle coloured by its share of the exercise's work."""
    from backcoach.catalog.muscle_map import render_muscle_map

    exercise, variant = catalog.resolve(name)
    title = variant.name if variant is not None else exercise.name
    picture = render_muscle_map(
        exercise.muscle_shares(variant),
        title=f"{title}: share of the work",
        labels={m.id: m.name for m in catalog.muscles},
    )
    return Response(picture, media_type="image/svg+xml")
