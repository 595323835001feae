"""Reading videos: every container a phone or an editor writes, rotation, and bad files.

The clips are encoded here with PyAV from real photographs (tests/vision/media.py).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from backcoach.vision.video import (
    DEFAULT_MAX_SECONDS,
    VideoError,
    probe,
    read_frames,
    working_size,
)
from tests.vision import media


def portrait() -> media.RGB:
    """The astronaut cropped to a portrait picture, 192 wide and 256 high."""
    import cv2

    return np.asarray(cv2.resize(media.astronaut()[:, 64:448], (192, 256)), dtype=np.uint8)


def mean_difference(a: media.RGB, b: media.RGB) -> float:
    return float(np.abs(a.astype(np.int16) - b.astype(np.int16)).mean())


@pytest.mark.parametrize("suffix", [".mp4", ".mov", ".webm", ".avi", ".mkv"])
def test_every_container_decodes_to_the_pictures_that_were_filmed(
    tmp_path: Path, suffix: str
) -> None:
    picture = media.framed(media.astronaut(), 160, 120)
    clip = media.write_video(tmp_path / f"clip{suffix}", media.still(picture, 12), fps=12.0)
    info = probe(clip)
    assert (info.width, info.height) == (160, 120)
    assert info.fps == pytest.approx(12.0, rel=0.01)
    assert info.duration_s == pytest.approx(1.0, abs=0.1)
    assert info.rotation == 0
    frames = list(read_frames(clip))
    assert len(frames) == 12
    assert [f.index for f in frames] == list(range(12))
    assert np.diff([f.t for f in frames]) == pytest.approx(1 / 12, abs=0.002)
    assert frames[5].rgb.shape == (120, 160, 3)
    assert frames[5].rgb.dtype == np.uint8
    assert mean_difference(frames[5].rgb, picture) < 12


@pytest.mark.parametrize(("rotation", "turns"), [(90, -1), (-90, 1), (180, 2)])
def test_phone_rotation_metadata_turns_the_picture_upright(
    tmp_path: Path, rotation: int, turns: int
) -> None:
    # The phone stores the picture turned (np.rot90 turns counter-clockwise by 90 * k)
    # and records the counter-clockwise turn that shows it upright again.
    upright = portrait()
    stored = np.ascontiguousarray(np.rot90(upright, k=turns))
    clip = media.write_video(tmp_path / "phone.mp4", media.still(stored, 3), rotation=rotation)
    info = probe(clip)
    assert (info.width, info.height) == (192, 256)
    frame = next(read_frames(clip, long_side=None))
    assert frame.rgb.shape == (256, 192, 3)
    assert mean_difference(frame.rgb, upright) < 8
    assert mean_difference(frame.rgb, np.rot90(upright, k=2)) > 40


def test_portrait_clip_is_scaled_to_the_working_size_after_turning(tmp_path: Path) -> None:
    stored = np.ascontiguousarray(np.rot90(portrait(), k=-1))
    clip = media.write_video(tmp_path / "phone.mov", media.still(stored, 2), rotation=90)
    frame = next(read_frames(clip, long_side=128))
    assert frame.rgb.shape == (128, 96, 3)
    assert frame.rgb.flags["C_CONTIGUOUS"]


def test_working_size_keeps_the_aspect_and_even_sides() -> None:
    assert working_size(1920, 1080, 640) == (640, 360)
    assert working_size(1080, 1920, 640) == (360, 640)
    assert working_size(321, 241, 640) == (320, 240)
    assert working_size(1280, 720, None) == (1280, 720)
    assert working_size(1001, 333, 500) == (500, 166)


def test_stride_keeps_every_nth_frame_with_its_own_time(tmp_path: Path) -> None:
    clip = media.write_video(
        tmp_path / "clip.mp4", media.still(media.framed(media.messi(), 96, 64), 10), fps=10.0
    )
    frames = list(read_frames(clip, stride=3))
    assert [f.index for f in frames] == [0, 3, 6, 9]
    assert [f.t for f in frames] == pytest.approx([0.0, 0.3, 0.6, 0.9], abs=0.01)


def test_a_stride_below_one_is_refused(tmp_path: Path) -> None:
    clip = media.write_video(tmp_path / "clip.mp4", media.still(media.gradient(64, 48), 2))
    with pytest.raises(VideoError, match="stride"):
        list(read_frames(clip, stride=0))


def assert_helpful(err: pytest.ExceptionInfo[VideoError], *words: str) -> None:
    """The message says what is wrong (``words``) and the hint what to do."""
    for word in words:
        assert word in err.value.message
    assert err.value.hint


def test_a_text_file_is_not_a_video(tmp_path: Path) -> None:
    notes = tmp_path / "set.mp4"
    notes.write_text("8 reps at 60 kg, felt easy\n" * 20)
    with pytest.raises(VideoError) as err:
        probe(notes)
    assert_helpful(err, "not a video")


def test_an_empty_file_is_refused_before_decoding(tmp_path: Path) -> None:
    empty = tmp_path / "empty.mp4"
    empty.touch()
    with pytest.raises(VideoError) as err:
        list(read_frames(empty))
    assert_helpful(err, "empty")


def test_a_missing_file_and_a_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(VideoError) as missing:
        probe(tmp_path / "nope.mp4")
    assert_helpful(missing, "no file")
    with pytest.raises(VideoError) as folder:
        probe(tmp_path)
    assert_helpful(folder, "folder")


def test_an_mp4_cut_before_its_index_cannot_be_read(tmp_path: Path) -> None:
    # A plain mp4 keeps its index (moov) at the end: cut short, it cannot be opened.
    clip = media.write_video(tmp_path / "full.mp4", media.still(media.messi(), 10))
    data = clip.read_bytes()
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(VideoError) as err:
        list(read_frames(cut))
    assert_helpful(err, "cut short")


def test_a_clip_cut_part_way_keeps_the_frames_before_the_cut(tmp_path: Path) -> None:
    frames = (media.arms_raised(float(a)) for a in range(0, 60, 2))
    clip = media.write_video(tmp_path / "full.mkv", frames, fps=10.0, options={"g": "5"})
    data = clip.read_bytes()
    cut = tmp_path / "cut.mkv"
    cut.write_bytes(data[: int(len(data) * 0.6)])
    kept = list(read_frames(cut))
    assert 5 <= len(kept) < 30
    assert np.all(np.diff([f.t for f in kept]) > 0)


def test_a_clip_cut_before_its_first_frame_says_so(tmp_path: Path) -> None:
    clip = media.write_video(tmp_path / "full.mkv", media.still(media.messi(), 10))
    data = clip.read_bytes()
    cut = tmp_path / "cut.mkv"
    cut.write_bytes(data[:600])
    with pytest.raises(VideoError) as err:
        list(read_frames(cut))
    assert err.value.hint


def test_a_sound_file_has_no_video(tmp_path: Path) -> None:
    sound = media.write_audio(tmp_path / "voice-note.m4a")
    with pytest.raises(VideoError) as err:
        probe(sound)
    assert_helpful(err, "no video", "sound")


def test_a_codec_ffmpeg_cannot_decode_is_named_as_such(tmp_path: Path) -> None:
    avi = media.write_video(tmp_path / "clip.avi", media.still(media.gradient(64, 48), 4))
    odd = media.with_unknown_codec(avi, tmp_path / "odd.avi")
    with pytest.raises(VideoError) as err:
        list(read_frames(odd))
    assert_helpful(err, "codec")
    assert "H.264" in err.value.hint


def test_a_clip_over_the_default_limit_of_ten_minutes_is_refused(tmp_path: Path) -> None:
    # Twelve frames one minute apart: a twelve-minute clip in a few kilobytes.
    clip = media.write_video(
        tmp_path / "long.mp4", media.still(media.gradient(64, 48), 12), fps=1 / 60
    )
    assert DEFAULT_MAX_SECONDS == 600.0
    with pytest.raises(VideoError) as err:
        probe(clip)
    assert_helpful(err, "12.0 minutes", "limit is 10.0 minutes")
    assert "--max-minutes" in err.value.hint


def test_the_length_limit_can_be_raised_or_lowered(tmp_path: Path) -> None:
    clip = media.write_video(
        tmp_path / "long.mp4", media.still(media.gradient(64, 48), 12), fps=1 / 60
    )
    assert probe(clip, max_seconds=13 * 60).duration_s == pytest.approx(720, abs=61)
    short = media.write_video(tmp_path / "short.mp4", media.still(media.gradient(64, 48), 30))
    with pytest.raises(VideoError, match="limit"):
        list(read_frames(short, max_seconds=2.0))
