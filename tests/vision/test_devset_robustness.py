"""Real clips filmed a little differently: the count must not change.

Each real devset clip is altered the way another phone, another camera position or
another lifter would alter it: a little landmark jitter, frames lost singly or in
bursts, half the frame rate, a slower or quicker lifter, a tilted, zooming or mirrored
camera, the legs out of the frame. None of these changes how many repetitions were
done, so a counter that generalises gives the same count. Fragile rules show up here
first: a posture test on a midpoint the pose model only guesses at, a body position
divided by a scale that a zoom changes, a dropout read as a cut.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
import numpy.typing as npt
import pytest

from backcoach.vision.analyse import analyse
from backcoach.vision.pose import Landmark, PoseSequence
from tests.vision.devset import EXERCISE_OF, Label, labels, poses

Change = Callable[[PoseSequence], PoseSequence]


def _image(p: PoseSequence, image: npt.NDArray[np.float64]) -> PoseSequence:
    return replace(p, image=image, world=None)


def jitter(sd: float, seed: int) -> Change:
    """Landmark noise of ``sd`` of the frame (a smaller or blurrier picture)."""

    def change(p: PoseSequence) -> PoseSequence:
        img = p.image.copy()
        img[..., :2] += np.random.default_rng(seed).normal(0.0, sd, img[..., :2].shape)
        return _image(p, img)

    return change


def lost_frames(share: float, seed: int) -> Change:
    """Single frames where the pose model found nobody."""

    def change(p: PoseSequence) -> PoseSequence:
        img = p.image.copy()
        img[np.random.default_rng(seed).random(len(img)) < share] = np.nan
        return _image(p, img)

    return change


def lost_bursts(seed: int) -> Change:
    """One burst of 2-5 lost frames per hundred frames (motion blur, an occlusion)."""

    def change(p: PoseSequence) -> PoseSequence:
        rng = np.random.default_rng(seed)
        img = p.image.copy()
        for _ in range(max(1, len(img) // 100)):
            a = int(rng.integers(0, len(img)))
            img[a : a + int(rng.integers(2, 6))] = np.nan
        return _image(p, img)

    return change


def half_frame_rate(p: PoseSequence) -> PoseSequence:
    """Every other frame (a 15 fps camera for a 30 fps one); a 10 fps clip stays."""
    if p.fps < 20:
        return p
    return replace(p, t=p.t[::2], image=p.image[::2], world=None, fps=p.fps / 2)


def tempo(factor: float) -> Change:
    """The same frames ``factor`` times as far apart in time: a slower (or quicker)
    lifter filmed at a lower (or higher) frame rate."""

    def change(p: PoseSequence) -> PoseSequence:
        return replace(p, t=p.t * factor, fps=p.fps / factor, world=None)

    return change


def tilted(degrees: float) -> Change:
    """The phone held a few degrees off level."""

    def change(p: PoseSequence) -> PoseSequence:
        a = np.radians(degrees)
        img = p.image.copy()
        x, y = (img[..., 0] - 0.5) * p.width, (img[..., 1] - 0.5) * p.height
        img[..., 0] = (np.cos(a) * x - np.sin(a) * y) / p.width + 0.5
        img[..., 1] = (np.sin(a) * x + np.cos(a) * y) / p.height + 0.5
        return _image(p, img)

    return change


def zooming_out(p: PoseSequence) -> PoseSequence:
    """The camera zooms out steadily until the person is 60 % of their size."""
    img = p.image.copy()
    z = np.linspace(1.0, 0.6, len(img))[:, None]
    img[..., :2] = 0.5 + (img[..., :2] - 0.5) * z[..., None]
    return _image(p, img)


def mirrored(p: PoseSequence) -> PoseSequence:
    """A selfie camera's mirror image."""
    img = p.image.copy()
    img[..., 0] = 1.0 - img[..., 0]
    return _image(p, img)


def legs_out_of_frame(p: PoseSequence) -> PoseSequence:
    """Knees and feet not in the picture."""
    img = p.image.copy()
    legs = [Landmark.LEFT_KNEE, Landmark.RIGHT_KNEE, Landmark.LEFT_ANKLE, Landmark.RIGHT_ANKLE]
    img[:, [int(lm) for lm in legs]] = np.nan
    return _image(p, img)


CHANGES: dict[str, Change] = {
    "jitter-a": jitter(0.003, 10),
    "jitter-b": jitter(0.003, 11),
    "lost-frames": lost_frames(0.08, 20),
    "lost-bursts-a": lost_bursts(30),
    "lost-bursts-b": lost_bursts(34),
    "half-frame-rate": half_frame_rate,
    "slower": tempo(1.4),
    "quicker": tempo(0.8),
    "tilted-left": tilted(8.0),
    "tilted-right": tilted(-8.0),
    "zooming-out": zooming_out,
    "mirrored": mirrored,
    "legs-out-of-frame": legs_out_of_frame,
}

#: Clips whose count is hard to begin with, held to within one of the label: an edited
#: tutorial with a cut the keypoints do not show (tests/vision/test_devset.py), and a
#: handheld camera circling the lifter, whose pulls seen from behind move the signal
#: little and whose repetitions are the shortest of the devset.
HARD = {"pullup_dev_06", "row_dev_02"}

COUNTED = [lab for lab in labels() if lab.exercise in EXERCISE_OF and lab.low is not None]


@pytest.mark.parametrize("lab", COUNTED, ids=[lab.name for lab in COUNTED])
def test_filming_differently_does_not_change_the_count(lab: Label) -> None:
    assert lab.low is not None
    assert lab.high is not None
    slack = 1 if lab.name in HARD else 0
    counts = {
        name: analyse(change(poses(lab.name)), EXERCISE_OF[lab.exercise]).counted_reps
        for name, change in CHANGES.items()
    }
    wrong = {k: v for k, v in counts.items() if not lab.low - slack <= v <= lab.high + slack}
    assert wrong == {}, f"label {lab.low}-{lab.high}"
