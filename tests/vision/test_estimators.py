"""Pose estimators: BlazePose from the wheel on real photographs, the people counter, and
loading another model by name."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
import pytest

from backcoach.vision.estimators import (
    EstimatorError,
    MediaPipePose,
    PeopleCounter,
    TaskFilePose,
    load_estimator,
)
from backcoach.vision.pose import Frame as FrameProtocol
from backcoach.vision.pose import Landmark, PoseFrame
from backcoach.vision.video import Frame
from tests.vision import media


def frames_of(picture: media.RGB, n: int, fps: float = 10.0) -> list[Frame]:
    return [Frame(index=i, t=i / fps, rgb=picture) for i in range(n)]


def test_blazepose_finds_the_footballer_where_he_is_in_the_photograph() -> None:
    picture = media.messi()
    poses = list(MediaPipePose(count_people=False).estimate(frames_of(picture, 3)))
    assert [p.t for p in poses] == pytest.approx([0.0, 0.1, 0.2])
    h, w = picture.shape[:2]
    for pose in poses:
        assert pose.image is not None
        assert pose.world is not None
        assert pose.image.shape == pose.world.shape == (33, 4)
        assert pose.people == 1
        nose = pose.image[Landmark.NOSE, :2] * (w, h)
        # messi5.jpg: the nose is at about (250, 114), the right wrist at (103, 102).
        assert nose == pytest.approx((250, 114), abs=15)
        wrist = pose.image[Landmark.RIGHT_WRIST, :2] * (w, h)
        assert wrist == pytest.approx((103, 102), abs=20)
        assert pose.image[Landmark.NOSE, 3] > 0.9


def test_blazepose_reports_an_empty_frame_where_nobody_is() -> None:
    poses = list(MediaPipePose().estimate(frames_of(media.gradient(), 3)))
    assert len(poses) == 3
    assert all(p.image is None and p.world is None and p.people == 0 for p in poses)


def test_only_the_bundled_model_size_is_offered() -> None:
    with pytest.raises(EstimatorError, match="not part of this install") as err:
        MediaPipePose(model_complexity=2)
    assert ".task" in err.value.hint


def test_people_counter_finds_the_walkers_and_no_bystanders_in_single_portraits() -> None:
    counter = PeopleCounter()
    walkers = list(media.vtest_frames(7))[60]  # six seconds in: several people on the path
    crop = next(media.resized([walkers[120:376, 200:712]], 640, 320))
    assert counter.count(crop) >= 2
    # The footballer in a dynamic pose, the astronaut from the waist up, an empty
    # gradient: nobody a bystander warning should be given for.
    assert counter.count(media.messi()) <= 1
    assert counter.count(media.astronaut()) <= 1
    assert counter.count(media.gradient()) == 0


class StillEstimator:
    """A stand-in model: the same pose for every frame."""

    def estimate(self, frames: Iterable[FrameProtocol]) -> Iterator[PoseFrame]:
        for frame in frames:
            yield PoseFrame(t=frame.t, image=np.full((33, 4), 0.5))


class NotAnEstimator:
    """Has no estimate method."""


def test_load_estimator_gives_the_bundled_model_by_default() -> None:
    assert isinstance(load_estimator(None), MediaPipePose)
    assert isinstance(load_estimator("mediapipe"), MediaPipePose)


def test_load_estimator_loads_a_class_by_module_and_name() -> None:
    estimator = load_estimator(f"{__name__}:StillEstimator")
    poses = list(estimator.estimate(frames_of(media.gradient(32, 32), 2)))
    assert [p.t for p in poses] == [0.0, 0.1]


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        (f"{__name__}:Missing", "Cannot load"),
        ("no_such_module_anywhere:Model", "Cannot load"),
        (f"{__name__}:NotAnEstimator", "no estimate(frames) method"),
        ("blazepose-heavy", "not a pose model backcoach knows"),
    ],
)
def test_load_estimator_says_what_is_wrong_with_a_bad_name(spec: str, words: str) -> None:
    with pytest.raises(EstimatorError, match=words.replace("(", r"\(").replace(")", r"\)")) as err:
        load_estimator(spec)
    assert err.value.hint


def test_a_missing_task_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(EstimatorError, match="no pose model file"):
        load_estimator(str(tmp_path / "pose_landmarker.task"))


def test_a_task_file_that_is_not_a_model_is_refused_when_used(tmp_path: Path) -> None:
    bogus = tmp_path / "pose_landmarker.task"
    bogus.write_bytes(b"not a model")
    estimator = load_estimator(str(bogus))
    assert isinstance(estimator, TaskFilePose)
    with pytest.raises(EstimatorError, match="not a pose landmarker model") as err:
        list(estimator.estimate(frames_of(media.gradient(32, 32), 1)))
    assert ".task" in err.value.hint
