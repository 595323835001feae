"""The form check's one entry point: a clip's poses in, a :class:`FormReport` out.

``analyse(poses)`` recognises the exercise from the motion; ``analyse(poses, "row")``
checks the named one (any name or alias the catalog knows, chin-up included). Either way
the same path runs: kinematics, then the exercise's analyser, then the report.

Streaming: the video adapter yields frames one by one and the pose estimator turns each
into 33 x 4 numbers (:meth:`PoseSequence.from_frames` collects them), so memory per frame
is a few hundred bytes and no image is ever held; the analysis itself needs the whole
clip's poses (a repetition is only known once it is over), which for a ten-minute clip
at 30 fps is about 19 MB.
"""

from __future__ import annotations

import numpy as np

from backcoach.catalog import Catalog, Exercise, load_catalog
from backcoach.vision.analysers import ANALYSERS, AnalysisResult
from backcoach.vision.errors import PoseDataError
from backcoach.vision.kinematics import Kinematics, kinematics, quiet
from backcoach.vision.pose import CORE, PoseSequence
from backcoach.vision.recognise import recognise_kinematics
from backcoach.vision.report import ClipInfo, FaultEvent, FormReport, Notice

#: Below this share of frames with a pose, or this mean landmark visibility, the count
#: is reported as low-confidence.
MIN_POSE_FRACTION = 0.8
MIN_VISIBILITY = 0.5
#: Recognitions less sure than this come with a notice to name the exercise.
MIN_RECOGNITION = 0.5


def analyse(
    poses: PoseSequence, exercise: str | None = None, *, catalog: Catalog | None = None
) -> FormReport:
    """Check one clip: count repetitions, find form faults, say how far to trust it all.

    ``exercise`` is a catalog name or alias; None recognises it from the motion. Raises
    :class:`~backcoach.vision.errors.PoseDataError` when no person was found at all and
    :class:`~backcoach.errors.UnknownName` for an exercise the catalog does not know.
    """
    cat = catalog or load_catalog()
    named = None
    if exercise is not None:
        named, _variant = cat.resolve(exercise)
    if len(poses) == 0 or not poses.has_pose.any():
        raise PoseDataError(
            "No person was found in the clip.",
            "Film in good light with your whole body in the frame, from the side.",
        )
    with quiet():
        return _analyse(poses, cat, named, kinematics(poses))


def _analyse(
    poses: PoseSequence, cat: Catalog, named: Exercise | None, kin: Kinematics
) -> FormReport:
    notices: list[Notice] = []
    recognition_confidence: float | None = None
    result: AnalysisResult | None
    if named is not None:
        ex = named
        result = ANALYSERS[ex.id].analyse(kin, ex)
    else:
        rec, results = recognise_kinematics(kin, cat)
        recognition_confidence = rec.confidence
        if rec.exercise is None:
            ex, result = None, None
            notices.append(
                Notice(
                    code="not-recognised",
                    message=(
                        "No repetitions of the five exercises were found. If this is one of "
                        "them, name the exercise and film from the side, whole body in frame."
                    ),
                )
            )
        else:
            ex = cat.exercise(rec.exercise)
            result = results[rec.exercise]
            if rec.confidence < MIN_RECOGNITION:
                notices.append(
                    Notice(
                        code="unsure-exercise",
                        message=(
                            f"This looks like {ex.name}, but not clearly; name the exercise "
                            "to be sure of the analysis."
                        ),
                    )
                )
    clip = _clip_info(poses, kin)
    quality = _tracking_quality(kin)
    if poses.people_max > 1:
        notices.append(
            Notice(
                code="several-people",
                message=(
                    f"{poses.people_max} people were in view; the analysis follows the main "
                    "one. Film with only the person training in the frame."
                ),
            )
        )
    specific = {n.code for n in result.notices} if result is not None else set()
    if "low-confidence" not in specific and (
        clip.pose_fraction < MIN_POSE_FRACTION or quality < MIN_VISIBILITY
    ):
        notices.append(
            Notice(
                code="low-confidence",
                message=(
                    f"The body was hard to see (found in {clip.pose_fraction:.0%} of frames); "
                    "the count may be off. Film in good light with the whole body in frame."
                ),
            )
        )
    if result is not None:
        notices.extend(result.notices)
    reps = result.reps if result is not None else []
    faults: list[FaultEvent] = sorted(
        (f for r in reps for f in r.faults), key=lambda f: (f.time_s, f.id)
    )
    if result is not None and result.strokes:
        counted = max(s.strokes for s in result.strokes)
        confidence = min(s.confidence for s in result.strokes)
    else:
        counted = sum(1 for r in reps if r.full)
        confidence = quality * min(1.0, clip.pose_fraction / MIN_POSE_FRACTION)
    return FormReport(
        exercise=ex.id if ex is not None else None,
        exercise_name=ex.name if ex is not None else None,
        recognised=named is None,
        recognition_confidence=recognition_confidence,
        confidence=round(float(np.clip(confidence, 0.0, 1.0)), 3),
        counted_reps=counted,
        partial_reps=sum(1 for r in reps if not r.full),
        reps=reps,
        faults=faults,
        strokes=result.strokes if result is not None else [],
        warnings=notices,
        clip=clip,
    )


def _tracking_quality(kin: Kinematics) -> float:
    """Mean visibility of the core landmarks over the frames with a pose (0..1)."""
    present = kin.present
    if not present.any():
        return 0.0
    vis = np.nan_to_num(kin.vis[present][:, [int(c) for c in CORE]], nan=0.0)
    return float(np.clip(vis.mean(), 0.0, 1.0))


def _clip_info(poses: PoseSequence, kin: Kinematics) -> ClipInfo:
    n = len(poses)
    return ClipInfo(
        frames=n,
        duration_s=round(poses.duration_s, 3),
        fps=round(poses.fps, 3),
        width=poses.width,
        height=poses.height,
        source_format=poses.source_format,
        pose_fraction=round(float(poses.has_pose.mean()) if n else 0.0, 3),
        shots=int(kin.shot.max()) + 1 if n else 0,
        view=kin.view(),
        facing_side=kin.facing_side() if kin.present.any() else None,
        people_max=poses.people_max,
    )
