"""Keeping the training log from the command line, and refusing bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Run


def export(run: Run) -> dict[str, object]:
    result = run("export", "--json")
    assert result.code == 0
    data: dict[str, object] = json.loads(result.out)
    data.pop("exported_at")
    return data


def test_one_line_log_stores_the_sets_and_history_shows_them(run: Run) -> None:
    result = run("log", "row", "3x8@60kg", "--rpe", "8")
    assert result.code == 0, result.err
    assert result.out.count("8 reps @ 60 kg, RPE 8") == 3
    history = run("history")
    assert "Bent-over row" in history.out or "bent-over row" in history.out.lower()
    data = json.loads(run("history", "--json").out)
    assert [s["reps"] for s in data[0]["sets"]] == [8, 8, 8]
    assert data[0]["sets"][0]["load_kg"] == 60.0


def test_loads_in_pounds_are_stored_in_kilograms_and_shown_in_pounds(run: Run) -> None:
    assert run("settings", "--unit", "lb").code == 0
    result = run("log", "shrug", "2x12@135")
    assert "12 reps @ 135 lb" in result.out
    data = json.loads(run("history", "--json").out)
    assert data[0]["sets"][0]["load_kg"] == pytest.approx(61.235, abs=1e-3)


def test_the_same_id_logged_twice_is_stored_once(run: Run) -> None:
    first = json.loads(run("log", "pull-up", "8", "--id", "abc", "--json").out)
    again = json.loads(run("log", "pull-up", "8", "--id", "abc", "--json").out)
    assert len(first[0]["stored"]) == 1
    assert (again[0]["stored"], len(again[0]["already_stored"])) == ([], 1)
    sessions = export(run)["sessions"]
    assert isinstance(sessions, list)
    assert sum(len(s["sets"]) for s in sessions) == 1


def test_a_variant_is_found_by_its_own_name(run: Run) -> None:
    data = json.loads(run("log", "chin-up", "3x6", "--json").out)
    assert data[0]["stored"][0]["exercise"] == "pull-up"
    assert data[0]["stored"][0]["variant"] == "chin-up"


def test_swims_are_logged_by_time_and_distance(run: Run) -> None:
    data = json.loads(run("log", "swim", "1500m/30min", "--json").out)
    assert data[0]["stored"][0]["distance_m"] == 1500.0
    wrong = run("log", "swim", "3x8")
    assert wrong.code == 1
    assert "time or distance" in wrong.err


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["log", "row", "3x101@60kg"], "outside 0-100"),
        (["log", "row", "3x8@900kg"], "not possible"),
        (["log", "row", "3x8@-5kg"], "negative"),
        (["log", "row", "3x8@60kg", "--rpe", "11"], "outside 1-10"),
        (["log", "row", "3x8@60kg", "--rir", "12"], "reps in reserve"),
        (["log", "rowing", "3x8@60kg"], "Unknown exercise"),
        (["log", "row", "3x8@60stone"], "Unknown unit"),
        (["log", "row", "3 by 8"], "Cannot read"),
        (["log", "row", "3x8", "--side", "middle"], "Unknown side"),
        (["log", "row", "3x8", "--date", "not-a-day"], "Cannot read"),
        (["log", "row", "3x8", "--date", "2099-01-01"], "future"),
        (["log", "row", "3x8", "--variant", "kipping"], "Unknown variant"),
        (["pain", "11", "--region", "lower-back"], "outside 0-10"),
        (["pain", "3", "--region", "lowerback"], "Did you mean 'lower-back'"),
        (["weight", "5000"], "not plausible"),
        (["settings", "--unit", "stone"], "Unknown unit"),
    ],
)
def test_bad_input_is_explained_and_changes_nothing(run: Run, args: list[str], says: str) -> None:
    assert run("log", "row", "3x5@50kg", "--date", "2026-01-05").code == 0
    before = export(run)
    result = run(*args)
    assert result.code != 0
    assert says in result.err
    assert "Traceback" not in result.err + result.out
    assert export(run) == before


def test_a_bad_line_among_prompted_lines_stores_nothing(run: Run) -> None:
    # Two exercises answered at the prompts; the second names a variant of another one.
    result = run(
        "log", "--variant", "chin-up", answers="row\n3x8@60kg\n\ny\nshrug\n3x10@60kg\n\nn\n"
    )
    assert result.code == 1
    assert "Unknown variant" in result.err
    assert export(run)["sessions"] == []


def test_interactive_log_asks_again_after_a_wrong_answer(run: Run) -> None:
    answers = "rowe\nrow\n3 by 8\n3x8@60kg\n12\n8\nn\n"
    result = run("log", answers=answers)
    assert result.code == 0, result.err
    assert "Did you mean 'bent-over-row'" in result.out
    assert "Cannot read '3 by 8'" in result.out
    assert "RPE runs from 1 to 10" in result.out
    data = json.loads(run("history", "--json").out)
    assert [s["rpe"] for s in data[0]["sets"]] == [8.0, 8.0, 8.0]


def test_without_a_terminal_the_log_asks_for_the_one_line_form(run: Run) -> None:
    result = run("log")
    assert result.code == 1
    assert "backcoach log row 3x8@60kg" in result.err


def test_pain_is_recorded_and_high_pain_sends_you_to_a_clinician(run: Run) -> None:
    result = run("pain", "3", "--region", "lower-back")
    assert result.code == 0
    assert "3/10" in result.out
    assert "clinician" in run("pain", "8", "--region", "neck").out
    data = export(run)["pain"]
    assert isinstance(data, list)
    assert [p["score"] for p in data] == [3, 8]


def test_export_writes_the_whole_log_to_a_file(run: Run, tmp_path: Path) -> None:
    run("log", "row", "3x8@60kg")
    run("pain", "2", "--region", "neck")
    run("weight", "80")
    target = tmp_path / "log.json"
    assert run("export", "--json", "--out", str(target)).code == 0
    document = json.loads(target.read_text())
    assert document["format"] == "backcoach-export"
    assert len(document["sessions"][0]["sets"]) == 3
    assert document["body_weight"][0]["weight_kg"] == 80.0


def test_home_screen_shows_the_library_and_the_log(run: Run) -> None:
    empty = run()
    assert empty.code == 0
    assert "Exercise library" in empty.out
    assert "Nothing logged yet" in empty.out
    run("log", "row", "3x8@60kg")
    home = run()
    assert "1 sessions logged" in home.out or "1 session logged" in home.out
    data = json.loads(run("--json").out)
    assert data["log"]["sessions"] == 1
    assert len(data["exercises"]) == 5


def test_a_file_that_is_not_a_database_is_refused_untouched(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "important.txt"
    path.write_text("my notes")
    monkeypatch.setenv("BACKCOACH_DATABASE_URL", f"sqlite:///{path}")
    result = run("history")
    assert result.code == 1
    assert "not a backcoach database" in result.err
    assert path.read_text() == "my notes"


def test_a_database_from_a_newer_version_is_refused(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import create_engine, text

    url = f"sqlite:///{tmp_path / 'new.db'}"
    monkeypatch.setenv("BACKCOACH_DATABASE_URL", url)
    assert run("log", "row", "3x8@60kg").code == 0
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
    engine.dispose()
    result = run("history")
    assert result.code == 1
    assert "newer version of backcoach" in result.err


def test_a_red_flag_symptom_is_kept_and_sends_you_to_a_clinician(run: Run) -> None:
    result = run("pain", "3", "--region", "lower-back", "--symptom", "numbness")
    assert result.code == 0
    assert "clinician" in result.out
    pain = export(run)["pain"]
    assert isinstance(pain, list)
    assert pain[0]["symptoms"] == ["numbness"]
    wrong = run("pain", "3", "--region", "neck", "--symptom", "numbnes")
    assert wrong.code == 1
    assert "Did you mean 'numbness'" in wrong.err
