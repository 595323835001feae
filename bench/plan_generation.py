"""Benchmark: how long building a 12-week plan takes, median of several runs.

    .venv/bin/python bench/plan_generation.py [--runs 25]

Goal (SPEC): a 12-week plan in under 100 ms. The catalog is loaded once first (the CLI
and the web app hold it for the whole process); the planner's dose cache is emptied before
every run, as in a fresh CLI process; each run then plans from scratch for
three profiles: the fullest one (full gym and a pool, 6 days a week, which has the most
sessions and prescriptions), a beginner at home, and someone coming back from a low-back
strain. The table shows the median and the spread per profile. Not a timed test: run it
on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date

from backcoach.catalog import load_catalog
from backcoach.planning import Baselines, Profile, plan_program
from backcoach.planning.prescription import clear_dose_cache

GOAL_MS = 100.0
#: A full gym and a pool: every piece of equipment the catalog knows.
FULL_GYM = tuple(load_catalog().equipment_ids())
PROFILES = {
    "full gym + pool, 6 days, 90 min": Profile(
        start_date=date(2025, 1, 6),
        experience="advanced",
        goal="muscle",
        equipment=FULL_GYM,
        days_per_week=6,
        minutes_per_session=90,
        baselines=Baselines(
            max_pullups=12, working_weights_kg={"bent-over-row": 80, "barbell-shrug": 100}
        ),
    ),
    "beginner, dumbbells + bar, 3 days": Profile(
        start_date=date(2025, 1, 6),
        equipment=("dumbbells", "pull-up-bar"),
        days_per_week=3,
        minutes_per_session=30,
        baselines=Baselines(max_pullups=1),
    ),
    "back from a low-back strain, 4 days": Profile(
        start_date=date(2025, 1, 6),
        experience="intermediate",
        goal="return-from-strain",
        limitations=("low-back",),
        equipment=FULL_GYM,
        days_per_week=4,
        minutes_per_session=45,
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=25)
    args = parser.parse_args()
    catalog = load_catalog()
    worst = 0.0
    print(f"{'profile':40} {'median ms':>10} {'min':>8} {'max':>8}  weeks  sessions")
    for name, profile in PROFILES.items():
        program = plan_program(profile, catalog)
        samples = []
        for _ in range(args.runs):
            clear_dose_cache()
            start = time.perf_counter()
            program = plan_program(profile, catalog)
            samples.append((time.perf_counter() - start) * 1000)
        median = statistics.median(samples)
        worst = max(worst, median)
        sessions = sum(len(w.sessions) for w in program.weeks)
        print(
            f"{name:40} {median:10.1f} {min(samples):8.1f} {max(samples):8.1f}"
            f"  {len(program.weeks):5}  {sessions:8}"
        )
    verdict = "meets" if worst < GOAL_MS else "MISSES"
    print(f"\nSlowest median {worst:.1f} ms; goal under {GOAL_MS:.0f} ms: {verdict} the goal.")


if __name__ == "__main__":
    main()
