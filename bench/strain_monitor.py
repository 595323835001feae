"""Benchmark: the strain monitor over five years of daily training logs, median of several runs.

    .venv/bin/python bench/strain_monitor.py [--runs 15] [--years 5]

Goal (issue 3): ``strain_status`` over five years of daily logs, for every muscle, in under
50 ms. The history is made by code with a fixed seed: a session every day, three or four
exercises of the catalog (variants, one-arm sets and swims among them) with a warm-up and
three or four working sets each, efforts as RPE or reps in reserve, some sessions without an
end time. Building the history is not timed; each run is one full ``strain_status`` call
(daily loads, every ratio, monotony, exposures, warnings). One untimed run warms up first.
Run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta

from backcoach.catalog import Catalog, load_catalog
from backcoach.load import strain_status
from backcoach.training.entries import SetEntry, SetKind, Side, TrainingSession

GOAL_MS = 50.0
SEED = 20_240_501

#: (exercise, variant, one-sided?, working load in kg or None for bodyweight/swim)
MOVEMENTS: list[tuple[str, str | None, bool, float | None]] = [
    ("bent-over-row", None, False, 60.0),
    ("bent-over-row", "chest-supported-row", False, 22.0),
    ("bent-over-row", "one-arm-dumbbell-row", True, 30.0),
    ("pull-up", None, False, None),
    ("pull-up", "chin-up", False, None),
    ("pull-up", "weighted-pull-up", False, 10.0),
    ("barbell-shrug", None, False, 80.0),
    ("barbell-shrug", "dumbbell-shrug", False, 30.0),
    ("overhead-dumbbell-raise", None, False, 8.0),
    ("swimming", "front-crawl", False, None),
]


def build_history(
    years: int, seed: int = SEED
) -> tuple[list[TrainingSession], list[SetEntry], date]:
    """A session every day for ``years`` years; returns sessions, sets and the last day."""
    rng = random.Random(seed)
    first = date(2020, 1, 1)
    days = 365 * years + years // 4
    sessions: list[TrainingSession] = []
    sets: list[SetEntry] = []
    for d in range(days):
        day = first + timedelta(days=d)
        start = datetime(day.year, day.month, day.day, 17, rng.randrange(60), tzinfo=UTC)
        sid = f"w{d}"
        minutes = rng.uniform(30, 75)
        end = None if rng.random() < 0.2 else start + timedelta(minutes=minutes)
        sessions.append(TrainingSession(id=sid, user_id="bench", started_at=start, ended_at=end))
        position = 0
        for exercise, variant, one_sided, kg in rng.sample(MOVEMENTS, rng.choice((3, 4))):
            at = start + timedelta(minutes=position * 3)
            if exercise == "swimming":
                sets.append(
                    SetEntry(
                        id=f"{sid}-{position}",
                        session_id=sid,
                        exercise_id=exercise,
                        variant_id=variant,
                        position=position,
                        duration_s=rng.uniform(600, 1800),
                        rpe=rng.choice((None, 4.0, 5.0, 6.0)),
                        logged_at=at,
                    )
                )
                position += 1
                continue
            sides = (Side.LEFT, Side.RIGHT) if one_sided else (Side.BOTH,)
            work = [(SetKind.WARMUP, 0.5)] + [(SetKind.NORMAL, 1.0)] * rng.choice((3, 4))
            for kind, fraction in work:
                for side in sides:
                    effort = rng.random()
                    sets.append(
                        SetEntry(
                            id=f"{sid}-{position}",
                            session_id=sid,
                            exercise_id=exercise,
                            variant_id=variant,
                            position=position,
                            kind=kind,
                            side=side,
                            reps=rng.randint(5, 15),
                            load_kg=None if kg is None else round(kg * fraction, 1),
                            rpe=rng.choice((6.0, 7.0, 7.5, 8.0, 9.0)) if effort < 0.5 else None,
                            rir=rng.randint(0, 5) if effort >= 0.8 else None,
                            logged_at=at,
                        )
                    )
                    position += 1
    return sessions, sets, first + timedelta(days=days - 1)


def time_monitor(
    catalog: Catalog,
    sessions: list[TrainingSession],
    sets: list[SetEntry],
    today: date,
    runs: int,
) -> list[float]:
    """Wall-clock milliseconds of ``runs`` full ``strain_status`` calls, after one warm-up."""
    strain_status(sessions, sets, catalog, today, body_weight_kg=80.0)
    samples = []
    for _ in range(runs):
        begin = time.perf_counter()
        strain_status(sessions, sets, catalog, today, body_weight_kg=80.0)
        samples.append((time.perf_counter() - begin) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--years", type=int, default=5)
    options = parser.parse_args()
    catalog = load_catalog()
    sessions, sets, today = build_history(options.years)
    samples = time_monitor(catalog, sessions, sets, today, options.runs)
    status = strain_status(sessions, sets, catalog, today, body_weight_kg=80.0)
    median = statistics.median(samples)
    print(
        f"history: {len(sessions)} sessions, {len(sets)} sets, {len(status.series)} days, "
        f"{len(status.muscles)} muscles"
    )
    print(
        f"strain_status: median {median:.1f} ms, min {min(samples):.1f}, "
        f"max {max(samples):.1f} over {options.runs} runs"
    )
    print(f"goal: median under {GOAL_MS:.0f} ms")
    sys.exit(0 if median < GOAL_MS else 1)


if __name__ == "__main__":
    main()
