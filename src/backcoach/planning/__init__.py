"""Plans: from a person's profile to a multi-week program, and the rules behind it.

::

    from backcoach.catalog import load_catalog
    from backcoach.planning import parse_profile, plan_program

    profile = parse_profile({"start_date": "2025-01-06", "equipment": ["dumbbells"]})
    program = plan_program(profile, load_catalog())

Pure domain code: no I/O, no clock. docs/coaching.md lists every rule and its source.
"""

from __future__ import annotations

from backcoach.planning.errors import InvalidProfile, NothingToPlan, PlanningError
from backcoach.planning.prescription import Prescription, Tempo
from backcoach.planning.profile import Baselines, Profile, parse_profile
from backcoach.planning.program import (
    ExerciseChoice,
    Program,
    Session,
    Week,
    plan_program,
    prescription_from_json,
    prescription_to_json,
    program_from_json,
    program_to_dict,
    program_to_json,
    trim_for_strain,
)
from backcoach.planning.rules import LeftOut

__all__ = [
    "Baselines",
    "ExerciseChoice",
    "InvalidProfile",
    "LeftOut",
    "NothingToPlan",
    "PlanningError",
    "Prescription",
    "Profile",
    "Program",
    "Session",
    "Tempo",
    "Week",
    "parse_profile",
    "plan_program",
    "prescription_from_json",
    "prescription_to_json",
    "program_from_json",
    "program_to_dict",
    "program_to_json",
    "trim_for_strain",
]
