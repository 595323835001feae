"""``backcoach analyze`` and ``backcoach live``: the form check from the command line.

Heavy modules (PyAV, MediaPipe, NumPy) are imported inside the commands only.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from backcoach.errors import BackcoachError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, ProgressColumn

    from backcoach.vision.report import FormReport

KEYPOINT_SUFFIXES = (".json", ".gz")


def _file_id(path: Path, exercise: str) -> str:
    """A stable id for 'this clip, this exercise', so logging it twice stores one set.

    Made from the content (size and first MiB of each file; a keypoint folder's files
    by name), not the path: the same clip copied elsewhere is the same set.
    """
    digest = hashlib.sha256()
    digest.update(exercise.encode())
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(file.name.encode() if path.is_dir() else b"")
        digest.update(str(file.stat().st_size).encode())
        with file.open("rb") as fh:
            digest.update(fh.read(1 << 20))
    return "video-" + digest.hexdigest()[:32]


def _check_writable(path: Path) -> None:
    """Refuse an output path in a folder that does not exist before minutes of analysis."""
    folder = path.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise BackcoachError(
            f"Cannot write {path}: {folder} is not a folder you can write to.",
            "Choose a folder you can write to.",
        )


def _progress(console: Console, *columns: ProgressColumn | str) -> Progress:
    """A progress bar on ``console`` that vanishes when done (and is not drawn into a
    file or a pipe, where it would only leave blank lines)."""
    from rich.progress import Progress

    return Progress(*columns, console=console, transient=True, disable=not console.is_terminal)


def analyze(
    video: Annotated[
        Path,
        typer.Argument(
            help="A video (mp4, mov, webm, avi, mkv), or a keypoint file/folder "
            "(backcoach JSON, OpenPose BODY_25 folder, COCO-17 JSON)."
        ),
    ],
    exercise: Annotated[
        str | None,
        typer.Option(help="The exercise filmed, e.g. row; left out, it is recognised."),
    ] = None,
    out: Annotated[Path | None, typer.Option(help="Write an annotated video (MP4) here.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    log: Annotated[bool, typer.Option("--log", help="Put the counted set into your log.")] = False,
    load: Annotated[
        str | None, typer.Option(help="With --log: the load, e.g. 60kg (default: bodyweight).")
    ] = None,
    rpe: Annotated[float | None, typer.Option(help="With --log: effort, RPE 1-10.")] = None,
    stride: Annotated[
        int, typer.Option(min=1, help="Analyse every Nth frame (faster, less precise).")
    ] = 1,
    long_side: Annotated[
        int, typer.Option(min=160, help="Working resolution: the long side in pixels.")
    ] = 640,
    max_minutes: Annotated[
        float, typer.Option(min=0.1, help="Refuse clips longer than this.")
    ] = 10.0,
    pose_model: Annotated[
        str | None,
        typer.Option(help="Another pose model: a MediaPipe .task file or module:Class."),
    ] = None,
    fps: Annotated[
        float | None, typer.Option(help="Frame rate of a keypoint file that does not say.")
    ] = None,
    keypoints_out: Annotated[
        Path | None, typer.Option(help="Also save the poses found, as backcoach keypoint JSON.")
    ] = None,
) -> None:
    """Count the repetitions in a filmed set and check the form the article asks for."""
    from rich.console import Console
    from rich.progress import BarColumn, TextColumn, TimeRemainingColumn

    from backcoach.cli.app import print_json
    from backcoach.vision.report import summary_text

    is_keypoints = video.is_dir() or video.name.endswith(KEYPOINT_SUFFIXES)
    if out is not None and is_keypoints:
        raise BackcoachError(
            "An annotated video needs the video itself, not keypoints.",
            "Run analyze on the video file to get --out.",
        )
    for target in (out, keypoints_out):
        if target is not None:
            _check_writable(target)
    if is_keypoints:
        from backcoach.vision.analyse import analyse
        from backcoach.vision.keypoints import read_keypoints

        poses = read_keypoints(video, fps=fps)
        report = analyse(poses, exercise)
    else:
        from backcoach.vision.estimators import load_estimator, native_logs_silenced
        from backcoach.vision.pipeline import VideoSettings, check_video

        settings = VideoSettings(long_side=long_side, stride=stride, max_seconds=max_minutes * 60)
        estimator = load_estimator(pose_model)
        with (
            native_logs_silenced() as stderr,
            _progress(
                Console(file=stderr, highlight=False),
                TextColumn("[bold]Finding poses[/bold]"),
                BarColumn(),
                TextColumn("{task.completed}/{task.total} frames"),
                TimeRemainingColumn(),
            ) as bar,
        ):
            task = bar.add_task("poses", total=None)
            poses, report = check_video(
                video,
                estimator,
                exercise,
                settings,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
    if keypoints_out is not None:
        from backcoach.vision.keypoints import write_backcoach

        try:
            write_backcoach(
                poses, keypoints_out, gzip_level=6 if keypoints_out.suffix == ".gz" else None
            )
        except OSError as exc:
            raise BackcoachError(
                f"Cannot write {keypoints_out} ({exc.strerror or exc}).",
                "Choose a folder you can write to.",
            ) from exc
    if out is not None:
        from backcoach.vision.annotate import write_annotated_video

        with _progress(
            Console(stderr=True, highlight=False),
            TextColumn("[bold]Drawing the annotated video[/bold]"),
            BarColumn(),
            TextColumn("{task.completed} frames"),
        ) as bar:
            task = bar.add_task("draw", total=len(poses) * stride)
            write_annotated_video(
                video,
                out,
                poses,
                report,
                max_seconds=max_minutes * 60,
                on_frame=lambda n: bar.update(task, completed=n),
            )
    logged = None
    if log:
        logged = _log_report(report, video, load, rpe)
    if json_out:
        data = report.model_dump(mode="json")
        if logged is not None:
            data["logged_set_ids"] = logged
        print_json(data)
        return
    console = Console(highlight=False)
    console.print(summary_text(report), markup=False)
    if out is not None:
        console.print(f"Annotated video written to {out}.")
    if logged is not None:
        console.print(f"Logged {report.counted_reps} reps of {report.exercise_name}.")


def _log_report(report: FormReport, video: Path, load: str | None, rpe: float | None) -> list[str]:
    """Put the counted set into the training log (idempotent per clip)."""
    from backcoach.cli.app import current_user, database
    from backcoach.services import log_sets
    from backcoach.training.set_spec import parse_set_spec

    if report.exercise is None or report.counted_reps == 0:
        raise BackcoachError(
            "There is no counted set to log.",
            "Name the exercise with --exercise, and film a set with at least one full rep.",
        )
    if report.exercise == "swimming":
        raise BackcoachError(
            "Swims are logged by time or distance, not from a video count.",
            "Use: backcoach log swim 1500m/30min",
        )
    spec = parse_set_spec(f"{report.counted_reps}@{load}" if load else str(report.counted_reps))
    db = database()
    user = current_user(db)
    result = log_sets(
        db,
        user.id,
        spec,
        exercise_id=report.exercise,
        rpe=rpe,
        notes="counted from video",
        client_id=_file_id(video, report.exercise),
    )
    return [e.id for e in [*result.stored, *result.already_stored]]


def live(
    camera: Annotated[
        str,
        typer.Option(
            help="Camera number (0 is the first webcam), a video file played as if live, "
            "or a stream URL."
        ),
    ] = "0",
    exercise: Annotated[
        str | None, typer.Option(help="The exercise; left out, it is recognised.")
    ] = None,
    seconds: Annotated[float, typer.Option(min=1, help="Stop after this many seconds.")] = 600.0,
) -> None:
    """Count repetitions live from a webcam; Ctrl-C ends the set and prints the report."""
    import time

    from rich.console import Console
    from rich.live import Live

    from backcoach.vision.estimators import native_logs_silenced
    from backcoach.vision.live import LiveSession

    console = Console(highlight=False)
    source: int | str = int(camera) if camera.isdigit() else camera
    session = LiveSession(source, exercise=exercise)
    started = time.monotonic()
    try:
        with (
            native_logs_silenced(),
            Live(console=console, refresh_per_second=4, transient=True) as screen,
        ):
            for status in session.run():
                screen.update(status.text())
                if time.monotonic() - started > seconds:
                    break
    except KeyboardInterrupt:
        pass
    finally:
        session.close()
    report = session.finish()
    if report is None:
        console.print("No person was seen; nothing to report.")
        return
    from backcoach.vision.report import summary_text

    console.print(summary_text(report), markup=False)
    sys.stdout.flush()
