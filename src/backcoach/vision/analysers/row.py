"""Bent-over row: from a hinged torso, the elbows pull the bar from straight arms to the body.

Signal: the arm's pull, in "pull units": elbow flexion in right angles (180 minus the
elbow angle, divided by 90) plus how much closer the wrist comes to the shoulder (torso
lengths). Both arms, each weighted by how visible it is. The two parts cover each
other's blind spot: seen side-on the elbow angle carries the pull; seen face-on the arm
bends toward the camera, its projected angle hardly changes, but the hand visibly closes
on the shoulder. A row from straight arms to the body moves the signal by about 1.5.

Posture: the torso is hinged forward (seen side-on: tilted from vertical; seen from the
front or back: foreshortened, shoulders wide against a short torso), the hands stay below
the shoulders, the hands do the pulling (a push-up seen face-on also bends the elbows,
but moves the body to the hands), and the feet stay put. Standing up, walking in and
posing are ignored.

Checks (catalog thresholds of ``bent-over-row``), side view only unless said otherwise,
because a hinge and a knee bend cannot be measured face-on:

* ``torso-angle``: hinge outside the band (``torso-too-upright`` / ``torso-too-low``);
* ``knee-angle`` at the start of the pull (``locked-knees`` / ``deep-squat``);
* ``torso-swing``: the torso heaves during the pull (``body-english``);
* ``elbow-top``: the pull stops short of the body (``short-pull``, and the repetition is
  partial);
* ``elbow-bottom`` (any view): the arms do not straighten (``short-lower``).
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
    fault_event,
    feet_still,
    nanmax,
    nanmedian,
    nanmin,
    threshold,
    window,
)
from backcoach.vision.kinematics import BoolArray, Kinematics, runs
from backcoach.vision.pose import Landmark
from backcoach.vision.report import Notice, Rep
from backcoach.vision.reps import Swing

#: Smallest pull (pull units: about 30 degrees of elbow bend and 0.1 torso lengths of
#: hand travel) that can be a repetition; a full row is about 1.5.
MIN_PULL = 0.4
#: Seen side-on, a torso tilted less than this from vertical (degrees) is standing, not
#: hinged. Far below the catalog's band: this only tells rowing from standing.
MIN_HINGE = 20.0
#: Seen face-on, a hinged torso looks short: shoulder width at least this share of the
#: visible torso length (standing upright it is about 0.5-0.7).
MIN_FORESHORTENED = 0.9
#: Share of the hands' closing on the shoulders that the hands must do themselves (see
#: :func:`hands_share`). A row moves the hands to a still torso (0.85-0.9 in the devset's
#: steady clips, 0.44 at worst with a camera circling the lifter); a push-up moves the
#: shoulders down to still hands (about 0).
HANDS_SHARE = 0.3


def hands_share(kin: Kinematics, b: int, p: int) -> float:
    """How much of the movement between frames ``b`` and ``p`` the hands made, against
    the shoulders: the hands' travel in the picture over the hands' and the shoulders'
    travel together (each wrist weighted by how visible its arm is).
    Near 1 when the hands pull to a still torso, near 0 when the body moves to still
    hands (a push-up); NaN when unknown."""
    hands = kin.hands()
    moved = float(np.linalg.norm(hands[p] - hands[b]))
    body = float(np.linalg.norm(kin.shoulder_mid()[p] - kin.shoulder_mid()[b]))
    total = moved + body
    return moved / total if total > 0 else float("nan")


class RowAnalyser(RepAnalyser):
    """Barbell bent-over rows (and other bent-over or supported rows)."""

    exercise_id: ClassVar[str] = "bent-over-row"
    key_landmarks: ClassVar[tuple[Landmark, ...]] = (
        Landmark.LEFT_SHOULDER,
        Landmark.RIGHT_SHOULDER,
        Landmark.LEFT_ELBOW,
        Landmark.RIGHT_ELBOW,
        Landmark.LEFT_WRIST,
        Landmark.RIGHT_WRIST,
    )

    def signal(self, kin: Kinematics, ex: Exercise) -> MovementSignal:
        """Elbow flexion (right angles) plus the wrist's approach to the shoulder."""
        vl = kin.visibility(Landmark.LEFT_WRIST, Landmark.LEFT_ELBOW)
        vr = kin.visibility(Landmark.RIGHT_WRIST, Landmark.RIGHT_ELBOW)
        reach = kin.both_sides(
            kin.distance(kin.point(Landmark.LEFT_WRIST), kin.point(Landmark.LEFT_SHOULDER)),
            kin.distance(kin.point(Landmark.RIGHT_WRIST), kin.point(Landmark.RIGHT_SHOULDER)),
            vl,
            vr,
        )
        values = (180.0 - kin.elbow_angle()) / 90.0 - reach
        return MovementSignal(values, "pull units", MIN_PULL, "arm pull", view_dependent=True)

    def hinged(self, kin: Kinematics) -> BoolArray:
        """(T,) whether the lifter is in the hinged rowing posture.

        A frame shows a hinge when the torso is tilted in the picture or looks
        foreshortened face-on, and shows an upright torso when the camera is steadily
        side-on and the torso is near vertical. From behind or in front an upright-looking
        torso proves nothing: a hinge toward or away from the camera is invisible in 2-D.
        Posture is a property of the set, so a stretch of such frames between two hinged
        ones of the same shot (a camera orbiting behind the lifter mid-set) keeps the
        hinge; a stretch the hinge only precedes or follows (standing up to pose, a walk
        in) does not, nor does one where an upright torso is seen.
        """

        def make() -> BoolArray:
            tilt = kin.torso_from_vertical()
            wide = kin.shoulders_over_torso()
            shows_hinge = np.asarray((tilt >= MIN_HINGE) | (wide >= MIN_FORESHORTENED))
            shows_upright = (kin.steady_view() == "side") & (tilt < MIN_HINGE)
            out = shows_hinge.copy()
            unknown = ~shows_hinge & ~shows_upright & kin.present
            for a, b in runs(unknown):
                inside = a > 0 and b < kin.n and kin.shot[a - 1] == kin.shot[b]
                if inside and shows_hinge[a - 1] and shows_hinge[b]:
                    out[a:b] = True
            return np.asarray(out, dtype=bool)

        return kin._cached(("row-hinged",), make)

    def in_posture(self, kin: Kinematics, swing: Swing, sig: MovementSignal) -> bool:
        """Hinged torso, hands below the shoulders, feet still."""
        b, p = swing.bottom, swing.peak
        hinged = self.hinged(kin)
        if not (hinged[b] and hinged[p]):
            return False
        below = kin.height_above(kin.shoulder_mid(), kin.wrist_mid())
        if not (below[b] > 0 and below[p] > 0):
            return False
        if hands_share(kin, b, p) < HANDS_SHARE:
            return False
        return feet_still(kin, window(swing.start, swing.end, kin.n))

    def check_rep(
        self, kin: Kinematics, swing: Swing, sig: MovementSignal, ex: Exercise, number: int
    ) -> RepCheck:
        """Hinge, knees, torso swing, how far the pull goes, straight arms at the bottom."""
        check = RepCheck()
        t, n = kin.t, kin.n
        elbow = kin.elbow_angle()
        top_win = window(swing.top_reached, swing.top_left, n)
        elbow_top = nanmin(elbow[top_win])
        check.angles["elbow_top"] = elbow_top
        first = max(swing.bottom - int(kin.fps // 2), 0)
        elbow_bottom = nanmax(elbow[window(first, swing.start, n)])
        check.angles["elbow_bottom"] = elbow_bottom
        check_low(check, ex, "short-lower", "elbow-bottom", elbow_bottom, t[swing.start], number)
        if kin.view() != "side":
            return check
        if check_high(check, ex, "short-pull", "elbow-top", elbow_top, t[swing.peak], number):
            check.partial_reasons.append("the bar did not reach the body")
        rep_win = window(swing.start, swing.end, n)
        tilt = kin.torso_from_vertical()[rep_win]
        hinge = nanmedian(tilt)
        check.angles["torso"] = hinge
        th = threshold(ex, "torso-angle")
        if th is not None and np.isfinite(hinge):
            if th.low is not None and hinge < th.low:
                check.faults.append(
                    fault_event(ex, "torso-too-upright", t[swing.peak], number, th, hinge)
                )
            elif th.high is not None and hinge > th.high:
                check.faults.append(
                    fault_event(ex, "torso-too-low", t[swing.peak], number, th, hinge)
                )
        swing_deg = nanmax(tilt) - nanmin(tilt)
        check.angles["torso_swing"] = swing_deg
        check_high(check, ex, "body-english", "torso-swing", swing_deg, t[swing.peak], number)
        knee = nanmedian(
            kin.knee_angle(kin.facing_side())[window(swing.bottom - 2, swing.start, n)]
        )
        check.angles["knee"] = knee
        kt = threshold(ex, "knee-angle")
        if kt is not None and np.isfinite(knee):
            if kt.high is not None and knee > kt.high:
                check.faults.append(
                    fault_event(ex, "locked-knees", t[swing.start], number, kt, knee)
                )
            elif kt.low is not None and knee < kt.low:
                check.faults.append(fault_event(ex, "deep-squat", t[swing.start], number, kt, knee))
        return check

    def clip_notices(self, kin: Kinematics, reps: list[Rep]) -> list[Notice]:
        """Advice when the hinge and the knees cannot be judged from this camera view."""
        if reps and kin.view() != "side":
            return [
                Notice(
                    code="view-side",
                    message=(
                        "Film from the side to check the torso angle, the knees and how far "
                        "the bar comes up."
                    ),
                )
            ]
        return []
