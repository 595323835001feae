"""Invariants: where the person stands in the picture, how big, at what frame rate."""

from __future__ import annotations

import functools

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcoach.vision.analyse import analyse
from backcoach.vision.pose import PoseSequence
from backcoach.vision.reps import segment_reps
from tests.vision.motion import make_clip, reps

EXERCISES = ["pull-up", "bent-over-row", "barbell-shrug", "overhead-dumbbell-raise"]
VIEW = {
    "pull-up": "front",
    "bent-over-row": "side",
    "barbell-shrug": "front",
    "overhead-dumbbell-raise": "front",
}
SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@functools.cache
def base(exercise: str, n: int, seed: int) -> PoseSequence:
    clip = make_clip(exercise, reps(n, seed=seed), view=VIEW[exercise], noise=0.005, seed=seed)  # type: ignore[arg-type]
    return clip.poses


def moved(p: PoseSequence, scale: float, dx: float, dy: float) -> PoseSequence:
    img = p.image.copy()
    img[..., 0] = 0.5 + (img[..., 0] - 0.5) * scale + dx
    img[..., 1] = 0.5 + (img[..., 1] - 0.5) * scale + dy
    return PoseSequence(t=p.t, image=img, world=None, fps=p.fps, width=p.width, height=p.height)


@SETTINGS
@given(
    exercise=st.sampled_from(EXERCISES),
    n=st.integers(2, 6),
    scale=st.floats(0.4, 2.5),
    dx=st.floats(-0.3, 0.3),
    dy=st.floats(-0.3, 0.3),
)
def test_count_does_not_depend_on_where_or_how_big_the_person_is(
    exercise: str, n: int, scale: float, dx: float, dy: float
) -> None:
    p = base(exercise, n, 7)
    assert analyse(moved(p, scale, dx, dy), exercise).counted_reps == n


@SETTINGS
@given(exercise=st.sampled_from(EXERCISES), n=st.integers(2, 6), step=st.sampled_from([1, 2, 3]))
def test_count_survives_dropping_to_a_lower_frame_rate(exercise: str, n: int, step: int) -> None:
    p = base(exercise, n, 8)
    low = PoseSequence(
        t=p.t[::step],
        image=p.image[::step],
        world=None,
        fps=p.fps / step,
        width=p.width,
        height=p.height,
    )
    assert analyse(low, exercise).counted_reps == n


@SETTINGS
@given(exercise=st.sampled_from(EXERCISES), n=st.integers(2, 5))
def test_mirroring_the_picture_changes_no_count(exercise: str, n: int) -> None:
    p = base(exercise, n, 9)
    img = p.image.copy()
    img[..., 0] = 1.0 - img[..., 0]
    flipped = PoseSequence(t=p.t, image=img, world=None, fps=p.fps, width=p.width, height=p.height)
    assert analyse(flipped, exercise).counted_reps == n


@settings(max_examples=40, deadline=None)
@given(
    amplitude=st.floats(0.5, 50.0),
    offset=st.floats(-100.0, 100.0),
    n=st.integers(1, 8),
    period=st.floats(0.8, 4.0),
)
def test_segmentation_is_invariant_to_the_signals_units(
    amplitude: float, offset: float, n: int, period: float
) -> None:
    fps = 30.0
    t = np.arange(0, n * period, 1 / fps)
    x = np.concatenate([np.zeros(10), 0.5 - 0.5 * np.cos(2 * np.pi * t / period), np.zeros(10)])
    seg1 = segment_reps(x, fps, floor=0.2)
    seg2 = segment_reps(x * amplitude + offset, fps, floor=0.2 * amplitude)
    assert sum(s.full for s in seg1.swings) == n
    # Same peaks, give or take a frame where two samples at the top differ by rounding.
    peaks1, peaks2 = [s.peak for s in seg1.swings], [s.peak for s in seg2.swings]
    assert len(peaks1) == len(peaks2)
    assert all(abs(a - b) <= 1 for a, b in zip(peaks1, peaks2, strict=True))
