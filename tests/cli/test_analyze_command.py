"""``backcoach analyze`` and ``backcoach live`` on real pixels, and every bad video a clear
message (exit 1, what is wrong and what to do on standard error, never a traceback).

The clips are built in the tests from a real photograph (tests/vision/media.py): three
arm raises of the footballer in messi5.jpg, which BlazePose follows frame by frame.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tests.vision import media

from .conftest import Run

RAISE = "overhead-dumbbell-raise"
REPS = 3
FPS = 20.0


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three arm raises, 20 fps, about five seconds (H.264 mp4)."""
    frames = media.arm_raise_frames(REPS, fps=FPS, period_s=1.4, hold_s=0.5)
    return media.write_video(tmp_path_factory.mktemp("cli") / "raises.mp4", frames, fps=FPS)


def frame_count(path: Path) -> int:
    import av

    with av.open(str(path)) as container:
        return sum(1 for _ in container.decode(video=0))


def test_analyze_writes_the_report_the_annotated_video_and_the_keypoints(
    run: Run, clip: Path, tmp_path: Path
) -> None:
    import av

    out, keypoints = tmp_path / "annotated.mp4", tmp_path / "poses.json.gz"
    result = run(
        "analyze", str(clip), "--exercise", RAISE, "--json",
        "--out", str(out), "--keypoints-out", str(keypoints),
    )  # fmt: skip
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["exercise"] == RAISE
    assert report["counted_reps"] == REPS
    assert report["clip"]["frames"] == frame_count(clip)

    # The annotated copy: H.264 in yuv420p with the index first, every frame kept, the
    # skeleton and the counter drawn over the picture.
    data = out.read_bytes()
    assert 0 < data.find(b"moov") < data.find(b"mdat")
    with av.open(str(out)) as container:
        stream = container.streams.video[0]
        assert (stream.codec_context.name, stream.codec_context.format.name) == (
            "h264",
            "yuv420p",
        )
        drawn = [f.to_ndarray(format="rgb24") for f in container.decode(stream)]
    assert len(drawn) == frame_count(clip)
    with av.open(str(clip)) as container:
        source = [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]
    first = drawn[0].astype(int) - source[0].astype(int)
    body = (slice(100, 260), slice(150, 320))  # shoulders to knees: bones drawn here
    assert (np.abs(first[body]).sum(axis=2) > 150).mean() > 0.01
    crowd = (slice(20, 60), slice(450, 540))  # top right: no bone, no label
    assert np.abs(first[crowd]).mean() < 4
    counter = (slice(12, 45), slice(12, 150))  # "Reps: 0"
    assert np.abs(first[counter]).mean() > 30

    # The keypoints give the same report without the video.
    again = run("analyze", str(keypoints), "--exercise", RAISE, "--json")
    assert again.code == 0, again.err
    replayed = json.loads(again.out)
    assert replayed["counted_reps"] == report["counted_reps"]
    assert replayed["partial_reps"] == report["partial_reps"]
    assert [r["peak_s"] for r in replayed["reps"]] == pytest.approx(
        [r["peak_s"] for r in report["reps"]], abs=0.06
    )


def test_logging_a_clip_twice_stores_its_set_once(run: Run, clip: Path) -> None:
    first = run("analyze", str(clip), "--exercise", RAISE, "--log")
    assert first.code == 0, first.err
    assert f"Repetitions: {REPS} counted" in first.out
    assert f"Logged {REPS} reps of Overhead dumbbell raise" in first.out
    second = run("analyze", str(clip), "--exercise", RAISE, "--log", "--json")
    assert second.code == 0, second.err
    assert len(json.loads(second.out)["logged_set_ids"]) == 1
    history = json.loads(run("history", "--json").out)
    sets = [s for session in history for s in session["sets"]]
    assert [(s["exercise"], s["reps"], s["notes"]) for s in sets] == [
        (RAISE, REPS, "counted from video")
    ]
    assert json.loads(second.out)["logged_set_ids"] == [sets[0]["id"]]


def test_nothing_counted_is_not_logged(run: Run, tmp_path: Path) -> None:
    still = media.write_video(tmp_path / "still.mp4", media.still(media.messi(), 20), fps=FPS)
    result = run("analyze", str(still), "--exercise", RAISE, "--log")
    assert result.code == 1
    assert "no counted set to log" in result.err


def test_annotated_video_needs_the_video_not_keypoints(run: Run, tmp_path: Path) -> None:
    keypoints = tmp_path / "poses.json"
    keypoints.write_text("{}")
    result = run("analyze", str(keypoints), "--out", str(tmp_path / "a.mp4"))
    assert result.code == 1
    assert "needs the video itself" in result.err


def bad_text(tmp_path: Path) -> Path:
    path = tmp_path / "set.mp4"
    path.write_text("8 reps at 60 kg\n" * 20)
    return path


def bad_empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.mov"
    path.touch()
    return path


def bad_cut(tmp_path: Path) -> Path:
    whole = media.write_video(tmp_path / "whole.mp4", media.still(media.messi(), 10))
    path = tmp_path / "cut.mp4"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    return path


def bad_sound(tmp_path: Path) -> Path:
    return media.write_audio(tmp_path / "voice.m4a")


def bad_codec(tmp_path: Path) -> Path:
    avi = media.write_video(tmp_path / "clip.avi", media.still(media.gradient(64, 48), 4))
    return media.with_unknown_codec(avi, tmp_path / "odd.avi")


def bad_long(tmp_path: Path) -> Path:
    return media.write_video(
        tmp_path / "long.mp4", media.still(media.gradient(64, 48), 12), fps=1 / 60
    )


def bad_empty_scene(tmp_path: Path) -> Path:
    return media.write_video(tmp_path / "scene.mp4", media.still(media.gradient(), 10))


def bad_dark(tmp_path: Path) -> Path:
    dark = media.darkened(media.still(media.messi(), 10), 0.04)
    return media.write_video(tmp_path / "dark.mp4", dark)


@pytest.mark.parametrize(
    ("make", "problem", "advice"),
    [
        (bad_text, "is not a video", "straight from the camera"),
        (bad_empty, "is empty (0 bytes)", "Copy the video again"),
        (bad_cut, "cut short", "copy it again"),
        (bad_sound, "holds no video (perhaps only sound)", "video file of the set"),
        (bad_codec, "uses a video codec backcoach cannot decode", "H.264"),
        (bad_long, "the limit is 10.0 minutes", "--max-minutes"),
        (bad_empty_scene, "No person was found", "whole body in the frame"),
        (bad_dark, "too dark", "good light"),
    ],
)
def test_a_bad_video_gets_a_message_and_what_to_do(
    run: Run, tmp_path: Path, make: object, problem: str, advice: str
) -> None:
    video = make(tmp_path)  # type: ignore[operator]
    result = run("analyze", str(video))
    assert result.code == 1, result.out
    assert "Error:" in result.err
    assert problem in result.err
    assert advice in result.err
    assert "Traceback" not in result.err + result.out


def test_a_missing_video_is_named(run: Run, tmp_path: Path) -> None:
    result = run("analyze", str(tmp_path / "nope.mp4"))
    assert result.code == 1
    assert "There is no file" in result.err


def test_the_length_limit_can_be_set(run: Run, tmp_path: Path) -> None:
    twelve_minutes = bad_long(tmp_path)
    result = run("analyze", str(twelve_minutes), "--max-minutes", "11")
    assert result.code == 1
    assert "the limit is 11.0 minutes" in result.err
    allowed = run("analyze", str(twelve_minutes), "--max-minutes", "13")
    assert "limit" not in allowed.err
    assert "No person was found" in allowed.err  # read to the end: a gradient, nobody


def test_several_people_are_reported_in_the_summary(run: Run, tmp_path: Path) -> None:
    frames = (f[120:376, 200:712] for f in media.vtest_frames(6))
    walkers = media.write_video(tmp_path / "walkers.mp4", media.resized(frames, 640, 320), fps=10.0)
    result = run("analyze", str(walkers))
    assert result.code == 0, result.err
    assert "people were in view; the analysis follows the main one" in result.out


def test_live_replays_a_video_file_and_prints_the_report(run: Run, clip: Path) -> None:
    result = run("live", "--camera", str(clip), "--exercise", RAISE, "--seconds", "120")
    assert result.code == 0, result.err
    assert "Overhead dumbbell raise" in result.out
    assert f"Repetitions: {REPS} counted" in result.out


def test_live_stops_after_the_seconds_asked_for(run: Run, tmp_path: Path) -> None:
    # Thirty seconds of video take BlazePose several seconds of work; one is asked for.
    long = media.write_video(tmp_path / "long.mp4", media.still(media.messi(), 300), fps=10.0)
    result = run("live", "--camera", str(long), "--seconds", "1")
    assert result.code == 0, result.err
    summary = next(line for line in result.out.splitlines() if line.startswith("Clip:"))
    seconds = float(summary.split()[1])
    assert seconds < 25


def test_live_names_a_missing_video_file(run: Run, tmp_path: Path) -> None:
    result = run("live", "--camera", str(tmp_path / "nope.mp4"))
    assert result.code == 1
    assert "There is no video file" in result.err
    assert "camera number" in result.err


@pytest.mark.parametrize("option", ["--out", "--keypoints-out"])
def test_an_output_in_a_missing_folder_is_refused_before_the_analysis(
    run: Run, clip: Path, tmp_path: Path, option: str
) -> None:
    result = run("analyze", str(clip), option, str(tmp_path / "no-such-folder" / "out"))
    assert result.code == 1
    assert "not a folder you can write to" in result.err
