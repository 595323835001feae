"""The things a training log holds, and the bounds that keep each of them believable.

Every entry is checked when it is made, so a bad value is refused before anything
is stored. Loads are kilograms; times are timezone-aware UTC.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from backcoach.errors import BackcoachError


class InvalidEntry(BackcoachError):
    """A value in a set, pain or body-weight entry that cannot be right."""


@dataclass(frozen=True)
class Limits:
    """Plausibility bounds. Beyond them an entry is a typo, not a training record."""

    max_reps: int = 100
    #: Heavier than any recorded barbell lift (the deadlift record is about 500 kg).
    max_load_kg: float = 500.0
    min_rpe: float = 1.0
    max_rpe: float = 10.0
    max_rir: int = 10
    #: A swim or set longer than six hours is a typo.
    max_duration_s: float = 6 * 3600.0
    #: Longer than a marathon swim.
    max_distance_m: float = 50_000.0
    max_pain: int = 10
    min_body_weight_kg: float = 20.0
    max_body_weight_kg: float = 400.0
    max_notes: int = 2000


LIMITS = Limits()


class SetKind(StrEnum):
    """What a set was for; warm-ups do not count as hard sets."""

    NORMAL = "normal"
    WARMUP = "warmup"
    FAILURE = "failure"
    DROPSET = "dropset"


class Symptom(StrEnum):
    """Red-flag symptoms: any of them means stop back training and see a clinician.

    The list follows the red flags for serious spinal pathology used in clinical
    guidelines (see docs/coaching.md).
    """

    NUMBNESS = "numbness"  # down a limb, or in the groin/saddle area
    TINGLING = "tingling"  # pins and needles down a limb
    WEAKNESS = "weakness"  # a limb giving way or losing strength
    BLADDER_BOWEL = "bladder-bowel"  # new loss of bladder or bowel control
    NIGHT_PAIN = "night-pain"  # pain at night or at rest that does not ease
    AFTER_FALL = "after-fall"  # pain that started with a fall or other trauma


class Side(StrEnum):
    """Which side worked: both, or one for one-arm variants."""

    BOTH = "both"
    LEFT = "left"
    RIGHT = "right"


def new_id() -> str:
    """A fresh random id for an entry the client did not name."""
    return str(uuid.uuid4())


def utc_now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def _finite(name: str, value: float | None) -> None:
    if value is not None and not math.isfinite(value):
        raise InvalidEntry(f"{name} must be a number, not {value}.", f"Enter a plain {name}.")


def _check_id(value: str) -> None:
    if not value or len(value) > 64 or not value.isprintable() or value.strip() != value:
        raise InvalidEntry(
            f"'{value}' cannot be used as an id.",
            "Use 1-64 printable characters without surrounding spaces, such as a UUID.",
        )


def _check_notes(notes: str) -> None:
    if len(notes) > LIMITS.max_notes:
        raise InvalidEntry(
            f"The note is {len(notes)} characters long.",
            f"Keep notes under {LIMITS.max_notes} characters.",
        )


def _aware(name: str, when: datetime) -> None:
    if when.tzinfo is None:
        raise InvalidEntry(f"{name} has no time zone.", "Give times with a time zone (UTC).")


@dataclass(frozen=True)
class SetEntry:
    """One set: an exercise (and variant) done for reps, load and effort, or for time/distance."""

    id: str
    session_id: str
    exercise_id: str
    position: int
    reps: int | None = None
    load_kg: float | None = None
    rpe: float | None = None
    rir: int | None = None
    duration_s: float | None = None
    distance_m: float | None = None
    variant_id: str | None = None
    kind: SetKind = SetKind.NORMAL
    side: Side = Side.BOTH
    notes: str = ""
    logged_at: datetime = field(default_factory=utc_now)

    def __post_init__(self) -> None:
        _check_id(self.id)
        _check_id(self.session_id)
        for name, value in (
            ("load", self.load_kg),
            ("RPE", self.rpe),
            ("duration", self.duration_s),
            ("distance", self.distance_m),
        ):
            _finite(name, value)
        if self.reps is not None and not 0 <= self.reps <= LIMITS.max_reps:
            raise InvalidEntry(
                f"{self.reps} reps is outside 0-{LIMITS.max_reps}.",
                "Enter the repetitions of one set, for example 3x8 for three sets of eight.",
            )
        if self.load_kg is not None and not 0 <= self.load_kg <= LIMITS.max_load_kg:
            raise InvalidEntry(
                f"A load of {self.load_kg:g} kg is not possible for this log "
                f"(0-{LIMITS.max_load_kg:g} kg).",
                "Check the number and the unit (kg or lb); leave the load out for bodyweight.",
            )
        if self.rpe is not None and not LIMITS.min_rpe <= self.rpe <= LIMITS.max_rpe:
            raise InvalidEntry(
                f"RPE {self.rpe:g} is outside 1-10.",
                "RPE runs from 1 (very easy) to 10 (no rep left); use --rir for reps in reserve.",
            )
        if self.rpe is not None and self.rpe * 2 != round(self.rpe * 2):
            raise InvalidEntry(
                f"RPE {self.rpe:g} is finer than half points.",
                "Use whole or half points, e.g. 7.5.",
            )
        if self.rir is not None and not 0 <= self.rir <= LIMITS.max_rir:
            raise InvalidEntry(
                f"{self.rir} reps in reserve is outside 0-{LIMITS.max_rir}.",
                "Reps in reserve is how many more reps you could have done.",
            )
        if self.rpe is not None and self.rir is not None:
            raise InvalidEntry(
                "Both RPE and reps in reserve were given.", "Give one effort measure, not both."
            )
        if self.duration_s is not None and not 0 < self.duration_s <= LIMITS.max_duration_s:
            raise InvalidEntry(
                f"A duration of {self.duration_s:g} s is outside 0-6 hours.",
                "Give the duration as minutes, e.g. 30min.",
            )
        if self.distance_m is not None and not 0 < self.distance_m <= LIMITS.max_distance_m:
            raise InvalidEntry(
                f"A distance of {self.distance_m:g} m is outside 0-{LIMITS.max_distance_m:g} m.",
                "Give the distance in metres, e.g. 1500m.",
            )
        if self.reps is None and self.duration_s is None and self.distance_m is None:
            raise InvalidEntry(
                "A set needs reps, a duration or a distance.",
                "For example 3x8@60kg, or 30min for a swim.",
            )
        if self.position < 0:
            raise InvalidEntry("A set's position cannot be negative.", "Number sets from 0.")
        _check_notes(self.notes)
        _aware("The set's time", self.logged_at)

    def same_record(self, other: SetEntry) -> bool:
        """True when ``other`` records the same set (a retried log), ignoring when it arrived."""
        mine = {k: v for k, v in vars(self).items() if k != "logged_at"}
        theirs = {k: v for k, v in vars(other).items() if k != "logged_at"}
        return mine == theirs


@dataclass(frozen=True)
class TrainingSession:
    """A workout: the sets done together, with when it started and ended."""

    id: str
    user_id: str
    started_at: datetime
    ended_at: datetime | None = None
    notes: str = ""

    def __post_init__(self) -> None:
        _check_id(self.id)
        _aware("The session's start", self.started_at)
        if self.ended_at is not None:
            _aware("The session's end", self.ended_at)
            if self.ended_at < self.started_at:
                raise InvalidEntry(
                    "The session ends before it starts.", "Check the start and end times."
                )
        _check_notes(self.notes)


@dataclass(frozen=True)
class PainEntry:
    """Pain felt somewhere, rated 0 (none) to 10 (worst imaginable)."""

    id: str
    user_id: str
    score: int
    region: str
    felt_at: datetime
    exercise_id: str | None = None
    notes: str = ""
    symptoms: tuple[Symptom, ...] = ()

    @property
    def red_flag(self) -> bool:
        """True when a red-flag symptom came with the pain."""
        return bool(self.symptoms)

    def __post_init__(self) -> None:
        _check_id(self.id)
        if not 0 <= self.score <= LIMITS.max_pain:
            raise InvalidEntry(
                f"Pain {self.score} is outside 0-10.",
                "Rate pain from 0 (none) to 10 (worst imaginable).",
            )
        _aware("The time of the pain", self.felt_at)
        _check_notes(self.notes)


@dataclass(frozen=True)
class BodyWeight:
    """A body-weight reading in kilograms."""

    id: str
    user_id: str
    weight_kg: float
    measured_at: datetime

    def __post_init__(self) -> None:
        _check_id(self.id)
        _finite("body weight", self.weight_kg)
        if not LIMITS.min_body_weight_kg <= self.weight_kg <= LIMITS.max_body_weight_kg:
            raise InvalidEntry(
                f"A body weight of {self.weight_kg:g} kg is not plausible.",
                "Check the number and the unit (kg or lb).",
            )
        _aware("The time of the weigh-in", self.measured_at)
