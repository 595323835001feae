"""The report: JSON round trip and the plain-text summary."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from backcoach.vision.analyse import analyse
from backcoach.vision.report import FormReport, summary_text
from tests.vision.motion import make_clip, reps


@pytest.fixture(scope="module")
def report() -> FormReport:
    specs = reps(4, seed=3, faults=frozenset({"kipping"}))
    return analyse(make_clip("pull-up", specs, view="side", noise=0.005, seed=1).poses, "pull-up")


def test_report_json_round_trip_is_lossless(report: FormReport) -> None:
    text = report.to_json()
    back = FormReport.from_json(text)
    assert back == report
    assert json.loads(text)["schema_version"] == 1


def test_report_json_rejects_unknown_fields(report: FormReport) -> None:
    data = json.loads(report.to_json())
    data["surprise"] = 1
    with pytest.raises(ValidationError):
        FormReport.from_json(json.dumps(data))


def test_faults_carry_time_cue_and_the_catalog_threshold(report: FormReport) -> None:
    kips = [f for f in report.faults if f.id == "kipping"]
    assert len(kips) == 4
    for f in kips:
        assert f.cue.startswith("Hold your body still")
        assert f.measure == "hip-swing"
        assert f.high == 0.25
        assert f.unit == "ratio"
        assert f.value is not None
        assert f.value > 0.25
        assert f.rep in {1, 2, 3, 4}
    assert report.faults == sorted(report.faults, key=lambda f: (f.time_s, f.id))


def test_summary_names_the_exercise_count_and_cues(report: FormReport) -> None:
    text = summary_text(report)
    assert "Pull-up" in text
    assert "Repetitions: 4 counted" in text
    assert "Kipping or swinging" in text
    assert "Hold your body still" in text
    assert text.count("Rep ") == 4


def test_summary_of_an_unrecognised_clip_says_so() -> None:
    clip = make_clip("barbell-shrug", [], walk_in=3.0, walk_out=3.0, noise=0.005)
    text = summary_text(analyse(clip.poses))
    assert text.startswith("Unknown exercise")
    assert "No repetitions of the five exercises" in text
