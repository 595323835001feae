"""Repetition segmentation: from one movement signal to the clip's repetitions.

Each exercise reduces a clip to one number per frame that rises during the working
(concentric) phase and falls back during the lowering, for example the nose's height above
the hands in a pull-up. :func:`segment_reps` cuts that signal into repetitions without
any fixed global threshold; everything scales with the clip itself:

0. **Glitches out.** A rise and return quicker than :data:`MIN_REP_S` is the pose model
   losing a limb for a moment, not a movement: it is flattened before anything else.
1. **Turning points with hysteresis** (a zig-zag): a peak is confirmed only once the
   signal has fallen back by the hysteresis, a valley once it has risen by it. Jitter
   and the wobble of a hold or a pause never make a turning point. The first pass uses
   the exercise's noise floor as the hysteresis.
2. **Posture.** The analyser keeps only the swings made in the exercise's posture, so
   the walk-in, the set-up and the walk-out neither count nor shape what follows.
3. **Typical repetition.** The clip's typical full range is the 80th percentile of the
   rises and falls of those swings; the hysteresis is then re-set to a fraction of it and the
   turning points found again, so a clip of small movements and a clip of large ones
   are cut alike.
4. **Dominant period** (autocorrelation) gives the shortest plausible repetition: two
   peaks closer than a fraction of the period, with a shallow dip between them, are one
   repetition with a wobble at the top.
5. **Each peak** with the valley before it (the start) and after it (the end) is a
   candidate repetition. It is *full* when its rise reaches :data:`FULL_FRACTION` of the
   typical rise, otherwise *partial*. A repetition whose return is cut off by the end of
   the clip (or a cut) still counts when its rise was full.

A noise floor in the signal's own units (given by each exercise: the smallest movement
that can be a repetition at all) keeps a clip with no repetitions from having its noise
scaled up into some. Posture checks (is the body in the exercise's position?) are the
analysers' business; this module knows only the signal.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from backcoach.vision.kinematics import BoolArray, IntArray, runs
from backcoach.vision.pose import FloatArray

StrArray = npt.NDArray[np.str_]

#: A rise below this fraction of the clip's typical rise makes a partial repetition.
FULL_FRACTION = 0.65
#: Hysteresis as a fraction of the typical rise (second pass; the first uses the floor).
HYSTERESIS_OF_TYPICAL = 0.3
#: Percentile of the swings' rises taken as the clip's typical full rise.
TYPICAL_PERCENTILE = 70.0
#: Start and end of a repetition: where the signal is within this fraction of the rise
#: from the bottom (the devset labels use the same 20 %).
BOTTOM_BAND = 0.2
#: The top is reached (and left) within this fraction of the rise from the peak.
TOP_BAND = 0.1
#: Peaks closer than this fraction of the dominant period belong to one repetition ...
MIN_PERIOD_FRACTION = 0.4
#: A swing whose bottom lies this close (seconds) to the start of the clip or of a shot
#: was already rising when filming (or the shot) began.
EDGE_S = 0.1
#: ... and whose dip between them is under this fraction of the typical range.
MERGE_DIP = 0.5
#: Shortest repetition (seconds) whatever the period: two peaks closer than this are one
#: repetition, and a rise and return quicker than this, away from the bottom and back
#: (start to end), is a jump of the pose model, not a movement. The quickest counted
#: repetitions of the devset (pullup_dev_01's brisk set) spend 0.7 s away from the bottom.
MIN_REP_S = 0.35
#: A camera view needs this many swings of its own (in the exercise's posture) to have
#: its own typical range; with fewer its swings are judged against the whole clip's.
MIN_VIEW_SWINGS = 3


@dataclass(frozen=True)
class Swing:
    """One rise and fall of the movement signal: a candidate repetition.

    Indices are frame indices into the signal. ``end`` and ``fall`` are None when the
    clip (or the shot) ends before the signal comes back down.
    """

    bottom: int
    start: int
    top_reached: int
    peak: int
    top_left: int
    end: int | None
    end_bottom: int | None
    rise: float
    fall: float | None
    full: bool
    started_before: bool = False

    @property
    def cut_off(self) -> bool:
        """True when the return phase was not seen (clip or shot ended at the top)."""
        return self.end is None


@dataclass(frozen=True)
class Segmentation:
    """The candidate repetitions of a clip and the clip-level numbers that shaped them."""

    swings: list[Swing]
    typical_rise: float
    hysteresis: float
    period_s: float | None
    bottom_level: float
    top_level: float
    #: (T,) the typical range that applies at each frame (differs from ``typical_rise``
    #: only where a camera view has its own, see :func:`segment_reps`); None: the clip's.
    typical_at: FloatArray | None = None

    def typical_for(self, swing: Swing) -> float:
        """The typical range a swing was judged against."""
        if self.typical_at is None:
            return self.typical_rise
        return float(self.typical_at[swing.peak])


def dominant_period(
    x: FloatArray, fps: float, *, min_s: float = 0.5, max_s: float = 12.0
) -> float | None:
    """The signal's dominant period in seconds from its autocorrelation, or None.

    Runs of known values are mean-removed and their autocorrelations pooled; the period
    is the lag of the highest autocorrelation peak after the first zero crossing, within
    [min_s, max_s]. None when no peak reaches 0.2 (no clear repetition).
    """
    max_lag = int(max_s * fps)
    acc = np.zeros(max_lag + 1)
    total = 0
    for a, b in runs(np.isfinite(x)):
        seg = x[a:b] - np.mean(x[a:b])
        n = len(seg)
        if n < 4:
            continue
        m = min(max_lag, n - 1)
        f = np.fft.rfft(seg, 2 * n)
        ac = np.fft.irfft(f * np.conj(f))[: m + 1]
        acc[: m + 1] += ac
        total += n
    if acc[0] <= 0 or total == 0:
        return None
    # The biased estimate (every lag divided by the same total) damps long lags, whose
    # few overlapping samples would otherwise make noise look like a long period.
    r = acc / acc[0]
    below = np.flatnonzero(np.nan_to_num(r, nan=1.0) < 0)
    if len(below) == 0:
        return None
    lo = max(int(below[0]), int(min_s * fps))
    if lo >= len(r) - 2:
        return None
    seg = np.nan_to_num(r[lo:], nan=-1.0)
    interior = (seg[1:-1] >= seg[:-2]) & (seg[1:-1] >= seg[2:])
    cand = np.flatnonzero(interior) + 1
    if len(cand) == 0:
        return None
    best = int(cand[np.argmax(seg[cand])])
    if seg[best] < 0.2:
        return None
    return float((lo + best) / fps)


def turning_points(x: FloatArray, h: float | FloatArray) -> list[tuple[int, str]]:
    """Alternating valleys and peaks of a finite signal with hysteresis ``h``.

    Returns (index, "valley" | "peak") pairs. A turning point is confirmed when the
    signal has moved back from it by at least ``h`` (a number, or one per sample: the
    hysteresis at the turning point applies). The last one of the run is the running
    extreme when the signal ends (it may still be unconfirmed).
    """
    n = len(x)
    if n == 0:
        return []
    hs = np.broadcast_to(np.asarray(h, dtype=np.float64), (n,))
    out: list[tuple[int, str]] = []
    imax = imin = 0
    mode = 0
    cand = 0
    for i in range(1, n):
        if mode == 0:
            if x[i] > x[imax]:
                imax = i
            if x[i] < x[imin]:
                imin = i
            if x[imax] - x[imin] >= hs[min(imin, imax)]:
                if imin < imax:
                    out.append((imin, "valley"))
                    mode, cand = 1, imax
                else:
                    out.append((imax, "peak"))
                    mode, cand = -1, imin
        elif mode == 1:
            if x[i] > x[cand]:
                cand = i
            elif x[cand] - x[i] >= hs[cand]:
                out.append((cand, "peak"))
                mode, cand = -1, i
        else:
            if x[i] < x[cand]:
                cand = i
            elif x[i] - x[cand] >= hs[cand]:
                out.append((cand, "valley"))
                mode, cand = 1, i
    if mode == 1:
        out.append((cand, "peak"))
    elif mode == -1:
        out.append((cand, "valley"))
    return out


def segment_reps(
    signal: FloatArray,
    fps: float,
    *,
    floor: float,
    shot: IntArray | None = None,
    accept: Callable[[Swing], bool] | None = None,
    full_fraction: float = FULL_FRACTION,
    views: StrArray | None = None,
) -> Segmentation:
    """Cut a movement signal (higher = further into the working phase) into swings.

    ``floor`` is the smallest rise, in the signal's units, that can be a repetition at
    all. ``shot`` (frame -> shot number, -1 unknown) keeps swings from spanning a cut.
    Frames where the signal is NaN (no pose) split it. ``accept`` says whether a swing
    happened in the exercise's posture; only accepted swings are kept and shape the
    clip's typical repetition, so a walk-in or a pose at the end cannot. ``views``
    (frame -> camera view) lets each view with enough repetitions of its own have its
    own typical range: the same repetition moves the signal less from some angles.
    """
    keep = accept if accept is not None else (lambda _s: True)
    x = np.asarray(signal, dtype=np.float64)
    ok = np.isfinite(x)
    if shot is not None:
        ok &= shot >= 0
    pieces = _pieces(ok, shot)
    empty = Segmentation([], 0.0, floor, None, float("nan"), float("nan"))
    if not pieces:
        return empty
    x = remove_glitches(x, pieces, floor, round(MIN_REP_S * fps))
    first = [s for s in _swings(x, pieces, floor, floor, 0.0, full_fraction) if keep(s)]
    # Each repetition shows its range twice, rising and falling; taking both means a
    # one-way movement (lifting the weights into place, letting go of the bar) weighs
    # half, and cannot make the ordinary repetitions look short.
    ranges = [s.rise for s in first] + [s.fall for s in first if s.fall is not None]
    rises = np.array([r for r in ranges if r >= floor])
    if len(rises) == 0:
        return Segmentation([], 0.0, floor, None, float("nan"), float("nan"))
    typical = float(np.percentile(rises, TYPICAL_PERCENTILE))
    typical_at = _typical_per_view(first, views, len(x), typical, floor)
    h_at = np.maximum(floor, HYSTERESIS_OF_TYPICAL * typical_at)
    h = max(floor, HYSTERESIS_OF_TYPICAL * typical)
    masked = np.where(ok, x, np.nan)
    period = dominant_period(masked, fps)
    min_sep = max(MIN_REP_S, MIN_PERIOD_FRACTION * period) if period else MIN_REP_S
    edge = max(2, round(EDGE_S * fps))
    swings = [
        s
        for s in _swings(
            x, pieces, h_at, floor, typical_at, full_fraction, round(min_sep * fps), edge
        )
        if keep(s)
    ]
    base = [s for s in swings if s.full and not s.started_before] or swings
    bottom = float(np.median([x[s.bottom] for s in base])) if base else float("nan")
    top = float(np.median([x[s.peak] for s in base])) if base else float("nan")
    # A rise already under way when the clip (or a shot) begins is judged by how high it
    # gets from the clip's usual bottom, as a return cut off at the end is by its rise.
    swings = [
        replace(
            s,
            full=bool(x[s.peak] - min(x[s.bottom], bottom) >= full_fraction * typical_at[s.peak]),
        )
        if s.started_before and np.isfinite(bottom)
        else s
        for s in swings
    ]
    return Segmentation(swings, typical, h, period, bottom, top, typical_at)


def remove_glitches(
    x: FloatArray, pieces: list[tuple[int, int]], floor: float, shortest: int
) -> FloatArray:
    """The signal with every rise and return shorter than ``shortest`` frames (start to
    end) flattened to a straight line between its start and end.

    A pose model that loses a limb for a moment throws it across the picture and back
    within a frame or a few: the movement signal jumps by a whole repetition's range
    and drops back. Left in, such a spike counts as a repetition, or splits the real
    one it lands on into two short pieces. No body moves a load up and back down that
    fast, so the spike is taken out before the repetitions are looked for.
    """
    y = np.array(x, dtype=np.float64)
    for _ in range(8):
        quick = [
            (s.start, s.end)
            for s in _swings(y, pieces, floor, floor, 0.0, FULL_FRACTION)
            if s.end is not None and s.end - s.start < shortest
        ]
        if not quick:
            break
        for a, b in quick:
            span = np.arange(a, b + 1)
            y[span] = np.interp(span, [a, b], [y[a], y[b]])
    return y


def _typical_per_view(
    swings: list[Swing], views: StrArray | None, n: int, typical: float, floor: float
) -> FloatArray:
    """(T,) the typical range that applies at each frame: the clip's, or, for a camera
    view with at least :data:`MIN_VIEW_SWINGS` kept swings of its own, that view's."""
    out = np.full(n, typical)
    if views is None:
        return out
    for view in np.unique(views):
        own = [s for s in swings if views[s.peak] == view]
        if str(view) == "unknown" or len(own) < MIN_VIEW_SWINGS:
            continue
        ranges = [s.rise for s in own] + [s.fall for s in own if s.fall is not None]
        kept = [r for r in ranges if r >= floor]
        if kept:
            out[views == view] = float(np.percentile(kept, TYPICAL_PERCENTILE))
    return out


def _pieces(ok: BoolArray, shot: IntArray | None) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in runs(ok):
        if shot is None:
            out.append((a, b))
            continue
        s = shot[a:b]
        cuts = np.flatnonzero(np.diff(s) != 0) + 1
        edges = [0, *cuts.tolist(), b - a]
        out.extend((a + e0, a + e1) for e0, e1 in itertools.pairwise(edges))
    return [(a, b) for a, b in out if b - a >= 3]


def _merge_close(
    points: list[tuple[int, str]], x: FloatArray, min_gap: int, max_dip: FloatArray
) -> list[tuple[int, str]]:
    """Drop the lower of two peaks closer than ``min_gap`` frames whose valley between
    them dips less than ``max_dip`` below the lower peak: one repetition with a wobble."""
    pts = list(points)
    changed = True
    while changed and min_gap > 0:
        changed = False
        for k in range(len(pts) - 2):
            (i, ki), (j, kj), (m, km) = pts[k], pts[k + 1], pts[k + 2]
            if ki != "peak" or kj != "valley" or km != "peak" or m - i >= min_gap:
                continue
            if min(x[i], x[m]) - x[j] < max_dip[j]:
                keep = pts[k] if x[i] >= x[m] else pts[k + 2]
                pts[k : k + 3] = [keep]
                changed = True
                break
    return pts


def _swings(
    x: FloatArray,
    pieces: list[tuple[int, int]],
    h: float | FloatArray,
    floor: float,
    typical: float | FloatArray,
    full_fraction: float,
    min_gap: int = 0,
    edge: int = 2,
) -> list[Swing]:
    out: list[Swing] = []
    hs = np.broadcast_to(np.asarray(h, dtype=np.float64), x.shape)
    typ = np.broadcast_to(np.asarray(typical, dtype=np.float64), x.shape)
    for a, b in pieces:
        seg = x[a:b]
        pts = [(a + i, k) for i, k in turning_points(seg, hs[a:b])]
        pts = _merge_close(pts, x, min_gap, MERGE_DIP * typ)
        for k, (p, kind) in enumerate(pts):
            if kind != "peak":
                continue
            # When the piece starts on the way up its lowest sample is the only bottom seen.
            bottom = pts[k - 1][0] if k > 0 else a + int(np.argmin(x[a : p + 1]))
            started_before = bottom - a <= edge
            nxt = pts[k + 1][0] if k + 1 < len(pts) else None
            confirmed = nxt is not None
            rise = float(x[p] - x[bottom])
            if rise < floor:
                continue
            fall = float(x[p] - x[nxt]) if confirmed and nxt is not None else None
            start = _last_at_or_below(x, bottom, p, x[bottom] + BOTTOM_BAND * rise)
            top_reached = _first_at_or_above(x, start, p, x[p] - TOP_BAND * rise)
            stop = nxt if nxt is not None else b - 1
            top_left = _last_at_or_above(x, p, stop, x[p] - TOP_BAND * rise)
            end = None
            if confirmed and nxt is not None and fall is not None:
                end = _first_at_or_below(x, p, nxt, x[nxt] + BOTTOM_BAND * fall)
            full = typ[p] > 0 and rise >= full_fraction * typ[p]
            out.append(
                Swing(
                    bottom=bottom,
                    start=start,
                    top_reached=top_reached,
                    peak=p,
                    top_left=top_left,
                    end=end,
                    end_bottom=nxt,
                    rise=rise,
                    fall=fall,
                    full=bool(full),
                    started_before=started_before,
                )
            )
    return out


def _last_at_or_below(x: FloatArray, a: int, b: int, level: float) -> int:
    idx = np.flatnonzero(x[a : b + 1] <= level)
    return a + int(idx[-1]) if len(idx) else a


def _first_at_or_above(x: FloatArray, a: int, b: int, level: float) -> int:
    idx = np.flatnonzero(x[a : b + 1] >= level)
    return a + int(idx[0]) if len(idx) else b


def _last_at_or_above(x: FloatArray, a: int, b: int, level: float) -> int:
    idx = np.flatnonzero(x[a : b + 1] >= level)
    return a + int(idx[-1]) if len(idx) else a


def _first_at_or_below(x: FloatArray, a: int, b: int, level: float) -> int:
    idx = np.flatnonzero(x[a : b + 1] <= level)
    return a + int(idx[0]) if len(idx) else b
