"""Reading videos: frames as RGB arrays, streamed, upright, at a working resolution.

An adapter at the edge of the form check (PyAV, i.e. FFmpeg). Frames flow through a
generator, so memory stays flat however long the clip is. Every way a file can be
unusable ends in a :class:`VideoError` that says what to do.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from backcoach.vision.errors import VisionError

if TYPE_CHECKING:
    import numpy.typing as npt

#: Default limit on clip length (seconds); a set is rarely over two minutes.
DEFAULT_MAX_SECONDS = 600.0
#: Default working size: the long side in pixels. BlazePose looks at a 256x256 crop, so
#: 640 px keeps every detail it can use while decoding and converting far less.
DEFAULT_LONG_SIDE = 640
VIDEO_SUFFIXES = (".mp4", ".mov", ".m4v", ".webm", ".avi", ".mkv")
FILM_TIP = "Film the whole set from the side, with your whole body in the frame."
EXPORT_TIP = "Export the clip as H.264 mp4 (most phones do by default) and try again."
COPY_TIP = "Copy the video again from your phone; the copy may have been cut short."


class VideoError(VisionError):
    """A video that cannot be analysed as it is."""


@dataclass(frozen=True)
class VideoInfo:
    """What a clip is: size as shown (after rotation), rate, length and codec."""

    path: Path
    width: int
    height: int
    fps: float
    duration_s: float
    frame_count: int
    rotation: int
    codec: str


@dataclass(frozen=True)
class Frame:
    """One decoded frame: its index in the clip, its time, and its RGB pixels (H, W, 3)."""

    index: int
    t: float
    rgb: npt.NDArray[np.uint8]


def _reason(exc: Exception) -> str:
    text = getattr(exc, "strerror", None) or str(exc)
    return str(text).rstrip(".")


def _open(path: Path) -> Any:
    import av

    if not path.exists():
        raise VideoError(f"There is no file {path}.", "Check the path and the file name.")
    if path.is_dir():
        raise VideoError(f"{path} is a folder, not a video.", "Give the path of a video file.")
    if path.stat().st_size == 0:
        raise VideoError(f"{path} is empty (0 bytes).", COPY_TIP)
    try:
        return av.open(str(path))
    except PermissionError as exc:
        raise VideoError(
            f"backcoach may not read {path}.", "Check the file's permissions."
        ) from exc
    except (av.error.FFmpegError, OSError, ValueError) as exc:
        raise VideoError(
            f"{path} is not a video backcoach can read ({_reason(exc)}); it may be another "
            "kind of file, or a video cut short.",
            "Give the mp4, mov, webm, avi or mkv file straight from the camera; if it is "
            "one, copy it again from your phone.",
        ) from exc


def _video_stream(container: Any, path: Path) -> Any:
    streams = container.streams.video
    if not streams:
        raise VideoError(
            f"{path} holds no video (perhaps only sound).", "Give a video file of the set."
        )
    stream = streams[0]
    context = stream.codec_context
    if context is None or not context.name or context.name == "none":
        raise VideoError(f"{path} uses a video codec backcoach cannot decode.", EXPORT_TIP)
    return stream


def _first_frame(container: Any, stream: Any, path: Path) -> Any:
    import av

    try:
        for frame in container.decode(stream):
            return frame
    except (av.error.FFmpegError, OSError, ValueError) as exc:
        raise VideoError(
            f"{path} could not be decoded ({_reason(exc)}); it may be cut short or use an "
            "unsupported codec.",
            EXPORT_TIP,
        ) from exc
    raise VideoError(f"No frame of {path} could be decoded; it may be cut short.", COPY_TIP)


def _rotation(frame: Any) -> int:
    """Counter-clockwise degrees that turn the picture upright (0, 90, 180 or 270).

    Phones store portrait clips as landscape pictures plus a display matrix; PyAV reads
    it as the counter-clockwise turn a player applies to show the picture.
    """
    value = getattr(frame, "rotation", 0) or 0
    return round(float(value) / 90.0) * 90 % 360


def _too_long(seconds: float, max_seconds: float) -> VideoError:
    return VideoError(
        f"The clip is {seconds / 60:.1f} minutes long; the limit is "
        f"{max_seconds / 60:.1f} minutes.",
        "Trim it to the set itself, or raise the limit with --max-minutes.",
    )


def probe(path: Path | str, max_seconds: float = DEFAULT_MAX_SECONDS) -> VideoInfo:
    """Check a clip before analysing it; raise :class:`VideoError` with advice when unusable."""
    path = Path(path)
    container = _open(path)
    try:
        stream = _video_stream(container, path)
        rate = stream.average_rate or stream.guessed_rate or Fraction(30)
        fps = float(rate)
        if stream.duration is not None and stream.time_base is not None:
            duration = float(stream.duration * stream.time_base)
        elif container.duration is not None:
            duration = container.duration / 1_000_000
        else:
            duration = 0.0
        frames = int(stream.frames or round(duration * fps))
        width, height = stream.codec_context.width, stream.codec_context.height
        if not width or not height:
            raise VideoError(f"{path} has no readable picture size; it may be cut short.", COPY_TIP)
        if duration > max_seconds:
            raise _too_long(duration, max_seconds)
        rotation = _rotation(_first_frame(container, stream, path))
        if rotation in (90, 270):
            width, height = height, width
        return VideoInfo(
            path=path,
            width=int(width),
            height=int(height),
            fps=fps,
            duration_s=duration,
            frame_count=frames,
            rotation=rotation,
            codec=str(stream.codec_context.name),
        )
    finally:
        container.close()


def working_size(width: int, height: int, long_side: int | None) -> tuple[int, int]:
    """The size frames are decoded to: the long side at most ``long_side``, both sides even."""
    if long_side is None or max(width, height) <= long_side:
        return max(2, width - width % 2), max(2, height - height % 2)
    scale = long_side / max(width, height)
    w, h = round(width * scale), round(height * scale)
    return max(2, w - w % 2), max(2, h - h % 2)


def read_frames(
    path: Path | str,
    *,
    long_side: int | None = DEFAULT_LONG_SIDE,
    stride: int = 1,
    max_seconds: float = DEFAULT_MAX_SECONDS,
    info: VideoInfo | None = None,
) -> Iterator[Frame]:
    """Decode a clip frame by frame: upright RGB at the working size, every ``stride``-th frame.

    ``info`` is the clip's :func:`probe` result when the caller has it already. A clip
    that breaks off part-way (cut short) yields what could be decoded and stops; one
    that yields nothing raises :class:`VideoError`, as does one that runs past
    ``max_seconds`` without saying its length up front.
    """
    import av
    from av.video.reformatter import Interpolation, VideoReformatter

    path = Path(path)
    if stride < 1:
        raise VideoError(
            f"A frame stride of {stride} is not possible.", "Use a stride of 1 or more."
        )
    info = info if info is not None else probe(path, max_seconds)
    container = _open(path)
    yielded = 0
    try:
        stream = _video_stream(container, path)
        stream.thread_type = "AUTO"
        out_w, out_h = working_size(
            stream.codec_context.width, stream.codec_context.height, long_side
        )
        # One scaler for the whole clip: a frame's own reformat() builds a new one (and
        # a new swscale context) for every frame, which cost 5.4 ms a 720p frame against
        # 1.5 ms. Area averaging costs no more than bilinear and does not alias.
        scaler = VideoReformatter()
        time_base = stream.time_base
        start = stream.start_time or 0
        turns = info.rotation // 90
        index = 0
        last_t = -1.0
        try:
            for decoded in container.decode(stream):
                if index % stride == 0:
                    pts = decoded.pts
                    if pts is not None and time_base is not None:
                        t = max(float((pts - start) * time_base), 0.0)
                    else:
                        t = index / info.fps
                    if t > max_seconds:
                        raise _too_long(t, max_seconds)
                    # A frame that does not move time on (a broken timestamp) is dropped:
                    # the analysis needs strictly increasing times.
                    if t > last_t:
                        last_t = t
                        scaled = scaler.reformat(
                            decoded,
                            width=out_w,
                            height=out_h,
                            format="rgb24",
                            interpolation=Interpolation.AREA,
                        )
                        rgb = np.asarray(scaled.to_ndarray(), dtype=np.uint8)
                        if turns:
                            rgb = np.ascontiguousarray(np.rot90(rgb, k=turns))
                        yielded += 1
                        yield Frame(index=index, t=t, rgb=rgb)
                index += 1
        except (av.error.FFmpegError, OSError, ValueError):
            if yielded == 0:
                raise
            # Cut short part-way: keep what was decoded.
    except (av.error.FFmpegError, OSError, ValueError) as exc:
        raise VideoError(
            f"{path} could not be decoded ({_reason(exc)}); it may be cut short or use an "
            "unsupported codec.",
            EXPORT_TIP,
        ) from exc
    finally:
        container.close()
    if yielded == 0:
        raise VideoError(f"No frame of {path} could be decoded; it may be cut short.", COPY_TIP)
