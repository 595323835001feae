"""A picture of the back's muscles, each one coloured by how much it is worked.

``render_muscle_map`` draws the back (posterior view, both sides) as a standalone SVG
string. Every muscle that backcoach tracks is a named, clickable region whose fill comes
from a sequential colour ramp: pale yellow for a little work, deep red for the most.
The values can be anything non-negative -- an exercise's share of the work, or a
muscle's recent training load -- because the ramp is scaled to the largest value (or to
``scale_max`` when a caller wants several pictures on one scale).

The module is pure and stands alone (standard library only) so that the CLI, the web
app and reports can all draw the same picture. See ``docs/muscle-map.md``.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "MUSCLE_IDS",
    "MUSCLE_NAMES",
    "NOT_WORKED_COLOUR",
    "render_muscle_map",
]

MUSCLE_IDS: tuple[str, ...] = (
    "trapezius-upper",
    "trapezius-middle",
    "trapezius-lower",
    "rhomboids",
    "levator-scapulae",
    "rear-deltoid",
    "infraspinatus",
    "teres-minor",
    "teres-major",
    "latissimus-dorsi",
    "erector-spinae",
    "multifidus",
)
"""The muscles the map draws, by the ids the rest of backcoach uses."""

MUSCLE_NAMES: dict[str, str] = {
    "trapezius-upper": "Trapezius (upper)",
    "trapezius-middle": "Trapezius (middle)",
    "trapezius-lower": "Trapezius (lower)",
    "rhomboids": "Rhomboids",
    "levator-scapulae": "Levator scapulae",
    "rear-deltoid": "Rear deltoid",
    "infraspinatus": "Infraspinatus",
    "teres-minor": "Teres minor",
    "teres-major": "Teres major",
    "latissimus-dorsi": "Latissimus dorsi",
    "erector-spinae": "Erector spinae",
    "multifidus": "Multifidus",
}
"""The name a person reads for each muscle id, on labels and tooltips."""

NOT_WORKED_COLOUR = "#bdbdbd"
"""Fill of a muscle with no value or a value of zero: a neutral grey, off the ramp."""

# ColorBrewer "YlOrRd", 9 classes (Cynthia Brewer, colorbrewer2.org). A sequential
# scheme designed to read as "more" with every step; each channel only falls from one
# stop to the next except blue in the last two, which red outweighs, so relative
# luminance falls strictly along the whole ramp and darker always means more work.
_RAMP: tuple[str, ...] = (
    "#ffffcc",
    "#ffeda0",
    "#fed976",
    "#feb24c",
    "#fd8d3c",
    "#fc4e2a",
    "#e31a1c",
    "#bd0026",
    "#800026",
)

# Drawing constants. The body is drawn around a vertical midline; every muscle shape is
# written once for one side in (dx, y) coordinates, dx being the distance from the
# midline, and mirrored by an SVG transform for the other side.
_WIDTH = 480
_HEIGHT = 556
_MID_X = 240
_SILHOUETTE_FILL = "#e4e1de"
_SILHOUETTE_EDGE = "#b9b3ae"
_MUSCLE_EDGE = "#6e5a50"
_INK = "#222222"
_FAINT_INK = "#8a8a8a"
_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif"
_LABEL_LEFT_X = 120  # labels right-aligned here, left of the body
_LABEL_RIGHT_X = 360  # labels left-aligned here, right of the body

# One side of the body from the back of the head down and round to the hips: neck,
# shoulder slope, shoulder cap, upper arm to the elbow, armpit, flank, hip. It starts
# and ends a little past the midline so the two mirrored halves overlap without a seam.
_SILHOUETTE_HALF = (
    "M-1,96 L17,96 C17,114 19,124 26,132 C44,144 64,151 84,157 "
    "C102,161 112,176 112,198 C113,236 114,270 115,304 "
    "C115,313 109,318 101,318 L89,318 C83,318 80,313 80,307 "
    "L77,226 C76,216 73,211 68,212 "
    "C66,262 60,310 58,350 C58,378 64,398 68,420 "
    "C69,440 58,452 38,454 L-1,454 Z"
)
_HEAD = (_MID_X, 74, 24, 30)  # centre x, centre y, radius x, radius y


@dataclass(frozen=True)
class _Region:
    """How one muscle is drawn: its one-sided shape and where its label points."""

    muscle: str
    path: str  # one side, in (dx, y)
    anchor: tuple[float, float]  # (dx, y) the leader line touches
    label_side: Literal["left", "right"]
    label_y: float


# Draw order is bottom to top: the large sheets first, so that the muscles lying on or
# over them stay visible and clickable. Where a deep muscle would be hidden entirely
# (rhomboids, levator scapulae, multifidus) it is drawn over its cover instead.
_REGIONS: tuple[_Region, ...] = (
    _Region(
        "latissimus-dorsi",
        "M2,246 C16,250 32,256 46,262 C60,254 76,240 88,224 L84,212 "
        "C78,210 72,210 68,214 C66,262 60,310 58,350 C58,372 62,390 65,404 "
        "C48,394 36,378 30,352 C24,330 14,310 2,300 Z",
        (52, 320),
        "left",
        342,
    ),
    _Region(
        "erector-spinae",
        "M4,198 C10,197 14,200 15,206 C18,240 24,300 30,350 "
        "C34,386 30,420 16,442 L11,442 C12,400 12,352 11,334 "
        "C6,300 4,250 4,198 Z",
        (26, 372),
        "right",
        372,
    ),
    _Region(
        "multifidus",
        "M2,318 C6,322 9,330 10,340 C11,380 11,412 9,446 C7,451 4,452 2,452 Z",
        (6, 420),
        "right",
        420,
    ),
    _Region(
        "infraspinatus",
        "M34,191 L80,172 C78,182 74,190 70,197 C64,213 56,232 50,248 "
        "C46,255 42,255 40,249 C37,230 35,210 34,191 Z",
        (54, 206),
        "left",
        230,
    ),
    _Region(
        "teres-minor",
        "M53,232 C59,216 65,204 71,192 L78,198 C72,210 66,224 60,240 Z",
        (66, 214),
        "left",
        268,
    ),
    _Region(
        "teres-major",
        "M44,258 C50,248 58,240 64,236 C72,230 79,222 85,214 L88,226 "
        "C78,236 64,252 52,264 C48,266 44,264 44,258 Z",
        (70, 240),
        "left",
        304,
    ),
    _Region(
        "trapezius-lower",
        "M2,230 L30,192 L41,196 C40,230 24,290 4,332 L2,334 Z",
        (14, 290),
        "right",
        290,
    ),
    _Region(
        "rhomboids",
        "M2,182 L30,186 C32,206 34,228 36,245 L2,236 Z",
        (14, 212),
        "right",
        212,
    ),
    _Region(
        "trapezius-middle",
        "M2,150 C8,150 18,154 30,158 C44,162 64,166 84,166 L84,170 "
        "C66,176 46,183 32,187 C24,187 12,186 2,185 Z",
        (44, 172),
        "right",
        168,
    ),
    _Region(
        "trapezius-upper",
        "M2,104 C8,104 12,104 15,106 C15,118 17,126 24,133 "
        "C42,145 64,151 82,157 C88,158 89,163 84,165 C66,164 46,160 30,157 "
        "C18,154 8,150 2,150 Z",
        (50, 152),
        "left",
        128,
    ),
    _Region(
        "levator-scapulae",
        "M10,112 L15,112 C20,130 28,148 37,166 L31,170 C24,152 16,132 10,112 Z",
        (18, 128),
        "right",
        128,
    ),
    _Region(
        "rear-deltoid",
        "M60,172 C70,166 80,162 88,162 C102,166 112,180 112,198 "
        "C110,214 106,228 101,241 C94,232 86,216 77,200 "
        "C72,190 66,180 60,172 Z",
        (98, 200),
        "left",
        190,
    ),
)

# Characters XML 1.0 does not allow, removed from caller text before it is written.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render_muscle_map(
    values: Mapping[str, float],
    *,
    title: str = "",
    labels: Mapping[str, str] | None = None,
    scale_max: float | None = None,
    legend: str = "share of the work",
) -> str:
    """Draw the back, each muscle coloured by its value, as a standalone SVG document.

    ``values`` maps muscle ids (see :data:`MUSCLE_IDS`) to non-negative numbers; a muscle
    left out, or given zero, is drawn grey as "not worked". Colours run from pale yellow
    at zero to deep red at ``scale_max`` (default: the largest value); larger values are
    drawn at the top colour. ``labels`` renames muscles on labels and tooltips,
    ``title`` is written above the body and ``legend`` under the colour ramp.

    Raises ``ValueError`` for an unknown muscle id, a value that is negative, NaN or
    infinite, or a ``scale_max`` that is not a positive finite number.
    """
    checked = _checked_values(values)
    names = _names(labels)
    top = _checked_scale_max(scale_max, checked)

    parts = [_open_svg(title, _summary(checked, names))]
    parts.append(_style())
    parts.append(_silhouette())
    for region in _REGIONS:
        parts.append(_muscle_group(region, checked.get(region.muscle, 0.0), top, names))
    parts.append(_side_marks())
    parts.append(_labels(checked, names))
    parts.append(_legend(top, legend))
    if title:
        parts.append(
            f'<text x="{_MID_X}" y="30" text-anchor="middle" font-size="17" '
            f'font-weight="600" fill="{_INK}">{_text(title)}</text>'
        )
    parts.append("</svg>\n")
    return "\n".join(parts)


def _checked_values(values: Mapping[str, float]) -> dict[str, float]:
    checked: dict[str, float] = {}
    for muscle, raw in values.items():
        _check_muscle_id(muscle, "values")
        try:
            value = float(raw)
        except (TypeError, ValueError):
            raise ValueError(
                f"The value for muscle '{muscle}' is {raw!r}, not a number. "
                "Give each muscle a number of zero or more."
            ) from None
        if math.isnan(value) or math.isinf(value) or value < 0:
            raise ValueError(
                f"The value for muscle '{muscle}' is {raw!r}; it must be a finite "
                "number of zero or more (leave a muscle out to draw it as not worked)."
            )
        checked[muscle] = value
    return checked


def _check_muscle_id(muscle: object, where: str) -> None:
    if muscle in MUSCLE_NAMES:
        return
    close = difflib.get_close_matches(str(muscle), MUSCLE_IDS, n=1, cutoff=0.6)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    raise ValueError(
        f"Unknown muscle id {muscle!r} in {where}.{hint} Known ids: {', '.join(MUSCLE_IDS)}."
    )


def _names(labels: Mapping[str, str] | None) -> dict[str, str]:
    names = dict(MUSCLE_NAMES)
    for muscle, label in (labels or {}).items():
        _check_muscle_id(muscle, "labels")
        names[muscle] = str(label)
    return names


def _checked_scale_max(scale_max: float | None, values: Mapping[str, float]) -> float:
    if scale_max is None:
        return max(values.values(), default=0.0)
    top = float(scale_max)
    if math.isnan(top) or math.isinf(top) or top <= 0:
        raise ValueError(
            f"scale_max is {scale_max!r}; it must be a positive finite number "
            "(or None to scale to the largest value)."
        )
    return top


def _fill(value: float, top: float) -> str:
    """The colour for ``value`` on a ramp from 0 to ``top``; grey when not worked."""
    if value <= 0 or top <= 0:
        return NOT_WORKED_COLOUR
    return _ramp(min(value / top, 1.0))


def _ramp(fraction: float) -> str:
    """Interpolate the ramp at ``fraction`` (0..1), linearly between neighbouring stops."""
    position = max(0.0, min(fraction, 1.0)) * (len(_RAMP) - 1)
    low = min(int(position), len(_RAMP) - 2)
    t = position - low
    a, b = _rgb(_RAMP[low]), _rgb(_RAMP[low + 1])
    mixed = (round(x + (y - x) * t) for x, y in zip(a, b, strict=True))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _format_value(value: float) -> str:
    """A short, readable number: 0.3, 0.05, 12.5, 1250 -- never an exponent for sane values."""
    if value == 0:
        return "0"
    if value < 1e-4:
        return f"{value:.1e}"
    decimals = max(0, 2 - math.floor(math.log10(value)))
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _summary(values: Mapping[str, float], names: Mapping[str, str]) -> str:
    worked = sorted(
        ((v, m) for m, v in values.items() if v > 0),
        key=lambda pair: (-pair[0], MUSCLE_IDS.index(pair[1])),
    )
    if not worked:
        return "Back muscles, rear view: no muscle is worked."
    top = ", ".join(f"{names[m]} {_format_value(v)}" for v, m in worked[:3])
    rest = len(MUSCLE_IDS) - len(worked)
    tail = f" {rest} of {len(MUSCLE_IDS)} muscles are not worked." if rest else ""
    return f"Back muscles, rear view. Most worked: {top}.{tail}"


def _open_svg(title: str, summary: str) -> str:
    heading = title or "Muscles of the back"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" height="{_HEIGHT}" '
        f'viewBox="0 0 {_WIDTH} {_HEIGHT}" role="img" '
        f'aria-label="{_attr(heading + ". " + summary)}" '
        f'font-family="{_attr(_FONT)}">\n'
        f"<title>{_text(heading)}</title>\n<desc>{_text(summary)}</desc>"
    )


def _style() -> str:
    # Hover outlines the muscle so a person can see what a click or tooltip refers to.
    return (
        "<style>"
        ".muscle path{stroke:" + _MUSCLE_EDGE + ";stroke-width:0.6;stroke-linejoin:round}"
        ".muscle{cursor:pointer}"
        ".muscle:hover path{stroke:#111;stroke-width:1.6}"
        "</style>"
    )


def _silhouette() -> str:
    cx, cy, rx, ry = _HEAD
    halves = "".join(
        f'<path d="{_SILHOUETTE_HALF}" transform="{_side_transform(side)}"/>'
        for side in ("left", "right")
    )
    # The outline is drawn once under the fill (thicker) so the seam at the midline, where
    # the two halves overlap, never shows an edge.
    return (
        '<g id="silhouette" aria-hidden="true">'
        f'<g stroke="{_SILHOUETTE_EDGE}" stroke-width="2.4" fill="{_SILHOUETTE_EDGE}">'
        f'<ellipse cx="{cx}" cy="{cy}" rx="{rx}" ry="{ry}"/>{halves}</g>'
        f'<g fill="{_SILHOUETTE_FILL}">'
        f'<ellipse cx="{cx}" cy="{cy}" rx="{rx}" ry="{ry}"/>{halves}</g>'
        "</g>"
    )


def _side_transform(side: str) -> str:
    # The picture is a rear view, so the person's left side is on the viewer's left.
    if side == "left":
        return f"matrix(-1 0 0 1 {_MID_X} 0)"
    return f"translate({_MID_X} 0)"


def _muscle_group(region: _Region, value: float, top: float, names: Mapping[str, str]) -> str:
    name = names[region.muscle]
    shown = _format_value(value) if value > 0 else "not worked"
    fill = _fill(value, top)
    shapes = "".join(
        f'<path class="{side}" data-side="{side}" d="{region.path}" '
        f'transform="{_side_transform(side)}"/>'
        for side in ("left", "right")
    )
    return (
        f'<g id="muscle-{region.muscle}" class="muscle" data-muscle="{region.muscle}" '
        f'data-value="{value!r}" fill="{fill}">'
        f"<title>{_text(name)}: {shown}</title>{shapes}</g>"
    )


def _side_marks() -> str:
    return (
        f'<g font-size="10" fill="{_FAINT_INK}" text-anchor="middle" aria-hidden="true">'
        f'<text x="{_MID_X - 60}" y="474">LEFT</text>'
        f'<text x="{_MID_X}" y="474">rear view</text>'
        f'<text x="{_MID_X + 60}" y="474">RIGHT</text></g>'
    )


def _labels(values: Mapping[str, float], names: Mapping[str, str]) -> str:
    out = ['<g class="labels" font-size="11" aria-hidden="true">']
    for region in _REGIONS:
        value = values.get(region.muscle, 0.0)
        dx, ay = region.anchor
        if region.label_side == "left":
            ax, tx, anchor, lx = _MID_X - dx, _LABEL_LEFT_X, "end", _LABEL_LEFT_X + 3
        else:
            ax, tx, anchor, lx = _MID_X + dx, _LABEL_RIGHT_X, "start", _LABEL_RIGHT_X - 3
        ink = _INK if value > 0 else _FAINT_INK
        shown = _format_value(value) if value > 0 else "not worked"
        y = region.label_y
        out.append(
            f'<g data-label-for="{region.muscle}">'
            f'<polyline points="{lx},{y - 4} {ax},{ay}" fill="none" stroke="{_FAINT_INK}" '
            f'stroke-width="0.7"/>'
            f'<circle cx="{ax}" cy="{ay}" r="1.8" fill="{_INK}"/>'
            f'<text x="{tx}" y="{y}" text-anchor="{anchor}" fill="{ink}">'
            f"{_text(names[region.muscle])}</text>"
            f'<text x="{tx}" y="{y + 12}" text-anchor="{anchor}" fill="{_FAINT_INK}" '
            f'font-size="10">{shown}</text></g>'
        )
    out.append("</g>")
    return "".join(out)


def _legend(top: float, legend: str) -> str:
    x0, x1, y = 150, 330, 512
    stops = "".join(f'<stop offset="{i / 10:g}" stop-color="{_ramp(i / 10)}"/>' for i in range(11))
    return (
        '<g class="legend" font-size="11">'
        '<defs><linearGradient id="muscle-map-ramp" x1="0" y1="0" x2="1" y2="0">'
        f"{stops}</linearGradient></defs>"
        f'<text x="{(x0 + x1) / 2:g}" y="{y - 8}" text-anchor="middle" fill="{_INK}">'
        f"{_text(legend)}</text>"
        f'<rect x="{x0}" y="{y}" width="{x1 - x0}" height="12" rx="2" '
        f'fill="url(#muscle-map-ramp)" stroke="{_FAINT_INK}" stroke-width="0.5"/>'
        f'<text x="{x0}" y="{y + 26}" text-anchor="middle" fill="{_INK}">0</text>'
        f'<text x="{x1}" y="{y + 26}" text-anchor="middle" fill="{_INK}">'
        f"{_format_value(top)}</text>"
        f'<rect x="{x1 + 24}" y="{y}" width="12" height="12" rx="2" '
        f'fill="{NOT_WORKED_COLOUR}" stroke="{_FAINT_INK}" stroke-width="0.5"/>'
        f'<text x="{x1 + 40}" y="{y + 10}" fill="{_INK}">not worked</text>'
        "</g>"
    )


def _text(text: str) -> str:
    """``text`` made safe as XML character data."""
    clean = _NOT_XML.sub("", text)
    return clean.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    """``text`` made safe inside a double-quoted XML attribute."""
    return _text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
