"""A process killed (SIGKILL) mid-write leaves the database intact, holding what committed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from backcoach import services
from backcoach.store import open_database
from backcoach.store.tables import SessionRow, SetRow
from backcoach.training.set_spec import parse_set_spec
from backcoach.training.users import LOCAL_USER_ID

from .writer_process import BATCH

WRITER = Path(__file__).with_name("writer_process.py")


def kill_while_writing(url: str, target_batch: int) -> tuple[set[int], set[int]]:
    """Run the writer, kill it halfway through ``target_batch``; return (committed, started)."""
    env = {**os.environ, "PYTHONPATH": str(WRITER.parents[2])}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.store.writer_process", url],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=WRITER.parents[2],
    )
    assert proc.stdout is not None
    committed: set[int] = set()
    started: set[int] = set()
    for line in proc.stdout:
        word, number = line.split()
        (committed if word == "committed" else started).add(int(number))
        if word == "writing" and int(number) == target_batch:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    # Lines the writer printed before it died are still in the pipe.
    for line in proc.stdout:
        word, number = line.split()
        (committed if word == "committed" else started).add(int(number))
    return committed, started


def test_a_killed_writer_leaves_exactly_the_committed_batches(db_url: str) -> None:
    committed, _started = kill_while_writing(db_url, target_batch=4)
    assert committed == {0, 1, 2, 3}

    db = open_database(db_url)
    if db.is_sqlite:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    with db.session() as s:
        sessions = set(s.scalars(select(SessionRow.id)))
        per_session = dict(
            s.execute(select(SetRow.session_id, func.count()).group_by(SetRow.session_id)).all()  # type: ignore[arg-type]
        )
    # The batch that was being written when the process died is either wholly there
    # (its commit finished before the kill) or not there at all.
    expected = {f"batch-{n}" for n in committed}
    assert expected <= sessions <= expected | {"batch-4"}
    assert all(per_session[sid] == BATCH for sid in sessions)

    # And the database still takes new sets.
    services.ensure_user(db)
    result = services.log_sets(
        db, LOCAL_USER_ID, parse_set_spec("3x8@60kg"), exercise_id="bent-over-row"
    )
    assert len(result.stored) == 3
    db.close()
