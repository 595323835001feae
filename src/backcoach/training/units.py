"""Units of load and distance. Loads are stored in kilograms and shown in the user's unit."""

from __future__ import annotations

from enum import StrEnum

from backcoach.errors import BackcoachError

#: Exact by definition: the international avoirdupois pound is 0.45359237 kg.
KG_PER_LB = 0.45359237


class Unit(StrEnum):
    """A unit of load a person can choose."""

    KG = "kg"
    LB = "lb"


_UNIT_NAMES = {
    "kg": Unit.KG,
    "kgs": Unit.KG,
    "kilo": Unit.KG,
    "kilos": Unit.KG,
    "kilogram": Unit.KG,
    "kilograms": Unit.KG,
    "lb": Unit.LB,
    "lbs": Unit.LB,
    "pound": Unit.LB,
    "pounds": Unit.LB,
}


class UnknownUnit(BackcoachError):
    """A unit of load that is neither kilograms nor pounds."""


def parse_unit(text: str) -> Unit:
    """Read a unit name such as 'kg', 'lbs' or 'pounds'."""
    unit = _UNIT_NAMES.get(text.strip().lower())
    if unit is None:
        raise UnknownUnit(
            f"Unknown unit of load '{text}'.",
            "Use kg or lb (for example 60kg or 135lb).",
        )
    return unit


def to_kg(value: float, unit: Unit) -> float:
    """Convert a load in ``unit`` to kilograms."""
    return value * KG_PER_LB if unit is Unit.LB else value


def from_kg(kg: float, unit: Unit) -> float:
    """Convert a load in kilograms to ``unit``."""
    return kg / KG_PER_LB if unit is Unit.LB else kg


def format_load(kg: float | None, unit: Unit) -> str:
    """Show a stored load in the user's unit: '60 kg', '132.5 lb', 'bodyweight'."""
    if kg is None:
        return "bodyweight"
    value = from_kg(kg, unit)
    rounded = round(value * 4) / 4  # quarter units: finer than any plate or dumbbell step
    text = f"{rounded:.2f}".rstrip("0").rstrip(".")
    return f"{text} {unit.value}"
