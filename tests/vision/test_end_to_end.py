"""The whole form check on real pixels: video file -> PyAV -> MediaPipe -> analysis.

The clips are built here from a real photograph (messi5.jpg): the footballer's arms are
cut out and turned about the shoulders, up and down a known number of times, over the
photograph with the arms painted out (tests/vision/media.py). The wrists' height over
the shoulders, in torso lengths, is what the overhead-raise analyser counts, and it
truly changes, while the rest of the body stays where it is. Every count below comes
from BlazePose's landmarks on those pixels; nothing is fed in from the generator.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from backcoach.vision.analyse import analyse
from backcoach.vision.errors import PoseDataError
from backcoach.vision.estimators import MediaPipePose
from backcoach.vision.pipeline import DARK_CONFIDENCE, check_video
from backcoach.vision.pose import PoseSequence
from backcoach.vision.report import FormReport
from backcoach.vision.video import VideoError
from tests.vision import media

RAISE = "overhead-dumbbell-raise"
REPS = 3
FPS = 20.0
PERIOD_S = 1.4


def raise_frames() -> list[media.RGB]:
    return list(media.arm_raise_frames(REPS, fps=FPS, period_s=PERIOD_S, hold_s=0.5))


@pytest.fixture(scope="module")
def raise_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three arm raises, 20 fps, H.264 mp4 (about five seconds)."""
    path = tmp_path_factory.mktemp("e2e") / "raises.mp4"
    return media.write_video(path, raise_frames(), fps=FPS)


@pytest.fixture(scope="module")
def checked(raise_clip: Path) -> tuple[PoseSequence, FormReport]:
    return check_video(raise_clip, MediaPipePose(), RAISE)


def test_known_number_of_arm_raises_is_counted_from_the_pixels(
    checked: tuple[PoseSequence, FormReport],
) -> None:
    poses, report = checked
    assert report.exercise == RAISE
    assert report.counted_reps == REPS
    assert report.partial_reps == 0
    assert report.clip.pose_fraction > 0.9
    assert report.confidence > 0.7
    assert all(w.code != "low-confidence" for w in report.warnings)
    # The peaks fall at the tops of the raises: 0.5 s of stillness, then one every 1.4 s.
    tops = [0.5 + PERIOD_S * (k + 0.5) for k in range(REPS)]
    assert [r.peak_s for r in report.reps] == pytest.approx(tops, abs=0.3)
    assert len(poses) == round((1.0 + REPS * PERIOD_S) * FPS)


def test_the_raises_are_recognised_without_naming_the_exercise(
    checked: tuple[PoseSequence, FormReport],
) -> None:
    poses, _ = checked
    report = analyse(poses)
    assert report.recognised
    assert report.exercise == RAISE
    assert report.counted_reps == REPS


def test_a_clip_filmed_sideways_with_rotation_metadata_counts_the_same(
    tmp_path: Path,
) -> None:
    # A phone stores the picture turned a quarter (here counter-clockwise) and a display
    # matrix that turns it back; read without the rotation the body would lie sideways.
    stored = (np.ascontiguousarray(np.rot90(f, k=1)) for f in raise_frames())
    clip = media.write_video(tmp_path / "sideways.mov", stored, fps=FPS, rotation=-90)
    _poses, report = check_video(clip, MediaPipePose(), RAISE)
    assert report.counted_reps == REPS
    assert (report.clip.width, report.clip.height) == (548, 342)


def test_a_still_photograph_has_no_repetitions(tmp_path: Path) -> None:
    clip = media.write_video(tmp_path / "still.mp4", media.still(media.messi(), 40), fps=FPS)
    poses, report = check_video(clip, MediaPipePose(), RAISE)
    assert report.counted_reps == 0
    assert report.reps == []
    recognised = analyse(poses)
    assert recognised.exercise is None
    assert "not-recognised" in {w.code for w in recognised.warnings}


def test_a_clip_with_nobody_in_it_says_so(tmp_path: Path) -> None:
    clip = media.write_video(tmp_path / "empty.mp4", media.still(media.gradient(), 20))
    with pytest.raises(PoseDataError, match="No person") as err:
        check_video(clip, MediaPipePose())
    assert "whole body" in err.value.hint


def test_several_people_in_view_are_reported_and_the_main_one_analysed(
    tmp_path: Path,
) -> None:
    # vtest.avi's walkers, cropped to where they walk (as a phone nearer to them would
    # frame it) so that BlazePose can lock on to one of them.
    frames = (f[120:376, 200:712] for f in media.vtest_frames(8))
    clip = media.write_video(tmp_path / "walkers.mp4", media.resized(frames, 640, 320), fps=10.0)
    poses, report = check_video(clip, MediaPipePose())
    assert poses.people_max >= 2
    assert report.clip.people_max == poses.people_max
    notice = next(w for w in report.warnings if w.code == "several-people")
    assert "follows the main one" in notice.message
    assert report.counted_reps == 0


def test_a_dim_clip_is_flagged_low_confidence_not_counted_with_confidence(
    tmp_path: Path,
) -> None:
    dim = media.darkened(raise_frames(), 0.12)
    clip = media.write_video(tmp_path / "dim.mp4", dim, fps=FPS)
    _poses, report = check_video(clip, MediaPipePose(), RAISE)
    codes = {w.code for w in report.warnings}
    assert "low-confidence" in codes
    assert report.confidence <= DARK_CONFIDENCE
    assert any("dark" in w.message for w in report.warnings)
    assert report.counted_reps <= REPS


def test_a_clip_too_dark_to_see_anyone_says_to_film_in_good_light(tmp_path: Path) -> None:
    dark = media.darkened(media.still(media.messi(), 20), 0.04)
    clip = media.write_video(tmp_path / "dark.mp4", dark, fps=FPS)
    with pytest.raises(VideoError, match="too dark") as err:
        check_video(clip, MediaPipePose(), RAISE)
    assert "good light" in err.value.hint
