"""Plain types for body poses: landmark names, a clip's pose sequence, the estimator interface.

A pose is MediaPipe's 33-landmark layout (BlazePose). Keypoints from other tools (OpenPose
BODY_25, COCO-17) are mapped onto it by :mod:`backcoach.vision.keypoints`, with NaN where the
other tool has no such landmark. Only the landmarks COCO-17 also has (the :data:`CORE`
set) feed the analysis, so a clip gives the same report whichever tool found its poses.

Nothing here decodes video or runs a model: a :class:`PoseEstimator` (the MediaPipe
adapter, or any other) turns frames into :class:`PoseFrame` values, and
:meth:`PoseSequence.from_frames` collects them, 33 x 4 numbers a frame, never an image.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import IntEnum
from typing import Protocol

import numpy as np
import numpy.typing as npt

from backcoach.vision.errors import PoseDataError

#: Number of landmarks in MediaPipe's pose model.
N_LANDMARKS = 33
#: Name of backcoach's own keypoint format (the devset's format too).
MEDIAPIPE_FORMAT = "mediapipe-pose-33"

FloatArray = npt.NDArray[np.float64]


class Landmark(IntEnum):
    """Index of each of MediaPipe Pose's 33 landmarks; left and right are the person's own."""

    NOSE = 0
    LEFT_EYE_INNER = 1
    LEFT_EYE = 2
    LEFT_EYE_OUTER = 3
    RIGHT_EYE_INNER = 4
    RIGHT_EYE = 5
    RIGHT_EYE_OUTER = 6
    LEFT_EAR = 7
    RIGHT_EAR = 8
    MOUTH_LEFT = 9
    MOUTH_RIGHT = 10
    LEFT_SHOULDER = 11
    RIGHT_SHOULDER = 12
    LEFT_ELBOW = 13
    RIGHT_ELBOW = 14
    LEFT_WRIST = 15
    RIGHT_WRIST = 16
    LEFT_PINKY = 17
    RIGHT_PINKY = 18
    LEFT_INDEX = 19
    RIGHT_INDEX = 20
    LEFT_THUMB = 21
    RIGHT_THUMB = 22
    LEFT_HIP = 23
    RIGHT_HIP = 24
    LEFT_KNEE = 25
    RIGHT_KNEE = 26
    LEFT_ANKLE = 27
    RIGHT_ANKLE = 28
    LEFT_HEEL = 29
    RIGHT_HEEL = 30
    LEFT_FOOT_INDEX = 31
    RIGHT_FOOT_INDEX = 32


#: Landmark names in MediaPipe order, as in backcoach's keypoint files ("left_shoulder").
LANDMARK_NAMES: tuple[str, ...] = tuple(lm.name.lower() for lm in Landmark)

#: The 17 landmarks every supported pose tool reports (COCO-17's set). The analysis reads
#: only these, so the same motion gives the same report from MediaPipe, OpenPose or COCO.
CORE: tuple[Landmark, ...] = (
    Landmark.NOSE,
    Landmark.LEFT_EYE,
    Landmark.RIGHT_EYE,
    Landmark.LEFT_EAR,
    Landmark.RIGHT_EAR,
    Landmark.LEFT_SHOULDER,
    Landmark.RIGHT_SHOULDER,
    Landmark.LEFT_ELBOW,
    Landmark.RIGHT_ELBOW,
    Landmark.LEFT_WRIST,
    Landmark.RIGHT_WRIST,
    Landmark.LEFT_HIP,
    Landmark.RIGHT_HIP,
    Landmark.LEFT_KNEE,
    Landmark.RIGHT_KNEE,
    Landmark.LEFT_ANKLE,
    Landmark.RIGHT_ANKLE,
)


class Frame(Protocol):
    """A decoded video frame as a pose estimator needs it (the video adapter's frames fit)."""

    @property
    def index(self) -> int:
        """Position of the frame in the clip, from 0."""
        ...

    @property
    def t(self) -> float:
        """Time of the frame in seconds from the start of the clip."""
        ...

    @property
    def rgb(self) -> npt.NDArray[np.uint8]:
        """Pixels, shape (height, width, 3), RGB."""
        ...


@dataclass(frozen=True)
class PoseFrame:
    """The pose found in one frame: time, landmarks, and how many people were seen.

    ``image`` is (33, 4): x and y normalised to the frame width and height (origin top
    left, y down), z (the model's relative depth, NaN when unknown) and visibility 0..1.
    ``world`` is (33, 4) metric 3-D coordinates when the model gives them. Both are None
    when no person was found.
    """

    t: float
    image: FloatArray | None
    world: FloatArray | None = None
    people: int = 1


class PoseEstimator(Protocol):
    """Anything that turns video frames into poses: MediaPipe, or another model later.

    Implementations yield exactly one :class:`PoseFrame` per input frame, in order, and
    hold no frame longer than needed to process it, so a long clip streams through in
    constant memory.
    """

    def estimate(self, frames: Iterable[Frame]) -> Iterator[PoseFrame]:
        """One pose (or an empty PoseFrame) per frame, in order."""
        ...


@dataclass(frozen=True, eq=False)
class PoseSequence:
    """The poses of one clip, as arrays: what every later stage of the analysis reads.

    ``t`` (T,) is seconds from the start; ``image`` (T, 33, 4) holds x, y (normalised to
    ``width`` and ``height``), z and visibility, all NaN in frames without a pose;
    ``world`` (T, 33, 4) metric coordinates or None. ``people_max`` is the most people
    seen in any one frame (the analysis follows one main person). ``source_format`` names
    where the keypoints came from (``mediapipe-pose-33``, ``openpose-body25``, ``coco-17``).
    """

    t: FloatArray
    image: FloatArray
    world: FloatArray | None
    fps: float
    width: int
    height: int
    source_format: str = MEDIAPIPE_FORMAT
    people_max: int = 1
    rotation_applied: bool = False

    def __post_init__(self) -> None:
        t = np.asarray(self.t, dtype=np.float64)
        image = np.asarray(self.image, dtype=np.float64)
        object.__setattr__(self, "t", t)
        object.__setattr__(self, "image", image)
        if t.ndim != 1:
            raise PoseDataError("Frame times must be a flat list of seconds.")
        if image.shape != (len(t), N_LANDMARKS, 4):
            raise PoseDataError(
                f"Expected image landmarks of shape ({len(t)}, 33, 4); got {image.shape}.",
                "Each frame needs 33 landmarks of x, y, z, visibility (or none at all).",
            )
        if self.world is not None:
            world = np.asarray(self.world, dtype=np.float64)
            if world.shape != image.shape:
                raise PoseDataError(
                    f"World landmarks have shape {world.shape}, image landmarks {image.shape}.",
                    "Give world landmarks for every frame or leave them out.",
                )
            object.__setattr__(self, "world", world)
        if len(t) > 1 and np.any(np.diff(t) <= 0):
            raise PoseDataError(
                "Frame times must increase from frame to frame.",
                "Sort the frames by time and drop duplicates.",
            )
        if not (np.isfinite(self.fps) and self.fps > 0):
            raise PoseDataError(f"Frame rate {self.fps} is not a positive number.")
        if self.width <= 0 or self.height <= 0:
            raise PoseDataError(f"Frame size {self.width}x{self.height} is not positive.")

    def __len__(self) -> int:
        return len(self.t)

    @property
    def duration_s(self) -> float:
        """Length of the clip in seconds (last frame time plus one frame)."""
        return float(self.t[-1] + 1.0 / self.fps) if len(self.t) else 0.0

    @property
    def has_pose(self) -> npt.NDArray[np.bool_]:
        """(T,) True where a pose was found (the shoulders are known)."""
        sh = self.image[:, [Landmark.LEFT_SHOULDER, Landmark.RIGHT_SHOULDER], 0]
        return np.asarray(np.isfinite(sh).any(axis=1), dtype=np.bool_)

    @classmethod
    def from_frames(
        cls,
        frames: Iterable[PoseFrame],
        *,
        fps: float,
        width: int,
        height: int,
        source_format: str = MEDIAPIPE_FORMAT,
        rotation_applied: bool = False,
    ) -> PoseSequence:
        """Collect an estimator's stream of poses into arrays (33 x 4 numbers a frame)."""
        ts: list[float] = []
        images: list[FloatArray] = []
        worlds: list[FloatArray] = []
        any_world = False
        people = 0
        empty = np.full((N_LANDMARKS, 4), np.nan)
        for f in frames:
            ts.append(float(f.t))
            images.append(empty if f.image is None else np.asarray(f.image, dtype=np.float64))
            if f.world is not None:
                any_world = True
            worlds.append(empty if f.world is None else np.asarray(f.world, dtype=np.float64))
            people = max(people, f.people if f.image is not None else 0)
        n = len(ts)
        image = np.stack(images) if n else np.zeros((0, N_LANDMARKS, 4))
        world = np.stack(worlds) if (n and any_world) else None
        return cls(
            t=np.asarray(ts, dtype=np.float64),
            image=image,
            world=world,
            fps=fps,
            width=width,
            height=height,
            source_format=source_format,
            people_max=max(people, 1),
            rotation_applied=rotation_applied,
        )
