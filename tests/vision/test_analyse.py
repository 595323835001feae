"""The one entry point: named or recognised exercise, and every bad input a clear error."""

from __future__ import annotations

import numpy as np
import pytest

from backcoach.errors import UnknownName
from backcoach.vision.analyse import analyse
from backcoach.vision.errors import PoseDataError
from backcoach.vision.pose import N_LANDMARKS, PoseFrame, PoseSequence
from backcoach.vision.recognise import recognise
from tests.vision.motion import make_clip, reps


def test_chin_up_is_analysed_as_a_pull_up() -> None:
    clip = make_clip("pull-up", reps(3, seed=1), view="front", noise=0.005)
    report = analyse(clip.poses, "chin-up")
    assert report.exercise == "pull-up"
    assert report.counted_reps == 3
    assert not report.recognised


def test_unknown_exercise_name_suggests_a_known_one() -> None:
    clip = make_clip("pull-up", reps(2, seed=1))
    with pytest.raises(UnknownName, match="pull-up"):
        analyse(clip.poses, "pul up")


def test_clip_without_any_person_is_a_clear_error() -> None:
    empty = PoseSequence(
        t=np.arange(30) / 30,
        image=np.full((30, N_LANDMARKS, 4), np.nan),
        world=None,
        fps=30.0,
        width=640,
        height=480,
    )
    with pytest.raises(PoseDataError, match="No person") as err:
        analyse(empty)
    assert "whole body" in err.value.hint


def test_recognise_returns_the_exercise_and_a_confidence() -> None:
    clip = make_clip("barbell-shrug", reps(6, seed=2), view="front", noise=0.005)
    exercise, confidence = recognise(clip.poses)
    assert exercise == "barbell-shrug"
    assert 0.5 < confidence <= 1.0


def test_recognised_report_says_how_sure_it_is() -> None:
    clip = make_clip("overhead-dumbbell-raise", reps(6, seed=3), view="front", noise=0.005)
    report = analyse(clip.poses)
    assert report.recognised
    assert report.recognition_confidence is not None
    assert report.recognition_confidence > 0.5


def test_poorly_tracked_clip_is_flagged_low_confidence() -> None:
    clip = make_clip("barbell-shrug", reps(5, seed=4), view="front", noise=0.005, drop=0.5)
    report = analyse(clip.poses, "barbell-shrug")
    assert "low-confidence" in {w.code for w in report.warnings}
    assert report.confidence < 0.9


def test_pose_frames_stream_into_a_sequence() -> None:
    clip = make_clip("pull-up", reps(2, seed=5), view="front")
    p = clip.poses
    frames = (
        PoseFrame(t=float(p.t[i]), image=p.image[i] if p.has_pose[i] else None)
        for i in range(len(p))
    )
    seq = PoseSequence.from_frames(frames, fps=p.fps, width=p.width, height=p.height)
    assert analyse(seq, "pull-up").counted_reps == 2
    assert seq.world is None
    assert seq.people_max == 1


@pytest.mark.parametrize(
    ("t", "shape", "message"),
    [
        (np.array([0.0, 0.1, 0.1]), (3, 33, 4), "increase"),
        (np.array([0.0, 0.1]), (2, 17, 4), "shape"),
    ],
)
def test_malformed_pose_data_is_rejected(
    t: np.ndarray, shape: tuple[int, ...], message: str
) -> None:
    with pytest.raises(PoseDataError, match=message):
        PoseSequence(t=t, image=np.zeros(shape), world=None, fps=30.0, width=10, height=10)
