"""Swimming: arm strokes counted per arm, the stroke rate, and how far to trust them.

Signal per arm: the wrist's reach along the body, in torso lengths: the wrist minus the
shoulder, projected on the hip-to-shoulder direction. It peaks when the arm is stretched
ahead and bottoms out when the hand has pulled through to the hip, once per stroke for
crawl, backstroke, butterfly and breaststroke alike, whichever way the swimmer lies.

Water, splash, bubbles and edited footage hide swimmers, so the count comes with a
confidence. It is low, and said so, when the arms' mean visibility is under the
catalog's ``landmark-visibility``, when the pose is missing from much of the clip, when
the clip is cut into several shots, when fewer than ``min-strokes`` cycles were seen, or
when the rate falls outside ``stroke-rate`` (then a counting error is likelier than the
swimmer).
"""

from __future__ import annotations

from typing import ClassVar, Literal

import numpy as np
import numpy.typing as npt

from backcoach.catalog import Exercise
from backcoach.vision.analysers.base import AnalysisResult, threshold
from backcoach.vision.kinematics import Kinematics, quiet
from backcoach.vision.pose import FloatArray, Landmark
from backcoach.vision.report import Notice, StrokeCount
from backcoach.vision.reps import segment_reps

#: Smallest reach change (torso lengths) that can be a stroke; a stroke moves the hand
#: from well ahead of the shoulder to the hip, about 1.5 torso lengths.
MIN_REACH = 0.4
#: Below this share of frames with a pose the count is not trusted.
MIN_POSE_FRACTION = 0.8
#: Lying in the water: torso at least this far from vertical (degrees) ...
MIN_TORSO_TILT = 45.0
#: ... and the body stretched out, hips open beyond this angle (degrees). A bent-over
#: row tilts the torso as far, but with the hips folded.
MIN_HIP_ANGLE = 130.0

Arm = Literal["left", "right"]
_ARMS: dict[Arm, tuple[Landmark, Landmark, Landmark]] = {
    "left": (Landmark.LEFT_SHOULDER, Landmark.LEFT_ELBOW, Landmark.LEFT_WRIST),
    "right": (Landmark.RIGHT_SHOULDER, Landmark.RIGHT_ELBOW, Landmark.RIGHT_WRIST),
}


def reach(kin: Kinematics, arm: Arm) -> FloatArray:
    """(T,) how far the wrist is ahead of the shoulder along the body (torso lengths)."""
    shoulder, _, wrist = _ARMS[arm]
    axis = kin.shoulder_mid() - kin.hip_mid()
    with np.errstate(invalid="ignore", divide="ignore"):
        unit = axis / np.linalg.norm(axis, axis=-1, keepdims=True)
    rel = kin.point(wrist) - kin.point(shoulder)
    return np.asarray((rel * unit).sum(axis=-1) / kin.scale, dtype=np.float64)


def lying(kin: Kinematics) -> npt.NDArray[np.bool_]:
    """(T,) whether the body lies stretched out, as in the water."""
    tilt = kin.torso_from_vertical()
    hips = kin.hip_angle()
    return np.asarray((tilt > MIN_TORSO_TILT) & (hips > MIN_HIP_ANGLE), dtype=np.bool_)


class SwimmingAnalyser:
    """Stroke counts and rates per arm."""

    exercise_id: ClassVar[str] = "swimming"

    def analyse(self, kin: Kinematics, ex: Exercise) -> AnalysisResult:
        """Count each arm's stroke cycles and judge how far to trust the count."""
        with quiet():
            return self._analyse(kin, ex)

    def _analyse(self, kin: Kinematics, ex: Exercise) -> AnalysisResult:
        vis_th = threshold(ex, "landmark-visibility")
        rate_th = threshold(ex, "stroke-rate")
        min_th = threshold(ex, "min-strokes")
        min_strokes = int(min_th.low) if min_th is not None and min_th.low is not None else 3
        present = kin.present
        flat = lying(kin)
        flat_fraction = float(flat[present].mean()) if present.any() else 0.0
        pose_fraction = float(kin.observed.mean()) if kin.n else 0.0
        shots = int(kin.shot.max()) + 1 if kin.n else 0
        notices: list[Notice] = []
        reasons: list[str] = []
        if pose_fraction < MIN_POSE_FRACTION:
            reasons.append(f"the swimmer was found in only {pose_fraction:.0%} of the frames")
        if shots > 1:
            reasons.append(f"the clip is cut into {shots} shots")
        strokes: list[StrokeCount] = []
        busy = 0.0
        for arm, lms in _ARMS.items():
            seen = kin.visibility(*lms)[present]
            visibility = float(seen.mean()) if len(seen) else 0.0
            signal = np.where(flat, reach(kin, arm), np.nan)
            seg = segment_reps(signal, kin.fps, floor=MIN_REACH, shot=kin.shot)
            full = [s for s in seg.swings if s.full]
            count = len(full)
            rate = None
            arm_reasons = list(reasons)
            if vis_th is not None and vis_th.low is not None and visibility < vis_th.low:
                arm_reasons.append(f"the {arm} arm is hard to see (visibility {visibility:.2f})")
            if count >= min_strokes:
                first, last = kin.t[full[0].start], kin.t[full[-1].peak]
                span = float(last - first)
                if span > 0:
                    rate = 60.0 * (count - 1) / span
                    busy = max(busy, span)
                if rate is not None and rate_th is not None and not rate_th.contains(rate):
                    arm_reasons.append(f"a rate of {rate:.0f} per minute is implausible")
            else:
                arm_reasons.append(f"fewer than {min_strokes} strokes were seen")
            confidence = visibility * (0.4 if arm_reasons else 1.0)
            strokes.append(
                StrokeCount(
                    arm=arm,
                    strokes=count,
                    rate_per_min=None if rate is None else round(rate, 1),
                    confidence=round(float(np.clip(confidence, 0.0, 1.0)), 3),
                )
            )
            for r in arm_reasons:
                if r not in reasons:
                    reasons.append(r)
        if reasons:
            notices.append(
                Notice(
                    code="low-confidence",
                    message=(
                        "Stroke count is uncertain: "
                        + "; ".join(reasons)
                        + ". Film one continuous length with the swimmer in view."
                    ),
                )
            )
        duration = float(kin.t[-1] - kin.t[0]) if kin.n > 1 else 0.0
        evidence = min(1.0, busy / duration) * flat_fraction if duration > 0 else 0.0
        return AnalysisResult(reps=[], notices=notices, evidence=evidence, strokes=strokes)
