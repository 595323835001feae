"""Weekly training monotony and strain (Foster 1998).

Over seven days of daily load (rest days count as zero)::

    monotony = mean daily load / standard deviation of daily load
    strain   = weekly load x monotony

A week of the same load every day is monotonous; Foster linked monotony above 2 and high
strain to illness and overreaching in athletes. The standard deviation is the population
one (the seven days are the whole week, not a sample of it); tools that divide by n - 1
report a monotony about 7% lower.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

#: Days in a monotony week.
WEEK_DAYS = 7
#: Monotony above this is high: Foster C (1998), "Monitoring training in athletes with
#: reference to overtraining syndrome", Med Sci Sports Exerc 30(7):1164-1168.
MONOTONY_HIGH = 2.0


@dataclass(frozen=True, slots=True)
class WeekStrain:
    """Load, monotony and strain of seven days."""

    #: Total load of the week.
    load: float
    mean: float
    sd: float
    #: mean / sd; None when sd is 0: with no training there is nothing to measure, and with
    #: the same load every day the ratio has no bound (see :attr:`uniform`).
    monotony: float | None
    #: load x monotony; 0 for a week without training, None when monotony is unbounded.
    strain: float | None

    @property
    def uniform(self) -> bool:
        """True when every day of the week carried the same load, above zero: maximal monotony."""
        return self.sd == 0.0 and self.load > 0.0

    @property
    def monotonous(self) -> bool:
        """True when monotony is above :data:`MONOTONY_HIGH` (or unbounded)."""
        return self.uniform or (self.monotony is not None and self.monotony > MONOTONY_HIGH)


def week_strain(daily_loads: Sequence[float]) -> WeekStrain:
    """Monotony and strain of seven daily loads, oldest first."""
    if len(daily_loads) != WEEK_DAYS:
        raise ValueError(f"a week has {WEEK_DAYS} daily loads, not {len(daily_loads)}")
    load = math.fsum(daily_loads)
    mean = load / WEEK_DAYS
    if max(daily_loads) == min(daily_loads):
        sd = 0.0
    else:
        sd = math.sqrt(math.fsum((x - mean) ** 2 for x in daily_loads) / WEEK_DAYS)
    if sd == 0.0:
        return WeekStrain(load, mean, 0.0, None, 0.0 if load == 0.0 else None)
    monotony = mean / sd
    return WeekStrain(load, mean, sd, monotony, load * monotony)


def last_week(daily_loads: Sequence[float]) -> WeekStrain:
    """Monotony and strain of the last seven days of a series (days before it count as zero)."""
    week = list(daily_loads[-WEEK_DAYS:])
    return week_strain([0.0] * (WEEK_DAYS - len(week)) + week)
