"""Benchmark: importing a ten-year Strong history (about 50 000 rows), median of several runs.

    .venv/bin/python bench/import_strong.py [--runs 5] [--years 10]

Goal (issue: "Your data, anywhere"): under 5 seconds. The file is made by code with a
fixed seed in Strong's comma-separated layout, with the quirks of real exports: a session
seven days in ten, five exercises (one outside the catalog, imported as the person's own),
warm-up rows, a rest-timer row per workout, reps written ``8.0`` and weights with float
noise. Each run imports the whole file into a new SQLite database (parsing, mapping,
checking every set, one transaction); making the file and migrating the empty database are
not timed. A second import of the same file (which must add nothing) is timed too.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from backcoach.catalog import load_catalog
from backcoach.interop.service import import_file
from backcoach.services import ensure_user
from backcoach.store import open_database
from backcoach.training.units import Unit
from backcoach.training.users import LOCAL_USER_ID

GOAL_S = 5.0
SEED = 20_261_125
HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
    "Notes,Workout Notes,RPE\n"
)
EXERCISES = [
    ("Bent Over Row (Barbell)", 60.0),
    ("Pull Up", 0.0),
    ("Shrug (Barbell)", 80.0),
    ("Overhead Press (Dumbbell)", 12.0),
    ("Face Pull (Cable)", 25.0),
]


def strong_history(years: int) -> bytes:
    """A Strong export of ``years`` years of training, ending yesterday."""
    rng = random.Random(SEED)
    lines = [HEADER]
    day = datetime(2026, 11, 24, 18, 0, tzinfo=UTC) - timedelta(days=365 * years)
    end = datetime(2026, 11, 24, tzinfo=UTC)
    while day < end:
        if rng.random() < 0.7:
            stamp = day.strftime("%Y-%m-%d %H:%M:%S")
            for name, load in EXERCISES:
                base = f'{stamp},"Back day",1h 5m,"{name}",'
                lines.append(f"{base}W,{load / 2:g},10.0,0,0,,,\n")
                for n in range(1, 4):
                    weight = load * (1 + rng.random() / 10) if load else 0
                    noise = weight + 1e-13 if n == 2 else weight
                    lines.append(f"{base}{n},{noise!r},{rng.randint(6, 12)}.0,0,0,,,8\n")
            lines.append(f'{stamp},"Back day",1h 5m,"Pull Up",Rest Timer,,,,90,,,\n')
        day += timedelta(days=1)
    return "".join(lines).encode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    data = strong_history(args.years)
    rows = data.count(b"\n") - 1
    catalog = load_catalog()
    firsts: list[float] = []
    seconds: list[float] = []
    summary = None
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            db = open_database(f"sqlite:///{Path(folder) / 'bench.db'}")
            ensure_user(db)
            start = time.perf_counter()
            summary = import_file(db, LOCAL_USER_ID, data, "strong", Unit.KG, catalog=catalog)
            firsts.append(time.perf_counter() - start)
            start = time.perf_counter()
            again = import_file(db, LOCAL_USER_ID, data, "strong", Unit.KG, catalog=catalog)
            seconds.append(time.perf_counter() - start)
            assert again.sets == again.custom_sets == 0
            db.close()
    assert summary is not None
    first = statistics.median(firsts)
    print(
        f"{rows} rows ({len(data) / 1e6:.1f} MB): {summary.sessions} sessions, "
        f"{summary.sets} sets, {summary.custom_sets} custom sets, "
        f"{len(summary.skipped)} rows skipped"
    )
    each = ", ".join(f"{x:.2f}" for x in firsts)
    print(f"import: median {first:.2f} s of {args.runs} runs ({each})")
    print(f"re-import (adds nothing): median {statistics.median(seconds):.2f} s")
    print(f"goal < {GOAL_S:g} s: {'met' if first < GOAL_S else 'NOT met'}")
    return 0 if first < GOAL_S else 1


if __name__ == "__main__":
    sys.exit(main())
