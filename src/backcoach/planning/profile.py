"""The person a plan is for: what they have, how often and how long they train, what hurts.

A :class:`Profile` is a pydantic model because it crosses boundaries: the CLI builds it
from prompts and flags, the store keeps it as JSON (``profile.model_dump_json()`` and
:func:`parse_profile`), and the planner reads it. Every check a profile can make about
itself happens here, with a message that says what is wrong and what to do; equipment
names are checked against the catalog's vocabulary, with a "did you mean".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from backcoach.catalog import Catalog, load_catalog
from backcoach.errors import UnknownName
from backcoach.naming import lookup, normalise
from backcoach.planning.errors import InvalidProfile

Experience = Literal["novice", "intermediate", "advanced"]
Goal = Literal["prevention", "return-from-strain", "strength", "muscle"]
Limitation = Literal["painful-shoulder", "low-back"]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

#: Weekdays in calendar order (Monday is 0, as in :meth:`datetime.date.weekday`).
WEEKDAYS: tuple[Weekday, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
#: Two training days a week is the least that builds the muscles and the habit; ACSM (2009)
#: recommends 2-3 days a week for novices. Six leaves one rest day.
MIN_DAYS, MAX_DAYS = 2, 6
#: Below ten minutes there is no time to warm up and do even one exercise properly.
MIN_MINUTES, MAX_MINUTES = 10, 180
#: Plan lengths the planner accepts, in weeks.
MIN_WEEKS, MAX_WEEKS = 1, 52
#: Deload spacing the planner accepts: a deload every 2nd to 12th week.
MIN_DELOAD_EVERY, MAX_DELOAD_EVERY = 2, 12
#: Heavier than any lift this app coaches; beyond it a working weight is a typo.
MAX_WORKING_KG = 500.0
#: The largest smallest-step a barbell or dumbbell set can sensibly have.
MAX_STEP_KG = 25.0

_LIMITATION_NAMES: dict[str, str] = {
    "painful-shoulder": "painful-shoulder",
    "shoulder": "painful-shoulder",
    "sore-shoulder": "painful-shoulder",
    "shoulder-pain": "painful-shoulder",
    "low-back": "low-back",
    "lower-back": "low-back",
    "painful-low-back": "low-back",
    "sore-low-back": "low-back",
    "low-back-pain": "low-back",
    "back": "low-back",
}
_NO_LIMITATION = {"none", "no", "nothing", ""}
_WEEKDAY_NAMES: dict[str, str] = {
    **{d: d for d in WEEKDAYS},
    **{d[:3]: d for d in WEEKDAYS},
    "tues": "tuesday",
    "wed": "wednesday",
    "thur": "thursday",
    "thurs": "thursday",
}


def _catalog(info: ValidationInfo) -> Catalog:
    """The catalog to check names against: the one in the validation context, or the default."""
    context = info.context
    if isinstance(context, Mapping):
        given = context.get("catalog")
        if isinstance(given, Catalog):
            return given
    return load_catalog()


def _finite(name: str, value: float) -> float:
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a number, not {value}.")
    return value


class Baselines(BaseModel):
    """What the person can do today, where known: it sets where the plan starts.

    ``working_weights_kg`` maps an exercise or variant id (or alias) to the weight the
    person now uses for working sets of about ten: the barbell's total for barbell lifts,
    one dumbbell's weight for dumbbell work, and the added weight for weighted pull-ups.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_pullups: int | None = None
    working_weights_kg: dict[str, float] = Field(default_factory=dict)
    body_weight_kg: float | None = None

    @field_validator("max_pullups")
    @classmethod
    def _pullups(cls, v: int | None) -> int | None:
        if v is not None and not 0 <= v <= 100:
            raise ValueError(
                f"{v} pull-ups in one set is not plausible; give how many strict pull-ups you "
                "can do in a row now (0 if none)."
            )
        return v

    @field_validator("body_weight_kg")
    @classmethod
    def _body_weight(cls, v: float | None) -> float | None:
        if v is not None and not 20.0 <= _finite("Body weight", v) <= 400.0:
            raise ValueError(f"A body weight of {v:g} kg is not plausible; check the number.")
        return v

    @field_validator("working_weights_kg")
    @classmethod
    def _weights(cls, v: dict[str, float], info: ValidationInfo) -> dict[str, float]:
        catalog = _catalog(info)
        out: dict[str, float] = {}
        for name, kg in v.items():
            try:
                exercise, variant = catalog.resolve(name)
            except UnknownName as e:
                raise ValueError(f"{e.message} {e.hint}") from None
            key = variant.id if variant is not None else exercise.id
            loadable = exercise.loading == "external" or (
                variant is not None and "weight-belt" in variant.equipment
            )
            if not loadable:
                raise ValueError(
                    f"'{name}' is not done with weights. For pull-ups give max_pullups "
                    "(or the added weight under 'weighted-pull-up'); swimming needs no weight."
                )
            if not 0.0 < _finite(f"The weight for {key}", kg) <= MAX_WORKING_KG:
                raise ValueError(
                    f"A working weight of {kg:g} kg for {key} is not possible; give the "
                    f"weight in kilograms (0-{MAX_WORKING_KG:g})."
                )
            out[key] = float(kg)
        return out


class Profile(BaseModel):
    """Everything the planner needs to know about a person, checked as it is made.

    ``barbell_increment_kg`` is the smallest change in a barbell's total the person's plates
    can make (2.5 kg with a pair of 1.25 kg plates); ``dumbbell_step_kg`` the step between
    their dumbbells. ``weekdays`` is optional: without it the planner spreads the days.
    ``deload_every`` puts an easier week every so many weeks (4: weeks 4, 8, 12).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    start_date: date
    experience: Experience = "novice"
    equipment: tuple[str, ...] = ()
    barbell_increment_kg: float = 2.5
    dumbbell_step_kg: float = 2.0
    days_per_week: int = 3
    weekdays: tuple[Weekday, ...] | None = None
    minutes_per_session: int = 45
    goal: Goal = "prevention"
    limitations: tuple[Limitation, ...] = ()
    baselines: Baselines = Field(default_factory=Baselines)
    weeks: int = 12
    deload_every: int = 4

    @field_validator("equipment", mode="before")
    @classmethod
    def _equipment(cls, v: Any, info: ValidationInfo) -> Any:
        if isinstance(v, str):
            v = [p for p in v.replace(";", ",").split(",") if p.strip()]
        if not isinstance(v, list | tuple | set | frozenset):
            return v
        catalog = _catalog(info)
        table = {normalise(e.id): e.id for e in catalog.equipment}
        table.update({normalise(e.name): e.id for e in catalog.equipment})
        found: set[str] = set()
        for name in v:
            if not isinstance(name, str):
                raise ValueError(f"Equipment must be named, not {name!r}.")
            try:
                found.add(lookup("equipment", name, table, lambda i: i))
            except UnknownName as e:
                raise ValueError(f"{e.message} {e.hint}") from None
        return tuple(sorted(found))

    @field_validator("limitations", mode="before")
    @classmethod
    def _limitations(cls, v: Any) -> Any:
        if isinstance(v, str):
            v = [p for p in v.split(",")]
        if not isinstance(v, list | tuple | set | frozenset):
            return v
        names = [normalise(str(x)) for x in v]
        said_none = [n for n in names if n in _NO_LIMITATION]
        real = [n for n in names if n not in _NO_LIMITATION]
        if said_none and real:
            raise ValueError(
                f"'none' contradicts {', '.join(repr(r) for r in real)}: either nothing "
                "limits your training or something does. Remove one."
            )
        out: set[str] = set()
        for n in real:
            if n not in _LIMITATION_NAMES:
                raise ValueError(
                    f"Unknown limitation '{n}'. Use painful-shoulder or low-back (or none)."
                )
            out.add(_LIMITATION_NAMES[n])
        return tuple(sorted(out))

    @field_validator("weekdays", mode="before")
    @classmethod
    def _weekdays(cls, v: Any) -> Any:
        if v is None:
            return None
        if isinstance(v, str):
            v = [p for p in v.replace(";", ",").split(",") if p.strip()]
        if not isinstance(v, list | tuple):
            return v
        out: list[str] = []
        for name in v:
            key = normalise(str(name))
            if key not in _WEEKDAY_NAMES:
                raise ValueError(f"'{name}' is not a weekday; use monday ... sunday (or mon).")
            day = _WEEKDAY_NAMES[key]
            if day in out:
                raise ValueError(f"{day.capitalize()} is named twice; name each day once.")
            out.append(day)
        return tuple(sorted(out, key=WEEKDAYS.index))

    @field_validator("days_per_week")
    @classmethod
    def _days(cls, v: int) -> int:
        if v < MIN_DAYS:
            raise ValueError(
                f"{v} training day(s) a week is too few to plan: train at least {MIN_DAYS} days "
                "a week (2-3 is a good start)."
            )
        if v > MAX_DAYS:
            raise ValueError(
                f"{v} days a week leaves no rest day; train at most {MAX_DAYS} days a week."
            )
        return v

    @field_validator("minutes_per_session")
    @classmethod
    def _minutes(cls, v: int) -> int:
        if v < MIN_MINUTES:
            raise ValueError(
                f"A {v}-minute session is too short to warm up and do even one exercise; "
                f"give at least {MIN_MINUTES} minutes (20-45 is typical)."
            )
        if v > MAX_MINUTES:
            raise ValueError(
                f"{v} minutes is longer than any session this plan needs; give at most "
                f"{MAX_MINUTES}."
            )
        return v

    @field_validator("barbell_increment_kg", "dumbbell_step_kg")
    @classmethod
    def _step(cls, v: float, info: ValidationInfo) -> float:
        what = "barbell increment" if info.field_name == "barbell_increment_kg" else "dumbbell step"
        if not 0.0 < _finite(f"The {what}", v) <= MAX_STEP_KG:
            raise ValueError(
                f"A {what} of {v:g} kg is not possible; give the smallest step your "
                f"equipment can make in kilograms (for example 2.5), up to {MAX_STEP_KG:g}."
            )
        return v

    @field_validator("weeks")
    @classmethod
    def _weeks(cls, v: int) -> int:
        if not MIN_WEEKS <= v <= MAX_WEEKS:
            raise ValueError(f"A plan of {v} weeks is not possible; use {MIN_WEEKS}-{MAX_WEEKS}.")
        return v

    @field_validator("deload_every")
    @classmethod
    def _deload(cls, v: int) -> int:
        if not MIN_DELOAD_EVERY <= v <= MAX_DELOAD_EVERY:
            raise ValueError(
                f"A deload every {v} weeks is not possible; use {MIN_DELOAD_EVERY}-"
                f"{MAX_DELOAD_EVERY} (4 is usual)."
            )
        return v

    @model_validator(mode="after")
    def _days_match(self) -> Profile:
        if self.weekdays is not None and len(self.weekdays) != self.days_per_week:
            raise ValueError(
                f"You chose {self.days_per_week} days a week but named {len(self.weekdays)} "
                f"weekdays ({', '.join(self.weekdays)}); make them agree."
            )
        return self

    @property
    def has(self) -> frozenset[str]:
        """The equipment ids, as a set for subset checks."""
        return frozenset(self.equipment)

    def limited(self, limitation: Limitation) -> bool:
        """Whether the person has this limitation."""
        return limitation in self.limitations


def _field_name(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(p) for p in loc) or "profile"


def parse_profile(data: Mapping[str, Any] | str, *, catalog: Catalog | None = None) -> Profile:
    """A profile from a mapping (prompt answers, stored JSON as a dict) or a JSON string.

    Raises :class:`InvalidProfile` listing every problem in plain words; never a raw
    validation error.
    """
    context = {"catalog": catalog} if catalog is not None else None
    try:
        if isinstance(data, str):
            return Profile.model_validate_json(data, context=context)
        return Profile.model_validate(dict(data), context=context)
    except ValidationError as e:
        problems: list[str] = []
        for err in e.errors(include_url=False):
            message = str(err.get("msg", "is not valid"))
            message = message.removeprefix("Value error, ")
            if err.get("type") == "missing":
                message = "is required."
            elif err.get("type") == "extra_forbidden":
                message = "is not a profile field; remove it or check its spelling."
            problems.append(f"{_field_name(tuple(err.get('loc', ())))}: {message}")
        raise InvalidProfile(problems) from None
