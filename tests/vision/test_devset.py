"""Real clips: the devset's MediaPipe keypoints against hand-counted repetitions.

Every clip of one of the five exercises must give its certain count exactly and its
uncertain count inside the labelled range; the non-exercise clips must give no
repetitions. Nothing here is tuned per clip: the same analysis runs on every clip.
"""

from __future__ import annotations

import pytest

from backcoach.vision.analysers import ANALYSERS
from tests.vision.devset import EXERCISE_OF, Label, labels, poses, report, table

#: Clips no principled counter can get right from their poses, left out of the exact count
#: assertion (they are still analysed, printed in the table, and held to what is reachable
#: in the tests below):
#: - pullup_dev_06 (label 6-7, counted 8): an edited tutorial. The jump to the bar at
#:   12.5 s and the six-second negative after it are now told apart (hands and shoulders
#:   rise together by 0.57 torso lengths just before the "pull"; at most 0.24 before any
#:   real pull in the devset) and not counted. The one extra count is at 27.1-28.2 s:
#:   the rise of a bottom-range partial (from straight arms, elbows 169 degrees) runs into
#:   the top-range partial after the cut the label puts at 27.3 s. Across that cut the
#:   upper-body landmarks move 0.06 torso lengths in a frame, no more than in the frames
#:   around it (only the legs jump), so the keypoints show one rise from a dead hang to chin
#:   over the hands with a 0.2 s pause halfway: a pull-up with a sticking point. Telling it
#:   from one needs the pixels (the cut).
UNREACHABLE = {"pullup_dev_06"}

FIVE = [lab for lab in labels() if lab.exercise in EXERCISE_OF and lab.low is not None]
COUNTED = [lab for lab in FIVE if lab.name not in UNREACHABLE]
WITHIN_ONE = FIVE
NONE = [lab for lab in labels() if lab.exercise == "none"]


def _ids(labs: list[Label]) -> list[str]:
    return [lab.name for lab in labs]


@pytest.mark.parametrize("lab", COUNTED, ids=_ids(COUNTED))
def test_devset_count_matches_the_hand_count(lab: Label) -> None:
    rep = report(lab.name, EXERCISE_OF[lab.exercise])
    assert lab.low is not None
    assert lab.high is not None
    if lab.uncertain:
        assert lab.low <= rep.counted_reps <= lab.high
    else:
        assert rep.counted_reps == lab.reps


@pytest.mark.parametrize("lab", WITHIN_ONE, ids=_ids(WITHIN_ONE))
def test_devset_count_is_within_one_of_the_hand_count(lab: Label) -> None:
    # The spec's off-by-one target: every clip of the five.
    rep = report(lab.name, EXERCISE_OF[lab.exercise])
    assert lab.low is not None
    assert lab.high is not None
    assert lab.low - 1 <= rep.counted_reps <= lab.high + 1


def test_devset_jump_to_the_bar_and_negative_is_not_counted() -> None:
    # pullup_dev_06, 12.5-22.6 s: jumps up to the bar, holds, lowers for six seconds.
    rep = report("pullup_dev_06", "pull-up")
    jump = [r for r in rep.reps if 12.5 <= r.start_s <= 16.0]
    assert len(jump) == 1
    assert not jump[0].full
    assert any("jumped" in why for why in jump[0].partial_reasons)
    # The strict pull-ups before and after it all count.
    counted = [r.peak_s for r in rep.reps if r.full]
    assert sum(p < 3.5 for p in counted) == 3
    assert sum(p > 30.5 for p in counted) == 3


def test_devset_real_pull_ups_lowered_under_control_are_not_dropping() -> None:
    # Strong lifters lower in 0.3-0.5 s; the labels call none of it a fault.
    for name in ("pullup_dev_01", "pullup_dev_03", "pullup_dev_04", "pullup_dev_05"):
        assert "dropping" not in {f.id for f in report(name, "pull-up").faults}, name


def test_devset_straight_arm_shrug_is_not_flagged_bar_too_low() -> None:
    assert "bar-too-low" not in {f.id for f in report("shrug_dev_01", "barbell-shrug").faults}


@pytest.mark.parametrize("lab", FIVE, ids=_ids(FIVE))
def test_devset_exercise_is_recognised_from_the_motion(lab: Label) -> None:
    rep = report(lab.name, None)
    assert rep.exercise == EXERCISE_OF[lab.exercise]
    assert rep.recognised


@pytest.mark.parametrize("lab", NONE, ids=_ids(NONE))
def test_devset_non_exercise_clip_is_not_recognised_and_counts_nothing(lab: Label) -> None:
    rep = report(lab.name, None)
    assert rep.exercise is None
    assert rep.counted_reps == 0
    assert {w.code for w in rep.warnings} >= {"not-recognised"}


@pytest.mark.parametrize("lab", NONE, ids=_ids(NONE))
def test_devset_non_exercise_clip_gives_no_analyser_a_run_of_reps(lab: Label) -> None:
    # Named as any exercise, a warm-up, a walk, a dead hang or a dance never yields a
    # set: at most one movement that looks like a repetition (raising the arms to the
    # bar, or overhead while dancing).
    for exercise_id in ANALYSERS:
        rep = report(lab.name, exercise_id)
        assert rep.counted_reps <= 1, exercise_id


def test_devset_dead_hang_under_a_bar_counts_no_pull_up() -> None:
    assert report("none_dev_03", "pull-up").counted_reps == 0


def test_devset_montage_swim_is_flagged_low_confidence() -> None:
    rep = report("swim_dev_01", "swimming")
    assert "low-confidence" in {w.code for w in rep.warnings}
    assert rep.confidence < 0.5
    assert all(s.confidence < 0.5 for s in rep.strokes)


def test_devset_reps_come_with_times_close_to_the_labelled_tops() -> None:
    # Clean pull-up clip: every labelled top has a counted rep peaking within 0.4 s.
    rep = report("pullup_dev_05", "pull-up")
    tops = [1.37, 4.50, 7.87, 10.81]
    peaks = [r.peak_s for r in rep.reps if r.full]
    assert len(peaks) == len(tops)
    assert all(abs(p - t) <= 0.4 for p, t in zip(peaks, tops, strict=True))


def test_devset_compact_files_keep_every_frame() -> None:
    for lab in labels():
        p = poses(lab.name)
        assert len(p) > 0
        assert p.image.shape[1:] == (33, 4)


def test_devset_table_lists_every_clip(capsys: pytest.CaptureFixture[str]) -> None:
    text = table()
    print("\n" + text)
    assert all(lab.name in text for lab in labels())
