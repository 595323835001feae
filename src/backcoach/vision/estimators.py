"""Pose estimators: MediaPipe BlazePose from the installed wheel, or a model given by path.

Adapters behind :class:`backcoach.vision.pose.PoseEstimator`. The default needs nothing
but the install: ``mediapipe==0.10.21`` carries the BlazePose Full landmark model
(``model_complexity=1``) inside its wheel. Another model plugs in by path:

* ``path/to/pose_landmarker.task`` — a MediaPipe Tasks pose landmarker file;
* ``package.module:ClassName`` — any class whose instances have ``estimate(frames)``.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from backcoach.vision.errors import VisionError
from backcoach.vision.pose import N_LANDMARKS, Frame, PoseEstimator, PoseFrame

#: The only BlazePose size inside the mediapipe wheel; 0 and 2 would be downloaded.
BUNDLED_COMPLEXITY = 1
#: How often (seconds of video) the people counter looks for bystanders. A person who
#: walks into view stays for longer than this; each look costs about 1.5 frames of the
#: pose model (33 ms against 21 ms on a 2-core machine), so at 30 fps looking every two
#: seconds costs under 3 % of the run (bench/vision_speed.py --profile).
PEOPLE_CHECK_SECONDS = 2.0
#: HOG's person window is 64 x 128 pixels, so a frame is scaled to this long side first:
#: then people down to about a quarter of a 16:9 frame's height are found (the walkers
#: of OpenCV's vtest.avi, 90 px of 576, are found with the frame cropped to 512 px).
PEOPLE_LONG_SIDE = 960
#: A HOG detection counts as a person above this SVM score: bystanders score 1.3-4.3 in
#: vtest.avi, the crowd behind the footballer of messi5.jpg and the astronaut never
#: reach it.
MIN_PERSON_SCORE = 1.0
#: Step between HOG's image scales: 1.2 finds the same walkers in vtest.avi as the usual
#: 1.1 (3, 2, 3-4, 5, 4 people in five frames) at 60 % of the cost (33 ms against 54 ms).
HOG_PYRAMID_STEP = 1.2


class EstimatorError(VisionError):
    """A pose model that cannot be loaded or run."""


@contextmanager
def native_logs_silenced() -> Iterator[TextIO]:
    """While it lasts, what native code writes to the process's stderr goes nowhere;
    yields a text stream onto the real stderr for the caller's own messages.

    MediaPipe's C++ graph logs its set-up (TensorFlow Lite delegates, calculator
    warnings) straight to file descriptor 2, from its own threads, where no Python
    setting reaches it; a person running ``backcoach analyze`` should see backcoach's
    words only. Python's ``sys.stderr`` writes to the same descriptor, so anything the
    caller wants shown meanwhile (a progress bar) goes to the stream yielded. With
    BACKCOACH_DEBUG set nothing is hidden.
    """
    if os.environ.get("BACKCOACH_DEBUG"):
        yield sys.stderr
        return
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):  # no real stderr (embedded, closed): nothing to hide
        yield sys.stderr
        return
    real = os.fdopen(os.dup(saved), "w", buffering=1, encoding="utf-8", errors="replace")
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
        yield real
    finally:
        real.close()
        os.dup2(saved, 2)
        os.close(saved)


def _landmarks(items: Any) -> np.ndarray[Any, np.dtype[np.float64]]:
    out = np.empty((N_LANDMARKS, 4), dtype=np.float64)
    for i, lm in enumerate(items):
        out[i] = (lm.x, lm.y, lm.z, getattr(lm, "visibility", 1.0) or 0.0)
    return out


class PeopleCounter:
    """Counts people in a frame now and then (OpenCV's HOG detector), to warn of bystanders.

    BlazePose follows one person; when several are in view the report says which one was
    analysed (the main one the tracker locked on to).
    """

    def __init__(self) -> None:
        import cv2

        self._hog = cv2.HOGDescriptor()
        detector = cv2.HOGDescriptor.getDefaultPeopleDetector()
        self._hog.setSVMDetector(np.asarray(detector, dtype=np.float32))

    def count(self, rgb: np.ndarray[Any, np.dtype[np.uint8]]) -> int:
        """People clearly found in one frame (0 when none are clear)."""
        import cv2

        h, w = rgb.shape[:2]
        scale = PEOPLE_LONG_SIDE / max(h, w)
        size = (max(64, round(w * scale)), max(128, round(h * scale)))
        image = cv2.resize(rgb, size, interpolation=cv2.INTER_LINEAR) if scale != 1 else rgb
        boxes, scores = self._hog.detectMultiScale(image, winStride=(8, 8), scale=HOG_PYRAMID_STEP)
        if not len(boxes):
            return 0
        return int(np.count_nonzero(np.ravel(scores) > MIN_PERSON_SCORE))


class MediaPipePose:
    """BlazePose Full from the mediapipe wheel, in tracking mode, on the CPU."""

    name = "mediapipe-blazepose-full"

    def __init__(
        self,
        *,
        min_detection_confidence: float = 0.5,
        min_tracking_confidence: float = 0.5,
        model_complexity: int = BUNDLED_COMPLEXITY,
        count_people: bool = True,
    ) -> None:
        if model_complexity != BUNDLED_COMPLEXITY:
            raise EstimatorError(
                f"Pose model size {model_complexity} is not part of this install.",
                "Only the bundled BlazePose Full model (size 1) works offline; give another "
                "model's .task file with --pose-model instead.",
            )
        self.min_detection_confidence = min_detection_confidence
        self.min_tracking_confidence = min_tracking_confidence
        self.count_people = count_people

    def estimate(self, frames: Iterable[Frame]) -> Iterator[PoseFrame]:
        """One pose per frame, in order; the tracker carries the person from frame to frame."""
        try:
            from mediapipe.python.solutions import (  # type: ignore[import-untyped]
                pose as mp_pose,
            )
        except ImportError as exc:  # pragma: no cover - the dependency is pinned
            raise EstimatorError(
                "MediaPipe is not installed.", "Reinstall backcoach: make run."
            ) from exc
        counter = PeopleCounter() if self.count_people else None
        people = 1
        next_check = -np.inf
        with mp_pose.Pose(
            static_image_mode=False,
            model_complexity=BUNDLED_COMPLEXITY,
            smooth_landmarks=True,
            enable_segmentation=False,
            min_detection_confidence=self.min_detection_confidence,
            min_tracking_confidence=self.min_tracking_confidence,
        ) as model:
            for frame in frames:
                result = model.process(frame.rgb)
                if result.pose_landmarks is None:
                    yield PoseFrame(t=frame.t, image=None, world=None, people=0)
                    continue
                # Looked for on the first frame with a pose, then every few seconds.
                if counter is not None and frame.t >= next_check:
                    people = max(1, counter.count(frame.rgb))
                    next_check = frame.t + PEOPLE_CHECK_SECONDS
                world = result.pose_world_landmarks
                yield PoseFrame(
                    t=frame.t,
                    image=_landmarks(result.pose_landmarks.landmark),
                    world=_landmarks(world.landmark) if world is not None else None,
                    people=people,
                )


class TaskFilePose:
    """A MediaPipe Tasks pose landmarker loaded from a ``.task`` model file."""

    def __init__(self, path: Path, *, max_people: int = 2) -> None:
        if not path.is_file():
            raise EstimatorError(f"There is no pose model file {path}.", "Check the path.")
        self.path = path
        self.max_people = max_people
        self.name = f"mediapipe-task:{path.name}"

    def estimate(self, frames: Iterable[Frame]) -> Iterator[PoseFrame]:
        """One pose per frame (the most prominent person), in order."""
        import mediapipe as mp  # type: ignore[import-untyped]
        from mediapipe.tasks.python import BaseOptions  # type: ignore[import-untyped]
        from mediapipe.tasks.python import vision as mp_vision

        options = mp_vision.PoseLandmarkerOptions(
            base_options=BaseOptions(model_asset_path=str(self.path)),
            running_mode=mp_vision.RunningMode.VIDEO,
            num_poses=self.max_people,
        )
        try:
            landmarker = mp_vision.PoseLandmarker.create_from_options(options)
        except (RuntimeError, ValueError) as exc:
            raise EstimatorError(
                f"{self.path} is not a pose landmarker model MediaPipe can load ({exc}).",
                "Give a MediaPipe Tasks pose_landmarker .task file.",
            ) from exc
        with landmarker:
            last_ms = -1
            for frame in frames:
                ms = max(last_ms + 1, int(frame.t * 1000))
                last_ms = ms
                image = mp.Image(
                    image_format=mp.ImageFormat.SRGB, data=np.ascontiguousarray(frame.rgb)
                )
                result = landmarker.detect_for_video(image, ms)
                if not result.pose_landmarks:
                    yield PoseFrame(t=frame.t, image=None, world=None, people=0)
                    continue
                # The main person: the largest pose in the picture.
                sizes = [
                    np.ptp([p.y for p in pose]) * np.ptp([p.x for p in pose])
                    for pose in result.pose_landmarks
                ]
                main = int(np.argmax(sizes))
                world = result.pose_world_landmarks[main] if result.pose_world_landmarks else None
                yield PoseFrame(
                    t=frame.t,
                    image=_landmarks(result.pose_landmarks[main]),
                    world=_landmarks(world) if world is not None else None,
                    people=len(result.pose_landmarks),
                )


def load_estimator(spec: str | None = None) -> PoseEstimator:
    """The pose estimator ``spec`` names: None for the bundled model, a .task path, a class."""
    if spec is None or spec in ("", "mediapipe", MediaPipePose.name):
        return MediaPipePose()
    if spec.endswith(".task") or Path(spec).suffix == ".task":
        return TaskFilePose(Path(spec))
    if ":" in spec:
        module_name, _, class_name = spec.partition(":")
        try:
            module = importlib.import_module(module_name)
            cls = getattr(module, class_name)
        except (ImportError, AttributeError) as exc:
            raise EstimatorError(
                f"Cannot load the pose estimator '{spec}' ({exc}).",
                "Give module:ClassName of an importable class with an estimate(frames) method.",
            ) from exc
        estimator = cls()
        if not callable(getattr(estimator, "estimate", None)):
            raise EstimatorError(
                f"'{spec}' has no estimate(frames) method.",
                "A pose estimator turns frames into PoseFrame values; see docs/vision.md.",
            )
        return estimator  # type: ignore[no-any-return]
    raise EstimatorError(
        f"'{spec}' is not a pose model backcoach knows.",
        "Leave --pose-model out for the bundled model, or give a .task file or module:Class.",
    )
