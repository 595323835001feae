"""The server-drawn SVG charts: axes, ticks, bands, accessible titles, escaped text."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from backcoach.web.pages.charts import Band, describe, legend, nice_ticks, time_chart

START = date(2026, 1, 1)


@dataclass(frozen=True)
class P:
    day: date
    value: float


@dataclass(frozen=True)
class S:
    label: str
    unit: str
    points: list[P] = field(default_factory=list)


@given(
    st.floats(min_value=-1e6, max_value=1e6),
    st.floats(min_value=0.001, max_value=1e6),
)
def test_ticks_cover_the_range_in_round_even_steps(low: float, width: float) -> None:
    ticks = nice_ticks(low, low + width)
    assert ticks[0] <= low + 1e-9
    assert ticks[-1] >= low + width - 1e-9 * max(1.0, abs(low + width))
    steps = {round(b - a, 6) for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1
    assert 2 <= len(ticks) <= 8


def test_a_line_chart_has_a_title_a_description_and_a_dot_per_value() -> None:
    s = S("Row", "kg", [P(START + timedelta(days=d), 50 + d) for d in (0, 7, 14)])
    svg = str(time_chart("Estimated 1RM: Row", [s], start=START, end=START + timedelta(28)))
    assert svg.startswith("<svg")
    assert svg.endswith("</svg>")
    assert 'role="img"' in svg
    assert "<title id=" in svg
    assert "Estimated 1RM: Row</title>" in svg
    assert "Row: 3 values from 50 to 64 kg; latest 64 on 15 Jan 2026." in svg
    assert svg.count("<circle") == 3
    assert svg.count("<polyline") == 1


def test_bars_are_drawn_for_weekly_values() -> None:
    s = S("Rhomboids", "hard sets", [P(START, 6), P(START + timedelta(7), 9)])
    svg = str(time_chart("Volume", [s], start=START, end=START + timedelta(14), bars=True))
    assert svg.count('class="bar s0"') == 2
    assert "<polyline" not in svg


def test_zone_bands_are_shaded_and_named() -> None:
    bands = [Band("low", None, 0.8), Band("sweet-spot", 0.8, 1.3), Band("high", 1.5, None)]
    s = S("All", "ratio", [P(START, 1.0)])
    svg = str(time_chart("ACWR", [s], start=START, end=START + timedelta(7), bands=bands))
    for name in ("low", "sweet-spot", "high"):
        assert f'class="band band-{name}"' in svg
        assert f">{name}</text>" in svg


def test_an_empty_chart_says_so() -> None:
    svg = str(time_chart("Pain", [S("Pain", "0-10")], start=START, end=START + timedelta(7)))
    assert "No data yet" in svg
    assert (
        describe([S("Pain", "0-10")], START, START) == "No values from 01 Jan 2026 to 01 Jan 2026."
    )


def test_labels_are_escaped() -> None:
    s = S("<script>x</script>", "kg", [P(START, 1.0)])
    svg = str(time_chart("a & <b>", [s], start=START, end=START + timedelta(3)))
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "a &amp; &lt;b&gt;" in svg
    assert "&lt;script&gt;" in str(legend([s]))
