"""The person's own exercises: what they are, which muscles they work, and saying so.

An import keeps every exercise: a name outside the catalog becomes the person's own
(custom) exercise. Once the person says which back muscles it works, and in what shares,
the strain monitor counts its sets for those muscles (docs/strain-monitor.md); until then
they count only in the whole-body session load.

Pure rules first (:func:`parse_shares`, :func:`normalise_shares`), then the use cases
(:func:`custom_exercises`, :func:`find_custom_exercise`, :func:`set_muscles`), each one
unit of work.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from backcoach.errors import BackcoachError, UnknownName
from backcoach.load.daily import CustomMovement
from backcoach.naming import lookup, normalise

if TYPE_CHECKING:
    from backcoach.catalog import Catalog
    from backcoach.store.database import Database
    from backcoach.store.tables import CustomExerciseRow

#: What to type, shown with every problem in a muscle list.
SHARES_EXAMPLE = "rear-deltoid=0.5,trapezius-middle=0.3,rhomboids=0.2"


class InvalidShares(BackcoachError):
    """A list of muscles and shares that cannot be used."""


@dataclass(frozen=True)
class CustomExercise:
    """An exercise of the person's own, with the muscles it works when they have said."""

    id: str
    name: str
    #: strength, swim or other.
    kind: str
    #: Catalog muscle id -> share of the work, summing to 1; empty when not known.
    muscles: Mapping[str, float] = field(default_factory=dict)
    #: How many sets of it are logged, and the start of the last session with it.
    sets: int = 0
    last_done: datetime | None = None

    def movement(self) -> CustomMovement:
        """The exercise as the strain monitor counts it."""
        return CustomMovement(self.name, dict(self.muscles), swim=self.kind == "swim")


def normalise_shares(shares: Mapping[str, object]) -> dict[str, float]:
    """Shares scaled to sum to 1, largest first; those not above zero (or not numbers) left out.

    Used on what is stored as well as on what is typed, so a stored document that drifted
    (a hand-edited backup) still reads as shares of the whole.
    """
    kept = {
        m: float(v)
        for m, v in shares.items()
        if isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) and v > 0
    }
    total = sum(kept.values())
    if total <= 0:
        return {}
    return {m: v / total for m, v in sorted(kept.items(), key=lambda mv: (-mv[1], mv[0]))}


def _share(muscle: str, text: str) -> float:
    value = text.strip()
    percent = value.endswith("%")
    try:
        number = float(value.removesuffix("%"))
    except ValueError:
        raise InvalidShares(
            f"The share '{text}' of {muscle} is not a number.",
            f"Give each muscle a share such as 0.3 or 30%, for example: {SHARES_EXAMPLE}",
        ) from None
    if not math.isfinite(number) or number <= 0:
        raise InvalidShares(
            f"The share of {muscle} is {value}: a share must be more than zero.",
            "Leave out a muscle the exercise does not work; give the others positive shares, "
            f"for example: {SHARES_EXAMPLE}",
        )
    return number / 100 if percent else number


def parse_shares(text: str, catalog: Catalog) -> dict[str, float]:
    """Muscles and shares as typed ("rear-deltoid=0.5,rhomboids=30%") -> normalised shares.

    Muscle names are forgiving (ids, names and aliases, any case or separator) and an
    unknown one raises UnknownName with the closest names. Shares may be fractions or
    percentages and are scaled to sum to 1; with no shares at all the muscles share the
    work equally. A share that is zero, negative or not a number, a muscle named twice,
    or some muscles with shares and some without, raise :class:`InvalidShares`.
    """
    items = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
    if not items:
        raise InvalidShares(
            "No muscles given.", f"Name the muscles it works with their shares: {SHARES_EXAMPLE}"
        )
    pairs = [item.partition("=") for item in items]
    with_shares = [sep == "=" for _, sep, _ in pairs]
    if any(with_shares) and not all(with_shares):
        missing = next(name.strip() for name, sep, _ in pairs if sep != "=")
        raise InvalidShares(
            f"{missing} has no share while other muscles have one.",
            f"Give every muscle a share, or none to share the work equally: {SHARES_EXAMPLE}",
        )
    shares: dict[str, float] = {}
    for name, sep, value in pairs:
        muscle = catalog.muscle(name.strip())
        if muscle.id in shares:
            raise InvalidShares(
                f"{muscle.name} is named twice.", "Name each muscle once, with its whole share."
            )
        shares[muscle.id] = _share(muscle.name, value) if sep == "=" else 1.0
    return normalise_shares(shares)


def custom_exercise_of(
    row: CustomExerciseRow, counts: Mapping[str, tuple[int, datetime]] | None = None
) -> CustomExercise:
    """A stored custom exercise (and its set count and last day, when given) as plain data."""
    muscles = normalise_shares(row.muscles or {})
    sets, last = (counts or {}).get(row.id, (0, None))
    return CustomExercise(row.id, row.name, row.kind, muscles, sets, last)


def custom_exercises(db: Database, user_id: str) -> list[CustomExercise]:
    """The person's own exercises, by name, with their muscles and how often they are logged."""
    from backcoach.store.interop_repository import InteropRepository

    with db.session() as s:
        repo = InteropRepository(s)
        counts = repo.custom_set_counts(user_id)
        return [custom_exercise_of(row, counts) for row in repo.custom_exercises(user_id)]


def custom_movements(exercises: list[CustomExercise]) -> dict[str, CustomMovement]:
    """Custom exercise id -> the exercise as the strain monitor counts it."""
    return {x.id: x.movement() for x in exercises}


def find_custom_exercise(exercises: list[CustomExercise], name: str) -> CustomExercise:
    """The exercise called ``name`` (any case or separator); UnknownName with close names."""
    if not exercises:
        raise BackcoachError(
            "You have no exercises of your own yet.",
            "They are made when an import meets an exercise outside the library: "
            "backcoach import FILE",
        )
    table = {normalise(x.name): x for x in exercises}
    table.update({x.id: x for x in exercises})
    try:
        return lookup("exercise of your own", name, table, lambda x: x.name)
    except UnknownName as exc:
        if exc.suggestions:
            raise
        # the list of every name can be long; point to the command that shows them
        raise BackcoachError(exc.message, "See them all with: backcoach custom") from None


def set_muscles(
    db: Database, user_id: str, name: str, shares: Mapping[str, float]
) -> CustomExercise:
    """Say which muscles one of the person's own exercises works, in what shares.

    ``shares`` are catalog muscle ids (see :func:`parse_shares`); they are normalised
    before they are stored. Returns the exercise as stored.
    """
    from backcoach.store.interop_repository import InteropRepository

    muscles = normalise_shares(shares)
    if not muscles:
        raise InvalidShares(
            "No muscle has a share above zero.",
            f"Name the muscles it works with their shares: {SHARES_EXAMPLE}",
        )
    with db.session(write=True) as s:
        repo = InteropRepository(s)
        counts = repo.custom_set_counts(user_id)
        exercise = find_custom_exercise(
            [custom_exercise_of(row, counts) for row in repo.custom_exercises(user_id)], name
        )
        repo.set_custom_muscles(user_id, exercise.id, muscles)
    return CustomExercise(
        exercise.id, exercise.name, exercise.kind, muscles, exercise.sets, exercise.last_done
    )
