"""Strong CSV exports of every layout, built here with their quirks, parse to exact values."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from backcoach.interop.errors import BadFile
from backcoach.interop.strong import parse_strong
from backcoach.training.entries import SetKind
from backcoach.training.units import Unit

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def parse(text: str, encoding: str = "utf-8"):  # type: ignore[no-untyped-def]
    return parse_strong(text.encode(encoding), tz=UTC, now=NOW)


COMMA_2019 = """\
Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE
2019-03-04 18:30:00,"Evening Workout",1h 5m,"Bent Over Row (Barbell)",W,40.0,10.0,0,0,"",,
2019-03-04 18:30:00,"Evening Workout",1h 5m,"Bent Over Row (Barbell)",1,74.99999999999999,8.0,0,0,"felt strong","Good day",8.5
2019-03-04 18:30:00,"Evening Workout",1h 5m,"Bent Over Row (Barbell)",2,75,7,0,0,"",,9
2019-03-04 18:30:00,"Evening Workout",1h 5m,"Pull Up",1,0,8,0,0,"",,
2019-03-04 18:30:00,"Evening Workout",1h 5m,"Pull Up",F,0,5,0,0,"",,
2019-03-06 07:00:00,"Swim",45m,"Swimming",1,0,0,1.5,1800,"",,
"""  # noqa: E501 (rows as Strong writes them)


def test_comma_layout_with_duration_notes_and_rpe_parses_every_value() -> None:
    parsed = parse(COMMA_2019)
    assert [len(w.sets) for w in parsed.workouts] == [5, 1]
    row = parsed.workouts[0]
    assert row.started_at == datetime(2019, 3, 4, 18, 30, tzinfo=UTC)
    assert row.ended_at == datetime(2019, 3, 4, 19, 35, tzinfo=UTC)
    assert (row.title, row.notes) == ("Evening Workout", "Good day")
    warm, first, second, pull, fail = row.sets
    assert (warm.kind, warm.reps, warm.weight) == (SetKind.WARMUP, 10, 40.0)
    assert (first.weight, first.reps, first.rpe, first.notes) == (75.0, 8, 8.5, "felt strong")
    assert (second.rpe, pull.weight, fail.kind) == (9.0, None, SetKind.FAILURE)
    assert first.unit is None
    assert parsed.needs_unit
    swim = parsed.workouts[1].sets[0]
    assert (swim.reps, swim.distance_m, swim.duration_s) == (None, 1500.0, 1800.0)
    assert parsed.heaviest(1) == [("Bent Over Row (Barbell)", 75.0)]


OLD_UNIT_COLUMNS = """Date,Workout Name,Exercise Name,Set Order,kg,Reps,km,Seconds
2016-05-01 10:00:00,Back,Shrug (Barbell),1,100,12,,
2016-05-01 10:00:00,Back,Shrug (Barbell),2,100,10,,
"""


def test_old_files_name_the_unit_in_the_column_header() -> None:
    parsed = parse(OLD_UNIT_COLUMNS)
    sets = parsed.workouts[0].sets
    assert [(s.weight, s.unit, s.reps) for s in sets] == [
        (100.0, Unit.KG, 12),
        (100.0, Unit.KG, 10),
    ]
    assert not parsed.needs_unit
    assert parsed.workouts[0].ended_at is None


SEMICOLON = (
    '"Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";'
    '"Weight (lbs)";"Reps";"RPE";"Distance (meters)";"Seconds";"Notes";"Workout Notes"\n'
    '"12";"2024-01-02 17:00:00";"Pull day";"3600";"Chin Up";"WARM_UP";"0";"5";"";"0";"0";"";""\n'
    '"12";"2024-01-02 17:00:00";"Pull day";"3600";"Chin Up";"Rest Timer";"";"";"";"";"90";"";""\n'
    '"12";"2024-01-02 17:00:00";"Pull day";"3600";"Chin Up";"1";"25,5";"8";"8";"0";"0";"";""\n'
    '"12";"2024-01-02 17:00:00";"Pull day";"3600";"Chin Up";"FAILURE";"0";"6";"";"0";"0";"";""\n'
)


def test_semicolon_layout_skips_rest_timers_and_reads_set_types() -> None:
    parsed = parse(SEMICOLON)
    (workout,) = parsed.workouts
    assert workout.key == "strong:12"
    assert (workout.ended_at - workout.started_at).total_seconds() == 3600  # type: ignore[operator]
    assert [(s.kind, s.reps, s.weight) for s in workout.sets] == [
        (SetKind.WARMUP, 5, None),
        (SetKind.NORMAL, 8, 25.5),
        (SetKind.FAILURE, 6, None),
    ]
    assert workout.sets[1].unit is Unit.LB
    assert [(x.row, x.reason) for x in parsed.skipped] == [(3, "a rest-timer row")]


GERMAN = (
    "Datum;Trainingsname;Dauer;Übungsname;Satzreihenfolge;Gewicht (kg);Wiederholungen;"
    "Distanz;Sekunden;Notizen;Trainingsnotizen;RPE\n"
    "2025-06-01 09:15:00;Rücken;50m;Shrug (Barbell);1;80;12;;;Griff breit;;\n"
    "2025-06-01 09:15:00;Rücken;50m;Shrug (Barbell);2;82,5;10;;;;;7\n"
)


def test_german_headers_and_decimal_commas() -> None:
    parsed = parse(GERMAN)
    sets = parsed.workouts[0].sets
    assert [(s.weight, s.reps, s.rpe, s.unit) for s in sets] == [
        (80.0, 12, None, Unit.KG),
        (82.5, 10, 7.0, Unit.KG),
    ]
    assert sets[0].notes == "Griff breit"
    assert parsed.workouts[0].title == "Rücken"


def test_byte_order_mark_and_windows_1252_are_read() -> None:
    bom = parse_strong(b"\xef\xbb\xbf" + OLD_UNIT_COLUMNS.encode(), tz=UTC, now=NOW)
    assert len(bom.workouts[0].sets) == 2
    cp = parse(GERMAN, encoding="cp1252")
    assert cp.workouts[0].title == "Rücken"


def test_a_row_split_by_a_line_break_in_a_note_is_joined() -> None:
    text = (
        "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Notes\n"
        "2020-01-01 10:00:00,A,Pull Up,1,0,8,first line\n"
        "second line\n"
        "2020-01-01 10:00:00,A,Pull Up,2,0,7,\n"
    )
    sets = parse(text).workouts[0].sets
    assert [s.notes for s in sets] == ["first line\nsecond line", ""]
    assert sets[1].row == 4


def test_future_dates_and_duplicate_rows_are_skipped_with_the_reason() -> None:
    text = (
        "Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n"
        "2020-01-01 10:00:00,A,Pull Up,1,0,8\n"
        "2020-01-01 10:00:00,A,Pull Up,1,0,8\n"
        "2031-01-01 10:00:00,A,Pull Up,1,0,8\n"
    )
    parsed = parse(text)
    assert len(parsed.workouts[0].sets) == 1
    assert [(x.row, x.reason) for x in parsed.skipped] == [
        (3, "a duplicate of row 2"),
        (4, "dated in the future (2031-01-01 10:00:00)"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Date,Workout Name,Set Order,Weight,Reps\n2020-01-01 10:00:00,A,1,0,8\n", "Exercise Name"),
        (
            "Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n01/02/2020,A,Row,1,0,8\n",
            "Row 2: the date '01/02/2020'",
        ),
        (
            "Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n"
            "2020-01-01 10:00:00,A,Row,1,0,8.5\n",
            "Row 2: the reps '8.5' is not a whole number",
        ),
        (
            "Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2020-01-01 10:00:00,A,Row\n",
            "Row 2: the row has 3 values",
        ),
        (
            "Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n"
            "2020-01-01 10:00:00,A,Row,X,0,8\n",
            "Row 2: the set order 'X'",
        ),
    ],
)
def test_bad_files_get_a_message_naming_the_row_or_column(text: str, message: str) -> None:
    with pytest.raises(BadFile) as caught:
        parse(text)
    assert message in caught.value.message
