"""What every exercise analyser shares: the movement signal, the rep loop, fault records.

An analyser says three things about its exercise: the movement signal that rises in the
working phase (with the smallest rise that can be a repetition), whether a candidate
repetition happened in the exercise's posture (so the walk-in, the set-up and the
walk-out are ignored), and what to measure and check in each repetition. The loop that
turns swings into :class:`~backcoach.vision.report.Rep` records is here, once.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

import numpy as np

from backcoach.catalog import Exercise
from backcoach.catalog.errors import CatalogError
from backcoach.catalog.models import FormThreshold
from backcoach.vision.kinematics import Kinematics, quiet
from backcoach.vision.pose import FloatArray, Landmark
from backcoach.vision.report import FaultEvent, Notice, Rep, StrokeCount
from backcoach.vision.reps import Segmentation, Swing, segment_reps


@dataclass(frozen=True)
class MovementSignal:
    """One number per frame that rises during the working phase of the exercise.

    ``floor`` is the smallest rise, in ``unit``, that can be a repetition at all: below
    it the movement is sway or landmark noise, whatever the clip.
    """

    values: FloatArray
    unit: str
    floor: float
    describes: str
    #: Whether the same repetition moves the signal by different amounts from different
    #: camera angles (a projected angle or distance, not a height): then each view with
    #: enough repetitions of its own gets its own typical range.
    view_dependent: bool = False


@dataclass
class RepCheck:
    """What an analyser found in one repetition: key angles, faults, why it is partial."""

    angles: dict[str, float] = field(default_factory=dict)
    faults: list[FaultEvent] = field(default_factory=list)
    partial_reasons: list[str] = field(default_factory=list)


@dataclass
class AnalysisResult:
    """An analyser's output for one clip, before it becomes a report.

    ``evidence`` (0..1) is how well the clip fits the exercise (the share of the clip spent
    in full repetitions of it, in its posture); recognition compares it across exercises.
    """

    reps: list[Rep]
    notices: list[Notice]
    evidence: float
    strokes: list[StrokeCount] = field(default_factory=list)
    segmentation: Segmentation | None = None


def window(a: int, b: int | None, n: int) -> slice:
    """Frames a..b inclusive (b None: to the end), clipped to the clip."""
    stop = n if b is None else min(n, b + 1)
    return slice(max(0, a), max(max(0, a) + 1, stop))


def rep_window(kin: Kinematics, swing: Swing) -> slice:
    """The frames of one repetition, start to end; a repetition whose return was cut off
    ends with its shot (never in the next shot, nor at the end of the clip)."""
    end = swing.end if swing.end is not None else kin.shot_end(swing.peak)
    return window(swing.start, end, kin.n)


#: A fault needs evidence over at least this long (seconds): a reading held for a single
#: frame or two is landmark jitter, not form.
EVIDENCE_S = 0.2
#: Landmarks below this visibility are the pose model's guesses; checks skip them.
MIN_CHECK_VISIBILITY = 0.5


def evidence_frames(kin: Kinematics) -> int:
    """How many consecutive frames make :data:`EVIDENCE_S`."""
    return max(1, round(EVIDENCE_S * kin.fps))


def held_min(x: FloatArray, frames: int) -> float:
    """The lowest level ``x`` stays at or under for ``frames`` consecutive known samples
    (the minimum over windows of the window's maximum); NaN when no such run exists.
    A shorter series is taken whole."""
    v = np.asarray(x, dtype=np.float64)
    k = max(1, min(frames, int(np.isfinite(v).sum())))
    best = math.inf
    for i in range(len(v) - k + 1):
        w = v[i : i + k]
        if np.isfinite(w).all():
            best = min(best, float(w.max()))
    return best if math.isfinite(best) else math.nan


def held_max(x: FloatArray, frames: int) -> float:
    """The highest level ``x`` stays at or over for ``frames`` consecutive known samples;
    NaN when no such run exists."""
    low = held_min(-np.asarray(x, dtype=np.float64), frames)
    return -low if math.isfinite(low) else math.nan


def seen(kin: Kinematics, values: FloatArray, *lms: Landmark) -> FloatArray:
    """``values`` (T,) with NaN where any of the landmarks is hidden (the model's guess)."""
    ok = np.ones(kin.n, dtype=bool)
    for lm in lms:
        ok &= kin.visibility(lm) >= MIN_CHECK_VISIBILITY
    return np.asarray(np.where(ok, values, np.nan), dtype=np.float64)


def nanmax(x: FloatArray) -> float:
    """Largest known value, NaN when none is known."""
    with quiet():
        return float(np.nanmax(x)) if np.isfinite(x).any() else math.nan


def nanmin(x: FloatArray) -> float:
    """Smallest known value, NaN when none is known."""
    with quiet():
        return float(np.nanmin(x)) if np.isfinite(x).any() else math.nan


def nanmedian(x: FloatArray) -> float:
    """Median of the known values, NaN when none is known."""
    with quiet():
        return float(np.nanmedian(x)) if np.isfinite(x).any() else math.nan


#: Feet count as moving (walking, marching, dancing, jumping jacks) when the height
#: difference or the sideways distance between the ankles changes by more than this many
#: torso lengths within a repetition.
FEET_MOVING = 0.25
#: Ankles must be this visible, in at least half of the frames, to judge the feet.
MIN_ANKLE_VISIBILITY = 0.5


def feet_still(kin: Kinematics, win: slice) -> bool:
    """Whether the feet stay put during ``win`` (True when the ankles cannot be seen).

    Standing and sitting exercises keep both feet down; marching, walking and dancing
    lift them in turn, which shows as a changing height difference between the ankles,
    and jumping jacks or stepping out spread them, which shows as a changing distance
    across beyond the hips' width (a staggered stance or a wide one gives constant
    differences, which is fine).
    """
    left, right = kin.point(Landmark.LEFT_ANKLE)[win], kin.point(Landmark.RIGHT_ANKLE)[win]
    seen = np.minimum(
        kin.visibility(Landmark.LEFT_ANKLE)[win], kin.visibility(Landmark.RIGHT_ANKLE)[win]
    )
    ok = seen >= MIN_ANKLE_VISIBILITY
    if ok.sum() < max(3, 0.5 * len(ok)):
        return True
    scale = kin.scale[win][ok]
    high = np.abs(left[ok, 1] - right[ok, 1]) / scale
    # Across, against the hips' width: a camera moving round the person changes both
    # alike, legs spreading change only the feet.
    hips = np.abs(
        kin.point(Landmark.LEFT_HIP)[win][ok, 0] - kin.point(Landmark.RIGHT_HIP)[win][ok, 0]
    )
    across = (np.abs(left[ok, 0] - right[ok, 0]) - hips) / scale
    for gap in (high, across):
        gap = gap[np.isfinite(gap)]
        if len(gap) < 3:
            return True
        if np.percentile(gap, 95) - np.percentile(gap, 5) > FEET_MOVING:
            return False
    return True


#: Shoulder width over the torso's visible length (:meth:`Kinematics.shoulders_over_torso`)
#: beyond which the torso is pitched toward or away from the camera rather than upright:
#: standing face-on it is 0.5-0.75 (0.72-0.74 in the devset's shrugs and presses); bending
#: toward the camera to lift a bar from the floor, or a push-up seen head-on, gives 2-12.
MAX_UPRIGHT_WIDTH = 1.2


def upright(kin: Kinematics, *frames: int, max_tilt: float) -> bool:
    """Whether the torso is upright at each of ``frames``: tilted less than ``max_tilt``
    degrees in the picture, and not pitched toward or away from the camera (which the
    picture shows as a short torso between wide shoulders, not as a tilt)."""
    tilt = kin.torso_from_vertical()
    wide = kin.shoulders_over_torso()
    return all(tilt[i] < max_tilt and not wide[i] > MAX_UPRIGHT_WIDTH for i in frames)


def threshold(ex: Exercise, id: str) -> FormThreshold | None:
    """The catalog threshold ``id`` of ``ex``, or None when the catalog lacks it (the
    check is then skipped rather than run on a number made up here)."""
    try:
        return ex.threshold(id)
    except CatalogError:
        return None


def fault_event(
    ex: Exercise,
    fault_id: str,
    time_s: float,
    rep: int | None,
    measure: FormThreshold | None = None,
    value: float | None = None,
) -> FaultEvent:
    """A fault record with the catalog's name and cue for ``fault_id``."""
    fault = next((f for f in ex.faults if f.id == fault_id), None)
    name = fault.name if fault else fault_id.replace("-", " ").capitalize()
    cue = fault.cue if fault else ""
    return FaultEvent(
        id=fault_id,
        name=name,
        cue=cue,
        time_s=round(time_s, 2),
        rep=rep,
        measure=measure.id if measure else None,
        value=None if value is None or not math.isfinite(value) else round(value, 3),
        low=measure.low if measure else None,
        high=measure.high if measure else None,
        unit=measure.unit if measure else None,
        source=measure.source if measure else None,
    )


def check_low(
    check: RepCheck,
    ex: Exercise,
    fault_id: str,
    threshold_id: str,
    value: float,
    time_s: float,
    rep: int,
) -> bool:
    """Record ``fault_id`` when ``value`` is below the threshold's low bound. True if so."""
    th = threshold(ex, threshold_id)
    if th is None or th.low is None or not math.isfinite(value) or value >= th.low:
        return False
    check.faults.append(fault_event(ex, fault_id, time_s, rep, th, value))
    return True


def check_high(
    check: RepCheck,
    ex: Exercise,
    fault_id: str,
    threshold_id: str,
    value: float,
    time_s: float,
    rep: int,
) -> bool:
    """Record ``fault_id`` when ``value`` is above the threshold's high bound. True if so."""
    th = threshold(ex, threshold_id)
    if th is None or th.high is None or not math.isfinite(value) or value <= th.high:
        return False
    check.faults.append(fault_event(ex, fault_id, time_s, rep, th, value))
    return True


class ExerciseAnalyser(Protocol):
    """Anything that analyses a clip as one exercise of the catalog."""

    exercise_id: ClassVar[str]

    def analyse(self, kin: Kinematics, ex: Exercise) -> AnalysisResult:
        """Repetitions (or strokes), faults and notices for the clip."""
        ...


class RepAnalyser(ABC):
    """Base of the repetition exercises' analysers: subclasses give the signal, the
    posture test and the per-repetition checks; :meth:`analyse` runs the shared loop."""

    exercise_id: ClassVar[str]
    #: Landmarks whose visibility tells how far to trust this exercise's count.
    key_landmarks: ClassVar[tuple[Landmark, ...]] = ()

    @abstractmethod
    def signal(self, kin: Kinematics, ex: Exercise) -> MovementSignal:
        """The movement signal of the exercise (higher = further into the working phase)."""

    @abstractmethod
    def in_posture(self, kin: Kinematics, swing: Swing, sig: MovementSignal) -> bool:
        """Whether the candidate repetition happened in the exercise's posture."""

    @abstractmethod
    def check_rep(
        self, kin: Kinematics, swing: Swing, sig: MovementSignal, ex: Exercise, number: int
    ) -> RepCheck:
        """Measure one repetition: key angles, faults, reasons it is partial."""

    def review(
        self,
        kin: Kinematics,
        swings: list[Swing],
        checks: list[RepCheck],
        sig: MovementSignal,
        ex: Exercise,
    ) -> None:
        """Checks that compare each repetition with the rest of the set (edit ``checks``).

        Some limits are best read against the lifter's own set (a lowering much quicker
        than their usual one); this runs once all repetitions have been measured. The
        default compares nothing.
        """
        return

    def clip_notices(self, kin: Kinematics, reps: list[Rep]) -> list[Notice]:
        """Notices about the whole clip (camera view advice and the like)."""
        return []

    def analyse(self, kin: Kinematics, ex: Exercise) -> AnalysisResult:
        """Segment the clip into repetitions and check each one."""
        with quiet():
            sig = self.signal(kin, ex)
            seg = segment_reps(
                sig.values,
                kin.fps,
                floor=sig.floor,
                shot=kin.shot,
                accept=lambda s: self.in_posture(kin, s, sig),
                views=kin.steady_view() if sig.view_dependent else None,
            )
            reps: list[Rep] = []
            counted = 0
            busy = 0.0
            checks = [
                self.check_rep(kin, swing, sig, ex, index)
                for index, swing in enumerate(seg.swings, start=1)
            ]
            self.review(kin, seg.swings, checks, sig, ex)
            for swing, check in zip(seg.swings, checks, strict=True):
                index = len(reps) + 1
                full = swing.full and not check.partial_reasons
                reasons = list(check.partial_reasons)
                if not swing.full:
                    reasons.insert(0, "short range compared with the other repetitions")
                if full:
                    counted += 1
                    end = swing.end if swing.end is not None else swing.peak
                    busy += float(kin.t[end] - kin.t[swing.start])
                reps.append(
                    self._record(kin, swing, sig, seg, index, counted, full, reasons, check)
                )
            duration = float(kin.t[-1] - kin.t[0]) if kin.n > 1 else 0.0
            evidence = min(1.0, busy / duration) if duration > 0 else 0.0
            notices = self.clip_notices(kin, reps)
        return AnalysisResult(reps=reps, notices=notices, evidence=evidence, segmentation=seg)

    def _record(
        self,
        kin: Kinematics,
        swing: Swing,
        sig: MovementSignal,
        seg: Segmentation,
        index: int,
        counted: int,
        full: bool,
        reasons: list[str],
        check: RepCheck,
    ) -> Rep:
        t = kin.t
        end_s = float(t[swing.end]) if swing.end is not None else None
        eccentric = float(t[swing.end] - t[swing.top_left]) if swing.end is not None else None
        vis = kin.visibility(*self.key_landmarks)[rep_window(kin, swing)]
        confidence = float(np.clip(np.mean(vis), 0.0, 1.0)) if self.key_landmarks else 1.0
        if swing.cut_off:
            confidence *= 0.8
        typical = seg.typical_for(swing)
        norm = swing.rise / typical if typical > 0 else 0.0
        return Rep(
            index=index,
            count=counted if full else None,
            full=full,
            start_s=round(float(t[swing.start]), 3),
            peak_s=round(float(t[swing.peak]), 3),
            end_s=None if end_s is None else round(end_s, 3),
            concentric_s=round(float(t[swing.top_reached] - t[swing.start]), 3),
            top_hold_s=round(float(t[swing.top_left] - t[swing.top_reached]), 3),
            eccentric_s=None if eccentric is None else round(eccentric, 3),
            range=round(swing.rise, 3),
            range_unit=sig.unit,
            range_normalised=round(norm, 3),
            cut_off=swing.cut_off,
            partial_reasons=reasons if not full else [],
            angles={k: round(v, 1) for k, v in check.angles.items() if math.isfinite(v)},
            faults=check.faults,
            confidence=round(confidence, 3),
        )
