"""Checks that need the whole catalog: references between files and name collisions.

Each check returns :class:`Problem` records naming the file and the field, so that a
person editing the YAML is sent straight to the line to fix. The loader runs them all and
raises one :class:`CatalogError` listing every problem.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from backcoach.catalog.errors import Problem
from backcoach.catalog.models import (
    About,
    BodyRegion,
    Equipment,
    Exercise,
    Muscle,
    MuscleShare,
    Source,
)
from backcoach.naming import normalise

ABOUT_FILE = "about.yaml"
SOURCES_FILE = "sources.yaml"
EQUIPMENT_FILE = "equipment.yaml"
REGIONS_FILE = "regions.yaml"
MUSCLES_FILE = "muscles.yaml"
EXERCISE_PREFIX = "exercise-"


def exercise_file(exercise_id: str) -> str:
    """The data file name that holds the exercise ``exercise_id``."""
    return f"{EXERCISE_PREFIX}{exercise_id}.yaml"


@dataclass(frozen=True)
class ParsedData:
    """Every data file, each parsed and valid on its own, before the cross-file checks."""

    about: About
    sources: Sequence[Source]
    equipment: Sequence[Equipment]
    regions: Sequence[BodyRegion]
    muscles: Sequence[Muscle]
    exercises: Sequence[tuple[str, Exercise]]  # (file name, exercise)


def check_all(data: ParsedData) -> list[Problem]:
    """Every cross-file problem in ``data``; an empty list means the catalog is consistent."""
    source_ids = {s.id for s in data.sources}
    problems: list[Problem] = []
    problems += _unique_ids(SOURCES_FILE, [s.id for s in data.sources])
    problems += _unique_ids(EQUIPMENT_FILE, [e.id for e in data.equipment])
    problems += _unique_names(REGIONS_FILE, "region", ((r.id, r.aliases) for r in data.regions))
    problems += _unique_names(MUSCLES_FILE, "muscle", ((m.id, m.aliases) for m in data.muscles))
    if data.about.source not in source_ids:
        problems.append(_unknown(ABOUT_FILE, "source", "source", data.about.source, source_ids))
    region_ids = {r.id for r in data.regions}
    for m in data.muscles:
        if m.region not in region_ids:
            problems.append(
                _unknown(MUSCLES_FILE, f"[{m.id}].region", "body region", m.region, region_ids)
            )
    problems += _check_exercise_names(data.exercises)
    problems += _check_article_numbers(data.exercises)
    for file, ex in data.exercises:
        problems += _check_exercise_refs(file, ex, data, source_ids, region_ids)
    return problems


def _unknown(file: str, field: str, kind: str, value: str, known: Iterable[str]) -> Problem:
    listed = ", ".join(sorted(known)) or "none"
    return Problem(file, field, f"unknown {kind} '{value}' (known: {listed})")


def _unique_ids(file: str, ids: Sequence[str]) -> list[Problem]:
    return [
        Problem(file, f"[{i}].id", f"id '{i}' is used {ids.count(i)} times")
        for i in sorted(set(ids))
        if ids.count(i) > 1
    ]


@dataclass(frozen=True)
class _Claim:
    """One use of a name: where it is written and whose name it is."""

    file: str
    field: str
    name: str
    owner: str


def _collisions(claims: Iterable[_Claim], kind: str) -> list[Problem]:
    """A problem at every use of a name that, folded by ``normalise``, is used more than once.

    Both sides of a collision are reported, since either may be the one to change.
    """
    by_key: dict[str, list[_Claim]] = {}
    for c in claims:
        by_key.setdefault(normalise(c.name), []).append(c)
    problems: list[Problem] = []
    for group in by_key.values():
        if len(group) < 2:
            continue
        for c in group:
            others = "; ".join(
                f"{kind} '{o.owner}' ({o.field} in {o.file})" for o in group if o is not c
            )
            problems.append(Problem(c.file, c.field, f"name '{c.name}' collides with {others}"))
    return problems


def _unique_names(
    file: str, kind: str, entries: Iterable[tuple[str, Sequence[str]]]
) -> list[Problem]:
    """Ids and aliases of one kind must not collide once case and spacing are folded."""
    claims = [
        _Claim(file, f"[{entry_id}].{field}", name, entry_id)
        for entry_id, aliases in entries
        for field, name in [
            ("id", entry_id),
            *((f"aliases[{i}]", a) for i, a in enumerate(aliases)),
        ]
    ]
    return _collisions(claims, kind)


def _check_exercise_names(exercises: Sequence[tuple[str, Exercise]]) -> list[Problem]:
    """Exercise and variant ids and aliases share one namespace (``Catalog.resolve``)."""
    problems: list[Problem] = []
    claims: list[_Claim] = []
    for file, ex in exercises:
        expected = exercise_file(ex.id)
        if file != expected:
            problems.append(Problem(file, "id", f"exercise '{ex.id}' must live in '{expected}'"))
        claims.append(_Claim(file, "id", ex.id, ex.id))
        claims += [_Claim(file, f"aliases[{i}]", a, ex.id) for i, a in enumerate(ex.aliases)]
        for v in ex.variants:
            prefix = f"variants[{v.id}]"
            claims.append(_Claim(file, f"{prefix}.id", v.id, v.id))
            claims += [
                _Claim(file, f"{prefix}.aliases[{i}]", a, v.id) for i, a in enumerate(v.aliases)
            ]
    return problems + _collisions(claims, "exercise or variant")


def _check_article_numbers(exercises: Sequence[tuple[str, Exercise]]) -> list[Problem]:
    users: dict[int, list[tuple[str, str]]] = {}
    for file, ex in exercises:
        users.setdefault(ex.article_number, []).append((file, ex.id))
    problems: list[Problem] = []
    for number, group in users.items():
        if len(group) > 1:
            ids = " and ".join(f"'{i}'" for _, i in group)
            for file, _ in group:
                problems.append(
                    Problem(file, "article_number", f"article number {number} is used by {ids}")
                )
    return problems


def _check_exercise_refs(
    file: str,
    ex: Exercise,
    data: ParsedData,
    source_ids: set[str],
    region_ids: set[str],
) -> list[Problem]:
    muscle_ids = {m.id for m in data.muscles}
    equipment_ids = {e.id for e in data.equipment}
    threshold_ids = {t.id for t in ex.thresholds}
    problems: list[Problem] = []

    def shares(prefix: str, items: Sequence[MuscleShare]) -> None:
        for i, s in enumerate(items):
            if s.muscle not in muscle_ids:
                problems.append(
                    _unknown(file, f"{prefix}[{i}].muscle", "muscle", s.muscle, muscle_ids)
                )

    def vocab(prefix: str, kind: str, values: Sequence[str], known: set[str]) -> None:
        for i, value in enumerate(values):
            if value not in known:
                problems.append(_unknown(file, f"{prefix}[{i}]", kind, value, known))

    shares("muscles", ex.muscles)
    vocab("equipment", "equipment", ex.equipment, equipment_ids)
    vocab("caution_regions", "body region", ex.caution_regions, region_ids)
    vocab("prescription.sources", "source", ex.prescription.sources, source_ids)
    for v in ex.variants:
        prefix = f"variants[{v.id}]"
        if v.muscles is not None:
            shares(f"{prefix}.muscles", v.muscles)
        vocab(f"{prefix}.equipment", "equipment", v.equipment, equipment_ids)
        if v.caution_regions is not None:
            vocab(f"{prefix}.caution_regions", "body region", v.caution_regions, region_ids)
    for t in ex.thresholds:
        prefix = f"thresholds[{t.id}]"
        if t.source not in source_ids:
            problems.append(_unknown(file, f"{prefix}.source", "source", t.source, source_ids))
        vocab(prefix + ".see_also", "source", t.see_also, source_ids)
    for f in ex.faults:
        vocab(f"faults[{f.id}].detected_by", "threshold", f.detected_by, threshold_ids)
    return problems
