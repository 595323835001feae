"""Charts drawn on the server as inline SVG: lines or bars over dates, axes, zone bands.

No script draws them, so they show without JavaScript and print as they look. Each chart
is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that says in words what
it shows (the latest value and the range), for screen readers; the pages put the numbers
in a table beside it as well. Sizes are in a fixed view box that CSS scales to the width
of the screen.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import count
from typing import Protocol

from markupsafe import Markup, escape

WIDTH, HEIGHT = 360, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 14, 34
#: Colour classes of the lines, in order (defined in static/app.css).
SERIES_CLASSES = ("s0", "s1", "s2", "s3", "s4", "s5")
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
) -> Markup:
    """A chart of ``series`` over ``start``..``end``: lines (or bars, for one weekly series).

    The value axis runs from ``y_min`` (None: the lowest value) to ``y_max`` (None: the
    highest value or band edge, rounded up). Bands are shaded behind the data with their
    names at the right edge.
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
        css = SERIES_CLASSES[i % len(SERIES_CLASSES)]
        points = [p for p in s.points if start <= p.day <= end]
        if bars:
            width = max(2.0, plot_w * 6 / span)
            for p in points:
                top = y(max(p.value, low))
                parts.append(
                    f'<rect class="bar {css}" x="{x(p.day):.1f}" y="{top:.1f}" '
                    f'width="{width:.1f}" height="{max(0.0, y(low) - top):.1f}">'
                    f"<title>{p.day:%d %b}: {_fmt(p.value)} {escape(s.unit)}</title></rect>"
                )
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


def legend(series: Sequence[SeriesLike]) -> Markup:
    """A key to the colours of several lines."""
    items = "".join(
        f'<li><span class="key {SERIES_CLASSES[i % len(SERIES_CLASSES)]}" aria-hidden="true">'
        f"</span>{escape(s.label)}</li>"
        for i, s in enumerate(series)
    )
    return Markup(f'<ul class="legend">{items}</ul>')
