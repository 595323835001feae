"""Live form check from a camera: poses as they come, the count refreshed every second.

The source is a camera (its number), a stream URL, or a video file played through as if
it were a camera (read with :mod:`backcoach.vision.video`, so a phone clip's rotation is
honoured there too).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from backcoach.vision.analyse import analyse
from backcoach.vision.errors import PoseDataError, VisionError
from backcoach.vision.estimators import MediaPipePose
from backcoach.vision.pose import PoseEstimator, PoseFrame, PoseSequence
from backcoach.vision.report import FormReport
from backcoach.vision.video import probe, read_frames

#: The live count looks back at most this far (seconds); memory stays bounded.
WINDOW_SECONDS = 600.0
REFRESH_SECONDS = 1.0
SOURCE_TIP = "Give a camera number (0 is the first webcam), a video file, or a stream URL."


class CameraError(VisionError):
    """A camera that cannot be opened or read."""


@dataclass(frozen=True)
class CameraFrame:
    """A frame from the camera (fits the estimator's Frame protocol)."""

    index: int
    t: float
    rgb: npt.NDArray[np.uint8]


@dataclass(frozen=True)
class LiveStatus:
    """What the screen shows now."""

    seconds: float
    frames: int
    person_seen: bool
    report: FormReport | None

    def text(self) -> str:
        """One or two lines for the terminal."""
        if self.report is None:
            who = "tracking you" if self.person_seen else "no person in view yet"
            return f"{self.seconds:5.0f} s  {who}"
        r = self.report
        name = r.exercise_name or "exercise not recognised yet"
        line = f"{self.seconds:5.0f} s  {name}: {r.counted_reps} reps"
        if r.partial_reps:
            line += f" ({r.partial_reps} partial)"
        cues = [f.cue for f in r.faults[-1:]]
        return line + (f"\n  {cues[0]}" if cues else "")


def _is_file(source: int | str) -> bool:
    return isinstance(source, str) and "://" not in source


class LiveSession:
    """Reads a camera, runs the pose model, and re-analyses the recent poses each second."""

    def __init__(
        self,
        source: int | str,
        *,
        exercise: str | None = None,
        estimator: PoseEstimator | None = None,
        long_side: int = 640,
    ) -> None:
        if exercise is not None:
            from backcoach.catalog import load_catalog

            load_catalog().resolve(exercise)  # an unknown name fails now, not mid-set
        self.exercise = exercise
        self.estimator = estimator or MediaPipePose(count_people=False)
        self.long_side = long_side
        self.source = source
        self._capture: Any = None
        if _is_file(source):
            path = Path(str(source))
            if not path.is_file():
                raise CameraError(f"There is no video file {path}.", SOURCE_TIP)
            info = probe(path)
            self.fps, self.width, self.height = info.fps, info.width, info.height
        else:
            import cv2

            self._capture = cv2.VideoCapture(source)
            if not self._capture.isOpened():
                raise CameraError(
                    f"Camera {source} cannot be opened.",
                    "Check it is connected and not in use, or pick another with --camera 1.",
                )
            fps = float(self._capture.get(cv2.CAP_PROP_FPS) or 0)
            self.fps = fps if 1 <= fps <= 240 else 30.0
            self.width = int(self._capture.get(cv2.CAP_PROP_FRAME_WIDTH) or 640)
            self.height = int(self._capture.get(cv2.CAP_PROP_FRAME_HEIGHT) or 480)
        self._poses: deque[PoseFrame] = deque(maxlen=int(WINDOW_SECONDS * self.fps))
        self._last: FormReport | None = None

    def _frames(self) -> Iterator[CameraFrame]:
        if self._capture is None:
            for frame in read_frames(Path(str(self.source)), long_side=self.long_side):
                yield CameraFrame(frame.index, frame.t, frame.rgb)
            return
        import cv2

        start = time.monotonic()
        index = 0
        while True:
            ok, bgr = self._capture.read()
            if not ok:
                return
            h, w = bgr.shape[:2]
            scale = min(1.0, self.long_side / max(h, w))
            if scale < 1.0:
                bgr = cv2.resize(bgr, (int(w * scale), int(h * scale)))
            yield CameraFrame(index, time.monotonic() - start, cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
            index += 1

    def run(self) -> Iterator[LiveStatus]:
        """Statuses, about one a second, until the camera (or the file) stops."""
        last_refresh = -REFRESH_SECONDS
        seen = False
        for pose in self.estimator.estimate(self._frames()):
            if self._poses and pose.t <= self._poses[-1].t:
                continue
            self._poses.append(pose)
            seen = seen or pose.image is not None
            if pose.t - last_refresh >= REFRESH_SECONDS:
                last_refresh = pose.t
                self._last = self._analyse()
                yield LiveStatus(pose.t, len(self._poses), seen, self._last)
        self._last = self._analyse()
        yield LiveStatus(
            self._poses[-1].t if self._poses else 0.0, len(self._poses), seen, self._last
        )

    def finish(self) -> FormReport | None:
        """Analyse everything seen so far (within the window) once more, and return it."""
        self._last = self._analyse()
        return self._last

    def _analyse(self) -> FormReport | None:
        if not any(p.image is not None for p in self._poses):
            return None
        poses = PoseSequence.from_frames(
            list(self._poses), fps=self.fps, width=self.width, height=self.height
        )
        try:
            return analyse(poses, self.exercise)
        except PoseDataError:
            return None

    def report(self) -> FormReport | None:
        """The report of everything seen (within the window), as of the last refresh."""
        return self._last

    def close(self) -> None:
        """Release the camera."""
        if self._capture is not None:
            self._capture.release()
