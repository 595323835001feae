"""Acute:chronic workload ratio by exponentially weighted moving averages, and its zones.

Each day the acute and chronic averages take in that day's load::

    ewma_today = load_today * lambda + (1 - lambda) * ewma_yesterday,  lambda = 2 / (N + 1)

with N = 7 days (acute) and 28 days (chronic), as Williams et al. (2017) propose. Both start
at zero on the first day of the series (a person's first training day): before it, nothing
was done. The ratio is acute / chronic. Read docs/strain-monitor.md for what the ratio can
and cannot say.

Because both averages weigh the same history, and the acute one weighs each past day less
than lambda_acute / lambda_chronic (about 3.6) times the chronic one does, the ratio never
exceeds 3.6: a tiny chronic average comes with a tiny acute one, and the ratio cannot blow
up. It is withheld only where it has nothing to say (see :func:`workload_ratio`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from operator import mul

#: Days of the acute and chronic windows (Williams et al. 2017; Hulin et al. 2016).
ACUTE_DAYS = 7
CHRONIC_DAYS = 28
#: The ratio is not given before this many days of history (counting the first training
#: day): the chronic average needs its own window before it stands for "what you are used
#: to". A backcoach choice, equal to the chronic window.
MIN_HISTORY_DAYS = 28


def ewma_lambda(days: int) -> float:
    """The EWMA decay for an ``days``-day window: 2 / (days + 1)."""
    return 2.0 / (days + 1)


LAMBDA_ACUTE = ewma_lambda(ACUTE_DAYS)
LAMBDA_CHRONIC = ewma_lambda(CHRONIC_DAYS)


def ewma(loads: Sequence[float], days: int, start: float = 0.0) -> list[float]:
    """The exponentially weighted moving average of daily ``loads`` over a ``days`` window."""
    lam = ewma_lambda(days)
    keep = 1.0 - lam
    out: list[float] = []
    value = start
    for load in loads:
        value = load * lam + keep * value
        out.append(value)
    return out


def ewma_weights(days: int, length: int) -> list[float]:
    """The weight of each day of a ``length``-day series in its last day's EWMA.

    ``weights[i] = lambda * (1 - lambda) ** (length - 1 - i)``: the EWMA at the end of a
    series is ``sum(load[i] * weights[i])``, which lets loads kept sparsely (only the days
    with training) be averaged without walking every rest day.
    """
    lam = ewma_lambda(days)
    keep = 1.0 - lam
    return [lam * keep ** (length - 1 - i) for i in range(length)]


def sparse_ewma(days: Sequence[int], loads: Sequence[float], weights: Sequence[float]) -> float:
    """The last day's EWMA of a series that is zero except ``loads[k]`` on day ``days[k]``."""
    total: float = sum(map(mul, loads, map(weights.__getitem__, days)))
    return total


@dataclass(frozen=True, slots=True)
class WorkloadRatio:
    """The acute and chronic averages at the end of a day, and their ratio."""

    acute: float
    chronic: float
    #: acute / chronic, or None where it has nothing to say (see :func:`workload_ratio`).
    ratio: float | None
    #: Days of history the averages rest on, the first training day included.
    history_days: int
    #: Days since the last day with load (0: today); None when there was none.
    days_since_load: int | None


def workload_ratio(
    acute: float,
    chronic: float,
    history_days: int,
    days_since_load: int | None,
    *,
    min_history_days: int = MIN_HISTORY_DAYS,
) -> WorkloadRatio:
    """The ratio of two averages, withheld where it has nothing to say.

    None before ``min_history_days`` of history; None when there was never any load (the
    chronic average is zero); and None when the last load lies more than
    :data:`CHRONIC_DAYS` days back: the averages then only echo work that has left the
    chronic window, there is no "used to" left to compare with, and first exposure and
    return after a break speak instead.
    """
    if (
        history_days < min_history_days
        or chronic <= 0.0
        or days_since_load is None
        or days_since_load > CHRONIC_DAYS
    ):
        return WorkloadRatio(acute, chronic, None, history_days, days_since_load)
    return WorkloadRatio(acute, chronic, acute / chronic, history_days, days_since_load)


def acwr_series(
    loads: Sequence[float], *, min_history_days: int = MIN_HISTORY_DAYS
) -> list[WorkloadRatio]:
    """The workload ratio at the end of every day of ``loads`` (index 0 = first training day)."""
    la, lc = LAMBDA_ACUTE, LAMBDA_CHRONIC
    ka, kc = 1.0 - la, 1.0 - lc
    acute = chronic = 0.0
    last: int | None = None
    out: list[WorkloadRatio] = []
    for i, load in enumerate(loads):
        acute = load * la + ka * acute
        chronic = load * lc + kc * chronic
        if load:
            last = i
        since = None if last is None else i - last
        out.append(workload_ratio(acute, chronic, i + 1, since, min_history_days=min_history_days))
    return out


def latest_acwr(
    loads: Sequence[float], *, min_history_days: int = MIN_HISTORY_DAYS
) -> WorkloadRatio:
    """The workload ratio at the end of the last day of ``loads``; same as the series' last item."""
    la, lc = LAMBDA_ACUTE, LAMBDA_CHRONIC
    ka, kc = 1.0 - la, 1.0 - lc
    acute = chronic = 0.0
    for load in loads:
        acute = load * la + ka * acute
        chronic = load * lc + kc * chronic
    n = len(loads)
    since = next((k for k, load in enumerate(reversed(loads)) if load), None)
    return workload_ratio(acute, chronic, n, since, min_history_days=min_history_days)


def before_today(today: WorkloadRatio, load_today: float) -> tuple[float, float]:
    """The acute and chronic averages at the end of yesterday, undoing today's update."""
    la, lc = LAMBDA_ACUTE, LAMBDA_CHRONIC
    acute = (today.acute - la * load_today) / (1.0 - la)
    chronic = (today.chronic - lc * load_today) / (1.0 - lc)
    return max(0.0, acute), max(0.0, chronic)


def load_for_ratio(acute: float, chronic: float, target: float) -> float:
    """The load one more day could carry and end with the ratio at ``target``.

    ``acute`` and ``chronic`` are the averages at the end of yesterday. Solving
    ``(la*x + (1-la)*acute) / (lc*x + (1-lc)*chronic) = target`` for x; 0 when even a rest
    day ends above the target, and infinity when no load could reach it (target at or
    above lambda_acute / lambda_chronic, about 3.6). A planner can trim today's work on a
    muscle to this many hard sets.
    """
    la, lc = LAMBDA_ACUTE, LAMBDA_CHRONIC
    denominator = la - target * lc
    if denominator <= 0:
        return math.inf
    x = (target * (1 - lc) * chronic - (1 - la) * acute) / denominator
    return max(0.0, x)


class ZoneName(StrEnum):
    """The names of the ratio zones."""

    LOW = "low"
    SWEET_SPOT = "sweet-spot"
    CAUTION = "caution"
    HIGH = "high"


@dataclass(frozen=True, slots=True)
class Zone:
    """A band of the workload ratio, from ``low`` up to ``high``.

    A zone holds its upper bound when ``high_inclusive`` (so 1.3 is still the sweet spot and
    1.5 still caution) and not otherwise (so 0.8 is already the sweet spot).
    """

    name: ZoneName
    low: float | None
    high: float | None
    high_inclusive: bool
    label: str

    def below_high(self, ratio: float) -> bool:
        """Whether ``ratio`` is under this zone's upper bound (or on it, when inclusive)."""
        if self.high is None:
            return True
        return ratio <= self.high if self.high_inclusive else ratio < self.high


#: The zone boundaries and where they come from: Gabbett TJ (2016), "The training-injury
#: prevention paradox: should athletes be training smarter and harder?", Br J Sports Med
#: 50(5):273-280, which draws a "sweet spot" at 0.8-1.3 and a "danger zone" from 1.5. The
#: band between them backcoach calls caution, and it keeps 1.5 itself in caution so that
#: "high" means above 1.5. A coaching heuristic, not a validated injury predictor: see
#: docs/strain-monitor.md.
SWEET_SPOT_LOW = 0.8
#: The ratio to stay at or under when adding load: the top of the sweet spot.
RATIO_TARGET = 1.3
HIGH_ABOVE = 1.5
ZONES_SOURCE = (
    "Gabbett TJ (2016). The training-injury prevention paradox: should athletes be training "
    "smarter and harder? Br J Sports Med 50(5):273-280."
)
ZONES: tuple[Zone, ...] = (
    Zone(ZoneName.LOW, None, SWEET_SPOT_LOW, False, "less than you are used to"),
    Zone(ZoneName.SWEET_SPOT, SWEET_SPOT_LOW, RATIO_TARGET, True, "about what you are used to"),
    Zone(ZoneName.CAUTION, RATIO_TARGET, HIGH_ABOVE, True, "more than you are used to"),
    Zone(ZoneName.HIGH, HIGH_ABOVE, None, False, "far more than you are used to"),
)


def zone_of(ratio: float) -> Zone:
    """The zone a ratio falls in; the ratio is rounded to two decimals first, as it is shown."""
    shown = round(ratio, 2)
    return next(z for z in ZONES if z.below_high(shown))


def zone(name: ZoneName) -> Zone:
    """The zone called ``name``."""
    return next(z for z in ZONES if z.name is name)
