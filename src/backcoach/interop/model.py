"""What an imported file holds, before it becomes log entries: workouts, sets, swims, skips.

Weights stay in the file's unit here (``unit`` None when the file does not say); the
service converts them to kilograms once the person has said which unit the file uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from backcoach.training.entries import SetKind
from backcoach.training.units import Unit


@dataclass(frozen=True, slots=True)
class SwimLength:
    """One length of the pool: its stroke, stroke count and seconds (idle lengths are rests)."""

    stroke: str
    strokes: int | None
    time_s: float
    active: bool = True


@dataclass(frozen=True, slots=True)
class SwimLap:
    """A lap as the watch recorded it: time, distance and its lengths."""

    time_s: float
    distance_m: float | None
    lengths: tuple[SwimLength, ...] = ()


@dataclass(frozen=True, slots=True)
class SwimRecord:
    """What a watch knows of a swim beyond time and distance."""

    environment: str  # "pool" or "open-water"
    pool_length_m: float | None
    laps: tuple[SwimLap, ...] = ()

    def main_stroke(self) -> str | None:
        """The stroke swum for most active lengths, if lengths were recorded."""
        counts: dict[str, int] = {}
        for lap in self.laps:
            for length in lap.lengths:
                if length.active:
                    counts[length.stroke] = counts.get(length.stroke, 0) + 1
        return max(counts, key=lambda k: counts[k]) if counts else None


@dataclass(frozen=True, slots=True)
class ImportedSet:
    """One set as the other app recorded it; ``key`` identifies it across re-imports."""

    key: str
    row: int
    exercise: str
    kind: SetKind = SetKind.NORMAL
    reps: int | None = None
    weight: float | None = None
    unit: Unit | None = None
    distance_m: float | None = None
    duration_s: float | None = None
    rpe: float | None = None
    notes: str = ""
    superset: str | None = None
    swim: SwimRecord | None = None
    #: The watch's ranked exercise guesses (FIT category, exercise name), best first.
    guesses: tuple[tuple[str, str | None], ...] = ()


@dataclass
class ImportedWorkout:
    """A workout: when, its title and notes, and its sets in order."""

    key: str
    started_at: datetime
    ended_at: datetime | None
    title: str = ""
    notes: str = ""
    sets: list[ImportedSet] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A row (or message) left out, and why."""

    row: int
    reason: str


@dataclass
class ParsedImport:
    """A parsed file: its workouts, the rows skipped, and the parts not understood."""

    format: str
    workouts: list[ImportedWorkout]
    skipped: list[Skipped] = field(default_factory=list)
    #: Things in the file backcoach does not import (a FIT file's cycling session, ...).
    not_understood: list[str] = field(default_factory=list)

    @property
    def needs_unit(self) -> bool:
        """True when some set has a weight in a unit the file does not name."""
        return any(s.weight is not None and s.unit is None for w in self.workouts for s in w.sets)

    def heaviest(self, count: int = 3) -> list[tuple[str, float]]:
        """The heaviest weights in the file as written, one per exercise, heaviest first."""
        best: dict[str, float] = {}
        for w in self.workouts:
            for s in w.sets:
                if s.weight is not None and s.weight > best.get(s.exercise, -1.0):
                    best[s.exercise] = s.weight
        return sorted(best.items(), key=lambda kv: -kv[1])[:count]
