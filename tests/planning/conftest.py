"""Shared fixtures and hypothesis strategies for the planner's tests.

Profiles are drawn from everything a person can say: any subset of the catalog's
equipment, any level, goal, limitation, days, weekdays, minutes, baselines and dates.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from hypothesis import strategies as st

from backcoach.catalog import Catalog, load_catalog
from backcoach.planning import Baselines, Profile
from backcoach.planning.profile import WEEKDAYS
from backcoach.training.entries import SetEntry

CATALOG = load_catalog()
EQUIPMENT = tuple(CATALOG.equipment_ids())
FULL_GYM = (
    "barbell",
    "plates",
    "platform",
    "rack",
    "pull-up-bar",
    "dumbbells",
    "band",
    "bench",
    "box",
    "weight-belt",
)
#: Exercise or variant ids a working weight can be given for.
LOADABLE = (
    "bent-over-row",
    "chest-supported-row",
    "one-arm-dumbbell-row",
    "barbell-shrug",
    "dumbbell-shrug",
    "overhead-dumbbell-raise",
    "seated-overhead-dumbbell-raise",
    "weighted-pull-up",
)
#: Exercise and variant pairs a log can hold.
MOVEMENTS: tuple[tuple[str, str | None], ...] = tuple(
    (e.id, None) for e in CATALOG.exercises
) + tuple((e.id, v.id) for e in CATALOG.exercises for v in e.variants)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return CATALOG


@st.composite
def profiles(draw: st.DrawFn) -> Profile:
    """Any profile a person could give."""
    # Any subset at all, or (more often) one that holds something the plan can use.
    equipment = draw(st.sets(st.sampled_from(EQUIPMENT), max_size=len(EQUIPMENT)))
    if draw(st.integers(0, 2)):
        equipment.add(draw(st.sampled_from(["dumbbells", "pull-up-bar", "pool", "barbell"])))
        equipment |= draw(st.sets(st.sampled_from(["band", "bench", "plates", "rack", "box"])))
    days = draw(st.integers(2, 6))
    weekdays = draw(
        st.none()
        | st.lists(st.sampled_from(WEEKDAYS), min_size=days, max_size=days, unique=True).map(tuple)
    )
    weights = draw(
        st.dictionaries(
            st.sampled_from(LOADABLE),
            st.floats(2.0, 150.0, allow_nan=False).map(lambda x: round(x, 1)),
            max_size=4,
        )
    )
    baselines = Baselines(
        max_pullups=draw(st.none() | st.integers(0, 30)),
        working_weights_kg=weights,
        body_weight_kg=draw(st.none() | st.floats(45.0, 130.0)),
    )
    return Profile(
        start_date=draw(st.dates(date(2024, 1, 1), date(2027, 12, 31))),
        experience=draw(st.sampled_from(["novice", "intermediate", "advanced"])),
        equipment=tuple(sorted(equipment)),
        barbell_increment_kg=draw(st.sampled_from([1.0, 2.0, 2.5, 5.0])),
        dumbbell_step_kg=draw(st.sampled_from([1.0, 2.0, 2.5])),
        days_per_week=days,
        weekdays=weekdays,
        minutes_per_session=draw(st.integers(10, 120)),
        goal=draw(st.sampled_from(["prevention", "return-from-strain", "strength", "muscle"])),
        limitations=tuple(sorted(draw(st.sets(st.sampled_from(["painful-shoulder", "low-back"]))))),
        baselines=baselines,
        weeks=draw(st.integers(1, 16)),
        deload_every=draw(st.integers(2, 6)),
    )


@st.composite
def histories(draw: st.DrawFn, start: date) -> list[SetEntry]:
    """A log of working sets on days before ``start`` (possibly empty)."""
    entries: list[SetEntry] = []
    n = draw(st.integers(0, 12))
    for i in range(n):
        ex, var = draw(st.sampled_from(MOVEMENTS))
        back = draw(st.integers(1, 60))
        when = datetime.combine(start - timedelta(days=back), time(18), tzinfo=UTC)
        swim = ex == "swimming"
        entries.append(
            SetEntry(
                id=f"h{i}",
                session_id=f"s{back}",
                exercise_id=ex,
                variant_id=var,
                position=i,
                reps=None if swim else draw(st.integers(1, 20)),
                duration_s=draw(st.floats(300, 2400)) if swim else None,
                logged_at=when,
            )
        )
    return entries


def profile(**changes: Any) -> Profile:
    """A plain profile for unit tests: a novice at home with dumbbells, changed as asked."""
    base: dict[str, Any] = {
        "start_date": date(2025, 1, 6),
        "equipment": ("dumbbells", "pull-up-bar"),
        "days_per_week": 3,
        "minutes_per_session": 30,
    }
    base.update(changes)
    return Profile(**base)
