"""Keypoint files: backcoach's own format, OpenPose BODY_25 folders and COCO-17 JSON.

The same motion written in each format must read back to the same report.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from backcoach.vision.analyse import analyse
from backcoach.vision.errors import KeypointFormatError
from backcoach.vision.keypoints import (
    COCO_TO_MEDIAPIPE,
    OPENPOSE_TO_MEDIAPIPE,
    parse_backcoach,
    parse_coco,
    parse_openpose,
    read_keypoints,
    to_backcoach,
    write_backcoach,
)
from backcoach.vision.pose import CORE, PoseSequence
from backcoach.vision.report import FormReport
from tests.vision.motion import make_clip, reps

EXERCISE = "bent-over-row"


@pytest.fixture(scope="module")
def poses() -> PoseSequence:
    specs = reps(5, seed=11, faults=frozenset({"torso-too-upright"}))
    return make_clip(EXERCISE, specs, view="side", noise=0.005, drop=0.03, seed=2).poses


def pixels(poses: PoseSequence, i: int) -> np.ndarray:
    """(33, 3) x, y in pixels and visibility of frame ``i`` (NaN where unknown)."""
    p = poses.image[i]
    return np.stack([p[:, 0] * poses.width, p[:, 1] * poses.height, p[:, 3]], axis=1)


def openpose_frames(poses: PoseSequence, bystander: bool = False) -> list[dict[str, Any]]:
    """OpenPose --write_json output for ``poses`` (optionally a small person at the edge)."""
    frames = []
    for i in range(len(poses)):
        people = []
        if poses.has_pose[i]:
            px = pixels(poses, i)
            flat = np.zeros((25, 3))
            for j, lm in OPENPOSE_TO_MEDIAPIPE.items():
                if np.isfinite(px[lm, 0]):
                    flat[j] = px[lm]
            people.append({"person_id": [-1], "pose_keypoints_2d": flat.round(2).ravel().tolist()})
        if bystander:
            small = np.zeros((25, 3))
            small[[0, 2, 5, 8, 11, 14]] = [
                [20, 30, 0.9],
                [15, 40, 0.9],
                [25, 40, 0.9],
                [20, 60, 0.9],
                [18, 80, 0.9],
                [22, 80, 0.9],
            ]
            people.append({"person_id": [-1], "pose_keypoints_2d": small.ravel().tolist()})
        frames.append({"version": 1.3, "people": people})
    return frames


def coco_annotations(poses: PoseSequence) -> list[dict[str, Any]]:
    """COCO-17 keypoint results (one annotation per frame with a pose)."""
    out = []
    for i in range(len(poses)):
        if not poses.has_pose[i]:
            continue
        px = pixels(poses, i)
        kp = np.zeros((17, 3))
        for j, lm in enumerate(COCO_TO_MEDIAPIPE):
            kp[j] = px[lm]
        out.append(
            {
                "image_id": 1000 + i,
                "category_id": 1,
                "keypoints": kp.round(2).ravel().tolist(),
                "score": 0.9,
            }
        )
    return out


def same_report(a: FormReport, b: FormReport) -> None:
    assert (a.exercise, a.counted_reps, a.partial_reps) == (
        b.exercise,
        b.counted_reps,
        b.partial_reps,
    )
    assert [r.full for r in a.reps] == [r.full for r in b.reps]
    for ra, rb in zip(a.reps, b.reps, strict=True):
        assert ra.peak_s == pytest.approx(rb.peak_s, abs=0.05)
        assert ra.range == pytest.approx(rb.range, rel=0.02)
    assert [f.id for f in a.faults] == [f.id for f in b.faults]


def test_own_format_round_trips_plain_and_gzip(poses: PoseSequence, tmp_path: Path) -> None:
    for name, level in (("plain.json", None), ("packed.json.gz", 9)):
        path = tmp_path / name
        write_backcoach(poses, path, gzip_level=level)
        back = read_keypoints(path)
        assert back.fps == poses.fps
        assert (back.width, back.height) == (poses.width, poses.height)
        np.testing.assert_allclose(back.t, poses.t, atol=1e-4)
        np.testing.assert_allclose(
            back.image[..., [0, 1, 3]], poses.image[..., [0, 1, 3]], atol=1e-4
        )
        same_report(analyse(back, EXERCISE), analyse(poses, EXERCISE))
    assert (tmp_path / "packed.json.gz").read_bytes()[:2] == b"\x1f\x8b"


def test_compact_own_format_drops_z_and_world_and_reads_back(poses: PoseSequence) -> None:
    data = to_backcoach(poses, decimals=3, keep_z=False, keep_world=False)
    assert data["image_fields"] == ["x", "y", "visibility"]
    assert all(len(row) == 3 for f in data["frames"] if f["image"] for row in f["image"])
    back = parse_backcoach(json.loads(json.dumps(data)))
    assert np.isnan(back.image[..., 2]).all()
    assert back.world is None
    same_report(analyse(back, EXERCISE), analyse(poses, EXERCISE))


def test_frames_without_a_pose_are_written_as_null_and_read_as_nan(poses: PoseSequence) -> None:
    data = to_backcoach(poses)
    missing = [i for i, f in enumerate(data["frames"]) if f["image"] is None]
    assert missing == list(np.flatnonzero(~poses.has_pose))
    back = parse_backcoach(data)
    assert np.isnan(back.image[missing]).all()


def test_openpose_folder_gives_the_same_report(poses: PoseSequence, tmp_path: Path) -> None:
    folder = tmp_path / "openpose"
    folder.mkdir()
    for i, frame in enumerate(openpose_frames(poses)):
        (folder / f"clip_{i:012d}_keypoints.json").write_text(json.dumps(frame))
    back = read_keypoints(folder, fps=poses.fps, width=poses.width, height=poses.height)
    assert back.source_format == "openpose-body25"
    assert len(back) == len(poses)
    same_report(analyse(back, EXERCISE), analyse(poses, EXERCISE))


def test_openpose_without_frame_size_still_gives_the_same_report(poses: PoseSequence) -> None:
    back = parse_openpose(openpose_frames(poses), fps=poses.fps)
    same_report(analyse(back, EXERCISE), analyse(poses, EXERCISE))


def test_openpose_follows_the_main_person_and_says_several_were_seen(poses: PoseSequence) -> None:
    back = parse_openpose(
        openpose_frames(poses, bystander=True),
        fps=poses.fps,
        width=poses.width,
        height=poses.height,
    )
    assert back.people_max == 2
    report = analyse(back, EXERCISE)
    same_report(report, analyse(poses, EXERCISE))
    assert "several-people" in {w.code for w in report.warnings}


def test_coco_results_list_gives_the_same_report(poses: PoseSequence, tmp_path: Path) -> None:
    path = tmp_path / "coco.json"
    path.write_text(json.dumps(coco_annotations(poses)))
    back = read_keypoints(path, fps=poses.fps, width=poses.width, height=poses.height)
    assert back.source_format == "coco-17"
    same_report(analyse(back, EXERCISE), analyse(poses, EXERCISE))


def test_coco_dataset_layout_places_frames_by_image(poses: PoseSequence) -> None:
    anns = coco_annotations(poses)
    images = [
        {"id": 1000 + i, "width": poses.width, "height": poses.height, "file_name": f"{i}.jpg"}
        for i in range(len(poses))
    ]
    back = parse_coco({"images": images, "annotations": anns, "fps": poses.fps})
    assert len(back) == len(poses)
    np.testing.assert_array_equal(back.has_pose, poses.has_pose)
    same_report(analyse(back), analyse(poses))


def test_coco_visibility_flags_are_read_as_flags() -> None:
    kp = np.zeros((17, 3))
    kp[:, :2] = 100.0
    kp[:, 2] = 2
    kp[3] = [0, 0, 0]  # left ear not labelled
    kp[4, 2] = 1  # right ear labelled but hidden
    back = parse_coco(
        [{"image_id": 0, "keypoints": kp.ravel().tolist()}], fps=30.0, width=200, height=200
    )
    vis = back.image[0, [int(c) for c in CORE], 3]
    assert vis[0] == 1.0
    assert vis[4] == 0.5
    assert np.isnan(vis[3])


def test_only_core_landmarks_come_from_coco() -> None:
    kp = np.full((17, 3), 50.0)
    kp[:, 2] = 0.9
    back = parse_coco(
        [{"image_id": 0, "keypoints": kp.ravel().tolist()}], fps=30.0, width=100, height=100
    )
    known = set(np.flatnonzero(np.isfinite(back.image[0, :, 0])))
    assert known == {int(c) for c in CORE}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json at all", "not valid JSON"),
        (b'{"format": "other"}', "not a keypoint format"),
        (b'{"people": []}', "single OpenPose frame"),
        (gzip.compress(b"{")[:-4], "gzip"),
    ],
)
def test_unreadable_keypoint_file_says_what_is_wrong(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(KeypointFormatError, match=message):
        read_keypoints(path)


def test_missing_keypoint_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(KeypointFormatError, match="no file"):
        read_keypoints(tmp_path / "nope.json")


def test_openpose_needs_a_frame_rate() -> None:
    with pytest.raises(KeypointFormatError, match="frame rate"):
        parse_openpose([{"people": []}], fps=None)


def test_wrong_number_of_landmarks_is_rejected() -> None:
    data = {
        "format": "mediapipe-pose-33",
        "fps": 30,
        "width": 10,
        "height": 10,
        "frames": [{"t": 0.0, "image": [[0.1, 0.1, 0.0, 1.0]] * 17}],
    }
    with pytest.raises(KeypointFormatError, match="33 landmarks"):
        parse_backcoach(data)


def test_coco_keypoints_of_the_wrong_length_are_rejected() -> None:
    with pytest.raises(KeypointFormatError, match="51 numbers"):
        parse_coco([{"image_id": 0, "keypoints": [1, 2, 3]}], fps=30.0)
