"""Benchmark: how long CLI commands take from a cold process, median of several runs.

    .venv/bin/python bench/cli_startup.py [--runs 15]

Goal (SPEC): under 300 ms for commands that need no pose model. The package is
byte-compiled first, as an installed wheel is; each command then runs once to warm the
data folder and the catalog cache, then ``--runs`` times. The table shows the median
and the spread. Run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = [
    ["exercises"],
    ["exercise", "pull-up"],
    ["--help"],
    ["history"],
    [],
]
GOAL_MS = 300.0


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_command(
    exe: str, args: list[str], env: dict[str, str], runs: int
) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of ``runs`` fresh processes.

    CPU time (user + system) is steadier than wall time on a shared machine.
    """
    subprocess.run([exe, *args], env=env, capture_output=True, check=True)
    wall, cpu = [], []
    for _ in range(runs):
        cpu_before = _children_cpu()
        start = time.perf_counter()
        subprocess.run([exe, *args], env=env, capture_output=True, check=True)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((_children_cpu() - cpu_before) * 1000)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    exe = str(Path(sys.executable).with_name("backcoach"))
    import backcoach

    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(Path(backcoach.__file__).parent)],
        check=True,
    )
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "BACKCOACH_HOME": home}
        env.pop("BACKCOACH_DATABASE_URL", None)
        print(f"{'command':<28} {'median ms':>10} {'min':>7} {'max':>7} {'cpu ms':>7}")
        failed = False
        for args in COMMANDS:
            samples, cpu = time_command(exe, args, env, options.runs)
            median = statistics.median(samples)
            name = "backcoach " + " ".join(args)
            print(
                f"{name:<28} {median:>10.0f} {min(samples):>7.0f} {max(samples):>7.0f}"
                f" {statistics.median(cpu):>7.0f}"
            )
            if args == ["exercises"] and median > GOAL_MS:
                failed = True
        print(f"goal: 'backcoach exercises' median under {GOAL_MS:.0f} ms")
        sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
