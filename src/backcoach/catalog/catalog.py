"""The validated catalog: exercises, muscles, body regions, sources and equipment, by name."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from backcoach.catalog.models import (
    About,
    BodyRegion,
    Equipment,
    Exercise,
    Muscle,
    Source,
    Variant,
)
from backcoach.errors import UnknownName
from backcoach.naming import lookup, normalise, suggest

T = TypeVar("T")


def _index(names: Iterable[tuple[str, T]]) -> dict[str, T]:
    """A lookup table keyed by normalised name."""
    return {normalise(name): entry for name, entry in names}


class Catalog:
    """The exercise catalog, read from the data files and checked as a whole.

    Build one with :func:`backcoach.catalog.load_catalog`; constructing it directly skips
    the checks. Lookups accept an id or any alias, in any case or spacing.
    """

    def __init__(
        self,
        *,
        about: About,
        exercises: Sequence[Exercise],
        muscles: Sequence[Muscle],
        sources: Sequence[Source],
        regions: Sequence[BodyRegion],
        equipment: Sequence[Equipment],
    ) -> None:
        self.about = about
        self.exercises: tuple[Exercise, ...] = tuple(
            sorted(exercises, key=lambda e: e.article_number)
        )
        self.muscles: tuple[Muscle, ...] = tuple(muscles)
        self.sources: tuple[Source, ...] = tuple(sources)
        self.regions: tuple[BodyRegion, ...] = tuple(regions)
        self.equipment: tuple[Equipment, ...] = tuple(equipment)

        self._exercises = _index((n, e) for e in self.exercises for n in (e.id, *e.aliases))
        self._resolvable: dict[str, tuple[Exercise, Variant | None]] = {}
        for e in self.exercises:
            for n in (e.id, *e.aliases):
                self._resolvable[normalise(n)] = (e, None)
            for v in e.variants:
                for n in (v.id, *v.aliases):
                    self._resolvable[normalise(n)] = (e, v)
        self._muscles = _index((n, m) for m in self.muscles for n in (m.id, *m.aliases))
        self._regions = _index((n, r) for r in self.regions for n in (r.id, *r.aliases))
        self._sources = {s.id: s for s in self.sources}

    def __repr__(self) -> str:
        return (
            f"Catalog({len(self.exercises)} exercises, {len(self.muscles)} muscles, "
            f"{len(self.regions)} regions, {len(self.sources)} sources)"
        )

    def exercise(self, name: str) -> Exercise:
        """The exercise called ``name`` (id or alias); UnknownName with suggestions otherwise.

        A variant's name is not an exercise name (use :meth:`resolve` for those), but a
        miss suggests the parent exercise, so "chinups" suggests "pull-up".
        """
        key = normalise(name)
        if key in self._exercises:
            return self._exercises[key]
        suggestions: list[str] = []
        for k in suggest(name, self._resolvable, limit=6):
            parent = self._resolvable[k][0].id
            if parent not in suggestions:
                suggestions.append(parent)
        raise UnknownName("exercise", name, suggestions[:3], [e.id for e in self.exercises])

    def resolve(self, name: str) -> tuple[Exercise, Variant | None]:
        """The exercise and variant called ``name``; the variant is None for an exercise name."""
        return lookup(
            "exercise",
            name,
            self._resolvable,
            lambda ev: ev[1].id if ev[1] is not None else ev[0].id,
        )

    def muscle(self, name: str) -> Muscle:
        """The muscle called ``name`` (id or alias); UnknownName otherwise."""
        return lookup("muscle", name, self._muscles, lambda m: m.id)

    def region(self, name: str) -> BodyRegion:
        """The body region called ``name`` (id or alias); UnknownName otherwise."""
        return lookup("body region", name, self._regions, lambda r: r.id)

    def source(self, id: str) -> Source:
        """The source with this id; UnknownName otherwise."""
        return lookup("source", id, self._sources, lambda s: s.id)

    def select(self, muscle: str | None = None, equipment: str | None = None) -> list[Exercise]:
        """The exercises working ``muscle`` and using ``equipment`` (itself or in a variant).

        Both names are forgiving; an unknown one raises UnknownName with suggestions.
        """
        chosen = list(self.exercises)
        if muscle:
            wanted = self.muscle(muscle).id
            chosen = [e for e in chosen if any(m.muscle == wanted for m in e.muscles)]
        if equipment:
            vocabulary = {normalise(i): i for i in self.equipment_ids()}
            item = lookup("equipment", equipment, vocabulary, lambda x: x)
            chosen = [
                e
                for e in chosen
                if item in e.equipment or any(item in v.equipment for v in e.variants)
            ]
        return chosen

    def equipment_ids(self) -> list[str]:
        """The controlled vocabulary of equipment ids, in file order."""
        return [e.id for e in self.equipment]

    def equipment_item(self, id: str) -> Equipment:
        """The equipment entry with this id; UnknownName otherwise."""
        return lookup("equipment", id, {e.id: e for e in self.equipment}, lambda e: e.id)
