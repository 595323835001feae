"""Kinematics: gap filling, smoothing, cuts, angles, body scale, side and view."""

from __future__ import annotations

import numpy as np
import pytest

from backcoach.vision.kinematics import fill_gaps, joint_angle, kinematics, smooth
from backcoach.vision.pose import Landmark, PoseSequence
from tests.vision.motion import make_clip, reps


def test_short_gaps_are_bridged_and_long_ones_left_open() -> None:
    x = np.arange(20, dtype=float)
    x[3:5] = np.nan
    x[10:18] = np.nan
    out = fill_gaps(x, max_gap=3)
    np.testing.assert_allclose(out[3:5], [3.0, 4.0])
    assert np.isnan(out[10:18]).all()


def test_gaps_at_the_ends_are_not_invented() -> None:
    x = np.array([np.nan, 1.0, 2.0, np.nan])
    out = fill_gaps(x, max_gap=5)
    assert np.isnan(out[0])
    assert np.isnan(out[-1])


def test_smoothing_removes_jitter_but_keeps_the_peak_time() -> None:
    t = np.arange(0, 4, 1 / 30)
    clean = np.sin(2 * np.pi * t / 2.0)
    noisy = clean + np.random.default_rng(0).normal(0, 0.05, len(t))
    out = smooth(noisy, 7)
    assert np.std(out - clean) < 0.75 * np.std(noisy - clean)
    peak = np.argmax(clean[:45])
    assert abs(int(np.argmax(out[:45])) - int(peak)) <= 2


def test_joint_angle_is_180_for_a_straight_line_and_90_for_a_corner() -> None:
    a = np.array([[0.0, 0.0], [0.0, 0.0]])
    b = np.array([[1.0, 0.0], [1.0, 0.0]])
    c = np.array([[2.0, 0.0], [1.0, 1.0]])
    np.testing.assert_allclose(joint_angle(a, b, c), [180.0, 90.0])


def test_body_scale_follows_a_zoom_so_body_units_do_not_change() -> None:
    clip = make_clip("barbell-shrug", reps(3, seed=1), view="front")
    p = clip.poses
    zoomed = p.image.copy()
    grow = np.linspace(1.0, 1.6, len(p))[:, None]
    zoomed[..., 0] = 0.5 + (zoomed[..., 0] - 0.5) * grow
    zoomed[..., 1] = 0.5 + (zoomed[..., 1] - 0.5) * grow
    zp = PoseSequence(t=p.t, image=zoomed, world=None, fps=p.fps, width=p.width, height=p.height)
    k0, k1 = kinematics(p), kinematics(zp)
    sh0 = k0.height_above(k0.shoulder_mid(), k0.hip_mid())
    sh1 = k1.height_above(k1.shoulder_mid(), k1.hip_mid())
    np.testing.assert_allclose(np.nanmedian(sh1), np.nanmedian(sh0), rtol=0.05)


def test_a_cut_starts_a_new_shot() -> None:
    clip = make_clip("bent-over-row", reps(4, seed=2), view="side")
    p = clip.poses
    img = p.image.copy()
    half = len(p) // 2
    img[half:, :, 0] += 0.3  # the second shot frames the person elsewhere
    cut = PoseSequence(t=p.t, image=img, world=None, fps=p.fps, width=p.width, height=p.height)
    k = kinematics(cut)
    assert k.shot[half - 1] == 0
    assert k.shot[half] == 1


@pytest.mark.parametrize(
    ("view", "expected"), [("side", "side"), ("front", "front"), ("back", "back")]
)
def test_camera_view_is_told_from_shoulder_width_and_mirroring(view: str, expected: str) -> None:
    clip = make_clip("barbell-shrug", reps(2, seed=1), view=view)  # type: ignore[arg-type]
    assert kinematics(clip.poses).view() == expected


def test_side_facing_the_camera_is_the_more_visible_one() -> None:
    clip = make_clip("bent-over-row", reps(2, seed=1), view="side")
    assert kinematics(clip.poses).facing_side() == "right"


def test_elbow_angle_follows_the_generated_row() -> None:
    clip = make_clip("bent-over-row", reps(1, seed=1), view="side", lead_in=0.5)
    k = kinematics(clip.poses)
    elbow = k.elbow_angle("right")
    assert np.nanmax(elbow) > 170
    assert 75 < np.nanmin(elbow) < 95
    tilt = k.torso_from_vertical()
    assert np.nanmedian(tilt) == pytest.approx(45, abs=2)
    assert np.nanmedian(k.knee_angle("right")) == pytest.approx(155, abs=3)
    assert not np.isnan(k.point(Landmark.NOSE)).all()


def _shifted(p: PoseSequence, at: int, dx_torso: float) -> PoseSequence:
    """The clip with everything from frame ``at`` on moved sideways (a cut to a camera
    framing the person a little differently)."""
    img = p.image.copy()
    img[at:, :, 0] += dx_torso * 220.0 / p.width  # the generator draws 220 px a torso
    return PoseSequence(t=p.t, image=img, world=None, fps=p.fps, width=p.width, height=p.height)


def test_a_small_cut_that_stands_out_from_the_motion_starts_a_new_shot() -> None:
    # A jump of 0.2 torso lengths, under the 0.45 of a plain cut: alike framed shots.
    clip = make_clip("pull-up", reps(4, seed=2), view="front", noise=0.005, seed=1)
    half = len(clip.poses) // 2 + 7
    k = kinematics(_shifted(clip.poses, half, 0.2))
    assert k.shot[half - 1] != k.shot[half]
    assert len(set(k.shot[k.shot >= 0].tolist())) == 2


def test_a_fast_movement_and_a_left_right_swap_are_not_cuts() -> None:
    # Dropping from the top in a fifth of a second moves everything fast, for several frames.
    from tests.vision.motion import RepSpec

    clip = make_clip("pull-up", [RepSpec(down=0.2) for _ in range(3)], noise=0.005, seed=1)
    assert set(kinematics(clip.poses).shot.tolist()) == {0}
    # The pose model swapping the person's left and right for a while.
    p = make_clip("barbell-shrug", reps(3, seed=1), view="front").poses
    img = p.image.copy()
    pairs = [(11, 12), (13, 14), (15, 16), (23, 24), (25, 26), (27, 28), (2, 5), (7, 8)]
    for a, b in pairs:
        img[40:80, [a, b]] = img[40:80, [b, a]]
    swapped = PoseSequence(t=p.t, image=img, world=None, fps=p.fps, width=p.width, height=p.height)
    assert set(kinematics(swapped).shot.tolist()) == {0}


def _dropped(p: PoseSequence, frames: slice) -> PoseSequence:
    img = p.image.copy()
    img[frames] = np.nan
    return PoseSequence(t=p.t, image=img, world=None, fps=p.fps, width=p.width, height=p.height)


def test_a_pose_lost_for_a_moment_during_a_fast_pull_is_not_a_cut() -> None:
    # Five frames lost halfway up a brisk pull-up: the body has moved half a torso
    # length when the pose comes back, as fast as it was moving before.
    from tests.vision.motion import RepSpec

    clip = make_clip("pull-up", [RepSpec(up=0.4) for _ in range(3)], view="front", seed=1)
    k0 = kinematics(clip.poses)
    head = k0.height_above(k0.point(Landmark.NOSE), k0.wrist_mid())
    rising = np.flatnonzero(np.diff(head) > 0.05)
    mid = int(rising[len(rising) // 6])
    k = kinematics(_dropped(clip.poses, slice(mid - 2, mid + 3)))
    assert set(k.shot[k.shot >= 0].tolist()) == {0}


def test_a_cut_hidden_in_a_dropout_still_starts_a_new_shot() -> None:
    clip = make_clip("pull-up", reps(4, seed=2), view="front", seed=1)
    half = len(clip.poses) // 2
    p = _dropped(_shifted(clip.poses, half, 1.5), slice(half - 3, half))
    k = kinematics(p)
    assert k.shot[half - 4] != k.shot[half]


def test_narrow_shoulders_face_on_are_not_a_side_view() -> None:
    # Hanging face-on with the shoulders drawn in: the nose stays between the ears.
    clip = make_clip("pull-up", reps(2, seed=1), view="front")
    img = clip.poses.image.copy()
    mid = np.nanmean(img[:, [11, 12], 0], axis=1, keepdims=True)
    img[:, [11, 12], 0] = mid + (img[:, [11, 12], 0] - mid) * 0.3
    p = clip.poses
    narrow = PoseSequence(t=p.t, image=img, world=None, fps=p.fps, width=p.width, height=p.height)
    assert kinematics(narrow).view() == "front"


def test_steady_view_follows_a_camera_orbiting_behind_the_lifter() -> None:
    from tests.vision.motion import make_clip, reps

    keys = (0.0,) * 5 + (-90.0,) * 7 + (0.0,) * 5
    c = make_clip("bent-over-row", reps(12, seed=1), orbit=keys, noise=0.01, seed=3)
    kin = kinematics(c.poses)
    steady = kin.steady_view()
    # Three stretches, side, back, side, each one view throughout.
    changes = int((steady[1:] != steady[:-1]).sum())
    assert changes == 2
    assert steady[0] == steady[-1] == "side"
    assert steady[kin.n // 2] == "back"
