"""Benchmark: frames per second of the video form check against a bare MediaPipe loop.

    .venv/bin/python bench/vision_speed.py [--runs 5] [--seconds 10] [--video PATH]
        [--long-side 640] [--stride 1] [--profile] [--accuracy]

Goal (issue 4): on 720p video on this machine, the full pipeline (decode, pose model,
people counter, analysis) runs at 30 frames/s or more and at most 15 % slower than a
bare loop over the same frames: PyAV decodes to RGB at the same working size and
``mp.solutions.pose.Pose(...).process`` is called on each frame, nothing else. The bare
loop is timed twice: as it is usually written (``frame.to_ndarray(width=, height=)``,
which builds a new scaler for every frame) and with one scaler reused, as the pipeline
does; the second is the fairer baseline.

Without ``--video`` the clip is made once (cached in the temp folder): a real photograph
(messi5.jpg from Debian's opencv-doc) at 1280x720, 30 fps, the arms raised five times
(tests/vision/media.py), H.264 "veryfast" (CABAC and B-frames on, as phones write it).
The loops run in turn, ``--runs`` times each, after one warm-up of each; the median is
reported. ``--profile`` runs the pipeline once under cProfile instead and prints the top
of the profile.

``--accuracy`` measures what the cheaper settings cost: for each working size and frame
stride in :data:`SETTINGS` it runs the full pipeline on generated 720p, 30 fps clips with
a known number of arm raises at three tempos (:data:`CLIPS`), and prints the frames per
second and the counts found against the truth.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from backcoach.vision.pose import PoseSequence
    from backcoach.vision.report import FormReport

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("GLOG_minloglevel", "2")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

GOAL_FPS = 30.0
GOAL_OVERHEAD = 0.15
#: (long side, stride) pairs tried by --accuracy.
SETTINGS = [(640, 1), (480, 1), (320, 1), (640, 2), (640, 3), (480, 2)]
#: (repetitions, seconds per repetition) of the clips --accuracy counts.
CLIPS = [(4, 1.0), (5, 1.75), (3, 2.6)]


def make_clip(seconds: float, path: Path, period: float = 1.75) -> Path:
    """A 1280x720, 30 fps clip of the footballer raising his arms (cached)."""
    from tests.vision import media

    if path.exists():
        return path
    fps, hold = 30.0, 0.6
    reps = max(1, round((seconds - 2 * hold) / period))
    frames = (
        media.framed(f, 1280, 720)
        for f in media.arm_raise_frames(reps, fps=fps, period_s=period, hold_s=hold)
    )
    tmp = path.with_suffix(".part.mp4")
    media.write_video(tmp, frames, fps=fps, options={"preset": "veryfast", "crf": "23"})
    tmp.rename(path)
    return path


def bare_loop(video: Path, long_side: int, stride: int, *, one_scaler: bool = False) -> int:
    """Decode with PyAV to RGB at the working size and run BlazePose on each frame.

    ``frame.to_ndarray(width=, height=)`` builds a new scaler for every frame; with
    ``one_scaler`` the loop reuses one, as the pipeline does (the fairest baseline).
    """
    import av
    from av.video.reformatter import Interpolation, VideoReformatter
    from mediapipe.python.solutions import pose as mp_pose

    from backcoach.vision.video import working_size

    scaler = VideoReformatter()
    n = 0
    with (
        av.open(str(video)) as container,
        mp_pose.Pose(static_image_mode=False, model_complexity=1, smooth_landmarks=True) as model,
    ):
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        w, h = working_size(stream.codec_context.width, stream.codec_context.height, long_side)
        for i, frame in enumerate(container.decode(stream)):
            if i % stride:
                continue
            if one_scaler:
                rgb = scaler.reformat(
                    frame, width=w, height=h, format="rgb24", interpolation=Interpolation.AREA
                ).to_ndarray()
            else:
                rgb = frame.to_ndarray(width=w, height=h, format="rgb24")
            model.process(rgb)
            n += 1
    return n


def bare_loop_one_scaler(video: Path, long_side: int, stride: int) -> int:
    """The bare loop with one scaler for the whole clip."""
    return bare_loop(video, long_side, stride, one_scaler=True)


def pipeline(video: Path, long_side: int, stride: int, exercise: str | None = None) -> int:
    """The full form check: decode, pose model with the people counter, analysis."""
    return len(check(video, long_side, stride, exercise)[0])


def check(
    video: Path, long_side: int, stride: int, exercise: str | None = None
) -> tuple[PoseSequence, FormReport]:
    """The full form check's poses and report."""
    from backcoach.vision.estimators import MediaPipePose
    from backcoach.vision.pipeline import VideoSettings, check_video

    return check_video(
        video, MediaPipePose(), exercise, VideoSettings(long_side=long_side, stride=stride)
    )


def accuracy() -> None:
    """Frames per second and counts found for each setting on clips of known counts."""
    tmp = Path(tempfile.gettempdir())
    clips = []
    for reps, period in CLIPS:
        seconds = 2 * 0.6 + reps * period
        path = tmp / f"backcoach-bench-720p-{reps}x{period:g}s.mp4"
        clips.append((reps, period, make_clip(seconds, path, period)))
    print(
        "long side  stride  frames/s  counts found (truth: "
        + ", ".join(f"{r} at {p:g} s" for r, p, _ in clips)
        + ")"
    )
    for long_side, stride in SETTINGS:
        found: list[str] = []
        frames, seconds = 0, 0.0
        for _reps, _period, path in clips:
            start = time.perf_counter()
            poses, named = check(path, long_side, stride, "overhead-dumbbell-raise")
            seconds += time.perf_counter() - start
            frames += len(poses) * stride
            _poses, guessed = check(path, long_side, stride)
            found.append(
                f"{named.counted_reps} named / {guessed.counted_reps} "
                f"{'recognised' if guessed.exercise == named.exercise else 'not recognised'}"
            )
        print(f"{long_side:9d}  {stride:6d}  {frames / seconds:8.1f}  " + "; ".join(found))


def timed(loop: Callable[[Path, int, int], int], *args: Any) -> tuple[float, int]:
    """Seconds taken by one run of ``loop`` and the frames it analysed."""
    start = time.perf_counter()
    frames = loop(*args)
    return time.perf_counter() - start, frames


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--video", type=Path)
    parser.add_argument("--long-side", type=int, default=640)
    parser.add_argument("--stride", type=int, default=1)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--accuracy", action="store_true")
    args = parser.parse_args()
    if args.accuracy:
        accuracy()
        return
    video = args.video or make_clip(
        args.seconds, Path(tempfile.gettempdir()) / f"backcoach-bench-720p-{args.seconds:g}s.mp4"
    )
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(pipeline, video, args.long_side, args.stride)
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
        return
    loops = {
        "bare MediaPipe loop": bare_loop,
        "bare loop, one scaler": bare_loop_one_scaler,
        "full pipeline": pipeline,
    }
    for loop in loops.values():
        timed(loop, video, args.long_side, args.stride)  # warm-up
    rates: dict[str, list[float]] = {name: [] for name in loops}
    frames = 0
    for _ in range(args.runs):
        for name, loop in loops.items():
            seconds, frames = timed(loop, video, args.long_side, args.stride)
            rates[name].append(frames / seconds)
    median = {name: statistics.median(r) for name, r in rates.items()}
    print(f"clip: {video} ({frames} frames, long side {args.long_side}, stride {args.stride})")
    for name, r in rates.items():
        runs = ", ".join(f"{x:.1f}" for x in r)
        print(f"{name + ':':23s} {median[name]:6.1f} frames/s  (runs: {runs})")
    full = median["full pipeline"]
    for name in ("bare MediaPipe loop", "bare loop, one scaler"):
        print(f"pipeline against the {name}: {median[name] / full - 1:+.1%} time per frame")
    overhead = median["bare MediaPipe loop"] / full - 1
    print(
        f"goals: >= {GOAL_FPS:.0f} frames/s {'met' if full >= GOAL_FPS else 'NOT met'}; "
        f"<= {GOAL_OVERHEAD:.0%} slower {'met' if overhead <= GOAL_OVERHEAD else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
