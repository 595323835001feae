"""The road to the article's sets of fifteen pull-ups, from wherever a person starts.

The article asks for pull-ups in "reps of fifteen"; few people start there. This module
turns a one-set maximum into a dose, and is shared by the planner (where to start) and by
auto-progression (where to go next):

- **zero**: band-assisted pull-ups (a band takes part of the weight) or, without a band,
  negatives (step up, lower slowly); with neither, pull-ups wait for the equipment;
- **a few** (1-2): cluster sets, the set's reps done as singles with short rests;
- **some** (3-5): ladders (1, 2, 3 ... rests between rungs) to a top rung below the max;
- **more** (6 up): straight sets at about 50-70% of the max, the top of the range rising
  toward 15 as the max rises;
- **many** (from :data:`MANY`): the article's 3 x 15, kept hard by a slow tempo, or by
  added weight on a dip belt for those who have one and whose shoulders and low back allow.

With a painful shoulder the chin-up (palms facing you) replaces the pull-up, as the
catalog's safety note advises.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass

from backcoach.planning.prescription import Scheme, Tempo

#: The article's target: sets of fifteen.
ARTICLE_REPS = 15
#: From this one-set maximum, straight sets at 70% of the max reach the article's fifteen.
MANY = 21
#: Pull-up tempo: about a second up and two down (a backcoach estimate for timing).
PULLUP_TEMPO = Tempo(1.0, 0.0, 2.0)
#: Negatives: step to the top, lower over about four seconds (catalog: three to five).
NEGATIVE_TEMPO = Tempo(0.0, 1.0, 4.0)
#: Slow tempo for those who already manage sets of fifteen: two up, a hold, four down.
SLOW_TEMPO = Tempo(2.0, 1.0, 4.0)
#: Rest between pull-up sets (the catalog's prescription).
PULLUP_REST_S = 120

BAND = "band-assisted-pull-up"
NEGATIVE = "negative-pull-up"
WEIGHTED = "weighted-pull-up"
CHIN_UP = "chin-up"
#: Bodyweight pull-up variants from easiest to hardest (None: the full pull-up).
LADDER: tuple[str | None, ...] = (BAND, NEGATIVE, None, WEIGHTED)


@dataclass(frozen=True)
class PullupDose:
    """Where a person with a given maximum starts on the road to 3 x 15."""

    variant_id: str | None
    scheme: Scheme
    sets: int
    reps_low: int
    reps_high: int
    tempo: Tempo
    max_reps_est: int
    reason: str


def pullup_dose(
    max_reps: int,
    *,
    equipment: Collection[str],
    painful_shoulder: bool = False,
    weighted_ok: bool = False,
    prefer_negatives: bool = False,
) -> PullupDose | None:
    """The pull-up dose for someone who can do ``max_reps`` strict pull-ups in a row.

    None when the person can do none and has neither a band nor a box: there is then no
    honest way to train the pull-up, and the planner says what to get.
    ``weighted_ok`` allows added weight for those past :data:`MANY` (the caller checks the
    dip belt, plates and limitations); ``prefer_negatives`` picks negatives over the band
    when both are possible (the next step up the ladder).
    """
    full = CHIN_UP if painful_shoulder else None
    name = "chin-up" if painful_shoulder else "pull-up"
    if max_reps != 1:
        name += "s"
    if max_reps <= 0:
        band = "band" in equipment
        box = "box" in equipment
        if box and (prefer_negatives or not band):
            return PullupDose(
                NEGATIVE,
                "straight",
                3,
                3,
                5,
                NEGATIVE_TEMPO,
                0,
                "You cannot do a full pull-up yet: negatives (step up from the box, lower "
                "yourself over about four seconds) build the strength to pull yourself up.",
            )
        if band:
            return PullupDose(
                BAND,
                "straight",
                3,
                5,
                8,
                PULLUP_TEMPO,
                0,
                "You cannot do a full pull-up yet: a band takes part of your weight so you "
                "can do full, clean repetitions; negatives are the next step.",
            )
        return None
    if max_reps <= 2:
        return PullupDose(
            full,
            "cluster",
            3,
            3,
            5,
            PULLUP_TEMPO,
            max_reps,
            f"You can do {max_reps} {name} in a row: cluster sets (the set's repetitions "
            f"as singles, about {20} s apart) give more good repetitions than you could do "
            "unbroken.",
        )
    if max_reps <= 5:
        top = max(2, max_reps - 2)
        return PullupDose(
            full,
            "ladder",
            3,
            top,
            top,
            PULLUP_TEMPO,
            max_reps,
            f"You can do {max_reps} {name} in a row: ladders (1, 2 ... {top} with short "
            "rests between rungs) add volume below your limit.",
        )
    if max_reps < MANY:
        low = max(2, math.floor(0.5 * max_reps))
        high = min(ARTICLE_REPS, math.ceil(0.7 * max_reps))
        return PullupDose(
            full,
            "straight",
            3,
            low,
            high,
            PULLUP_TEMPO,
            max_reps,
            f"You can do {max_reps} {name} in a row: straight sets at about half to two "
            f"thirds of that, rising toward the article's sets of {ARTICLE_REPS}.",
        )
    if weighted_ok:
        return PullupDose(
            WEIGHTED,
            "straight",
            3,
            8,
            12,
            PULLUP_TEMPO,
            max_reps,
            f"You can do {max_reps} pull-ups in a row, past the article's sets of "
            f"{ARTICLE_REPS}: added weight on a dip belt keeps them hard.",
        )
    return PullupDose(
        full,
        "straight",
        3,
        ARTICLE_REPS,
        ARTICLE_REPS,
        SLOW_TEMPO,
        max_reps,
        f"You can do {max_reps} {name} in a row: the article's sets of {ARTICLE_REPS}, "
        "with a slow tempo (2 s up, a hold, 4 s down) to keep them hard.",
    )


def ladder_rank(variant_id: str | None) -> int:
    """Position of a pull-up variant on the road from band-assisted to weighted (chin-up = full)."""
    if variant_id == CHIN_UP:
        return LADDER.index(None)
    return LADDER.index(variant_id) if variant_id in LADDER else LADDER.index(None)
