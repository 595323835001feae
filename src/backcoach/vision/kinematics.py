"""From raw landmarks to clean body measurements: gaps, cuts, smoothing, angles, distances.

Everything is computed over a whole clip's arrays (a few numbers per frame, never images),
so a clip streamed from a video is collected first and analysed once.

* **Pixels, not normalised units.** x and y are scaled back to pixels so that angles are
  true angles whatever the frame's aspect ratio.
* **Body units.** Distances are divided by the torso length (shoulder midpoint to hip
  midpoint) taken as a rolling 90th percentile over three seconds: it follows a zoom or a
  camera moving closer, but not the brief foreshortening of the torso within a repetition.
  A moving or zooming camera therefore changes nothing measured in torso lengths.
* **Shots.** A cut in edited footage (most landmarks jumping at once) or a long stretch
  without a pose starts a new shot; gaps are filled and signals smoothed within a shot only.
* **Gaps.** Dropouts up to :data:`MAX_GAP_S` are bridged by linear interpolation; longer
  ones stay missing, because inventing half a second of motion would invent repetitions.
* **Smoothing: Savitzky-Golay**, window :data:`SMOOTH_WINDOW_S`, quadratic. The analysis
  sees the whole clip, so a zero-phase filter is possible: it removes landmark jitter
  without delaying peaks (a One Euro filter, being causal, lags in proportion to how much
  it smooths, which would shift every rep time) and keeps the height of short peaks
  better than a moving average. A live, frame-by-frame mode would use One Euro instead.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Literal, TypeVar

import numpy as np
import numpy.typing as npt
from scipy.ndimage import percentile_filter  # type: ignore[import-untyped]
from scipy.signal import savgol_filter  # type: ignore[import-untyped]

from backcoach.vision.pose import CORE, FloatArray, Landmark, PoseSequence

T = TypeVar("T")
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]
Side = Literal["left", "right"]
View = Literal["side", "front", "back", "unknown"]

#: Longest dropout (seconds) bridged by interpolation; longer gaps stay missing.
MAX_GAP_S = 0.4
#: Savitzky-Golay window (seconds).
SMOOTH_WINDOW_S = 0.2
#: Window (seconds) of the rolling percentile that gives the body scale.
SCALE_WINDOW_S = 3.0
#: Percentile of the torso length taken as the body scale: high enough to ignore the
#: torso's foreshortening within a repetition, low enough to ignore a few bad frames.
SCALE_PERCENTILE = 75.0
#: After a cut the tracker needs a moment to settle on the new shot; frames this soon
#: after a cut (seconds) are treated as missing.
SETTLE_S = 0.0
#: A cut: the median landmark moves more than this many torso lengths in one frame.
#: Real motion rarely moves most landmarks a third of a torso between frames even at 10 fps.
CUT_JUMP = 0.45
#: Across a dropout the body has had time to move: the cut threshold grows by this speed
#: (torso lengths per second) for each missing frame. The median landmark's fastest
#: movement over five frames in the devset is about 5 torso lengths a second; a pull-up's
#: rise lost for a sixth of a second must not read as a cut.
MAX_BODY_SPEED = 6.0
#: A smaller cut (the next shot frames the person almost alike) still shows as a jump of
#: the median landmark that stands out from the motion around it: at least this many
#: torso lengths ...
CUT_JUMP_SMALL = 0.1
#: ... and this many times the median landmark's usual frame-to-frame movement in the
#: :data:`CUT_CONTEXT_S` around it (leaving out the frame itself and its neighbours).
#: Body motion speeds up and slows down over several frames; a cut moves everything at
#: once in one frame and then the motion goes on as before.
CUT_SPIKE = 6.0
#: A cut's jump is also this many times the movement into and out of the frames either
#: side of it; a fast movement (a drop, a swing) is fast over several frames.
CUT_ADJACENT = 3.0
#: Seconds either side of a frame whose movement is the usual one it is compared with.
CUT_CONTEXT_S = 0.3
#: Visibility from which a landmark counts as seen (for the smaller cuts) ...
MIN_SEEN = 0.5
#: ... and how many core landmarks must be seen in both frames to judge one.
MIN_SEEN_LANDMARKS = 6
#: Shoulder width over torso length below which the person is seen side-on.
SIDE_VIEW_RATIO = 0.35
#: Window (seconds) over which the per-frame camera view is smoothed: a pose model that
#: swaps the person's left and right, or a shoulder turning for a moment, flickers the
#: per-frame view for a few frames; a camera (or a person) really turning takes longer.
VIEW_SMOOTH_S = 1.0


@dataclass(frozen=True, eq=False)
class Kinematics:
    """Clean landmark tracks of one clip, in pixels, with the body scale and shot breaks.

    ``xy`` (T, 33, 2) holds gap-filled, smoothed pixel coordinates (y down, NaN where
    unknown); ``vis`` (T, 33) the visibility; ``scale`` (T,) the torso length in pixels;
    ``shot`` (T,) the shot number of each frame (-1 where no pose is known);
    ``observed`` (T,) whether the pose model found the person in the frame (before any
    gap was bridged).
    """

    t: FloatArray
    fps: float
    xy: FloatArray
    vis: FloatArray
    scale: FloatArray
    shot: IntArray
    observed: BoolArray
    _memo: dict[tuple[object, ...], object] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def _cached(self, key: tuple[object, ...], make: Callable[[], T]) -> T:
        """Whole-clip measures are computed once: analysers ask for them per repetition."""
        if key not in self._memo:
            value = make()
            if isinstance(value, np.ndarray):
                value.setflags(write=False)  # shared between callers: nobody may edit it
            self._memo[key] = value
        return self._memo[key]  # type: ignore[return-value]

    @property
    def n(self) -> int:
        """Number of frames."""
        return len(self.t)

    @property
    def present(self) -> BoolArray:
        """(T,) True where the shoulders are known (observed or bridged)."""
        return np.asarray(self.shot >= 0, dtype=np.bool_)

    def point(self, lm: Landmark) -> FloatArray:
        """(T, 2) pixel position of one landmark."""
        return np.asarray(self.xy[:, int(lm)], dtype=np.float64)

    def mid(self, a: Landmark, b: Landmark) -> FloatArray:
        """(T, 2) midpoint of two landmarks; where one is unknown, the other."""
        pa, pb = self.point(a), self.point(b)
        out = (pa + pb) / 2
        out = np.where(np.isfinite(out), out, np.where(np.isfinite(pa), pa, pb))
        return np.asarray(out, dtype=np.float64)

    def height_above(self, a: FloatArray, b: FloatArray) -> FloatArray:
        """(T,) how far point track ``a`` is above ``b``, in torso lengths."""
        return np.asarray((b[:, 1] - a[:, 1]) / self.scale, dtype=np.float64)

    def distance(self, a: FloatArray, b: FloatArray) -> FloatArray:
        """(T,) distance between two point tracks, in torso lengths."""
        return np.asarray(np.linalg.norm(a - b, axis=-1) / self.scale, dtype=np.float64)

    def angle(self, a: Landmark, b: Landmark, c: Landmark) -> FloatArray:
        """(T,) angle a-b-c at ``b`` in degrees (180 = straight)."""
        return joint_angle(self.point(a), self.point(b), self.point(c))

    def visibility(self, *lms: Landmark) -> FloatArray:
        """(T,) mean visibility of the given landmarks (0 where unknown)."""

        def make() -> FloatArray:
            v = np.nan_to_num(self.vis[:, [int(x) for x in lms]], nan=0.0)
            return np.asarray(v.mean(axis=1), dtype=np.float64)

        return self._cached(("visibility", *lms), make)

    def both_sides(
        self, left: FloatArray, right: FloatArray, vl: FloatArray, vr: FloatArray
    ) -> FloatArray:
        """Visibility-weighted mean of a left and a right measure; the clearer side wins
        outright where the other is much less visible (an arm hidden behind the body)."""
        wl = np.where(np.isfinite(left), vl, 0.0)
        wr = np.where(np.isfinite(right), vr, 0.0)
        wl = np.where(wl < 0.5 * wr, 0.0, wl)
        wr = np.where(wr < 0.5 * wl, 0.0, wr)
        total = wl + wr
        with np.errstate(invalid="ignore", divide="ignore"):
            out = (np.nan_to_num(left) * wl + np.nan_to_num(right) * wr) / total
        return np.asarray(np.where(total > 0, out, np.nan), dtype=np.float64)

    # --- named measures ----------------------------------------------------------------

    def elbow_angle(self, side: Side | None = None) -> FloatArray:
        """Elbow angle (shoulder-elbow-wrist), one side or both weighted by visibility."""

        def make() -> FloatArray:
            return self._paired(
                (Landmark.LEFT_SHOULDER, Landmark.LEFT_ELBOW, Landmark.LEFT_WRIST),
                (Landmark.RIGHT_SHOULDER, Landmark.RIGHT_ELBOW, Landmark.RIGHT_WRIST),
                side,
            )

        return self._cached(("elbow", side), make)

    def knee_angle(self, side: Side | None = None) -> FloatArray:
        """Knee angle (hip-knee-ankle), one side or both weighted by visibility."""

        def make() -> FloatArray:
            return self._paired(
                (Landmark.LEFT_HIP, Landmark.LEFT_KNEE, Landmark.LEFT_ANKLE),
                (Landmark.RIGHT_HIP, Landmark.RIGHT_KNEE, Landmark.RIGHT_ANKLE),
                side,
            )

        return self._cached(("knee", side), make)

    def hip_angle(self, side: Side | None = None) -> FloatArray:
        """Hip angle (shoulder-hip-knee), one side or both weighted by visibility."""

        def make() -> FloatArray:
            return self._paired(
                (Landmark.LEFT_SHOULDER, Landmark.LEFT_HIP, Landmark.LEFT_KNEE),
                (Landmark.RIGHT_SHOULDER, Landmark.RIGHT_HIP, Landmark.RIGHT_KNEE),
                side,
            )

        return self._cached(("hip", side), make)

    def shoulder_angle(self, side: Side | None = None) -> FloatArray:
        """Shoulder angle (hip-shoulder-elbow): 0 arm down along the body, 180 straight up."""
        return self._paired(
            (Landmark.LEFT_HIP, Landmark.LEFT_SHOULDER, Landmark.LEFT_ELBOW),
            (Landmark.RIGHT_HIP, Landmark.RIGHT_SHOULDER, Landmark.RIGHT_ELBOW),
            side,
        )

    def shoulder_mid(self) -> FloatArray:
        """(T, 2) midpoint of the shoulders."""

        def make() -> FloatArray:
            return self.mid(Landmark.LEFT_SHOULDER, Landmark.RIGHT_SHOULDER)

        return self._cached(("shoulder_mid",), make)

    def hip_mid(self) -> FloatArray:
        """(T, 2) midpoint of the hips."""

        def make() -> FloatArray:
            return self.mid(Landmark.LEFT_HIP, Landmark.RIGHT_HIP)

        return self._cached(("hip_mid",), make)

    def wrist_mid(self) -> FloatArray:
        """(T, 2) midpoint of the wrists."""

        def make() -> FloatArray:
            return self.mid(Landmark.LEFT_WRIST, Landmark.RIGHT_WRIST)

        return self._cached(("wrist_mid",), make)

    def hands(self) -> FloatArray:
        """(T, 2) where the hands are, each wrist weighted by how visible its arm (wrist
        and elbow) is, the clearer one alone where the other is much less visible: side-on
        the far arm is hidden and the pose model's guess at its wrist can drift anywhere.
        Movement signals that follow the hands weight them the same way."""

        def make() -> FloatArray:
            left, right = self.point(Landmark.LEFT_WRIST), self.point(Landmark.RIGHT_WRIST)
            vl = self.visibility(Landmark.LEFT_WRIST, Landmark.LEFT_ELBOW)
            vr = self.visibility(Landmark.RIGHT_WRIST, Landmark.RIGHT_ELBOW)
            return np.stack(
                [self.both_sides(left[:, k], right[:, k], vl, vr) for k in (0, 1)], axis=-1
            )

        return self._cached(("hands",), make)

    def torso_from_vertical(self) -> FloatArray:
        """(T,) angle of the hip-to-shoulder line from vertical in the image, degrees
        (0 upright, 90 horizontal, above 90 head below hips). True only side-on."""

        def make() -> FloatArray:
            v = self.shoulder_mid() - self.hip_mid()
            return np.asarray(np.degrees(np.arctan2(np.abs(v[:, 0]), -v[:, 1])), dtype=np.float64)

        return self._cached(("torso_from_vertical",), make)

    def facing(self) -> FloatArray:
        """(T,) +1 where the person faces image-right, -1 image-left (nose ahead of the
        ears), for side views; 0 where unclear."""
        ears = self.mid(Landmark.LEFT_EAR, Landmark.RIGHT_EAR)
        d = (self.point(Landmark.NOSE)[:, 0] - ears[:, 0]) / self.scale
        return np.asarray(np.where(np.abs(d) > 0.05, np.sign(d), 0.0), dtype=np.float64)

    def torso_lean_back(self) -> FloatArray:
        """(T,) backward lean of the torso in degrees (shoulders behind the hips, as seen
        side-on; negative leans forward). Meaningful only in a side view."""
        v = self.shoulder_mid() - self.hip_mid()
        face = np.sign(np.nanmedian(self.facing())) if np.isfinite(self.facing()).any() else 0.0
        lean = np.degrees(np.arctan2(-v[:, 0] * face, -v[:, 1]))
        return np.asarray(lean, dtype=np.float64)

    def facing_side(self) -> Side:
        """The side of the body turned toward the camera (the more visible one)."""

        def make() -> Side:
            left = self.visibility(
                Landmark.LEFT_SHOULDER,
                Landmark.LEFT_ELBOW,
                Landmark.LEFT_WRIST,
                Landmark.LEFT_HIP,
                Landmark.LEFT_KNEE,
                Landmark.LEFT_ANKLE,
            )
            right = self.visibility(
                Landmark.RIGHT_SHOULDER,
                Landmark.RIGHT_ELBOW,
                Landmark.RIGHT_WRIST,
                Landmark.RIGHT_HIP,
                Landmark.RIGHT_KNEE,
                Landmark.RIGHT_ANKLE,
            )
            p = self.present
            return "left" if float(left[p].sum()) >= float(right[p].sum()) else "right"

        return self._cached(("facing_side",), make)

    def shoulders_over_torso(self) -> FloatArray:
        """(T,) shoulder width in the picture over the torso's visible length in the same
        frame. Standing face-on it is about 0.5-0.75 and side-on near 0; a torso pitched
        toward (or away from) the camera looks short, so the ratio grows well past 1."""

        def make() -> FloatArray:
            ls, rs = self.point(Landmark.LEFT_SHOULDER), self.point(Landmark.RIGHT_SHOULDER)
            torso = np.linalg.norm(self.shoulder_mid() - self.hip_mid(), axis=-1)
            with np.errstate(invalid="ignore", divide="ignore"):
                return np.asarray(np.abs(ls[:, 0] - rs[:, 0]) / torso, dtype=np.float64)

        return self._cached(("shoulders_over_torso",), make)

    def head_in_profile(self) -> BoolArray:
        """(T,) whether the head is seen in profile: the nose lies outside the span of the
        two ears in the picture (face-on or from behind it lies between them). True where
        the head is not known, so that the shoulders alone decide."""

        def make() -> BoolArray:
            nose = self.point(Landmark.NOSE)[:, 0]
            le, re = self.point(Landmark.LEFT_EAR)[:, 0], self.point(Landmark.RIGHT_EAR)[:, 0]
            lo, hi = np.fmin(le, re), np.fmax(le, re)
            known = np.isfinite(nose) & np.isfinite(lo)
            outside = (nose < lo) | (nose > hi)
            return np.asarray(~known | outside, dtype=np.bool_)

        return self._cached(("head_in_profile",), make)

    def view_per_frame(self) -> npt.NDArray[np.str_]:
        """(T,) 'side', 'front', 'back' or 'unknown' for each frame.

        Side-on when the shoulders look narrow against the torso and the head is seen in
        profile (a person hanging from a bar, arms overhead, or turned a little can show
        narrow shoulders face-on, but then the nose stays between the ears). Otherwise
        front or back from the person's left shoulder being on the image's right (a
        person facing the camera is mirrored) together with the face being visible.
        """

        def make() -> npt.NDArray[np.str_]:
            ls, rs = self.point(Landmark.LEFT_SHOULDER), self.point(Landmark.RIGHT_SHOULDER)
            width = np.abs(ls[:, 0] - rs[:, 0]) / self.scale
            mirrored = ls[:, 0] > rs[:, 0]
            face = self.visibility(Landmark.NOSE, Landmark.LEFT_EYE, Landmark.RIGHT_EYE) > 0.7
            out = np.full(self.n, "unknown", dtype="<U7")
            known = np.isfinite(width)
            side = known & (width < SIDE_VIEW_RATIO) & self.head_in_profile()
            out[side] = "side"
            wide = known & ~side
            out[wide & mirrored & face] = "front"
            out[wide & ~(mirrored & face)] = "back"
            return out

        return self._cached(("view_per_frame",), make)

    def steady_view(self) -> npt.NDArray[np.str_]:
        """(T,) the camera view smoothed over :data:`VIEW_SMOOTH_S`: each frame gets the
        view most frames of the window around it have (within its shot); 'unknown' where
        no pose is known. A camera orbiting the lifter gives a few long stretches of one
        view each instead of the per-frame flicker inside them."""

        def make() -> npt.NDArray[np.str_]:
            per = self.view_per_frame()
            names = ("side", "front", "back")
            out = np.full(self.n, "unknown", dtype="<U7")
            half = max(1, round(VIEW_SMOOTH_S * self.fps / 2))
            for k in range(int(self.shot.max()) + 1 if self.n else 0):
                idx = np.flatnonzero(self.shot == k)
                a, b = int(idx[0]), int(idx[-1]) + 1
                votes = np.stack([(per[a:b] == v).astype(np.float64) for v in names])
                total = np.cumsum(np.pad(votes, ((0, 0), (1, 0))), axis=1)
                lo = np.clip(np.arange(b - a) - half, 0, b - a)
                hi = np.clip(np.arange(b - a) + half + 1, 0, b - a)
                counts = total[:, hi] - total[:, lo]
                best = np.argmax(counts, axis=0)
                seen = counts.max(axis=0) > 0
                out[a:b] = np.where(seen, np.asarray(names)[best], "unknown")
            out[~self.present] = "unknown"
            return out

        return self._cached(("steady_view",), make)

    def view(self, win: slice | None = None) -> View:
        """The camera view of the clip (or of the frames in ``win``): the view of most
        frames with a pose."""
        sel = slice(None) if win is None else win
        per = self.view_per_frame()[sel][self.present[sel]]
        if len(per) == 0:
            return "unknown"
        names, counts = np.unique(per, return_counts=True)
        best = str(names[int(np.argmax(counts))])
        return best if best in ("side", "front", "back") else "unknown"  # type: ignore[return-value]

    def shot_end(self, i: int) -> int:
        """The last frame of the shot that frame ``i`` belongs to."""
        k = self.shot[i]
        j = i
        while j + 1 < self.n and self.shot[j + 1] == k:
            j += 1
        return j

    def _paired(
        self,
        left: tuple[Landmark, Landmark, Landmark],
        right: tuple[Landmark, Landmark, Landmark],
        side: Side | None,
    ) -> FloatArray:
        if side == "left":
            return self.angle(*left)
        if side == "right":
            return self.angle(*right)
        return self.both_sides(
            self.angle(*left), self.angle(*right), self.visibility(*left), self.visibility(*right)
        )


def joint_angle(a: FloatArray, b: FloatArray, c: FloatArray) -> FloatArray:
    """Angle a-b-c at b in degrees for (T, 2) tracks; NaN where a point is unknown."""
    v1, v2 = a - b, c - b
    n1, n2 = np.linalg.norm(v1, axis=-1), np.linalg.norm(v2, axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        cos = (v1 * v2).sum(axis=-1) / (n1 * n2)
    return np.asarray(np.degrees(np.arccos(np.clip(cos, -1.0, 1.0))), dtype=np.float64)


def runs(mask: BoolArray) -> list[tuple[int, int]]:
    """Half-open index ranges [start, stop) where ``mask`` is True."""
    m = np.concatenate([[False], np.asarray(mask, dtype=bool), [False]])
    d = np.diff(m.astype(np.int8))
    starts, stops = np.flatnonzero(d == 1), np.flatnonzero(d == -1)
    return [(int(a), int(b)) for a, b in zip(starts, stops, strict=True)]


def fill_gaps(x: FloatArray, max_gap: int) -> FloatArray:
    """Linearly bridge runs of NaN no longer than ``max_gap`` samples between known values
    (along axis 0; every column independently). Longer gaps and the ends stay NaN."""
    out = np.array(x, dtype=np.float64, copy=True)
    flat = out.reshape(len(out), -1)
    idx = np.arange(len(out))
    for j in range(flat.shape[1]):
        col = flat[:, j]
        bad = ~np.isfinite(col)
        if not bad.any() or bad.all():
            continue
        for a, b in runs(bad):
            if a == 0 or b == len(col) or b - a > max_gap:
                continue
            col[a:b] = np.interp(idx[a:b], [a - 1, b], [col[a - 1], col[b]])
    return out


def smooth(x: FloatArray, window: int) -> FloatArray:
    """Savitzky-Golay smoothing (quadratic) along axis 0 over each run of known values."""
    out = np.array(x, dtype=np.float64, copy=True)
    flat = out.reshape(len(out), -1)
    for j in range(flat.shape[1]):
        col = flat[:, j]
        for a, b in runs(np.isfinite(col)):
            n = b - a
            w = min(window, n if n % 2 else n - 1)
            if w >= 5:
                col[a:b] = savgol_filter(col[a:b], w, 2)
    return out


def _odd(n: float, least: int) -> int:
    k = max(least, round(n))
    return k if k % 2 else k + 1


def rolling_percentile(x: FloatArray, q: float, size: int) -> FloatArray:
    """Rolling ``q``-th percentile over ``size`` samples of the known values; NaN kept."""
    out = np.full(len(x), np.nan)
    for a, b in runs(np.isfinite(x)):
        seg = x[a:b]
        out[a:b] = percentile_filter(seg, q, size=min(size, b - a), mode="nearest")
    return out


def shots(present: BoolArray, jumps: BoolArray, max_gap: int) -> IntArray:
    """Shot number of every frame (-1 without a pose): a new shot after a cut (``jumps``
    marks the first frame after it) or after a gap longer than ``max_gap`` frames."""
    shot = np.full(len(present), -1, dtype=np.int64)
    k, last = -1, -(10**9)
    for i in range(len(present)):
        if not present[i]:
            continue
        if k < 0 or jumps[i] or i - last > max_gap + 1:
            k += 1
        shot[i] = k
        last = i
    return shot


@contextmanager
def quiet() -> Iterator[None]:
    """Silence numpy's warnings about all-NaN slices: missing data is expected here."""
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        yield


def kinematics(poses: PoseSequence) -> Kinematics:
    """Clean, body-scaled landmark tracks of a clip (see the module notes for each step)."""
    with quiet():
        return _kinematics(poses)


def _kinematics(poses: PoseSequence) -> Kinematics:
    t = poses.t
    fps = float(1.0 / np.median(np.diff(t))) if len(t) > 2 else poses.fps
    n = len(t)
    xy = np.full((n, 33, 2), np.nan)
    vis = np.full((n, 33), np.nan)
    core = [int(c) for c in CORE]
    xy[:, core, 0] = poses.image[:, core, 0] * poses.width
    xy[:, core, 1] = poses.image[:, core, 1] * poses.height
    vis[:, core] = poses.image[:, core, 3]
    present = poses.has_pose.copy()
    max_gap = max(1, round(MAX_GAP_S * fps))

    raw_scale = _torso_length(xy)
    jumps = _cuts(xy, vis, raw_scale, present, fps)
    settle = round(SETTLE_S * fps)
    if settle > 0:
        for i in np.flatnonzero(jumps):
            present[i : i + settle] = False
            xy[i : i + settle] = np.nan
            jumps[i] = False
            if i + settle < n:
                jumps[i + settle] = True
    shot = shots(present, jumps, max_gap)

    window = _odd(SMOOTH_WINDOW_S * fps, 5)
    scale_size = max(3, round(SCALE_WINDOW_S * fps))
    out_xy = np.full_like(xy, np.nan)
    out_vis = np.full_like(vis, np.nan)
    scale = np.full(n, np.nan)
    for k in range(int(shot.max()) + 1 if n else 0):
        idx = np.flatnonzero(shot == k)
        a, b = int(idx[0]), int(idx[-1]) + 1
        seg = fill_gaps(xy[a:b], max_gap)
        out_xy[a:b] = smooth(seg, window)
        out_vis[a:b] = fill_gaps(vis[a:b], max_gap)
        torso = fill_gaps(_torso_length(xy[a:b]), max_gap)
        scale[a:b] = rolling_percentile(torso, SCALE_PERCENTILE, scale_size)
    shot_filled = shot.copy()
    # Bridged frames inside a shot belong to it.
    for k in range(int(shot.max()) + 1 if n else 0):
        idx = np.flatnonzero(shot == k)
        shot_filled[idx[0] : idx[-1] + 1] = k
    known = np.isfinite(out_xy[:, [Landmark.LEFT_SHOULDER, Landmark.RIGHT_SHOULDER], 0]).any(axis=1)
    shot_filled[~known] = -1
    scale = np.where(np.isfinite(scale) & (scale > 0), scale, np.nan)
    return Kinematics(
        t=t,
        fps=fps,
        xy=out_xy,
        vis=out_vis,
        scale=scale,
        shot=shot_filled,
        observed=poses.has_pose,
    )


def _torso_length(xy: FloatArray) -> FloatArray:
    sh = np.nanmean(xy[:, [Landmark.LEFT_SHOULDER, Landmark.RIGHT_SHOULDER]], axis=1)
    hp = np.nanmean(xy[:, [Landmark.LEFT_HIP, Landmark.RIGHT_HIP]], axis=1)
    return np.asarray(np.linalg.norm(sh - hp, axis=-1), dtype=np.float64)


def _cuts(
    xy: FloatArray, vis: FloatArray, torso: FloatArray, present: BoolArray, fps: float
) -> BoolArray:
    """True at the first frame after a cut, between consecutive frames with a pose: most
    landmarks jump at once by more than :data:`CUT_JUMP` torso lengths (plus what
    :data:`MAX_BODY_SPEED` allows for frames missing in between), or by more than
    :data:`CUT_JUMP_SMALL` when that is :data:`CUT_SPIKE` times the usual movement of the
    ``context`` frames either side and the body stays at its new place in the next frame
    (a discontinuity, not a fast movement or a one-frame glitch of the pose model). The
    smaller jump is measured on the landmarks seen in both frames (the model's guesses
    at hidden ones wander). A pose model swapping the person's left and right is not a
    jump."""
    n = len(xy)
    context = max(2, round(CUT_CONTEXT_S * fps))
    jumps = np.zeros(n, dtype=bool)
    idx = np.flatnonzero(present)
    if len(idx) < 2:
        return jumps
    a, b = idx[:-1], idx[1:]
    scale = np.fmax(torso[a], torso[b])
    med = np.nan_to_num(_median_jump(xy[a], xy[b]) / scale)
    steps = (b - a).astype(np.float64)
    big = med > CUT_JUMP + MAX_BODY_SPEED * (steps - 1) / fps
    seen_xy = np.where((np.nan_to_num(vis) >= MIN_SEEN)[..., None], xy, np.nan)
    both = np.isfinite(seen_xy[a][:, CORE_INDEX, 0]) & np.isfinite(seen_xy[b][:, CORE_INDEX, 0])
    enough = both.sum(axis=1) >= MIN_SEEN_LANDMARKS
    # Per frame: across a dropout the body has had several frames to move.
    seen = np.where(
        enough, np.nan_to_num(_median_jump(seen_xy[a], seen_xy[b]) / scale) / steps, 0.0
    )
    spike = np.zeros(len(med), dtype=bool)
    for k in np.flatnonzero(seen > CUT_JUMP_SMALL):
        around = np.concatenate(
            [seen[max(0, k - context) : max(0, k - 1)], seen[k + 2 : k + 1 + context]]
        )
        if len(around) < context or not seen[k] > CUT_SPIKE * np.median(around):
            continue
        adjacent = seen[max(0, k - 1) : k + 2]
        if np.sort(adjacent)[-2] * CUT_ADJACENT >= seen[k]:
            continue  # the frames either side move fast too: a fast movement
        if (big | spike)[max(0, k - context) : k].any():
            continue  # the frames before belong to the previous cut's settling
        if k + 1 < len(b):
            # Still moved from where it was before, one frame later.
            held = _median_jump(seen_xy[a[k] : a[k] + 1], seen_xy[b[k + 1] : b[k + 1] + 1])[0]
            if not np.nan_to_num(held / scale[k]) > CUT_JUMP_SMALL:
                continue
        spike[k] = True
    jumps[b[big | spike]] = True
    return jumps


#: Left-right pairs among the core landmarks (pose models sometimes swap them).
_PAIRS = [
    (Landmark.LEFT_EYE, Landmark.RIGHT_EYE),
    (Landmark.LEFT_EAR, Landmark.RIGHT_EAR),
    (Landmark.LEFT_SHOULDER, Landmark.RIGHT_SHOULDER),
    (Landmark.LEFT_ELBOW, Landmark.RIGHT_ELBOW),
    (Landmark.LEFT_WRIST, Landmark.RIGHT_WRIST),
    (Landmark.LEFT_HIP, Landmark.RIGHT_HIP),
    (Landmark.LEFT_KNEE, Landmark.RIGHT_KNEE),
    (Landmark.LEFT_ANKLE, Landmark.RIGHT_ANKLE),
]


CORE_INDEX = [int(c) for c in CORE]


def _median_jump(p: FloatArray, q: FloatArray) -> FloatArray:
    """(K,) median distance the core landmarks moved from poses ``p`` to ``q`` (K, 33, 2),
    each left-right pair matched the way that moves it least."""
    left = [int(x) for x, _ in _PAIRS]
    right = [int(y) for _, y in _PAIRS]
    core = [int(c) for c in CORE]
    with np.errstate(invalid="ignore"):
        d = np.linalg.norm(q[:, core] - p[:, core], axis=-1)
        swapped = q.copy()
        swapped[:, left], swapped[:, right] = q[:, right], q[:, left]
        ds = np.linalg.norm(swapped[:, core] - p[:, core], axis=-1)
        pair_pos = [core.index(i) for i in left + right]
        straight = np.nanmean(d[:, pair_pos], axis=1)
        crossed = np.nanmean(ds[:, pair_pos], axis=1)
        use = np.where(np.nan_to_num(crossed, nan=np.inf) < np.nan_to_num(straight, nan=np.inf))
        d[use] = ds[use]
        return np.asarray(np.nanmedian(d, axis=1), dtype=np.float64)
