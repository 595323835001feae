"""The installed ``backcoach`` program, run as a person runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def backcoach(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("backcoach", path=str(Path(sys.executable).parent)) or "backcoach"
    env = {**os.environ, "BACKCOACH_HOME": str(home), "COLUMNS": "200"}
    env.pop("BACKCOACH_DATABASE_URL", None)
    return subprocess.run([exe, *args], capture_output=True, text=True, env=env, timeout=60)


def test_the_program_logs_and_shows_history(tmp_path: Path) -> None:
    logged = backcoach("log", "row", "3x8@60kg", "--rpe", "8", home=tmp_path)
    assert logged.returncode == 0, logged.stderr
    shown = backcoach("history", home=tmp_path)
    assert "60 kg" in shown.stdout
    assert (tmp_path / "backcoach.db").exists()


def test_the_program_explains_errors_without_a_traceback(tmp_path: Path) -> None:
    result = backcoach("log", "row", "3x8@60kg", "--rpe", "eleven", home=tmp_path)
    assert result.returncode == 2  # a usage error, reported by the option parser
    assert "Traceback" not in result.stderr
    result = backcoach("exercise", "deadlift", home=tmp_path)
    assert result.returncode == 1
    assert "Unknown exercise 'deadlift'" in result.stderr
    assert "Traceback" not in result.stderr
