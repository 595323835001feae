"""Benchmark: peak memory of the video form check on a 1-minute and a 5-minute clip.

    .venv/bin/python bench/vision_memory.py [--fps 10] [--stride 1] [--long-side 640]

Goal (issue 4): memory stays flat however long the clip is. Frames stream through a
generator and only the poses are kept (33 x 4 numbers, twice, a frame: about 2 KB), so
the peak should differ between the clips by little more than the poses themselves.

The clips are made once (cached in the temp folder) from a real photograph (messi5.jpg,
the arms raised and lowered again and again; tests/vision/media.py) at 548x342 and
``--fps`` frames a second (10 by default, so the 5-minute clip is 3,000 frames and the
run takes minutes, not a quarter of an hour; ``--fps 30`` measures 9,000). Each clip is
analysed in a fresh process (peak RSS only ever grows); the process samples its own
resident memory as the frames go by and reports the peak (``ru_maxrss``), the resident
memory after the first and the last frame, and the peak of Python-level allocations
(``tracemalloc``, which sees NumPy arrays but not the pose model's own buffers).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("GLOG_minloglevel", "2")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def make_clip(minutes: float, fps: float, path: Path) -> Path:
    """A clip of ``minutes`` of arm raises (1.6 s each) at ``fps`` (cached)."""
    from tests.vision import media

    if path.exists():
        return path
    period, hold = 1.6, 0.6
    reps = max(1, round((minutes * 60 - 2 * hold) / period))
    tmp = path.with_suffix(".part.mp4")
    media.write_video(
        tmp,
        media.arm_raise_frames(reps, fps=fps, period_s=period, hold_s=hold),
        fps=fps,
        options={"preset": "ultrafast"},
    )
    tmp.rename(path)
    return path


def rss_mib() -> float:
    """This process's resident memory now (MiB), from /proc."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def child(video: Path, long_side: int, stride: int) -> None:
    """Analyse one clip and print what it cost as JSON."""
    from backcoach.vision.estimators import MediaPipePose
    from backcoach.vision.pipeline import VideoSettings, check_video

    samples: list[float] = []

    def progress(done: int, total: int) -> None:
        if done == 1 or done % 100 == 0:
            samples.append(rss_mib())

    tracemalloc.start()
    start = time.perf_counter()
    poses, report = check_video(
        video, MediaPipePose(), None, VideoSettings(long_side=long_side, stride=stride), progress
    )
    seconds = time.perf_counter() - start
    _current, traced_peak = tracemalloc.get_traced_memory()
    print(
        json.dumps(
            {
                "frames": len(poses),
                "seconds": seconds,
                "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "rss_first_mib": samples[0],
                "rss_last_mib": samples[-1],
                "traced_peak_mib": traced_peak / 2**20,
                "reps": report.counted_reps,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fps", type=float, default=10.0)
    parser.add_argument("--stride", type=int, default=1)
    parser.add_argument("--long-side", type=int, default=640)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.long_side, args.stride)
        return
    rows = []
    for minutes in (1, 5):
        clip = make_clip(
            minutes,
            args.fps,
            Path(tempfile.gettempdir()) / f"backcoach-bench-{minutes}min-{args.fps:g}fps.mp4",
        )
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                str(clip),
                "--long-side",
                str(args.long_side),
                "--stride",
                str(args.stride),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        result = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append((minutes, result))
        print(
            f"{minutes} min clip: {result['frames']:5d} frames in {result['seconds']:5.0f} s; "
            f"peak RSS {result['peak_rss_mib']:6.1f} MiB (after the first frame "
            f"{result['rss_first_mib']:.1f}, after the last {result['rss_last_mib']:.1f}); "
            f"Python allocations peak {result['traced_peak_mib']:.1f} MiB"
        )
    (_, short), (_, long) = rows
    grow = long["peak_rss_mib"] - short["peak_rss_mib"]
    print(
        f"5 min against 1 min: peak RSS {grow:+.1f} MiB "
        f"({grow / short['peak_rss_mib']:+.1%}) for {long['frames'] - short['frames']} more frames"
    )


if __name__ == "__main__":
    main()
