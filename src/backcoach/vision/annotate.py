"""Drawing the report onto the video: skeleton, repetition counter, and each fault's cue.

A renderer over a finished report. The clip is decoded a second time (the repetitions
are only known once the whole clip has been analysed), frame by frame, so memory stays
flat.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from backcoach.vision.encode import VideoWriter
from backcoach.vision.pose import Landmark, PoseSequence
from backcoach.vision.report import FormReport
from backcoach.vision.video import Frame, read_frames

L = Landmark
#: Bones drawn between landmarks.
SKELETON: tuple[tuple[Landmark, Landmark], ...] = (
    (L.LEFT_SHOULDER, L.RIGHT_SHOULDER),
    (L.LEFT_SHOULDER, L.LEFT_ELBOW),
    (L.LEFT_ELBOW, L.LEFT_WRIST),
    (L.RIGHT_SHOULDER, L.RIGHT_ELBOW),
    (L.RIGHT_ELBOW, L.RIGHT_WRIST),
    (L.LEFT_SHOULDER, L.LEFT_HIP),
    (L.RIGHT_SHOULDER, L.RIGHT_HIP),
    (L.LEFT_HIP, L.RIGHT_HIP),
    (L.LEFT_HIP, L.LEFT_KNEE),
    (L.LEFT_KNEE, L.LEFT_ANKLE),
    (L.RIGHT_HIP, L.RIGHT_KNEE),
    (L.RIGHT_KNEE, L.RIGHT_ANKLE),
    (L.NOSE, L.LEFT_EAR),
    (L.NOSE, L.RIGHT_EAR),
)
#: How long a fault's cue stays on screen, in seconds.
CUE_SECONDS = 2.5
MIN_VISIBILITY = 0.5
GREEN = (60, 200, 90)
AMBER = (255, 180, 0)
WHITE = (255, 255, 255)
#: Space kept free at the right edge of a text box, pixels.
MARGIN = 12
PLAIN_PUNCTUATION = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)


@dataclass(frozen=True)
class Overlay:
    """What to show at one moment: reps counted so far and the cues in view."""

    reps: int
    partials: int
    cues: tuple[str, ...]


class Timeline:
    """Answers 'what does the overlay say at time t' from a report."""

    def __init__(self, report: FormReport) -> None:
        self._counted = sorted(r.peak_s for r in report.reps if r.full)
        self._partial = sorted(r.peak_s for r in report.reps if not r.full)
        events = [(f.time_s, f.cue) for f in report.faults]
        for rep in report.reps:
            events.extend((f.time_s, f.cue) for f in rep.faults)
        self._cues = sorted(set(events))

    def at(self, t: float) -> Overlay:
        """The overlay at ``t`` seconds."""
        cues = tuple(dict.fromkeys(c for when, c in self._cues if when <= t < when + CUE_SECONDS))
        return Overlay(
            reps=bisect.bisect_right(self._counted, t),
            partials=bisect.bisect_right(self._partial, t),
            cues=cues[-2:],
        )


def _pose_at(poses: PoseSequence, t: float) -> npt.NDArray[np.float64] | None:
    if len(poses) == 0:
        return None
    i = int(np.clip(np.searchsorted(poses.t, t + 1e-6) - 1, 0, len(poses) - 1))
    if abs(poses.t[i] - t) > 2.0 / poses.fps:
        return None
    landmarks = poses.image[i]
    return None if not np.isfinite(landmarks[:, 0]).any() else landmarks


def draw_frame(
    rgb: npt.NDArray[np.uint8], landmarks: npt.NDArray[np.float64] | None, overlay: Overlay
) -> npt.NDArray[np.uint8]:
    """One annotated frame: skeleton, the count, and the cues of the moment."""
    import cv2

    out = np.ascontiguousarray(rgb.copy())
    h, w = out.shape[:2]
    thick = max(2, round(max(h, w) / 300))
    if landmarks is not None:
        points = {}
        for lm in Landmark:
            x, y, _z, vis = landmarks[lm]
            if (
                np.isfinite(x)
                and np.isfinite(y)
                and (not np.isfinite(vis) or vis >= MIN_VISIBILITY)
            ):
                points[lm] = (round(x * w), round(y * h))
        for a, b in SKELETON:
            if a in points and b in points:
                cv2.line(out, points[a], points[b], GREEN, thick, cv2.LINE_AA)
        for p in points.values():
            cv2.circle(out, p, thick + 1, WHITE, -1, cv2.LINE_AA)
    scale = max(0.6, max(h, w) / 900)
    banner = f"Reps: {overlay.reps}"
    if overlay.partials:
        banner += f"  (partial: {overlay.partials})"
    _label(out, banner, (12, 12), scale * 1.2, WHITE)
    y = h - 16
    for cue in reversed(overlay.cues):
        y = _label(out, cue, (12, y), scale, AMBER, anchor_bottom=True) - 8
    return out


def _wrap(text: str, scale: float, thick: int, width: int) -> list[str]:
    """``text`` in lines no wider than ``width`` pixels (a long word gets a line of its own)."""
    import cv2

    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        (tw, _), _ = cv2.getTextSize(trial, cv2.FONT_HERSHEY_SIMPLEX, scale, thick)
        if line and tw > width:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines


def _ascii(text: str) -> str:
    """OpenCV's Hershey fonts draw ASCII only: typographic punctuation becomes plain."""
    plain = text.translate(PLAIN_PUNCTUATION)
    return unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()


def _label(
    img: npt.NDArray[np.uint8],
    text: str,
    at: tuple[int, int],
    scale: float,
    colour: tuple[int, int, int],
    *,
    anchor_bottom: bool = False,
) -> int:
    """Text on a dark box, wrapped to the frame's width; returns the box's top edge
    (bottom-anchored) or its bottom edge."""
    import cv2

    font = cv2.FONT_HERSHEY_SIMPLEX
    thick = max(1, round(scale * 2))
    x, y = at
    lines = _wrap(_ascii(text), scale, thick, img.shape[1] - x - MARGIN)
    (_, th), base = cv2.getTextSize("Ag", font, scale, thick)
    step = th + base + 4
    widths = [cv2.getTextSize(line, font, scale, thick)[0][0] for line in lines]
    height = step * len(lines) + 4
    top = y - height if anchor_bottom else y
    right = min(img.shape[1] - 1, x + max(widths, default=0) + 6)
    cv2.rectangle(img, (max(0, x - 6), top), (right, top + height), (0, 0, 0), -1)
    for i, line in enumerate(lines):
        baseline = top + 2 + th + i * step
        cv2.putText(img, line, (x, baseline), font, scale, colour, thick, cv2.LINE_AA)
    return top if anchor_bottom else top + height


def annotated_frames(
    frames: Iterator[Frame], poses: PoseSequence, report: FormReport
) -> Iterator[npt.NDArray[np.uint8]]:
    """Each frame of the clip with the overlay of its moment."""
    timeline = Timeline(report)
    for frame in frames:
        yield draw_frame(frame.rgb, _pose_at(poses, frame.t), timeline.at(frame.t))


def write_annotated_video(
    video: Path,
    out: Path,
    poses: PoseSequence,
    report: FormReport,
    *,
    long_side: int | None = 720,
    max_seconds: float = 600.0,
    on_frame: Callable[[int], None] | None = None,
) -> Path:
    """Write ``out`` (MP4, H.264): the clip with skeleton, counter and cues drawn in.

    Every frame of the clip is written (whatever stride the poses were found at), upright,
    with the long side at most ``long_side``. A write that fails leaves no half file.
    """
    from backcoach.vision.video import probe

    info = probe(video, max_seconds)
    frames = read_frames(video, long_side=long_side, max_seconds=max_seconds, info=info)
    writer: VideoWriter | None = None
    done = False
    try:
        for n, rgb in enumerate(annotated_frames(frames, poses, report)):
            if writer is None:
                writer = VideoWriter(out, fps=info.fps, width=rgb.shape[1], height=rgb.shape[0])
            writer.write(rgb)
            if on_frame is not None:
                on_frame(n + 1)
        done = True
    finally:
        if writer is not None:
            writer.close()
        if not done:
            out.unlink(missing_ok=True)
    return out
