"""Benchmark: logging a set through the API at 100 concurrent clients, on SQLite and PostgreSQL.

    .venv/bin/python bench/api_concurrency.py [--clients 100] [--seconds 10] [--runs 3]
        [--interval 1.0] [--engines sqlite,postgresql] [--postgres-url URL]
        [--people N] [--no-plan] [--workers N] [--warmup 5]

Goal (SPEC): logging a set through the API under 20 ms p99 at 100 concurrent clients.

Each run starts a real server (uvicorn, the app's factory) on loopback over a fresh
database and registers ``--people`` people (default: one per client), each with a profile,
a plan and an API token, so that every logged set also runs progression, as it does for
anyone training from a plan (``--no-plan`` leaves it out). Then ``--clients`` clients log
sets with ``POST /api/v1/users/me/sets`` (each with its own id, its own keep-alive
connection and one person's token; three sets of each planned exercise in turn) for
``--seconds`` after ``--warmup`` seconds (5). Each client has a set due every
``--interval`` seconds, on a fixed timetable, the clients' timetables spread evenly over
one interval (a person logs a set a minute or so; one a second per client is already far
busier), or back to back with ``--interval 0``, which measures the most the server takes
(latency is then mostly queueing: 100 clients / throughput). Latency is the time from
when a set was due to reading its answer, so a client held up by a slow answer counts the
wait. The table shows p50, p99 and throughput per engine, medians of ``--runs`` runs.

PostgreSQL is the test server (``scripts/test-postgres start``; its URL from
``--postgres-url`` or $BACKCOACH_TEST_POSTGRES_URL), a new database for each run. Client and
server share the machine: run it on an otherwise idle one.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import httpx

GOAL_P99_MS = 20.0
ROOT = Path(__file__).resolve().parent.parent
SET = {"reps": 8, "rpe": 8.0}


@dataclass(frozen=True)
class Result:
    """One run: request latencies (ms) and how many answers per second came back."""

    p50_ms: float
    p99_ms: float
    throughput: float
    requests: int
    errors: int
    #: The server's CPU time per answered request (ms), warm-up included; None with workers.
    cpu_ms: float | None = None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def fresh_database(engine: str, postgres_url: str, folder: Path) -> Iterator[str]:
    """A new, empty database URL for one run; a PostgreSQL database is dropped after."""
    if engine == "sqlite":
        yield f"sqlite:///{folder / f'bench-{uuid.uuid4().hex[:8]}.db'}"
        return
    from sqlalchemy import create_engine, text

    name = f"bc_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{postgres_url.rpartition('/')[0]}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def server(url: str, folder: Path, workers: int = 1) -> Iterator[tuple[str, int]]:
    """uvicorn serving the app over ``url`` with ``workers`` processes; its URL and pid."""
    port = _free_port()
    env = {
        **os.environ,
        "BACKCOACH_DATABASE_URL": url,
        "BACKCOACH_MODE": "server",
        "BACKCOACH_JOBS": "thread",
        "BACKCOACH_HOME": str(folder / "home"),
        "BACKCOACH_UPLOAD_DIR": str(folder / "uploads"),
        "BACKCOACH_SECURE_COOKIES": "0",
    }
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "backcoach.cli.server_commands:web_app",  # the app as 'backcoach serve' makes it
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
        "--workers",
        str(workers),
    ]
    process = subprocess.Popen(command, env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/v1/exercises", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"The server did not start (exit code {process.poll()}).")
            time.sleep(0.2)
        yield base, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


#: Each person's profile: its plan has pull-ups, shrugs and overhead raises.
PROFILE = {
    "equipment": ["barbell", "plates", "rack", "dumbbells", "pull-up-bar"],
    "days_per_week": 3,
    "experience": "intermediate",
}
#: What the people log, three sets of each in turn: the plan's exercises and loads.
EXERCISES = (("pull-up", None), ("barbell-shrug", 60.0), ("overhead-dumbbell-raise", 10.0))


def api_token(base: str, plan: bool = True) -> str:
    """Register a person, give them a profile and a plan, and make an API token; its secret.

    With a plan, every logged set also runs progression (the next targets), as it does for
    anyone training from a plan.
    """
    with httpx.Client(base_url=base, timeout=60) as client:
        email = f"bench-{uuid.uuid4().hex[:8]}@example.com"
        answer = client.post(
            "/api/v1/accounts",
            json={"email": email, "password": "correct horse battery", "name": "Bench"},
        )
        answer.raise_for_status()
        client.headers["X-CSRF-Token"] = answer.json()["csrf_token"]
        if plan:
            profile = {**PROFILE, "start_date": time.strftime("%Y-%m-%d")}
            client.put("/api/v1/users/me/profile", json=profile).raise_for_status()
            client.post("/api/v1/users/me/plan").raise_for_status()
        made = client.post("/api/v1/me/tokens", json={"name": "bench"})
        made.raise_for_status()
        secret: str = made.json()["secret"]
        return secret


async def _post(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, head: bytes, body: bytes
) -> int:
    """Send one request on a kept-alive connection; the answer's status."""
    writer.write(head + str(len(body)).encode() + b"\r\n\r\n" + body)
    await writer.drain()
    header = await reader.readuntil(b"\r\n\r\n")
    lines = header.split(b"\r\n")
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    await reader.readexactly(length)
    return int(lines[0].split(b" ")[1])


async def _client(
    base: str,
    token: str,
    interval: float,
    first: float,
    start: float,
    until: float,
    out: list[float],
    answered: list[int],
) -> int:
    # A bare HTTP/1.1 client: httpx spends as much CPU per request as the server does,
    # and client and server share the machine.
    host, port = base.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    head = (
        f"POST /api/v1/users/me/sets HTTP/1.1\r\nHost: {host}:{port}\r\n"
        f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
        "Content-Length: "
    ).encode()
    errors = 0
    try:
        turn = 0
        due = first
        while due < until:
            # Each set is due at its own time (``first`` + turns x ``interval``), whatever
            # happened before: a client that sent whenever its last answer was an interval
            # old would keep any bunching that a slow moment caused, a burst every second.
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            exercise, load = EXERCISES[turn // 3 % len(EXERCISES)]
            turn += 1
            one = {**SET, "exercise": exercise, "load_kg": load, "id": uuid.uuid4().hex}
            body = json.dumps(one).encode()
            status = await _post(reader, writer, head, body)
            done = time.perf_counter()
            answered.append(1)
            if status != 201:
                errors += 1
            elif due >= start:
                # From when the set was due, not when it went out: a client held up by a
                # slow answer before counts the wait (no "coordinated omission").
                out.append((done - due) * 1000)
            due = due + interval if interval > 0 else time.perf_counter()
    finally:
        writer.close()
    return errors


async def _load(
    base: str, tokens: list[str], clients: int, seconds: float, interval: float, warmup: float
) -> tuple[Result, int]:
    begin = time.perf_counter()
    start, until = begin + warmup, begin + warmup + seconds
    latencies: list[float] = []
    answered: list[int] = []
    # The client is the measuring instrument: no garbage-collection pauses of its own.
    gc.collect()
    gc.disable()
    # Spread the first sets evenly over one interval, as people do not press at once.
    tasks = [
        asyncio.create_task(
            _client(
                base,
                tokens[i % len(tokens)],
                interval,
                begin + interval * i / clients,
                start,
                until,
                latencies,
                answered,
            )
        )
        for i in range(clients)
    ]
    try:
        errors = sum(await asyncio.gather(*tasks))
    finally:
        gc.enable()
    ordered = sorted(latencies)
    result = Result(
        p50_ms=statistics.median(ordered),
        p99_ms=ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))],
        throughput=len(ordered) / seconds,
        requests=len(ordered),
        errors=errors,
    )
    return result, len(answered)


def _cpu_seconds(pid: int) -> float | None:
    """User and system CPU time of a process so far (Linux), else None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_once(engine: str, args: argparse.Namespace, folder: Path) -> Result:
    """One run on a fresh database and a fresh server."""
    with (
        fresh_database(engine, args.postgres_url, folder) as url,
        server(url, folder, args.workers) as (base, pid),
    ):
        tokens = [api_token(base, plan=not args.no_plan) for _ in range(args.people)]
        before = _cpu_seconds(pid)
        result, answered = asyncio.run(
            _load(base, tokens, args.clients, args.seconds, args.interval, args.warmup)
        )
        after = _cpu_seconds(pid)
    if args.workers == 1 and before is not None and after is not None and answered:
        return replace(result, cpu_ms=(after - before) * 1000 / answered)
    return result


def _postgres_url(given: str | None) -> str:
    if given:
        return given
    if os.environ.get("BACKCOACH_TEST_POSTGRES_URL"):
        return os.environ["BACKCOACH_TEST_POSTGRES_URL"]
    started = subprocess.run(
        [str(ROOT / "scripts" / "test-postgres"), "start"],
        check=True,
        capture_output=True,
        text=True,
    )
    return started.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--interval", type=float, default=1.0, help="seconds between one client's sets (0: none)"
    )
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument(
        "--warmup",
        type=float,
        default=5.0,
        help="seconds of load before measuring (each person's plan is read and parsed "
        "once per process, with their first set)",
    )
    parser.add_argument(
        "--people", type=int, default=None, help="distinct people (default: one per client)"
    )
    parser.add_argument(
        "--no-plan", action="store_true", help="people without a plan (no progression per set)"
    )
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--postgres-url", default=None)
    args = parser.parse_args()
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    args.people = max(1, min(args.people or args.clients, args.clients))
    if "postgresql" in engines:
        args.postgres_url = _postgres_url(args.postgres_url)
    pace = f"one set every {args.interval:g} s each" if args.interval > 0 else "back to back"
    plans = "without plans" if args.no_plan else "each with a plan"
    print(
        f"{args.clients} clients, {args.people} people {plans}, {pace}, "
        f"{args.seconds:g} s per run after {args.warmup:g} s of warm-up, {args.runs} runs, "
        f"{args.workers} server process(es), {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f} before"
    )
    print(
        f"{'engine':<11} {'p50 ms':>8} {'p99 ms':>8} {'sets/s':>8} {'CPU ms/set':>10}  "
        "runs (p50/p99/sets/s)"
    )
    with tempfile.TemporaryDirectory(prefix="backcoach-bench-") as tmp:
        for engine in engines:
            results = []
            for _ in range(args.runs):
                result = run_once(engine, args, Path(tmp))
                if result.errors:
                    print(f"  {engine}: {result.errors} requests failed", file=sys.stderr)
                results.append(result)
            p50 = statistics.median(r.p50_ms for r in results)
            p99 = statistics.median(r.p99_ms for r in results)
            rate = statistics.median(r.throughput for r in results)
            cpus = [r.cpu_ms for r in results if r.cpu_ms is not None]
            cpu = f"{statistics.median(cpus):.1f}" if cpus else "-"
            each = ", ".join(f"{r.p50_ms:.1f}/{r.p99_ms:.1f}/{r.throughput:.0f}" for r in results)
            verdict = "meets" if p99 < GOAL_P99_MS else "misses"
            print(
                f"{engine:<11} {p50:>8.1f} {p99:>8.1f} {rate:>8.0f} {cpu:>10}  {each}  "
                f"({verdict} the {GOAL_P99_MS:g} ms p99 goal)"
            )
    print(f"load average {os.getloadavg()[0]:.1f} after")


if __name__ == "__main__":
    main()
