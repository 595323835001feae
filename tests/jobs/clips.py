"""Clips for the job tests, from tests/vision/media.py: real photographs, known motion.

:func:`raise_clip` is the footballer of messi5.jpg raising his arms :data:`REPS` times
(548 x 342 pixels, 20 fps, 5.2 seconds); :func:`empty_clip` is one second of a plain
gradient with nobody in it, tiny and quick to check.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.vision import media

EXERCISE = "overhead-dumbbell-raise"
REPS = 3
FPS = 20.0
PERIOD_S = 1.4


def raise_clip(path: Path) -> Path:
    """Three arm raises as an H.264 mp4."""
    frames = media.arm_raise_frames(REPS, fps=FPS, period_s=PERIOD_S, hold_s=0.5)
    return media.write_video(path, frames, fps=FPS)


def empty_clip(path: Path) -> Path:
    """One second of a scene with nobody in it (96 x 64, 10 fps)."""
    return media.write_video(path, media.still(media.gradient(96, 64), 10), fps=10.0)


def poll(
    fetch: Callable[[], dict[str, Any]],
    done: Callable[[dict[str, Any]], bool],
    timeout: float = 180.0,
    every: float = 0.1,
) -> list[dict[str, Any]]:
    """Call ``fetch`` until ``done`` says so; every answer seen, in order."""
    seen: list[dict[str, Any]] = []
    deadline = time.monotonic() + timeout
    while True:
        seen.append(fetch())
        if done(seen[-1]):
            return seen
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting; last answer: {seen[-1]}")
        time.sleep(every)


def over(job: dict[str, Any]) -> bool:
    """True once a job is done or failed."""
    return job["status"] in ("done", "failed")
