"""The one-line set notation: '3x8@60kg', '8,8,6@135lb', '5@bw', '30min', '1500m/30min'."""

from __future__ import annotations

import re
from dataclasses import dataclass

from backcoach.errors import BackcoachError
from backcoach.training.units import Unit, parse_unit

EXAMPLES = "3x8@60kg, 8,8,6@135lb, 3x15 (bodyweight), 30min, 1500m/30min"


class InvalidSetSpec(BackcoachError):
    """A one-line set description that does not follow the notation."""

    def __init__(self, text: str, problem: str) -> None:
        super().__init__(f"Cannot read '{text}' as sets: {problem}.", f"Write it like {EXAMPLES}.")


@dataclass(frozen=True)
class SetSpec:
    """What one line describes: reps per set and a load, or a swim's distance and time.

    ``load`` is in ``unit``; ``unit`` is None when the line named none (use the
    person's own unit then). A load of None means bodyweight.
    """

    reps: tuple[int, ...] = ()
    load: float | None = None
    unit: Unit | None = None
    duration_s: float | None = None
    distance_m: float | None = None

    @property
    def set_count(self) -> int:
        """How many sets the line stands for."""
        return len(self.reps) if self.reps else 1


_NUMBER = r"\d+(?:[.,]\d+)?"
_STRENGTH = re.compile(
    rf"^(?:(?P<sets>\d+)\s*[x\u00d7*]\s*(?P<reps>\d+)|(?P<list>\d+(?:\s*,\s*\d+)*))"
    rf"(?:\s*@\s*(?P<load>{_NUMBER}|bw|bodyweight)\s*(?P<unit>[a-z]+)?)?$"
)
_DURATION = re.compile(rf"^(?P<value>{_NUMBER})\s*(?P<unit>min|mins|minutes|s|sec|h|hr|hours?)$")
_DISTANCE = re.compile(rf"^(?P<value>{_NUMBER})\s*(?P<unit>m|km|yd|yds|yards?)$")

_SECONDS = {"s": 1, "sec": 1, "min": 60, "mins": 60, "minutes": 60, "h": 3600, "hr": 3600}
_METRES = {"m": 1.0, "km": 1000.0, "yd": 0.9144, "yds": 0.9144, "yard": 0.9144, "yards": 0.9144}
_MAX_SETS = 20


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _parse_swim(text: str, parts: list[str]) -> SetSpec:
    duration = distance = None
    for part in parts:
        if m := _DURATION.match(part):
            if duration is not None:
                raise InvalidSetSpec(text, "two durations")
            unit = m["unit"]
            duration = _number(m["value"]) * _SECONDS.get(unit, 3600)
        elif m := _DISTANCE.match(part):
            if distance is not None:
                raise InvalidSetSpec(text, "two distances")
            distance = _number(m["value"]) * _METRES[m["unit"]]
        else:
            raise InvalidSetSpec(text, f"'{part}' is neither reps, a duration nor a distance")
    return SetSpec(duration_s=duration, distance_m=distance)


def parse_set_spec(text: str) -> SetSpec:
    """Read the one-line notation. Raises :class:`InvalidSetSpec` with examples when it fails."""
    clean = text.strip().lower()
    if not clean:
        raise InvalidSetSpec(text, "it is empty")
    if m := _STRENGTH.match(clean):
        if m["sets"]:
            count = int(m["sets"])
            if not 1 <= count <= _MAX_SETS:
                raise InvalidSetSpec(text, f"{count} sets is outside 1-{_MAX_SETS}")
            reps: tuple[int, ...] = (int(m["reps"]),) * count
        else:
            reps = tuple(int(r) for r in m["list"].split(","))
            if len(reps) > _MAX_SETS:
                raise InvalidSetSpec(text, f"more than {_MAX_SETS} sets")
        load_text, unit_text = m["load"], m["unit"]
        if load_text in (None, "bw", "bodyweight"):
            if unit_text:
                raise InvalidSetSpec(text, "a unit without a load")
            return SetSpec(reps=reps)
        unit = parse_unit(unit_text) if unit_text else None
        return SetSpec(reps=reps, load=_number(load_text), unit=unit)
    if re.search(r"@\s*-", clean) or clean.startswith("-"):
        raise InvalidSetSpec(text, "reps and loads cannot be negative")
    if "@" in clean or "x" in clean.replace("yd", ""):
        raise InvalidSetSpec(text, "expected SETSxREPS@LOAD")
    parts = [p for p in re.split(r"\s*(?:/|\bin\b)\s*", clean) if p]
    return _parse_swim(text, parts)
