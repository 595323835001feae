"""Overhead dumbbell raise: the hands go from the shoulders to straight arms over the head.

Signal: the wrists' height above the shoulders, in torso lengths (both arms, each
weighted by how visible it is). It rises for presses and for lateral or front raises
alike, so those are counted too; their tops are then flagged as not overhead.

Posture: the torso stays roughly upright (standing or seated), each repetition starts
with the hands at or below head height, the hands do the moving, not the head (a pull-up
moves the head to the hands), the upper arms lift (a curl raises the hands with the
elbows kept down), and the feet stay put (not jumping jacks).

Checks (catalog thresholds of ``overhead-dumbbell-raise``):

* ``elbow-lockout-top``: arms not straight at the top (``soft-lockout``);
* ``wrist-above-head``: the weights end in front of the face (``weights-forward``);
* ``elbow-bottom``: the lowering stops short (``short-range``);
* ``imbalance``: one hand lags the other (``uneven-arms``), front or back view only;
* ``lean-back``: the low back arches (``leaning-back``), side view only.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from backcoach.catalog import Exercise
from backcoach.vision.analysers.base import (
    MovementSignal,
    RepAnalyser,
    RepCheck,
    check_high,
    check_low,
    evidence_frames,
    feet_still,
    held_max,
    held_min,
    nanmax,
    nanmin,
    rep_window,
    upright,
    window,
)
from backcoach.vision.kinematics import Kinematics
from backcoach.vision.pose import FloatArray, Landmark
from backcoach.vision.report import Notice, Rep
from backcoach.vision.reps import Swing

#: Smallest rise of the hands (torso lengths) that can be a repetition; a press moves
#: them about 0.8-1.0, a lateral raise about 1.0-1.4.
MIN_RISE = 0.3
#: Beyond this torso angle from vertical (degrees) the person is not upright.
MAX_TORSO_TILT = 40.0
#: The top of the repetition must bring the hands at least near shoulder height.
MIN_TOP = -0.25
#: Share of the rise that must come from the hands moving up in the picture.
HANDS_SHARE = 0.5
#: Smallest rise of the elbows against the shoulders (torso lengths) on the way up: a
#: press lifts them about 0.5-1.0, a lateral or front raise about 0.4-0.6 (0.35 at least
#: in the devset); a curl keeps them by the ribs (about 0).
MIN_ELBOW_RISE = 0.2
#: Largest vertical travel of the hips (torso lengths) on the way up: a push press dips
#: the knees by about 0.1-0.2, jumping up to a bar moves the hips far more.
MAX_HIP_TRAVEL = 0.5
#: The camera counts as holding its zoom while the shoulders' width in the picture
#: varies by less than this factor.
MAX_ZOOM = 1.3
#: Both wrists must be this visible for the left/right comparison.
MIN_WRIST_VISIBILITY = 0.6
#: Checks that describe the positions of an overhead press (straight arms over the head at
#: the top, elbows bent at the bottom). A raise to shoulder height (lateral or front raise)
#: has neither position; the ``not-overhead`` notice says so once instead of a fault on
#: every repetition.
PRESS_SHAPE_FAULTS = frozenset({"soft-lockout", "weights-forward", "short-range"})


def elbow_heights(kin: Kinematics) -> FloatArray:
    """(T,) height of the elbows above their shoulders (torso lengths), both arms weighted
    as in the movement signal."""
    vl = kin.visibility(Landmark.LEFT_WRIST, Landmark.LEFT_ELBOW)
    vr = kin.visibility(Landmark.RIGHT_WRIST, Landmark.RIGHT_ELBOW)
    return kin.both_sides(
        kin.height_above(kin.point(Landmark.LEFT_ELBOW), kin.point(Landmark.LEFT_SHOULDER)),
        kin.height_above(kin.point(Landmark.RIGHT_ELBOW), kin.point(Landmark.RIGHT_SHOULDER)),
        vl,
        vr,
    )


def wrist_heights(kin: Kinematics) -> tuple[FloatArray, FloatArray]:
    """(T,) height of the left and right wrist above their shoulders (torso lengths)."""
    left = kin.height_above(kin.point(Landmark.LEFT_WRIST), kin.point(Landmark.LEFT_SHOULDER))
    right = kin.height_above(kin.point(Landmark.RIGHT_WRIST), kin.point(Landmark.RIGHT_SHOULDER))
    return left, right


class OverheadRaiseAnalyser(RepAnalyser):
    """The article's overhead dumbbell raise (presses and lateral/front raises counted)."""

    exercise_id: ClassVar[str] = "overhead-dumbbell-raise"
    key_landmarks: ClassVar[tuple[Landmark, ...]] = (
        Landmark.LEFT_WRIST,
        Landmark.RIGHT_WRIST,
        Landmark.LEFT_ELBOW,
        Landmark.RIGHT_ELBOW,
        Landmark.LEFT_SHOULDER,
        Landmark.RIGHT_SHOULDER,
    )

    def signal(self, kin: Kinematics, ex: Exercise) -> MovementSignal:
        """Wrist height above the shoulders (torso lengths)."""
        left, right = wrist_heights(kin)
        vl = kin.visibility(Landmark.LEFT_WRIST, Landmark.LEFT_ELBOW)
        vr = kin.visibility(Landmark.RIGHT_WRIST, Landmark.RIGHT_ELBOW)
        values = kin.both_sides(left, right, vl, vr)
        return MovementSignal(values, "torso lengths", MIN_RISE, "hand height above the shoulders")

    def in_posture(self, kin: Kinematics, swing: Swing, sig: MovementSignal) -> bool:
        """Upright torso, hands up to at least about shoulder height, hands doing the work."""
        b, p = swing.bottom, swing.peak
        if not upright(kin, b, p, max_tilt=MAX_TORSO_TILT):
            return False
        if not sig.values[p] > MIN_TOP:
            return False
        # Each repetition starts with the weights at or below head height (at the
        # shoulders for a press, at the sides for a raise); arms waving overhead do not.
        hands = kin.hands()[:, 1]
        nose = kin.point(Landmark.NOSE)[:, 1]
        if not (hands[b] - nose[b]) / kin.scale[b] >= 0.0:
            return False
        # The hands do the rising (a pull-up lowers the shoulders away from still hands).
        hands_up = (hands[b] - hands[p]) / kin.scale[p]
        if not hands_up >= HANDS_SHARE * swing.rise:
            return False
        # The upper arms lift (a curl brings the hands up with the elbows kept down).
        elbows = elbow_heights(kin)
        if elbows[p] - elbows[b] < MIN_ELBOW_RISE:
            return False
        # The body stays where it is: a knee dip is fine, a jump (to a bar) is not.
        up = window(b, p, kin.n)
        # Judged only while the camera holds its zoom: zooming moves the hips in the
        # frame without the person moving. The shoulders' width in pixels tells a zoom
        # (hanging from a bar stretches the torso, but not the shoulders), and so does the
        # body scale changing by as much.
        ls, rs = kin.point(Landmark.LEFT_SHOULDER)[up], kin.point(Landmark.RIGHT_SHOULDER)[up]
        width = np.abs(ls[:, 0] - rs[:, 0])
        scale = kin.scale[up]
        steady = nanmax(width) <= MAX_ZOOM * nanmin(width)
        if steady and nanmax(scale) <= MAX_ZOOM * nanmin(scale):
            hip_y = kin.hip_mid()[:, 1]
            hips = (hip_y[up] - hip_y[b]) / scale
            if nanmax(hips) - nanmin(hips) > MAX_HIP_TRAVEL:
                return False
        return feet_still(kin, window(swing.start, swing.end, kin.n))

    def check_rep(
        self, kin: Kinematics, swing: Swing, sig: MovementSignal, ex: Exercise, number: int
    ) -> RepCheck:
        """Lockout, weights over the head, depth of the lowering, evenness, lean."""
        check = RepCheck()
        t, n = kin.t, kin.n
        held = evidence_frames(kin)
        elbow = kin.elbow_angle()
        top_win = window(swing.top_reached, swing.top_left, n)
        # Each reading must hold for a moment (held_*), not be one frame's jitter.
        elbow_top = held_max(elbow[top_win], held)
        check.angles["elbow_top"] = elbow_top
        # Each wrist against the nose, the clearer one winning (side-on the far arm is
        # hidden and its landmark is a guess).
        nose = kin.point(Landmark.NOSE)
        over_head = kin.both_sides(
            kin.height_above(kin.point(Landmark.LEFT_WRIST), nose),
            kin.height_above(kin.point(Landmark.RIGHT_WRIST), nose),
            kin.visibility(Landmark.LEFT_WRIST),
            kin.visibility(Landmark.RIGHT_WRIST),
        )
        top_over_head = held_max(over_head[top_win], held)
        check.angles["wrist_over_head"] = top_over_head
        first = max(swing.bottom - int(kin.fps // 2), 0)
        elbow_bottom = held_min(elbow[window(first, swing.start, n)], held)
        check.angles["elbow_bottom"] = elbow_bottom
        check_low(check, ex, "soft-lockout", "elbow-lockout-top", elbow_top, t[swing.peak], number)
        check_low(
            check, ex, "weights-forward", "wrist-above-head", top_over_head, t[swing.peak], number
        )
        check_high(check, ex, "short-range", "elbow-bottom", elbow_bottom, t[swing.start], number)
        rep_win = rep_window(kin, swing)
        view = kin.view(rep_win)
        if view in ("front", "back"):
            left, right = wrist_heights(kin)
            seen = (kin.visibility(Landmark.LEFT_WRIST)[rep_win] >= MIN_WRIST_VISIBILITY) & (
                kin.visibility(Landmark.RIGHT_WRIST)[rep_win] >= MIN_WRIST_VISIBILITY
            )
            gap = np.where(seen, np.abs(left[rep_win] - right[rep_win]), np.nan)
            worst = held_max(gap, held)
            check.angles["left_right_gap"] = worst
            at = swing.start + int(np.nanargmax(gap)) if np.isfinite(worst) else swing.peak
            check_high(check, ex, "uneven-arms", "imbalance", worst, t[at], number)
        if view == "side":
            lean = kin.torso_lean_back()[rep_win]
            worst_lean = held_max(lean, held)
            check.angles["lean_back"] = worst_lean
            check_high(check, ex, "leaning-back", "lean-back", worst_lean, t[swing.peak], number)
        return check

    def review(
        self,
        kin: Kinematics,
        swings: list[Swing],
        checks: list[RepCheck],
        sig: MovementSignal,
        ex: Exercise,
    ) -> None:
        """A set of raises to shoulder height is not judged as presses (see
        :data:`PRESS_SHAPE_FAULTS`); the clip's notice says what was seen instead."""
        if not _below_head([c.angles.get("wrist_over_head") for c in checks]):
            return
        for check in checks:
            check.faults = [f for f in check.faults if f.id not in PRESS_SHAPE_FAULTS]

    def clip_notices(self, kin: Kinematics, reps: list[Rep]) -> list[Notice]:
        """Say so when the hands stop at shoulder height (a lateral or front raise)."""
        if _below_head([r.angles.get("wrist_over_head") for r in reps if r.full]):
            return [
                Notice(
                    code="not-overhead",
                    message=(
                        "The hands stopped below the head: this looks like a lateral or front "
                        "raise. The article's raise ends with straight arms over the head."
                    ),
                )
            ]
        return []


def _below_head(tops: list[float | None]) -> bool:
    """Whether the repetitions' tops (wrist height over the nose) are, as a rule, below
    the head: a lateral or front raise rather than a press."""
    known = [v for v in tops if v is not None and np.isfinite(v)]
    return bool(known) and float(np.median(known)) < 0.0
