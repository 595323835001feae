"""Test videos made from real photographs, written with PyAV: small, quick, and known.

Every clip here starts from a real picture of a person (scikit-image's ``astronaut``,
``messi5.jpg`` from Debian's opencv-doc package) or of a real scene (``vtest.avi``, people
walking), so the pose model sees real pixels, not drawings. The motion is known exactly:
:func:`arm_raise_frames` swings the footballer's arms up and down a known number of times
by cutting each arm out of the photograph and rotating it about its shoulder over a copy
of the picture with the arms painted out, so the wrists' height over the shoulders (what
the overhead-raise analyser counts) truly changes while the rest of the body stays put.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from fractions import Fraction
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

RGB = npt.NDArray[np.uint8]

#: Debian's opencv-doc package (installed here and in CI) ships OpenCV's sample data.
OPENCV_DATA = Path("/usr/share/doc/opencv-doc/examples/data")
MESSI = OPENCV_DATA / "messi5.jpg"
#: 795 frames (10 fps, 768x576) of several people walking across a square.
VTEST = OPENCV_DATA / "vtest.avi"

#: Codec and pixel format used for each container in the tests (what cameras and
#: exporters commonly write into it).
CODECS: dict[str, tuple[str, str]] = {
    ".mp4": ("libx264", "yuv420p"),
    ".mov": ("libx264", "yuv420p"),
    ".mkv": ("libx264", "yuv420p"),
    ".webm": ("libvpx", "yuv420p"),
    ".avi": ("mpeg4", "yuv420p"),
}

# Where the footballer's joints are in messi5.jpg (548 x 342 pixels), found once with
# MediaPipe on the photograph and written down: each arm is a polyline from just outside
# the shoulder to past the fingertips, rotated about its shoulder.
_RIGHT_SHOULDER = (202.0, 137.0)
_RIGHT_ARM = [(185, 131), (152, 122), (103, 102), (78, 92)]
_LEFT_SHOULDER = (271.0, 128.0)
_LEFT_ARM = [(287, 136), (308, 148), (349, 166), (372, 168)]
_ARM_THICKNESS = 30


def astronaut() -> RGB:
    """scikit-image's astronaut (512 x 512): a person from the waist up, facing the camera."""
    from skimage import data

    return np.asarray(data.astronaut(), dtype=np.uint8)


@cache
def messi() -> RGB:
    """messi5.jpg (548 x 342): a footballer, whole body, arms out, a crowd behind."""
    import cv2

    bgr = cv2.imread(str(MESSI))
    if bgr is None:  # pragma: no cover - the package is a test dependency
        raise FileNotFoundError(f"{MESSI} is missing: apt-get install opencv-doc")
    return np.asarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), dtype=np.uint8)


def gradient(width: int = 320, height: int = 240) -> RGB:
    """A plain colour gradient: a picture with nobody in it."""
    x = np.linspace(0, 255, width, dtype=np.float64)
    y = np.linspace(0, 255, height, dtype=np.float64)
    img = np.empty((height, width, 3), dtype=np.uint8)
    img[..., 0] = x[None, :].astype(np.uint8)
    img[..., 1] = y[:, None].astype(np.uint8)
    img[..., 2] = 128
    return img


def even(img: RGB) -> RGB:
    """The picture cropped to even width and height (what yuv420p needs)."""
    h, w = img.shape[:2]
    return np.ascontiguousarray(img[: h - h % 2, : w - w % 2])


def write_video(
    path: Path,
    frames: Iterable[RGB],
    *,
    fps: float = 10.0,
    codec: str | None = None,
    pix_fmt: str | None = None,
    rotation: int = 0,
    options: dict[str, str] | None = None,
) -> Path:
    """Encode RGB frames into ``path``; the codec follows the suffix (:data:`CODECS`).

    ``rotation`` (counter-clockwise degrees, as a phone records it) goes into the
    stream's display matrix: players turn the stored picture by it to show it.
    """
    import av

    default_codec, default_fmt = CODECS.get(path.suffix, ("libx264", "yuv420p"))
    container = av.open(str(path), mode="w")
    stream = container.add_stream(
        codec or default_codec, rate=Fraction(fps).limit_denominator(1001)
    )
    stream.pix_fmt = pix_fmt or default_fmt
    if options:
        stream.options = options
    started = False
    for rgb in frames:
        rgb = even(rgb)
        if not started:
            stream.height, stream.width = rgb.shape[:2]
            if rotation:
                stream.set_display_rotation(rotation)
            started = True
        for packet in stream.encode(av.VideoFrame.from_ndarray(rgb, format="rgb24")):
            container.mux(packet)
    for packet in stream.encode():
        container.mux(packet)
    container.close()
    return path


def write_audio(path: Path, seconds: float = 1.0, rate: int = 22050) -> Path:
    """A file with a sound track (a quiet tone) and no video."""
    import av

    container = av.open(str(path), mode="w")
    stream = container.add_stream("aac", rate=rate)
    samples = int(seconds * rate)
    tone = (0.1 * np.sin(2 * np.pi * 440 * np.arange(samples) / rate)).astype(np.float32)
    for start in range(0, samples, 1024):
        chunk = tone[start : start + 1024]
        frame = av.AudioFrame.from_ndarray(chunk[None, :], format="fltp", layout="mono")
        frame.sample_rate = rate
        frame.pts = start
        for packet in stream.encode(frame):
            container.mux(packet)
    for packet in stream.encode():
        container.mux(packet)
    container.close()
    return path


def still(img: RGB, n: int) -> Iterator[RGB]:
    """The same picture ``n`` times."""
    for _ in range(n):
        yield img


def darkened(frames: Iterable[RGB], gain: float) -> Iterator[RGB]:
    """Frames with their brightness scaled by ``gain`` (an unlit room)."""
    for rgb in frames:
        yield np.asarray(np.clip(rgb.astype(np.float32) * gain, 0, 255), dtype=np.uint8)


def resized(frames: Iterable[RGB], width: int, height: int) -> Iterator[RGB]:
    """Frames scaled to ``width`` x ``height``."""
    import cv2

    for rgb in frames:
        yield np.asarray(cv2.resize(rgb, (width, height), interpolation=cv2.INTER_AREA))


@cache
def _arm_layers() -> tuple[RGB, npt.NDArray[np.uint8], npt.NDArray[np.uint8]]:
    """The photograph with the arms painted out, and a mask of each arm."""
    import cv2

    img = messi()
    h, w = img.shape[:2]

    def mask(path: list[tuple[int, int]]) -> npt.NDArray[np.uint8]:
        m = np.zeros((h, w), dtype=np.uint8)
        cv2.polylines(m, [np.array(path, np.int32)], False, 255, _ARM_THICKNESS, cv2.LINE_AA)
        return m

    right, left = mask(_RIGHT_ARM), mask(_LEFT_ARM)
    hole = cv2.dilate(np.maximum(right, left), np.ones((7, 7), np.uint8))
    plate = cv2.inpaint(img, hole, 9, cv2.INPAINT_TELEA)
    return np.asarray(plate, dtype=np.uint8), right, left


@cache
def arms_raised(degrees: float) -> RGB:
    """messi5.jpg with both arms turned ``degrees`` upward about the shoulders."""
    import cv2

    img = messi()
    h, w = img.shape[:2]
    plate, right, left = _arm_layers()
    out = plate.astype(np.float32)
    # The right arm points to the image's left: raising it turns it clockwise on screen,
    # which is a negative angle for OpenCV (counter-clockwise positive, y down).
    for arm_mask, shoulder, angle in (
        (right, _RIGHT_SHOULDER, -degrees),
        (left, _LEFT_SHOULDER, degrees),
    ):
        turn = cv2.getRotationMatrix2D(shoulder, angle, 1.0)
        arm = cv2.warpAffine(img, turn, (w, h), flags=cv2.INTER_LINEAR)
        soft = cv2.GaussianBlur(arm_mask, (7, 7), 0)
        alpha = cv2.warpAffine(soft, turn, (w, h)).astype(np.float32)[..., None] / 255.0
        out = out * (1.0 - alpha) + arm.astype(np.float32) * alpha
    return even(np.asarray(np.clip(out, 0, 255), dtype=np.uint8))


def raise_angle(t: float, *, reps: int, period_s: float, top_deg: float) -> float:
    """Arm angle at ``t`` seconds after the first raise starts: ``reps`` smooth cycles
    of ``period_s`` from 0 to ``top_deg`` and back, 0 before and after."""
    if t < 0 or t > reps * period_s:
        return 0.0
    return top_deg * (1.0 - np.cos(2.0 * np.pi * t / period_s)) / 2.0


def arm_raise_frames(
    reps: int,
    *,
    fps: float = 20.0,
    period_s: float = 1.6,
    hold_s: float = 0.6,
    top_deg: float = 65.0,
) -> Iterator[RGB]:
    """A clip of ``reps`` arm raises: still for ``hold_s``, the raises, still again.

    The angle is rounded to a tenth of a degree so repeated angles reuse one picture.
    """
    n = round((2 * hold_s + reps * period_s) * fps)
    for i in range(n):
        angle = raise_angle(i / fps - hold_s, reps=reps, period_s=period_s, top_deg=top_deg)
        yield arms_raised(round(angle, 1))


def raise_clip_seconds(reps: int, *, period_s: float = 1.6, hold_s: float = 0.6) -> float:
    """Length of :func:`arm_raise_frames`' clip in seconds."""
    return 2 * hold_s + reps * period_s


def vtest_frames(seconds: float) -> Iterator[RGB]:
    """The first ``seconds`` of vtest.avi (several people walking), as RGB frames."""
    import av

    with av.open(str(VTEST)) as container:
        stream = container.streams.video[0]
        rate = float(stream.average_rate or 10)
        for i, frame in enumerate(container.decode(stream)):
            if i >= seconds * rate:
                break
            yield np.asarray(frame.to_ndarray(format="rgb24"), dtype=np.uint8)


def with_unknown_codec(avi: Path, out: Path) -> Path:
    """A copy of an MPEG-4 AVI whose codec tag names no codec FFmpeg knows.

    FFmpeg decodes nearly every real codec, so an undecodable clip is made the way they
    arise in practice: a FourCC (here ``QQQQ``) that no decoder claims.
    """
    data = avi.read_bytes()
    if b"FMP4" not in data:  # pragma: no cover - guards the test's assumption
        raise ValueError(f"{avi} holds no FMP4 tag")
    out.write_bytes(data.replace(b"FMP4", b"QQQQ"))
    return out


def framed(img: RGB, width: int, height: int) -> RGB:
    """The picture scaled to fit ``width`` x ``height``, the sides filled by repeating its
    edge columns (so the person keeps their shape whatever the frame's aspect)."""
    import cv2

    h, w = img.shape[:2]
    scale = min(width / w, height / h)
    sw, sh = round(w * scale), round(h * scale)
    small = cv2.resize(
        img, (sw, sh), interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    )
    left, top = (width - sw) // 2, (height - sh) // 2
    out = cv2.copyMakeBorder(
        small, top, height - sh - top, left, width - sw - left, cv2.BORDER_REPLICATE
    )
    return np.asarray(out, dtype=np.uint8)
