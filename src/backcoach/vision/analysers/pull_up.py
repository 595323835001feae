"""Pull-up and chin-up: the head rises to the hands, which hold the bar.

Signal: the nose's height above the wrists, in torso lengths. Pose models do not see the
bar; the hands are on it, so the height of the head above the hands is the pull's
progress whatever the camera does. The nose stands in for the chin (pose models have no
chin landmark); it sits a few centimetres above the chin, so "nose above the hands" is a
little more lenient than "chin over the bar", matching how people count a rep in which
the chin reaches about bar height.

Posture: at the bottom of each repetition the hands must be above the head (hanging
from an overhead bar); standing, walking in and reaching up are not repetitions.

Checks (catalog thresholds of ``pull-up``):

* ``chin-over-hands`` (top): below it the repetition is partial (fault ``chin-short``);
* ``elbow-bottom`` (bottom): arms not straightened, partial (``half-rep-bottom``); a
  straight arm looks straight from every camera angle, so a bent reading is trusted;
* ``hip-swing``: horizontal hip travel within the repetition (``kipping``);
* ``knee-angle``: legs not bent back (``feet-down``), judged side-on only, because legs
  bent backwards look straight from the front;
* ``lowering-time`` and ``lowering-share``: a lowering at about free-fall speed, or much
  quicker than the lifter's own usual lowering in the set, is ``dropping``. Strong
  lifters lower a pull-up in 0.3-0.5 s under control (most of the devset does), so a
  fixed "at least a second" would flag nearly every real repetition.

Jumping to the bar is not a pull: a repetition whose hands and shoulders were still
rising together just before the pull began (jumping or stepping up to grab the bar, as
for a negative) is recorded but not counted. A hand holding the bar moves in the picture
only as the camera does.
"""

from __future__ import annotations

import math
from typing import ClassVar

import numpy as np

from backcoach.catalog import Exercise
from backcoach.vision.analysers.base import (
    MovementSignal,
    RepAnalyser,
    RepCheck,
    check_high,
    check_low,
    fault_event,
    nanmax,
    nanmedian,
    nanmin,
    rep_window,
    seen,
    threshold,
    window,
)
from backcoach.vision.kinematics import Kinematics
from backcoach.vision.pose import Landmark
from backcoach.vision.report import Notice, Rep
from backcoach.vision.reps import Swing

#: Smallest rise of the head against the hands (torso lengths) that can be a pull-up.
#: A full pull-up moves it 0.7-1.3 torso lengths; hang sway and jitter stay under 0.1.
MIN_RISE = 0.3
#: At the top of a pull-up the shoulders come up to the hands, seldom more than a few
#: centimetres above them; half a torso above them the person has let go of the bar.
MAX_SHOULDERS_OVER_HANDS = 0.5
#: Share of the rise that must come from the head moving up in the picture.
HEAD_SHARE = 0.5
#: The lowering ends when the head is back within this share of the drop from the bottom.
LOWERING_BAND = 0.05
#: Elbow landmarks need this visibility for the straight-arm check.
MIN_ARM_VISIBILITY = 0.5
#: Look this far back (seconds) from the start of a pull for hands still on their way up.
JUMP_WINDOW_S = 0.5
#: Hands and shoulders rising together by this much (torso lengths) in that window: the
#: person jumped (or stepped up) to the bar. A hand on the bar moves only with the camera:
#: in the devset the steepest handheld tilt moves the picture 0.24 in half a second, while
#: a jump to the bar lifts hands and body by 0.57.
JUMP_RISE = 0.4


class PullUpAnalyser(RepAnalyser):
    """Pull-ups and chin-ups (the grip does not change the analysis)."""

    exercise_id: ClassVar[str] = "pull-up"
    key_landmarks: ClassVar[tuple[Landmark, ...]] = (
        Landmark.NOSE,
        Landmark.LEFT_WRIST,
        Landmark.RIGHT_WRIST,
        Landmark.LEFT_SHOULDER,
        Landmark.RIGHT_SHOULDER,
    )

    def signal(self, kin: Kinematics, ex: Exercise) -> MovementSignal:
        """Nose height above the wrists (torso lengths)."""
        values = kin.height_above(kin.point(Landmark.NOSE), kin.wrist_mid())
        return MovementSignal(values, "torso lengths", MIN_RISE, "nose height above the hands")

    def in_posture(self, kin: Kinematics, swing: Swing, sig: MovementSignal) -> bool:
        """Hanging: the hands are above the head at the bottom of the repetition, and still
        above the chest at the top (letting go of the bar is not a repetition)."""
        if not sig.values[swing.bottom] < 0.0:
            return False
        shoulders = kin.height_above(kin.shoulder_mid(), kin.wrist_mid())
        if not shoulders[swing.peak] < MAX_SHOULDERS_OVER_HANDS:
            return False
        # The body rises to the hands, not the hands down to the head (arms lowered
        # while dancing or stretching): the head must do most of the moving.
        b, p = swing.bottom, swing.peak
        head_up = (kin.xy[b, Landmark.NOSE, 1] - kin.xy[p, Landmark.NOSE, 1]) / kin.scale[p]
        return bool(head_up >= HEAD_SHARE * swing.rise)

    def check_rep(
        self, kin: Kinematics, swing: Swing, sig: MovementSignal, ex: Exercise, number: int
    ) -> RepCheck:
        """Chin over the hands, straight arms at the bottom, swing, legs, lowering speed."""
        check = RepCheck()
        t = kin.t
        n = kin.n
        elbow = kin.elbow_angle()
        arm_vis = kin.visibility(Landmark.LEFT_ELBOW, Landmark.RIGHT_ELBOW)
        top = float(sig.values[swing.peak])
        check.angles["chin_over_hands"] = top
        check.angles["elbow_top"] = nanmin(elbow[window(swing.top_reached, swing.top_left, n)])
        # Straightest the arms got between the previous top and this pull.
        first = swing.bottom - int(kin.fps)
        while first < swing.bottom and kin.shot[max(first, 0)] != kin.shot[swing.bottom]:
            first += 1
        bottom_win = window(first, swing.top_reached, n)
        straight = np.where(arm_vis[bottom_win] >= MIN_ARM_VISIBILITY, elbow[bottom_win], np.nan)
        elbow_bottom = nanmax(straight)
        check.angles["elbow_bottom"] = elbow_bottom
        rep_win = rep_window(kin, swing)
        # Against the hands (the bar), so that a panning camera is not a swing; only where
        # the hips are seen (hands on a bar above the head are often hidden but stay put),
        # and as the spread of the middle 90 % of the frames, so
        # that one frame of a wandering landmark is not a swing.
        hips = seen(
            kin,
            (kin.hip_mid()[:, 0] - kin.wrist_mid()[:, 0]) / kin.scale,
            Landmark.LEFT_HIP,
            Landmark.RIGHT_HIP,
        )[rep_win]
        swing_travel = (
            float(np.nanpercentile(hips, 95) - np.nanpercentile(hips, 5))
            if np.isfinite(hips).sum() >= 3
            else math.nan
        )
        check.angles["hip_travel"] = swing_travel
        # The legs as seen: hidden knees and ankles are the pose model's guesses.
        knee = seen(
            kin,
            kin.knee_angle(),
            Landmark.LEFT_KNEE,
            Landmark.RIGHT_KNEE,
            Landmark.LEFT_ANKLE,
            Landmark.RIGHT_ANKLE,
        )[rep_win]
        check.angles["knee"] = nanmedian(knee)

        if check_low(check, ex, "chin-short", "chin-over-hands", top, t[swing.peak], number):
            check.partial_reasons.append("chin did not reach the hands")
        jumped = self.rise_before_pull(kin, swing)
        check.angles["rise_before_pull"] = jumped
        if jumped >= JUMP_RISE:
            check.partial_reasons.append("jumped up to the bar rather than pulling from a hang")
        # A fault, not a reason to drop the count: a rep that truly starts high already
        # shows as a short range; the angle alone is too noisy to overrule the count.
        check_low(
            check, ex, "half-rep-bottom", "elbow-bottom", elbow_bottom, t[swing.start], number
        )
        check_high(check, ex, "kipping", "hip-swing", swing_travel, t[swing.peak], number)
        if kin.view(rep_win) == "side":
            check_high(
                check, ex, "feet-down", "knee-angle", check.angles["knee"], t[swing.peak], number
            )
        lowered = self.lowering(kin, swing, sig)
        if lowered is not None:
            lowering, arrived = lowered
            check.angles["lowering_s"] = lowering
            check_low(check, ex, "dropping", "lowering-time", lowering, t[arrived], number)
        return check

    @staticmethod
    def lowering(kin: Kinematics, swing: Swing, sig: MovementSignal) -> tuple[float, int] | None:
        """Seconds from leaving the top to arriving at the bottom (within 5 % of the drop),
        and the frame of arrival; None when the lowering was not seen."""
        if swing.end_bottom is None or swing.fall is None:
            return None
        level = sig.values[swing.end_bottom] + LOWERING_BAND * swing.fall
        seg = sig.values[swing.top_left : swing.end_bottom + 1]
        arrived = swing.top_left + int(np.flatnonzero(seg <= level)[0])
        return float(kin.t[arrived] - kin.t[swing.top_left]), arrived

    @staticmethod
    def rise_before_pull(kin: Kinematics, swing: Swing) -> float:
        """How far (torso lengths) the hands and the shoulders both rose in the picture in
        the moments before the pull started: about zero when hanging from the bar, a large
        share of a torso length when jumping or stepping up to grab it."""
        start = swing.start
        first = max(0, start - round(JUMP_WINDOW_S * kin.fps))
        while first < start and kin.shot[first] != kin.shot[start]:
            first += 1
        win = slice(first, start + 1)
        scale = kin.scale[start]
        hands = (nanmax(kin.wrist_mid()[win, 1]) - kin.wrist_mid()[start, 1]) / scale
        body = (nanmax(kin.shoulder_mid()[win, 1]) - kin.shoulder_mid()[start, 1]) / scale
        rise = min(hands, body)
        return float(rise) if math.isfinite(rise) else 0.0

    def review(
        self,
        kin: Kinematics,
        swings: list[Swing],
        checks: list[RepCheck],
        sig: MovementSignal,
        ex: Exercise,
    ) -> None:
        """Flag a lowering much quicker than the lifter's own usual one in the set."""
        share = threshold(ex, "lowering-share")
        if share is None or share.low is None:
            return
        counted = [
            c.angles["lowering_s"]
            for s, c in zip(swings, checks, strict=True)
            if s.full and not c.partial_reasons and "lowering_s" in c.angles
        ]
        if len(counted) < 2:
            return
        usual = float(np.median(counted))
        for number, (swing, check) in enumerate(zip(swings, checks, strict=True), start=1):
            lowered = self.lowering(kin, swing, sig)
            if lowered is None or any(f.id == "dropping" for f in check.faults):
                continue
            ratio = lowered[0] / usual if usual > 0 else math.inf
            if ratio < share.low:
                at = float(kin.t[lowered[1]])
                check.faults.append(fault_event(ex, "dropping", at, number, share, ratio))

    def clip_notices(self, kin: Kinematics, reps: list[Rep]) -> list[Notice]:
        """Advice when the legs cannot be judged from this camera view."""
        if reps and kin.view() != "side":
            return [
                Notice(
                    code="view-legs",
                    message="Film from the side to check that your legs stay bent back.",
                )
            ]
        return []
