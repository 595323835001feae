"""Commands that need no database or pose model do not import them (start-up stays fast)."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import sys
sys.argv = ["backcoach", *{args!r}]
from backcoach.cli import main
try:
    main()
except SystemExit:
    pass
heavy = [m for m in ("sqlalchemy", "alembic", "psycopg", "mediapipe", "cv2", "numpy")
         if m in sys.modules]
sys.stderr.write("HEAVY=" + ",".join(heavy) + "\\n")
"""


@pytest.mark.parametrize("args", [["exercises"], ["exercise", "pull-up"], ["--help"]])
def test_library_commands_load_no_database_or_vision_modules(args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args)], capture_output=True, text=True, timeout=60
    )
    heavy = result.stderr.strip().splitlines()[-1]
    assert heavy == "HEAVY=", result.stderr
