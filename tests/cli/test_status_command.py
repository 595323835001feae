"""`backcoach status`: the strain monitor from the command line."""

from __future__ import annotations

import json
from datetime import date, timedelta

from .conftest import Run


def test_status_without_history_says_a_ratio_needs_weeks(run: Run) -> None:
    result = run("status")
    assert result.code == 0
    assert "not enough history" in result.out


def test_a_sharp_ramp_in_rows_is_flagged_in_the_high_zone(run: Run) -> None:
    today = date.today()
    for back in range(42, 7, -3):
        day = (today - timedelta(days=back)).isoformat()
        assert run("log", "row", "2x8@40kg", "--rpe", "7", "--date", day).code == 0
    for back in (3, 2, 1):
        day = (today - timedelta(days=back)).isoformat()
        assert run("log", "row", "6x10@60kg", "--rpe", "9", "--date", day).code == 0
    data = json.loads(run("status", "--json").out)
    zones = {m: v["zone"] for m, v in data["muscles"].items()}
    assert zones["latissimus-dorsi"] == "high"
    assert data["muscles"]["latissimus-dorsi"]["ratio"] > 1.5
    assert any(w["muscle"] == "latissimus-dorsi" and w["zone"] == "high" for w in data["warnings"])
    shown = run("status")
    assert "Latissimus dorsi" in shown.out
    assert "times what" in shown.out
