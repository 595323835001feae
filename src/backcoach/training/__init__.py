"""The training log's domain: sets, sessions, pain and the rules that keep them sane.

Plain data and pure functions; storage and interfaces live in the adapters.
"""

from backcoach.training.entries import (
    LIMITS,
    BodyWeight,
    InvalidEntry,
    PainEntry,
    SetEntry,
    SetKind,
    Side,
    TrainingSession,
)
from backcoach.training.set_spec import SetSpec, parse_set_spec
from backcoach.training.units import Unit, format_load, parse_unit, to_kg

__all__ = [
    "LIMITS",
    "BodyWeight",
    "InvalidEntry",
    "PainEntry",
    "SetEntry",
    "SetKind",
    "SetSpec",
    "Side",
    "TrainingSession",
    "Unit",
    "format_load",
    "parse_set_spec",
    "parse_unit",
    "to_kg",
]
