"""Barbell (or dumbbell) shrug: the shoulders rise toward the ears, arms hanging straight.

Signal: the shoulders' height relative to the ears, in torso lengths (it rises toward
zero as the shoulders come up). The ears move with the head, not with the shoulder
blades, so the distance between them is the shrug itself, seen from any side.

The catalog gives absolute bounds for this one: a rise below ``shoulder-rise-partial``
is not a movement at all (the noise floor), a rise below ``shoulder-rise-full`` is a
partial repetition (fault ``shallow-shrug``).

Posture: upright torso, hands hanging below the hips, feet still.

Other checks: ``elbow-lockout`` (``bent-arms``: a bent arm looks bent from any side) and
``bar-height`` at the bottom (``bar-too-low``: the bar hangs further down the thigh than
the band's high bound). The bar is in the hand, below the wrist landmark pose models give:
it is taken at the grip, :data:`GRIP_BEYOND_WRIST` of the forearm past the wrist. A bar
hanging higher than the band is no fault: with straight arms it hangs where the arms end.

Rolling the shoulders (``shoulder-roll`` -> ``rolling-shoulders``) is judged side-on
only: a roll moves the shoulders forward and back, which side-on is horizontal travel of
the shoulder midpoint against the hips, and face-on is depth that 2-D landmarks do not
have. The travel is the spread of the middle 90 % of the repetition's frames, held for
:data:`~backcoach.vision.analysers.base.EVIDENCE_S`, with the shoulders and hips seen, so
landmark jitter (a few hundredths of a torso length) is not a roll.
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
    fault_event,
    feet_still,
    held_min,
    nanmedian,
    rep_window,
    seen,
    threshold,
    upright,
    window,
)
from backcoach.vision.kinematics import Kinematics
from backcoach.vision.pose import FloatArray, Landmark
from backcoach.vision.reps import Swing

#: Used only when the catalog lacks ``shoulder-rise-partial``: the smallest shoulder rise
#: (torso lengths) that is a movement rather than breathing or sway.
FALLBACK_MIN_RISE = 0.04
#: Beyond this torso angle from vertical (degrees) the person is not standing up.
MAX_TORSO_TILT = 30.0
#: The hands hang at least this far (torso lengths) below the shoulders in a shrug.
MIN_HANG = 0.6
#: The grip (mid-palm, where the bar sits) lies this share of the forearm's length beyond
#: the wrist along the forearm: hand about 0.108 and forearm about 0.146 of stature, grip at
#: mid-palm (Drillis and Contini's segment proportions, tabulated by Winter 2009).
GRIP_BEYOND_WRIST = 0.35


class ShrugAnalyser(RepAnalyser):
    """Barbell and dumbbell shrugs."""

    exercise_id: ClassVar[str] = "barbell-shrug"
    key_landmarks: ClassVar[tuple[Landmark, ...]] = (
        Landmark.LEFT_SHOULDER,
        Landmark.RIGHT_SHOULDER,
        Landmark.LEFT_EAR,
        Landmark.RIGHT_EAR,
    )

    def signal(self, kin: Kinematics, ex: Exercise) -> MovementSignal:
        """Shoulder height relative to the ears (torso lengths; rises toward 0)."""
        values = kin.height_above(
            kin.shoulder_mid(), kin.mid(Landmark.LEFT_EAR, Landmark.RIGHT_EAR)
        )
        th = threshold(ex, "shoulder-rise-partial")
        floor = th.low if th is not None and th.low is not None else FALLBACK_MIN_RISE
        return MovementSignal(values, "torso lengths", floor, "shoulder height toward the ears")

    def in_posture(self, kin: Kinematics, swing: Swing, sig: MovementSignal) -> bool:
        """Standing upright with the hands hanging low and the feet still."""
        b, p = swing.bottom, swing.peak
        if not upright(kin, b, p, max_tilt=MAX_TORSO_TILT):
            return False
        hang = kin.height_above(kin.shoulder_mid(), kin.wrist_mid())
        if not (hang[b] > MIN_HANG and hang[p] > MIN_HANG):
            return False
        return feet_still(kin, window(swing.start, swing.end, kin.n))

    def check_rep(
        self, kin: Kinematics, swing: Swing, sig: MovementSignal, ex: Exercise, number: int
    ) -> RepCheck:
        """Height of the shrug, straight arms, where the bar hangs."""
        check = RepCheck()
        t, n = kin.t, kin.n
        check.angles["shoulder_rise"] = swing.rise
        if check_low(
            check, ex, "shallow-shrug", "shoulder-rise-full", swing.rise, t[swing.peak], number
        ):
            check.partial_reasons.append("shoulders did not rise far enough")
        rep_win = rep_window(kin, swing)
        held = evidence_frames(kin)
        elbow = kin.elbow_angle()
        # The most the arms stayed bent for a moment (one frame's reading is jitter).
        straight = held_min(elbow[rep_win], held)
        check.angles["elbow_min"] = straight
        if np.isfinite(straight):
            at = swing.start + int(np.nanargmin(elbow[rep_win]))
            check_low(check, ex, "bent-arms", "elbow-lockout", straight, t[at], number)
        if kin.view(rep_win) == "side":
            roll = self.shoulder_travel(kin, rep_win)
            check.angles["shoulder_travel"] = roll
            check_high(check, ex, "rolling-shoulders", "shoulder-roll", roll, t[swing.peak], number)
        hip, knee = kin.hip_mid(), kin.mid(Landmark.LEFT_KNEE, Landmark.RIGHT_KNEE)
        thigh = (knee[:, 1] - hip[:, 1]) / kin.scale
        along = (self.grip(kin)[:, 1] - hip[:, 1]) / kin.scale
        knee_vis = kin.visibility(Landmark.LEFT_KNEE, Landmark.RIGHT_KNEE)
        bottom_win = window(swing.bottom - 2, swing.bottom + 2, n)
        if nanmedian(knee_vis[bottom_win]) >= 0.5:
            with np.errstate(invalid="ignore", divide="ignore"):
                bar = nanmedian(along[bottom_win] / thigh[bottom_win])
            check.angles["bar_on_thigh"] = bar
            th = threshold(ex, "bar-height")
            if th is not None and th.high is not None and np.isfinite(bar) and bar > th.high:
                check.faults.append(
                    fault_event(ex, "bar-too-low", t[swing.bottom], number, th, bar)
                )
        return check

    @staticmethod
    def shoulder_travel(kin: Kinematics, win: slice) -> float:
        """Forward-and-back travel of the shoulders against the hips in one repetition
        (torso lengths): the spread of the middle 90 % of the frames where both are seen."""
        fwd = seen(
            kin,
            (kin.shoulder_mid()[:, 0] - kin.hip_mid()[:, 0]) / kin.scale,
            Landmark.LEFT_SHOULDER,
            Landmark.RIGHT_SHOULDER,
            Landmark.LEFT_HIP,
            Landmark.RIGHT_HIP,
        )[win]
        if np.isfinite(fwd).sum() < 3:
            return float("nan")
        return float(np.nanpercentile(fwd, 95) - np.nanpercentile(fwd, 5))

    @staticmethod
    def grip(kin: Kinematics) -> FloatArray:
        """(T, 2) where the hands hold the bar: past each wrist along its forearm, averaged
        over the two hands (one alone where the other is unknown)."""
        hands = []
        for elbow, wrist in (
            (Landmark.LEFT_ELBOW, Landmark.LEFT_WRIST),
            (Landmark.RIGHT_ELBOW, Landmark.RIGHT_WRIST),
        ):
            w = kin.point(wrist)
            hands.append(w + GRIP_BEYOND_WRIST * (w - kin.point(elbow)))
        out = (hands[0] + hands[1]) / 2
        out = np.where(np.isfinite(out), out, np.where(np.isfinite(hands[0]), hands[0], hands[1]))
        return np.asarray(out, dtype=np.float64)
