"""The annotated video: skeleton, repetition counter and cues drawn over the clip, encoded
so a browser plays it (H.264, yuv420p, index at the front)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from backcoach.vision.annotate import (
    AMBER,
    CUE_SECONDS,
    GREEN,
    Overlay,
    Timeline,
    draw_frame,
    write_annotated_video,
)
from backcoach.vision.encode import EncodeError, VideoWriter
from backcoach.vision.pose import N_LANDMARKS, Landmark, PoseSequence
from backcoach.vision.report import ClipInfo, FaultEvent, FormReport, Rep
from tests.vision import media

# Where the footballer's joints are in messi5.jpg (548 x 342), in pixels.
JOINTS = {
    Landmark.NOSE: (250, 114),
    Landmark.LEFT_SHOULDER: (271, 128),
    Landmark.RIGHT_SHOULDER: (202, 137),
    Landmark.LEFT_ELBOW: (308, 148),
    Landmark.RIGHT_ELBOW: (152, 122),
    Landmark.LEFT_WRIST: (349, 166),
    Landmark.RIGHT_WRIST: (103, 102),
    Landmark.LEFT_HIP: (291, 225),
    Landmark.RIGHT_HIP: (252, 244),
    Landmark.LEFT_KNEE: (340, 246),
    Landmark.RIGHT_KNEE: (236, 286),
    Landmark.LEFT_ANKLE: (406, 262),
    Landmark.RIGHT_ANKLE: (283, 311),
}
W, H = 548, 342


def footballer_pose() -> np.ndarray:
    """(33, 4) landmarks of the photograph, normalised, fully visible; the rest unknown."""
    pose = np.full((N_LANDMARKS, 4), np.nan)
    for lm, (x, y) in JOINTS.items():
        pose[lm] = (x / W, y / H, 0.0, 1.0)
    return pose


def footballer_poses(n: int, fps: float) -> PoseSequence:
    image = np.repeat(footballer_pose()[None], n, axis=0)
    return PoseSequence(t=np.arange(n) / fps, image=image, world=None, fps=fps, width=W, height=H)


def fault(time_s: float, cue: str) -> FaultEvent:
    return FaultEvent(id="soft-lockout", name="Soft lockout", cue=cue, time_s=time_s, rep=1)


def rep(
    index: int, peak_s: float, *, full: bool = True, faults: list[FaultEvent] | None = None
) -> Rep:
    return Rep(
        index=index,
        count=index if full else None,
        full=full,
        start_s=peak_s - 0.5,
        peak_s=peak_s,
        end_s=peak_s + 0.5,
        concentric_s=0.5,
        top_hold_s=0.0,
        eccentric_s=0.5,
        range=1.0,
        range_unit="torso lengths",
        range_normalised=1.0 if full else 0.4,
        faults=faults or [],
        confidence=0.9,
    )


def report_with(reps: list[Rep]) -> FormReport:
    faults = sorted((f for r in reps for f in r.faults), key=lambda f: f.time_s)
    return FormReport(
        exercise="overhead-dumbbell-raise",
        exercise_name="Overhead dumbbell raise",
        recognised=False,
        confidence=0.9,
        counted_reps=sum(r.full for r in reps),
        partial_reps=sum(not r.full for r in reps),
        reps=reps,
        faults=faults,
        clip=ClipInfo(
            frames=20,
            duration_s=2.0,
            fps=10.0,
            width=W,
            height=H,
            source_format="mediapipe-pose-33",
            pose_fraction=1.0,
            shots=1,
            view="front",
            facing_side="left",
            people_max=1,
        ),
    )


def test_timeline_counts_reps_at_their_peaks_and_shows_cues_for_a_while() -> None:
    cue = "Finish each lift with straight arms over your head."
    timeline = Timeline(
        report_with([rep(1, 1.0, faults=[fault(1.0, cue)]), rep(2, 2.0, full=False), rep(3, 3.0)])
    )
    assert timeline.at(0.5) == Overlay(reps=0, partials=0, cues=())
    assert timeline.at(1.0) == Overlay(reps=1, partials=0, cues=(cue,))
    assert timeline.at(2.2) == Overlay(reps=1, partials=1, cues=(cue,))
    assert timeline.at(1.0 + CUE_SECONDS + 0.1).cues == ()
    assert timeline.at(3.5).reps == 2


def colour_near(img: np.ndarray, xy: tuple[float, float], colour: tuple[int, int, int]) -> bool:
    x, y = round(xy[0]), round(xy[1])
    patch = img[y - 1 : y + 2, x - 1 : x + 2].reshape(-1, 3).astype(int)
    return bool((np.abs(patch - colour).sum(axis=1) < 60).any())


def test_the_skeleton_is_drawn_along_the_bones_and_nowhere_else() -> None:
    picture = media.messi()
    out = draw_frame(picture, footballer_pose(), Overlay(reps=0, partials=0, cues=()))
    assert out.shape == picture.shape
    assert not np.shares_memory(out, picture)
    elbow, wrist = JOINTS[Landmark.RIGHT_ELBOW], JOINTS[Landmark.RIGHT_WRIST]
    forearm_middle = ((elbow[0] + wrist[0]) / 2, (elbow[1] + wrist[1]) / 2)
    assert colour_near(out, forearm_middle, GREEN)
    # The ball, bottom right, is far from every bone and every label.
    assert np.array_equal(out[300:330, 345:380], picture[300:330, 345:380])


def test_no_skeleton_is_drawn_where_no_pose_was_found() -> None:
    picture = media.messi()
    out = draw_frame(picture, None, Overlay(reps=0, partials=0, cues=()))
    assert np.array_equal(out[60:, :], picture[60:, :])  # only the counter, at the top


def test_the_counter_and_a_long_cue_fit_inside_the_frame() -> None:
    picture = media.gradient(320, 240)
    cue = "Hold your body still; slow down and use an easier variant if you must swing."
    out = draw_frame(picture, None, Overlay(reps=3, partials=1, cues=(cue,)))
    assert not np.array_equal(out[:40, :120], picture[:40, :120])  # "Reps: 3 (partial: 1)"
    amber = (np.abs(out.astype(int) - AMBER).sum(axis=2) < 60).any(axis=1)
    assert amber[120:].sum() > 30, "the cue, near the bottom, on more than one line"
    assert not amber[:120].any()
    # Wrapped onto several lines: the right edge stays clear of the text box.
    assert np.array_equal(out[:, -6:], picture[:, -6:])


def test_annotated_video_plays_in_a_browser_and_keeps_every_frame(tmp_path: Path) -> None:
    import av

    fps, n = 10.0, 20
    source = media.write_video(tmp_path / "clip.mp4", media.still(media.messi(), n), fps=fps)
    out = tmp_path / "annotated.mp4"
    seen: list[int] = []
    report = report_with([rep(1, 0.8, faults=[fault(0.8, "Straight arms at the top.")])])
    write_annotated_video(source, out, footballer_poses(n, fps), report, on_frame=seen.append)
    assert seen == list(range(1, n + 1))
    data = out.read_bytes()
    assert 0 < data.find(b"moov") < data.find(b"mdat"), "index at the front (faststart)"
    with av.open(str(out)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "h264"
        assert stream.codec_context.format.name == "yuv420p"
        assert float(stream.average_rate) == pytest.approx(fps)
        frames = [f.to_ndarray(format="rgb24") for f in container.decode(stream)]
    assert len(frames) == n
    assert frames[0].shape == (342, 548, 3)
    elbow, wrist = JOINTS[Landmark.RIGHT_ELBOW], JOINTS[Landmark.RIGHT_WRIST]
    middle = ((elbow[0] + wrist[0]) / 2, (elbow[1] + wrist[1]) / 2)
    assert colour_near(frames[5], middle, GREEN)
    top_left = (slice(10, 40), slice(12, 100))
    picture = media.messi()
    assert np.abs(frames[5][top_left].astype(int) - picture[top_left]).mean() > 40


def test_a_video_that_cannot_be_written_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EncodeError, match="Cannot write") as err:
        VideoWriter(tmp_path / "no-such-folder" / "out.mp4", fps=30, width=64, height=48)
    assert "folder" in err.value.hint
