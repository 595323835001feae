"""Charts drawn on the server as inline SVG: lines or bars over dates, axes, zone bands.

No script draws them, so they show without JavaScript and print as they look. Each chart
is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that says in words what
it shows (the latest value and the range), for screen readers; the pages put the numbers
in a table beside it as well. Sizes are in a fixed view box, drawn for a phone's width,
that CSS scales to the screen (and caps on a wide one, so the text stays in proportion).

The muscles share one chart per measure: their weekly volume as a grid of small bar
charts on one scale (:func:`volume_grid`), their load ratios as lines over the zone bands
(:func:`ratio_chart`). Each muscle keeps its colour in both (:func:`colour_classes`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import count
from typing import Protocol

from markupsafe import Markup, escape

from backcoach.load.acwr import zone_of

WIDTH, HEIGHT = 360, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 14, 34
#: Colour classes of the lines, in order (defined in static/app.css).
SERIES_CLASSES = ("s0", "s1", "s2", "s3", "s4", "s5")
#: Colour classes of the muscles (static/app.css), given out in the catalog's order of
#: muscles so that a muscle has the same colour in every chart of every person.
MUSCLE_CLASSES = tuple(f"m{i}" for i in range(12))
#: The whole body's line among the muscles': dark and dashed.
OVERALL_CLASS = "m-all"
#: The volume grid: panels side by side, and each panel's height in view-box units.
GRID_COLUMNS = 2
PANEL_HEIGHT = 76
#: The load-ratio chart shows the whole body and this many muscles, the highest now.
RATIO_MUSCLES = 3
_ids = count(1)


class PointLike(Protocol):
    """A value on a day."""

    @property
    def day(self) -> date: ...

    @property
    def value(self) -> float: ...


class SeriesLike(Protocol):
    """A named line: what ``backcoach.progress`` gives for each chart."""

    @property
    def label(self) -> str: ...

    @property
    def unit(self) -> str: ...

    @property
    def points(self) -> Sequence[PointLike]: ...


class KeyedSeries(SeriesLike, Protocol):
    """A series with a stable key (a muscle's id), which picks its colour."""

    @property
    def key(self) -> str: ...


@dataclass(frozen=True)
class Band:
    """A horizontal band of the value axis (a zone), from ``low`` to ``high`` (None: open)."""

    name: str
    low: float | None
    high: float | None


def nice_ticks(low: float, high: float, most: int = 5) -> list[float]:
    """Round tick values covering ``low``..``high``: steps of 1, 2 or 5 times a power of ten."""
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError("tick bounds must be finite")
    if high <= low:
        high = low + 1.0
    raw = (high - low) / max(1, most - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks: list[float] = []
    while True:
        value = round(first + len(ticks) * step, 10)
        ticks.append(value)
        if value >= high - step * 1e-9:
            return ticks


def _fmt(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _date_ticks(start: date, end: date) -> list[date]:
    """A handful of dates spread across ``start``..``end``: month starts or whole weeks."""
    days = (end - start).days
    if days > 70:
        ticks = []
        month = date(start.year, start.month, 1)
        while month <= end:
            if month >= start:
                ticks.append(month)
            month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
        step = max(1, math.ceil(len(ticks) / 5))
        return ticks[::step]
    step_days = max(1, math.ceil(days / 4))
    return [start + timedelta(days=d) for d in range(0, days + 1, step_days)]


def _date_label(day: date, span_days: int) -> str:
    return day.strftime("%b") if span_days > 70 and day.day == 1 else day.strftime("%d %b")


def time_chart(
    title: str,
    series: Sequence[SeriesLike],
    *,
    start: date,
    end: date,
    bars: bool = False,
    bands: Sequence[Band] = (),
    y_min: float | None = 0.0,
    y_max: float | None = None,
    classes: Sequence[str] = (),
) -> Markup:
    """A chart of ``series`` over ``start``..``end``: lines (or bars, for one weekly series).

    The value axis runs from ``y_min`` (None: the lowest value) to ``y_max`` (None: the
    highest value or band edge, rounded up). Bands are shaded behind the data with their
    names at the right edge. ``classes`` colours the series in turn (default: s0, s1...).
    Each series is a ``<g class="series ...">`` named by ``data-label``.
    """
    if end <= start:
        end = start + timedelta(days=1)
    values = [p.value for s in series for p in s.points]
    edges = [x for b in bands for x in (b.low, b.high) if x is not None]
    low = y_min if y_min is not None else min(values + edges, default=0.0)
    high = y_max if y_max is not None else max(values + edges, default=1.0)
    if bands and y_max is None:
        high = max(high, max(edges, default=high) * 1.15)
    ticks = nice_ticks(low, high)
    low, high = min(ticks[0], low), max(ticks[-1], high)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    span = (end - start).days

    def x(day: date) -> float:
        return LEFT + plot_w * (day - start).days / span

    def y(value: float) -> float:
        return TOP + plot_h * (1.0 - (value - low) / (high - low))

    ident = f"chart{next(_ids)}"
    unit = series[0].unit if series else ""
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" preserveAspectRatio="xMidYMid meet">',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(describe(series, start, end))}</desc>',
    ]
    for band in bands:
        top = y(min(high, band.high if band.high is not None else high))
        bottom = y(max(low, band.low if band.low is not None else low))
        if bottom - top <= 0:
            continue
        parts.append(
            f'<rect class="band band-{escape(band.name)}" x="{LEFT}" y="{top:.1f}" '
            f'width="{plot_w}" height="{bottom - top:.1f}"/>'
            f'<text class="band-label" x="{WIDTH - RIGHT - 3}" y="{top + 11:.1f}" '
            f'text-anchor="end">{escape(band.name)}</text>'
        )
    for tick in ticks:
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" '
            f'y2="{y(tick):.1f}"/><text class="tick" x="{LEFT - 4}" y="{y(tick) + 4:.1f}" '
            f'text-anchor="end">{_fmt(tick)}</text>'
        )
    for day in _date_ticks(start, end):
        parts.append(
            f'<text class="tick" x="{x(day):.1f}" y="{HEIGHT - BOTTOM + 16}" '
            f'text-anchor="middle">{_date_label(day, span)}</text>'
        )
    parts.append(
        f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" '
        f'y2="{TOP + plot_h}"/><line class="axis" x1="{LEFT}" x2="{LEFT}" y1="{TOP}" '
        f'y2="{TOP + plot_h}"/>'
    )
    if unit:
        parts.append(f'<text class="unit" x="{LEFT}" y="{HEIGHT - 3}">{escape(unit)}</text>')
    for i, s in enumerate(series):
        css = classes[i] if i < len(classes) else SERIES_CLASSES[i % len(SERIES_CLASSES)]
        points = [p for p in s.points if start <= p.day <= end]
        parts.append(f'<g class="series {css}" data-label="{escape(s.label)}">')
        if bars:
            width = max(2.0, plot_w * 6 / span)
            for p in points:
                top = y(max(p.value, low))
                parts.append(
                    f'<rect class="bar {css}" x="{x(p.day):.1f}" y="{top:.1f}" '
                    f'width="{width:.1f}" height="{max(0.0, y(low) - top):.1f}">'
                    f"<title>{p.day:%d %b}: {_fmt(p.value)} {escape(s.unit)}</title></rect>"
                )
            parts.append("</g>")
            continue
        if len(points) > 1:
            path = " ".join(f"{x(p.day):.1f},{y(p.value):.1f}" for p in points)
            parts.append(f'<polyline class="line {css}" points="{path}"/>')
        if len(points) <= 40:
            for p in points:
                parts.append(
                    f'<circle class="dot {css}" cx="{x(p.day):.1f}" cy="{y(p.value):.1f}" r="3">'
                    f"<title>{p.day:%d %b}: {_fmt(p.value)} {escape(s.unit)}</title></circle>"
                )
        parts.append("</g>")
    if not values:
        parts.append(
            f'<text class="empty" x="{LEFT + plot_w / 2}" y="{TOP + plot_h / 2}" '
            f'text-anchor="middle">No data yet</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def describe(series: Sequence[SeriesLike], start: date, end: date) -> str:
    """The chart in words: for each series, how many values, the range and the latest."""
    if not any(s.points for s in series):
        return f"No values from {start:%d %b %Y} to {end:%d %b %Y}."
    out = []
    for s in series:
        if not s.points:
            out.append(f"{s.label}: no values.")
            continue
        vals = [p.value for p in s.points]
        last = s.points[-1]
        out.append(
            f"{s.label}: {len(vals)} values from {_fmt(min(vals))} to {_fmt(max(vals))} "
            f"{s.unit}; latest {_fmt(last.value)} on {last.day:%d %b %Y}."
        )
    return " ".join(out)


def legend(
    series: Sequence[SeriesLike], classes: Sequence[str] = (), *, latest: bool = False
) -> Markup:
    """A key to the colours of several lines (``classes`` as given to the chart).

    With ``latest``, each name is followed by the series' latest value.
    """
    items = []
    for i, s in enumerate(series):
        css = classes[i] if i < len(classes) else SERIES_CLASSES[i % len(SERIES_CLASSES)]
        value = (
            f' <span class="value">{_fmt(s.points[-1].value)}</span>' if latest and s.points else ""
        )
        items.append(
            f'<li><span class="key {css}" aria-hidden="true"></span>{escape(s.label)}{value}</li>'
        )
    return Markup(f'<ul class="legend">{"".join(items)}</ul>')


def colour_classes(order: Sequence[str], overall: str = "all") -> dict[str, str]:
    """A colour class for each key of ``order`` (the catalog's muscles), and the whole body's."""
    classes = {key: MUSCLE_CLASSES[i % len(MUSCLE_CLASSES)] for i, key in enumerate(order)}
    classes[overall] = OVERALL_CLASS
    return classes


def _colour(colours: Mapping[str, str], s: KeyedSeries, i: int) -> str:
    return colours.get(s.key) or MUSCLE_CLASSES[i % len(MUSCLE_CLASSES)]


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def volume_grid(
    title: str,
    series: Sequence[KeyedSeries],
    *,
    start: date,
    end: date,
    colours: Mapping[str, str],
) -> Markup:
    """Weekly values of several muscles as small bar charts in a grid, all on one scale.

    One panel per series with points (in the order given), each named and showing its
    latest week's value; the weeks run from the Monday of ``start`` to that of ``end``.
    Each panel is a ``<g class="series m..." data-key=...>`` whose bars carry their
    value in ``data-value``.
    """
    shown = [s for s in series if s.points]
    first, last = _monday(start), _monday(max(start, end))
    weeks = (last - first).days // 7 + 1
    values = [p.value for s in shown for p in s.points]
    top = nice_ticks(0.0, max(values, default=1.0), most=3)[-1]
    pad, gap, head = 2.0, 14.0, 34.0
    panel_w = (WIDTH - 2 * pad - gap * (GRID_COLUMNS - 1)) / GRID_COLUMNS
    rows = max(1, math.ceil(len(shown) / GRID_COLUMNS))
    height = head + rows * PANEL_HEIGHT
    slot = panel_w / weeks
    bar_w = max(1.2, slot * 0.72)
    unit = shown[0].unit if shown else ""
    ident = f"chart{next(_ids)}"
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" preserveAspectRatio="xMidYMid meet">',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(describe(shown, start, end))}</desc>',
        f'<text class="grid-note" x="{pad}" y="12">Each panel: 0 to {_fmt(top)} {escape(unit)}, '
        f"weeks of {first:%d %b} to {last:%d %b}.</text>",
        f'<text class="grid-note" x="{pad}" y="28">The number: the latest week.</text>',
    ]
    if not shown:
        parts.append(
            f'<text class="empty" x="{WIDTH / 2}" y="{head + PANEL_HEIGHT / 2}" '
            f'text-anchor="middle">No data yet</text>'
        )
    for n, s in enumerate(shown):
        css = _colour(colours, s, n)
        x0 = pad + (n % GRID_COLUMNS) * (panel_w + gap)
        y0 = head + (n // GRID_COLUMNS) * PANEL_HEIGHT
        plot_top, base = y0 + 24, y0 + PANEL_HEIGHT - 10
        parts.append(
            f'<g class="series {css}" data-key="{escape(s.key)}">'
            f'<text class="panel-name" x="{x0:.1f}" y="{y0 + 15:.1f}">{escape(s.label)}</text>'
            f'<text class="panel-value" x="{x0 + panel_w:.1f}" y="{y0 + 15:.1f}" '
            f'text-anchor="end">{_fmt(s.points[-1].value)}</text>'
            f'<line class="grid" x1="{x0:.1f}" x2="{x0 + panel_w:.1f}" y1="{plot_top:.1f}" '
            f'y2="{plot_top:.1f}"/>'
            f'<line class="axis" x1="{x0:.1f}" x2="{x0 + panel_w:.1f}" y1="{base:.1f}" '
            f'y2="{base:.1f}"/>'
        )
        for p in s.points:
            week = (_monday(p.day) - first).days // 7
            if not 0 <= week < weeks:
                continue
            bar_h = (base - plot_top) * max(0.0, min(p.value, top)) / top
            parts.append(
                f'<rect class="bar" x="{x0 + week * slot + (slot - bar_w) / 2:.1f}" '
                f'y="{base - bar_h:.1f}" width="{bar_w:.1f}" height="{bar_h:.1f}" '
                f'data-value="{_fmt(p.value)}"><title>{escape(s.label)}, week of '
                f"{p.day:%d %b}: {_fmt(p.value)} {escape(s.unit)}</title></rect>"
            )
        parts.append("</g>")
    parts.append("</svg>")
    return Markup("".join(parts))


def ratio_chart(
    title: str,
    series: Sequence[KeyedSeries],
    *,
    start: date,
    end: date,
    bands: Sequence[Band],
    colours: Mapping[str, str],
    overall: str = "all",
    most: int = RATIO_MUSCLES,
) -> tuple[Markup, list[KeyedSeries], list[str]]:
    """Load ratios as lines over the zone bands: the whole body's and the highest muscles'.

    Of the muscles, the ``most`` with the highest latest ratio are drawn (a dozen lines
    that move together would hide each other). Gives the chart, the series drawn and
    their colour classes (for the legend).
    """
    muscles = [s for s in series if s.points and s.key != overall]
    muscles.sort(key=lambda s: -s.points[-1].value)  # stable: ties keep the given order
    shown = [s for s in series if s.points and s.key == overall] + muscles[:most]
    classes = [_colour(colours, s, i) for i, s in enumerate(shown)]
    highest = max((p.value for s in shown for p in s.points), default=0.0)
    chart = time_chart(
        title,
        shown,
        start=start,
        end=end,
        bands=bands,
        y_max=max(2.0, math.ceil(highest * 2) / 2),
        classes=classes,
    )
    return chart, shown, classes


@dataclass(frozen=True)
class RatioRow:
    """One line of the load-ratio table: a series' latest ratio, its zone, its highest."""

    label: str
    latest: float
    day: date
    zone: str
    highest: float
    highest_day: date


def ratio_rows(series: Sequence[SeriesLike]) -> list[RatioRow]:
    """The table beside the load-ratio chart: every series with values, highest now first."""
    rows = []
    for s in series:
        if not s.points:
            continue
        last = s.points[-1]
        peak = max(s.points, key=lambda p: p.value)
        rows.append(
            RatioRow(
                s.label, last.value, last.day, zone_of(last.value).name.value, peak.value, peak.day
            )
        )
    rows.sort(key=lambda r: -r.latest)
    return rows


def week_table(series: Sequence[SeriesLike]) -> list[tuple[date, list[float | None]]]:
    """The weekly values of several series as rows, newest week first: (week, one per series)."""
    by_day = [{p.day: p.value for p in s.points} for s in series]
    days = sorted({d for values in by_day for d in values}, reverse=True)
    return [(d, [values.get(d) for values in by_day]) for d in days]


@dataclass(frozen=True)
class MuscleCharts:
    """The progress page's charts of the muscles: weekly volume and load ratios."""

    volume: Markup | None
    volume_series: list[KeyedSeries]
    volume_weeks: list[tuple[date, list[float | None]]]
    ratios: Markup | None
    ratio_legend: Markup
    ratio_rows: list[RatioRow]


def muscle_charts(
    weekly: Mapping[str, KeyedSeries],
    ratios: Mapping[str, KeyedSeries],
    bands: Sequence[Band],
    *,
    order: Sequence[str],
    start: date,
    end: date,
    overall: str = "all",
) -> MuscleCharts:
    """Both muscle charts and their tables, the muscles in ``order`` (the catalog's)."""
    colours = colour_classes(order, overall)
    rank = {key: i for i, key in enumerate([overall, *order])}

    def ordered(found: Mapping[str, KeyedSeries]) -> list[KeyedSeries]:
        return sorted(
            (s for s in found.values() if s.points), key=lambda s: rank.get(s.key, len(rank))
        )

    volume = ordered(weekly)
    lines = ordered(ratios)
    chart, shown, classes = ratio_chart(
        "Load ratio (ACWR): all training and the highest muscles",
        lines,
        start=start,
        end=end,
        bands=bands,
        colours=colours,
        overall=overall,
    )
    return MuscleCharts(
        volume=(
            volume_grid(
                "Weekly hard sets per muscle", volume, start=start, end=end, colours=colours
            )
            if volume
            else None
        ),
        volume_series=volume,
        volume_weeks=week_table(volume),
        ratios=chart if lines else None,
        ratio_legend=legend(shown, classes, latest=True),
        ratio_rows=ratio_rows(lines),
    )
