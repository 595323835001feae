"""The server-drawn SVG charts: axes, ticks, bands, accessible titles, escaped text, and
the muscles' charts (one volume grid, one load-ratio chart) on the progress page."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcoach.progress import progress
from backcoach.web.pages.charts import (
    OVERALL_CLASS,
    Band,
    colour_classes,
    describe,
    legend,
    muscle_charts,
    nice_ticks,
    time_chart,
    volume_grid,
    week_table,
)
from tests.web.conftest import Person, Server
from tests.web.pages.conftest import csrf_of

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


# the muscles' charts -------------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class K:
    key: str
    label: str
    unit: str
    points: list[P] = field(default_factory=list)


def parsed(svg: object) -> ET.Element:
    """The chart as XML (it is well-formed), with the SVG namespace added for parsing."""
    return ET.fromstring(str(svg).replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1))


def series_of(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if "series" in g.get("class", "").split()]


def weeks(*values: float) -> list[P]:
    return [P(MONDAY + timedelta(weeks=i), v) for i, v in enumerate(values)]


MONDAY = date(2026, 1, 5)
ORDER = ["trapezius-upper", "trapezius-middle", "rhomboids", "latissimus-dorsi", "multifidus"]


def test_the_volume_grid_has_one_series_per_muscle_with_its_weekly_values() -> None:
    volume = [
        K("trapezius-upper", "Upper trapezius", "hard sets", weeks(2.5, 0, 3.25)),
        K("rhomboids", "Rhomboids", "hard sets", weeks(0.5, 1, 0.75)),
        K("multifidus", "Multifidus", "hard sets", []),
    ]
    colours = colour_classes(ORDER)
    svg = volume_grid(
        "Weekly hard sets per muscle",
        volume,
        start=MONDAY,
        end=MONDAY + timedelta(days=20),
        colours=colours,
    )
    root = parsed(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title") is not None
    assert root.find(f"{SVG}title").text == "Weekly hard sets per muscle"  # type: ignore[union-attr]
    desc = root.find(f"{SVG}desc").text or ""  # type: ignore[union-attr]
    assert "Upper trapezius: 3 values from 0 to 3.25 hard sets" in desc
    groups = series_of(root)
    assert [g.get("data-key") for g in groups] == ["trapezius-upper", "rhomboids"]
    assert groups[0].get("class") == f"series {colours['trapezius-upper']}"
    assert groups[1].get("class") == f"series {colours['rhomboids']}"
    values = [[r.get("data-value") for r in g.iter(f"{SVG}rect")] for g in groups]
    assert values == [["2.5", "0", "3.25"], ["0.5", "1", "0.75"]]
    # One scale for every panel: the tallest bar is the largest value.
    heights = {
        r.get("data-value"): float(r.get("height", "0"))
        for g in groups
        for r in g.iter(f"{SVG}rect")
    }
    assert max(heights, key=lambda v: heights[v]) == "3.25"
    assert heights["1"] == pytest.approx(2 * heights["0.5"], abs=0.11)
    names = [t.text for g in groups for t in g.iter(f"{SVG}text")]
    assert names == ["Upper trapezius", "3.25", "Rhomboids", "0.75"]


def test_each_muscle_keeps_its_colour_in_both_charts_and_every_muscle_is_in_the_tables() -> None:
    volume = {
        key: K(key, key.title(), "hard sets", weeks(1.0 + i, 2.0 + i))
        for i, key in enumerate(ORDER)
    }
    days = [MONDAY + timedelta(days=d) for d in range(3)]
    latest = {
        "trapezius-upper": 1.6,
        "trapezius-middle": 0.9,
        "rhomboids": 1.2,
        "latissimus-dorsi": 2.7,
        "multifidus": 1.4,
    }
    ratios = {
        key: K(key, key.title(), "ratio", [P(days[0], 1.0), P(days[1], 1.1), P(days[2], value)])
        for key, value in latest.items()
    }
    ratios["all"] = K("all", "All training", "ratio", [P(d, 1.05) for d in days])
    bands = [Band("low", None, 0.8), Band("sweet-spot", 0.8, 1.3), Band("high", 1.5, None)]
    charts = muscle_charts(
        volume, ratios, bands, order=ORDER, start=MONDAY, end=MONDAY + timedelta(days=13)
    )
    assert charts.volume is not None
    assert charts.ratios is not None
    volume_colours = {g.get("data-key"): g.get("class") for g in series_of(parsed(charts.volume))}
    assert list(volume_colours) == ORDER
    lines = series_of(parsed(charts.ratios))
    # All training, then the three muscles with the highest ratio now, highest first.
    assert [g.get("data-label") for g in lines] == [
        "All training",
        "Latissimus-Dorsi",
        "Trapezius-Upper",
        "Multifidus",
    ]
    assert lines[0].get("class") == f"series {OVERALL_CLASS}"
    for g, key in zip(
        lines[1:], ["latissimus-dorsi", "trapezius-upper", "multifidus"], strict=True
    ):
        assert g.get("class") == volume_colours[key]
        (line,) = g.iter(f"{SVG}polyline")
        assert len(line.get("points", "").split()) == 3
    # The axis reaches above the highest ratio, 2.7.
    ticks = [t.text for t in parsed(charts.ratios).iter(f"{SVG}text") if t.get("class") == "tick"]
    assert "3" in ticks
    legend_html = str(charts.ratio_legend)
    assert legend_html.count("<li>") == 4
    assert 'Latissimus-Dorsi <span class="value">2.7</span>' in legend_html
    assert [(r.label, r.latest, r.zone) for r in charts.ratio_rows] == [
        ("Latissimus-Dorsi", 2.7, "high"),
        ("Trapezius-Upper", 1.6, "high"),
        ("Multifidus", 1.4, "caution"),
        ("Rhomboids", 1.2, "sweet-spot"),
        ("All training", 1.05, "sweet-spot"),
        ("Trapezius-Middle", 0.9, "sweet-spot"),
    ]
    assert (charts.ratio_rows[5].highest, charts.ratio_rows[5].highest_day) == (1.1, days[1])
    assert charts.volume_weeks[0] == (MONDAY + timedelta(weeks=1), [2.0, 3.0, 4.0, 5.0, 6.0])


def test_no_training_gives_no_muscle_charts() -> None:
    charts = muscle_charts({}, {}, [], order=ORDER, start=MONDAY, end=MONDAY + timedelta(7))
    assert charts.volume is None
    assert charts.ratios is None
    assert charts.ratio_rows == []
    assert "No data yet" in str(
        volume_grid("Volume", [], start=MONDAY, end=MONDAY + timedelta(7), colours={})
    )


def test_the_week_table_is_newest_first_with_gaps_left_empty() -> None:
    a = K("a", "A", "hard sets", weeks(1, 2))
    b = K("b", "B", "hard sets", [P(MONDAY + timedelta(weeks=2), 5)])
    assert week_table([a, b]) == [
        (MONDAY + timedelta(weeks=2), [None, 5]),
        (MONDAY + timedelta(weeks=1), [2, None]),
        (MONDAY, [1, None]),
    ]


def test_the_progress_page_draws_each_muscles_weekly_volume_in_one_chart(
    server: Server, browser: Callable[..., Person]
) -> None:
    ana = browser()
    csrf = csrf_of(ana.client, "/today")
    for spec in ("3x8@60kg", "2x10@50kg"):
        ana.client.post(
            "/today/sets",
            data={"csrf_token": csrf, "exercise": "barbell-shrug", "sets": spec, "rpe": "8"},
        )
    page = ana.client.get("/progress").text
    volume = page.split('id="volume"')[1].split("</section>")[0]
    assert volume.count("<svg") == 1
    root = parsed(volume[volume.index("<svg") : volume.index("</svg>") + 6])
    expected = progress(server.db, server.app.state.catalog, ana.id)
    drawn = {
        g.get("data-key"): [float(r.get("data-value", "nan")) for r in g.iter(f"{SVG}rect")]
        for g in series_of(root)
    }
    assert drawn == {
        key: [p.value for p in s.points] for key, s in expected.weekly_volume.items() if s.points
    }
    assert drawn["trapezius-upper"][-1] == pytest.approx(5 * 0.55)
    shrug_muscles = {"trapezius-upper", "levator-scapulae", "trapezius-middle", "rhomboids"}
    assert shrug_muscles <= set(drawn)
    # The numbers: a row per week, a column per muscle.
    assert '<th scope="col">Upper trapezius</th>' in volume
    # One session is too little for a load ratio; the page says so instead of a chart.
    acwr = page.split('id="acwr"')[1].split("</section>")[0]
    assert "<svg" not in acwr
    assert "four weeks" in acwr
