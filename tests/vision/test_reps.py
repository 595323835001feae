"""Repetition segmentation on plain signals: adaptive, and deaf to jitter and holds."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from backcoach.vision.reps import dominant_period, segment_reps, turning_points

FPS = 30.0


def wave(
    periods: list[float], amplitudes: list[float] | None = None, hold: float = 0.0
) -> npt.NDArray[np.float64]:
    """One raised-cosine bump per period (with an optional hold at the top)."""
    out: list[float] = [0.0] * 15
    for i, p in enumerate(periods):
        a = 1.0 if amplitudes is None else amplitudes[i]
        n = int(p * FPS)
        up = np.sin(np.linspace(0, np.pi / 2, n // 2)) ** 2 * a
        out.extend(up)
        out.extend([a] * int(hold * FPS))
        out.extend(up[::-1])
    out.extend([0.0] * 15)
    return np.array(out)


def test_turning_points_ignore_moves_smaller_than_the_hysteresis() -> None:
    x = np.array([0, 1, 0.8, 1.1, 0, 0.2, 0, 1, 0], dtype=float)
    pts = turning_points(x, 0.5)
    assert [k for _, k in pts] == ["valley", "peak", "valley", "peak", "valley"]


def test_counts_each_bump_whatever_the_amplitude_scale() -> None:
    for scale in (0.5, 1.0, 40.0):
        seg = segment_reps(wave([2.0] * 6) * scale, FPS, floor=0.1 * scale)
        assert sum(s.full for s in seg.swings) == 6


def test_jitter_below_the_floor_is_no_repetition() -> None:
    noise = np.random.default_rng(1).normal(0, 0.02, 600)
    assert segment_reps(noise, FPS, floor=0.3).swings == []


def test_jitter_on_top_of_reps_does_not_add_any() -> None:
    x = wave([1.5, 2.0, 2.5, 1.8, 2.2])
    x = x + np.random.default_rng(2).normal(0, 0.04, len(x))
    seg = segment_reps(x, FPS, floor=0.3)
    assert sum(s.full for s in seg.swings) == 5


def test_long_holds_at_the_top_are_one_repetition_each() -> None:
    x = wave([2.0] * 4, hold=3.0)
    x = x + np.random.default_rng(3).normal(0, 0.03, len(x))
    assert sum(s.full for s in segment_reps(x, FPS, floor=0.3).swings) == 4


def test_a_short_bump_among_full_ones_is_partial() -> None:
    seg = segment_reps(wave([2.0] * 5, [1, 1, 0.4, 1, 1]), FPS, floor=0.2)
    assert [s.full for s in seg.swings] == [True, True, False, True, True]


def test_a_rise_cut_off_by_the_end_still_counts() -> None:
    x = wave([2.0] * 3)
    x = np.concatenate([x, np.sin(np.linspace(0, np.pi / 2, 30)) ** 2])
    seg = segment_reps(x, FPS, floor=0.3)
    assert sum(s.full for s in seg.swings) == 4
    assert seg.swings[-1].cut_off


def test_nan_gaps_split_the_signal_without_inventing_reps() -> None:
    x = wave([2.0] * 4)
    x[100:130] = np.nan
    seg = segment_reps(x, FPS, floor=0.3)
    assert sum(s.full for s in seg.swings) <= 4


def test_dominant_period_is_found_by_autocorrelation() -> None:
    x = wave([1.6] * 10)
    period = dominant_period(x, FPS)
    assert period == pytest.approx(1.6, rel=0.1)


def test_no_period_in_noise() -> None:
    assert dominant_period(np.random.default_rng(4).normal(0, 1, 900), FPS) is None


def test_rep_times_bracket_the_peak() -> None:
    seg = segment_reps(wave([2.0] * 3), FPS, floor=0.3)
    for s in seg.swings:
        assert s.bottom <= s.start < s.top_reached <= s.peak <= s.top_left
        assert s.end is not None
        assert s.top_left < s.end


def test_a_pose_glitch_is_neither_a_repetition_nor_a_split_of_one() -> None:
    # The pose model throws a limb across the picture for a tenth of a second: between
    # two repetitions, and early on the way up of a third (split off the real rise).
    x = wave([2.0] * 5)
    peaks = [int(i) for i in np.flatnonzero((x[1:-1] > x[:-2]) & (x[1:-1] >= x[2:])) + 1]
    between = (peaks[0] + peaks[1]) // 2
    x[between : between + 3] += 1.2
    rising = peaks[3] - 24
    assert x[rising] < 0.3
    x[rising : rising + 3] += 1.0
    seg = segment_reps(x, FPS, floor=0.3)
    assert [s.full for s in seg.swings] == [True] * 5
    assert [s.peak for s in seg.swings] == peaks


def test_a_brisk_repetition_is_not_taken_for_a_glitch() -> None:
    # The devset's briskest pull-ups spend about 0.7 s away from the bottom; these spend
    # 0.43 s, just over the shortest repetition there is.
    seg = segment_reps(wave([0.6] * 8), FPS, floor=0.3)
    assert sum(s.full for s in seg.swings) == 8
