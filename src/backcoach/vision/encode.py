"""Writing videos a browser plays: H.264 in MP4 (yuv420p, index at the front)."""

from __future__ import annotations

import os
from fractions import Fraction
from pathlib import Path
from types import TracebackType
from typing import Any

import numpy as np
import numpy.typing as npt

from backcoach.vision.errors import VisionError

#: x264 settings: "veryfast" encodes a 720p frame in a few milliseconds on two cores,
#: and quality 23 is x264's own default, visually clean for a skeleton over a clip.
X264_OPTIONS = {"preset": "veryfast", "crf": "23"}
WRITE_TIP = "Check that the folder can be written to and that the disk has room."


class EncodeError(VisionError):
    """A video that cannot be written."""


class VideoWriter:
    """Encodes RGB frames to an MP4 file that plays in browsers and on phones.

    H.264 (High profile) in yuv420p, the one format every browser decodes, with the
    index (``moov``) moved to the front ("faststart") so playback starts before the
    whole file has arrived. The file is MP4 whatever its name ends in.
    """

    def __init__(self, path: Path, *, fps: float, width: int, height: int) -> None:
        import av

        self.path = path
        width -= width % 2
        height -= height % 2
        if width < 2 or height < 2:
            raise EncodeError(f"A {width}x{height} video cannot be encoded.")
        # FFmpeg opens the file only when the first frame is written; say it now.
        folder = path.parent
        if not folder.is_dir() or not os.access(folder, os.W_OK):
            raise EncodeError(
                f"Cannot write the video {path}: {folder} is not a folder you can write to.",
                "Choose a folder you can write to.",
            )
        try:
            self._container: Any = av.open(
                str(path), mode="w", format="mp4", options={"movflags": "faststart"}
            )
        except (OSError, ValueError, av.error.FFmpegError) as exc:
            raise EncodeError(
                f"Cannot write the video {path} ({exc}).", "Choose a folder you can write to."
            ) from exc
        rate = Fraction(fps).limit_denominator(1001) if fps > 0 else Fraction(30)
        stream = self._container.add_stream("libx264", rate=rate)
        stream.width, stream.height = width, height
        stream.pix_fmt = "yuv420p"
        stream.options = dict(X264_OPTIONS)
        self._stream = stream
        self._closed = False
        self.width, self.height = width, height
        self.frames = 0

    def write(self, rgb: npt.NDArray[np.uint8]) -> None:
        """Add one frame (H, W, 3) RGB; frames of another size are cropped to fit."""
        import av

        frame = av.VideoFrame.from_ndarray(
            np.ascontiguousarray(rgb[: self.height, : self.width]), format="rgb24"
        )
        try:
            for packet in self._stream.encode(frame):
                self._container.mux(packet)
        except (OSError, av.error.FFmpegError) as exc:
            raise EncodeError(f"Writing {self.path} failed ({exc}).", WRITE_TIP) from exc
        self.frames += 1

    def close(self) -> None:
        """Flush the encoder and finish the file (once; later calls do nothing)."""
        import av

        if self._closed:
            return
        self._closed = True
        try:
            for packet in self._stream.encode():
                self._container.mux(packet)
        except (OSError, av.error.FFmpegError) as exc:
            raise EncodeError(f"Finishing {self.path} failed ({exc}).", WRITE_TIP) from exc
        finally:
            self._container.close()

    def __enter__(self) -> VideoWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
