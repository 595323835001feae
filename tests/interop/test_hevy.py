"""Hevy CSV exports, metric and imperial, parse to exact values."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from backcoach.interop.errors import BadFile
from backcoach.interop.hevy import parse_hevy
from backcoach.training.entries import SetKind
from backcoach.training.units import Unit

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
HEADER = (
    '"title","start_time","end_time","description","exercise_title","superset_id",'
    '"exercise_notes","set_index","set_type","{w}","reps","{d}","duration_seconds","rpe"\n'
)

METRIC = HEADER.format(w="weight_kg", d="distance_km") + (
    '"Back 💪 día","7 Apr 2026, 10:14","7 Apr 2026, 11:02","line one\nline two",'
    '"Bent Over Row (Barbell)","0","",0,"warmup",40,10,,,\n'
    '"Back 💪 día","7 Apr 2026, 10:14","7 Apr 2026, 11:02","line one\nline two",'
    '"Bent Over Row (Barbell)","0","keep back flat",1,"normal",70.5,8,,,8.5\n'
    '"Back 💪 día","7 Apr 2026, 10:14","7 Apr 2026, 11:02","line one\nline two",'
    '"Pull Up","0","",0,"failure",,9,,,\n'
    '"Back 💪 día","7 Apr 2026, 10:14","7 Apr 2026, 11:02","line one\nline two",'
    '"Pull Up","","",1,"dropset",,6,,,\n'
    '"Swim","8 Apr 2026, 07:00","8 Apr 2026, 07:40","","Swimming","","",0,"normal",,,1.2,2100,\n'
)

IMPERIAL = HEADER.format(w="weight_lbs", d="distance_miles") + (
    '"Pull","Jul 28, 2026, 6:49 PM","Jul 28, 2026, 7:30 PM","","Shrug (Dumbbell)",,"",0,'
    '"normal",50,12,,,\n'
    '"Pull","Jul 28, 2026, 6:49 PM","Jul 28, 2026, 7:30 PM","","Swimming",,"",1,'
    '"normal",,,0.5,900,\n'
)


def test_metric_export_reads_set_types_bodyweight_rpe_unicode_and_notes() -> None:
    parsed = parse_hevy(METRIC.encode(), tz=UTC, now=NOW)
    back, swim = parsed.workouts
    assert back.title == "Back 💪 día"
    assert back.notes == "line one\nline two"
    assert back.started_at == datetime(2026, 4, 7, 10, 14, tzinfo=UTC)
    assert back.ended_at == datetime(2026, 4, 7, 11, 2, tzinfo=UTC)
    assert [(s.kind, s.reps, s.weight, s.rpe) for s in back.sets] == [
        (SetKind.WARMUP, 10, 40.0, None),
        (SetKind.NORMAL, 8, 70.5, 8.5),
        (SetKind.FAILURE, 9, None, None),
        (SetKind.DROPSET, 6, None, None),
    ]
    assert back.sets[1].notes == "keep back flat"
    assert back.sets[0].superset == "0"
    assert back.sets[3].superset is None
    assert all(s.unit is Unit.KG for s in back.sets)
    assert not parsed.needs_unit
    assert (swim.sets[0].distance_m, swim.sets[0].duration_s) == (1200.0, 2100.0)


def test_imperial_export_with_twelve_hour_times() -> None:
    parsed = parse_hevy(IMPERIAL.encode(), tz=UTC, now=NOW)
    (pull,) = parsed.workouts
    assert pull.started_at == datetime(2026, 7, 28, 18, 49, tzinfo=UTC)
    assert (pull.sets[0].weight, pull.sets[0].unit) == (50.0, Unit.LB)
    assert pull.sets[1].distance_m == pytest.approx(804.672)


def test_a_time_in_an_unknown_form_names_the_row() -> None:
    bad = IMPERIAL.replace("Jul 28, 2026, 6:49 PM", "28/07/2026 18:49", 1)
    with pytest.raises(BadFile, match="Row 2: the time '28/07/2026 18:49'"):
        parse_hevy(bad.encode(), tz=UTC, now=NOW)


def test_a_missing_column_is_named() -> None:
    with pytest.raises(BadFile, match="'set_type' is missing"):
        parse_hevy(b"title,start_time,exercise_title,set_index\n", tz=UTC, now=NOW)
