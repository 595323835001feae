"""Feeding the strain monitor back into today's session: trim what is overloaded, say why."""

from __future__ import annotations

import pytest

from backcoach.planning import Session, plan_program, trim_for_strain

from .conftest import CATALOG
from .test_personas import LIFTER

NAMES = {m.id: m.name.lower() for m in CATALOG.muscles}


def monday() -> Session:
    program = plan_program(LIFTER, CATALOG)
    return program.weeks[4].sessions[0]  # week 5, Monday: row, pull-ups, swim at full dose


def test_a_muscle_in_the_high_zone_cuts_the_exercises_that_load_it_and_says_so() -> None:
    session = monday()
    trimmed, reasons = trim_for_strain(session, {"rhomboids": 1.6}, names=NAMES)
    row_before, row_after = session.prescriptions[0], trimmed.prescriptions[0]
    assert row_after.sets < row_before.sets
    assert row_after.rpe == 6.0
    assert row_after.load_kg is not None
    assert row_before.load_kg is not None
    assert row_after.load_kg < row_before.load_kg
    assert trimmed.prescriptions[1:] == session.prescriptions[1:]
    [reason] = reasons
    assert "rhomboids are doing 1.6 times what they are used to" in reason
    assert trimmed.minutes < session.minutes


def test_the_lats_in_the_high_zone_shorten_the_swim_too() -> None:
    session = monday()
    trimmed, reasons = trim_for_strain(session, {"latissimus-dorsi": 1.8}, names=NAMES)
    swim_before, swim_after = session.prescriptions[2], trimmed.prescriptions[2]
    assert swim_after.duration_min is not None
    assert swim_before.duration_min is not None
    assert swim_after.duration_min < swim_before.duration_min
    assert len(reasons) == 3
    assert "latissimus dorsi is doing 1.8 times what it is used to" in reasons[0]


def test_the_caution_zone_eases_effort_and_holds_the_load() -> None:
    session = monday()
    trimmed, reasons = trim_for_strain(session, {"trapezius-middle": 1.4})
    row_before, row_after = session.prescriptions[0], trimmed.prescriptions[0]
    assert row_after.sets == row_before.sets
    assert row_after.load_kg == row_before.load_kg
    assert row_after.rpe == max(6.0, row_before.rpe - 1)
    assert "caution zone" in reasons[0]


def test_ratios_in_the_sweet_spot_change_nothing() -> None:
    session = monday()
    trimmed, reasons = trim_for_strain(session, {"latissimus-dorsi": 1.1, "rhomboids": 0.7})
    assert trimmed is session
    assert reasons == ()


def test_ratios_for_muscles_not_in_the_session_or_not_numbers_are_ignored() -> None:
    session = monday()
    trimmed, reasons = trim_for_strain(session, {"trapezius-upper": 2.0, "rhomboids": float("nan")})
    assert trimmed is session
    assert reasons == ()


def test_thresholds_must_be_in_order() -> None:
    with pytest.raises(ValueError, match="caution"):
        trim_for_strain(monday(), {}, high=1.2, caution=1.3)
