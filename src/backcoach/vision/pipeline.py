"""The form check from a video file: frames -> poses -> report (and an annotated copy).

The one path for video: :func:`backcoach.vision.video.read_frames` streams frames, a
:class:`~backcoach.vision.pose.PoseEstimator` turns each into a pose, and
:func:`backcoach.vision.analyse.analyse` makes the report. What only the pixels can tell
(a clip too dark to trust) is measured on the way and added to the report here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from backcoach.vision.analyse import analyse
from backcoach.vision.errors import PoseDataError
from backcoach.vision.pose import Frame, PoseEstimator, PoseSequence
from backcoach.vision.report import FormReport, Notice
from backcoach.vision.video import (
    DEFAULT_LONG_SIDE,
    DEFAULT_MAX_SECONDS,
    VideoError,
    VideoInfo,
    probe,
    read_frames,
)

#: Called with (frames done, frames expected) as the clip goes through the pose model.
Progress = Callable[[int, int], None]

#: Mean brightness (0-255) under which a clip is too dark to trust. Daylight films at
#: about 100-130 and a dim room at 40-80; BlazePose kept the footballer of messi5.jpg
#: at 24 and lost him at 10 (tests/vision/test_video.py's dark clips).
DARK_BRIGHTNESS = 20.0
#: A dark clip's confidence is at most this: the count may be right, but not surely.
DARK_CONFIDENCE = 0.5
#: Brightness is sampled this often (seconds of video) on every 8th pixel.
BRIGHTNESS_EVERY_S = 0.5


@dataclass(frozen=True)
class VideoSettings:
    """How a video is read: working resolution, frame stride and length limit."""

    long_side: int | None = DEFAULT_LONG_SIDE
    stride: int = 1
    max_seconds: float = DEFAULT_MAX_SECONDS


@dataclass
class PixelStats:
    """What the pixels say about a clip: its brightness, sampled as frames go by."""

    brightness: list[float] = field(default_factory=list)

    @property
    def median_brightness(self) -> float | None:
        """Median of the sampled frames' mean brightness (0-255); None before any frame."""
        return float(np.median(self.brightness)) if self.brightness else None

    @property
    def dark(self) -> bool:
        """True when the clip is too dark to trust what the pose model finds in it."""
        level = self.median_brightness
        return level is not None and level < DARK_BRIGHTNESS

    def watch(self, frames: Iterable[Frame]) -> Iterator[Frame]:
        """Pass the frames on, sampling their brightness every half second."""
        next_t = -np.inf
        for frame in frames:
            if frame.t >= next_t:
                self.brightness.append(float(frame.rgb[::8, ::8].mean()))
                next_t = frame.t + BRIGHTNESS_EVERY_S
            yield frame


def _counted(frames: Iterable[Frame], total: int, progress: Progress | None) -> Iterator[Frame]:
    for n, frame in enumerate(frames, 1):
        yield frame
        if progress is not None:
            progress(n, total)


def video_poses(
    video: Path,
    estimator: PoseEstimator,
    settings: VideoSettings = VideoSettings(),
    progress: Progress | None = None,
    stats: PixelStats | None = None,
) -> tuple[VideoInfo, PoseSequence]:
    """Run the pose model over a clip, streaming; returns the clip's info and its poses.

    ``stats``, when given, collects the clip's brightness on the way.
    """
    info = probe(video, settings.max_seconds)
    expected = max(1, -(-info.frame_count // settings.stride))
    frames: Iterable[Frame] = read_frames(
        video,
        long_side=settings.long_side,
        stride=settings.stride,
        max_seconds=settings.max_seconds,
        info=info,
    )
    if stats is not None:
        frames = stats.watch(frames)
    poses = PoseSequence.from_frames(
        estimator.estimate(_counted(frames, expected, progress)),
        fps=info.fps / settings.stride,
        width=info.width,
        height=info.height,
        rotation_applied=info.rotation != 0,
    )
    return info, poses


def check_video(
    video: Path,
    estimator: PoseEstimator,
    exercise: str | None = None,
    settings: VideoSettings = VideoSettings(),
    progress: Progress | None = None,
) -> tuple[PoseSequence, FormReport]:
    """The whole form check of one clip: its poses and the report."""
    stats = PixelStats()
    _info, poses = video_poses(video, estimator, settings, progress, stats)
    try:
        report = analyse(poses, exercise)
    except PoseDataError as exc:
        if stats.dark:
            raise _too_dark(stats) from exc
        raise
    return poses, with_pixel_notices(report, stats)


def _too_dark(stats: PixelStats) -> VideoError:
    return VideoError(
        f"The clip is too dark to find anyone in it (brightness {stats.median_brightness:.0f} "
        "of 255).",
        "Film in good light, with the light behind the camera and your whole body in frame.",
    )


def with_pixel_notices(report: FormReport, stats: PixelStats) -> FormReport:
    """The report with what the pixels say added: a dark clip is flagged low-confidence."""
    if not stats.dark:
        return report
    message = (
        f"The clip is very dark (brightness {stats.median_brightness:.0f} of 255); the pose "
        "model may miss the body, so the count may be off. Film in good light."
    )
    warnings = list(report.warnings)
    code = "low-confidence" if all(w.code != "low-confidence" for w in warnings) else "dark-video"
    warnings.append(Notice(code=code, message=message))
    return report.model_copy(
        update={"warnings": warnings, "confidence": min(report.confidence, DARK_CONFIDENCE)}
    )
