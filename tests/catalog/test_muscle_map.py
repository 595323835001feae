"""The muscle map: a valid SVG with one coloured, named region per muscle."""

from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcoach.catalog.muscle_map import (
    MUSCLE_IDS,
    MUSCLE_NAMES,
    NOT_WORKED_COLOUR,
    render_muscle_map,
)

SVG = "{http://www.w3.org/2000/svg}"
SHAPES = {f"{SVG}path", f"{SVG}polygon", f"{SVG}ellipse", f"{SVG}circle", f"{SVG}rect"}

ROW = {
    "latissimus-dorsi": 0.3,
    "rhomboids": 0.2,
    "trapezius-middle": 0.15,
    "rear-deltoid": 0.1,
    "erector-spinae": 0.1,
    "teres-major": 0.1,
    "infraspinatus": 0.05,
}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def groups(root: ET.Element) -> dict[str, ET.Element]:
    """Muscle id -> its group, failing if any id has more than one group."""
    found: dict[str, ET.Element] = {}
    for element in root.iter():
        muscle = element.get("data-muscle")
        if muscle is not None:
            assert muscle not in found, f"two groups for {muscle}"
            found[muscle] = element
    return found


def fills(svg: str) -> dict[str, str]:
    return {m: g.get("fill", "") for m, g in groups(parse(svg)).items()}


def luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def test_output_parses_as_svg_with_namespace_size_and_viewbox() -> None:
    root = parse(render_muscle_map(ROW, title="Seated cable row"))

    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert float(root.get("width", "0")) > 0
    assert float(root.get("height", "0")) > 0


def test_every_muscle_has_exactly_one_group_with_a_left_and_a_right_shape() -> None:
    found = groups(parse(render_muscle_map(ROW)))

    assert set(found) == set(MUSCLE_IDS)
    for muscle, group in found.items():
        assert group.get("id") == f"muscle-{muscle}"
        shapes = [child for child in group if child.tag in SHAPES]
        assert [s.get("data-side") for s in shapes] == ["left", "right"], muscle


def test_each_group_has_a_tooltip_with_name_and_value() -> None:
    found = groups(parse(render_muscle_map(ROW)))

    assert found["latissimus-dorsi"].findtext(f"{SVG}title") == "Latissimus dorsi: 0.3"
    assert found["multifidus"].findtext(f"{SVG}title") == "Multifidus: not worked"
    assert found["latissimus-dorsi"].get("data-value") == "0.3"


def test_a_higher_value_gets_a_darker_fill() -> None:
    colour = fills(render_muscle_map(ROW))

    order = sorted(ROW, key=ROW.__getitem__)
    for lighter, darker in itertools.pairwise(order):
        if ROW[lighter] < ROW[darker]:
            assert luminance(colour[darker]) < luminance(colour[lighter]), (lighter, darker)


def test_evenly_spaced_values_get_strictly_darker_fills() -> None:
    values = {muscle: (i + 1) / len(MUSCLE_IDS) for i, muscle in enumerate(MUSCLE_IDS)}
    colour = fills(render_muscle_map(values))

    shades = [luminance(colour[muscle]) for muscle in MUSCLE_IDS]
    assert all(a > b for a, b in itertools.pairwise(shades))


def test_equal_values_get_the_same_fill() -> None:
    colour = fills(render_muscle_map(ROW))

    assert colour["rear-deltoid"] == colour["erector-spinae"] == colour["teres-major"]


def test_missing_and_zero_muscles_are_the_neutral_grey() -> None:
    colour = fills(render_muscle_map({"rhomboids": 0.5, "multifidus": 0.0}))

    assert colour["multifidus"] == NOT_WORKED_COLOUR
    assert colour["levator-scapulae"] == NOT_WORKED_COLOUR
    assert colour["rhomboids"] != NOT_WORKED_COLOUR


def test_no_values_draws_every_muscle_grey() -> None:
    assert set(fills(render_muscle_map({})).values()) == {NOT_WORKED_COLOUR}


def test_a_small_value_is_pale_but_not_grey() -> None:
    colour = fills(render_muscle_map({"rhomboids": 1.0, "multifidus": 0.001}))

    assert colour["multifidus"] != NOT_WORKED_COLOUR
    assert luminance(colour["multifidus"]) > luminance(colour["rhomboids"])


def test_by_default_the_largest_value_gets_the_darkest_colour() -> None:
    small = fills(render_muscle_map({"rhomboids": 0.2}))
    large = fills(render_muscle_map({"rhomboids": 2000.0}))

    assert small["rhomboids"] == large["rhomboids"]


def test_scale_max_above_the_largest_value_makes_it_lighter() -> None:
    own_scale = fills(render_muscle_map({"rhomboids": 0.5}))
    shared_scale = fills(render_muscle_map({"rhomboids": 0.5}, scale_max=1.0))

    assert luminance(shared_scale["rhomboids"]) > luminance(own_scale["rhomboids"])


def test_values_above_scale_max_take_the_top_colour() -> None:
    colour = fills(render_muscle_map({"rhomboids": 1.0, "multifidus": 5.0}, scale_max=1.0))

    assert colour["rhomboids"] == colour["multifidus"]


def test_scale_max_is_shown_as_the_top_of_the_legend() -> None:
    svg = render_muscle_map({"rhomboids": 0.5}, scale_max=40, legend="load (kg x reps)")
    legend = next(g for g in parse(svg).iter(f"{SVG}g") if g.get("class") == "legend")
    texts = [t.text for t in legend.iter(f"{SVG}text")]

    assert "load (kg x reps)" in texts
    assert "0" in texts
    assert "40" in texts


def test_unknown_muscle_id_raises_naming_it_and_listing_known_ids() -> None:
    with pytest.raises(ValueError, match="lats") as caught:
        render_muscle_map({"lats": 0.3})

    message = str(caught.value)
    assert all(muscle in message for muscle in MUSCLE_IDS)


def test_a_misspelt_muscle_id_gets_a_suggestion() -> None:
    with pytest.raises(ValueError, match="Did you mean 'rhomboids'"):
        render_muscle_map({"rhomboid": 0.3})


@pytest.mark.parametrize("bad", [-0.1, math.nan, math.inf, "heavy"])
def test_a_negative_nan_or_non_numeric_value_raises_naming_the_muscle(bad: object) -> None:
    with pytest.raises(ValueError, match="teres-major"):
        render_muscle_map({"teres-major": bad})  # type: ignore[dict-item]


@pytest.mark.parametrize("bad", [0.0, -1.0, math.nan, math.inf])
def test_a_scale_max_that_is_not_positive_and_finite_raises(bad: float) -> None:
    with pytest.raises(ValueError, match="scale_max"):
        render_muscle_map({"rhomboids": 0.5}, scale_max=bad)


def test_labels_rename_muscles_on_tooltips_and_labels() -> None:
    svg = render_muscle_map({"latissimus-dorsi": 0.3}, labels={"latissimus-dorsi": "Lats"})
    root = parse(svg)

    assert groups(root)["latissimus-dorsi"].findtext(f"{SVG}title") == "Lats: 0.3"
    assert "Lats" in [t.text for t in root.iter(f"{SVG}text")]
    assert MUSCLE_NAMES["latissimus-dorsi"] not in [t.text for t in root.iter(f"{SVG}text")]


def test_a_label_for_an_unknown_muscle_raises() -> None:
    with pytest.raises(ValueError, match="lats"):
        render_muscle_map({}, labels={"lats": "Lats"})


def test_title_is_written_at_the_top_and_escaped() -> None:
    root = parse(render_muscle_map(ROW, title='Row <heavy> & "slow"'))

    assert root.findtext(f"{SVG}title") == 'Row <heavy> & "slow"'
    assert 'Row <heavy> & "slow"' in [t.text for t in root.iter(f"{SVG}text")]


def test_is_an_accessible_image_summarising_the_top_muscles() -> None:
    root = parse(render_muscle_map(ROW, title="Seated cable row"))
    summary = root.findtext(f"{SVG}desc") or ""

    assert root.get("role") == "img"
    assert "Seated cable row" in (root.get("aria-label") or "")
    assert summary.index("Latissimus dorsi") < summary.index("Rhomboids")
    assert summary.index("Rhomboids") < summary.index("Trapezius (middle)")
    assert "Multifidus" not in summary


values_over_known_ids = st.dictionaries(
    st.sampled_from(MUSCLE_IDS),
    st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False),
)


@given(
    values=values_over_known_ids,
    title=st.text(max_size=40),
    label=st.text(max_size=30),
    scale_max=st.none() | st.floats(min_value=1e-6, max_value=1e9),
)
def test_any_values_give_valid_svg_whose_colours_follow_the_values(
    values: dict[str, float], title: str, label: str, scale_max: float | None
) -> None:
    svg = render_muscle_map(
        values, title=title, labels={"rhomboids": label}, scale_max=scale_max, legend=title
    )
    colour = fills(svg)  # parses, and fails on a duplicate group

    assert set(colour) == set(MUSCLE_IDS)
    for muscle in MUSCLE_IDS:
        if values.get(muscle, 0.0) == 0:
            assert colour[muscle] == NOT_WORKED_COLOUR
        else:
            assert colour[muscle] != NOT_WORKED_COLOUR
    worked = [m for m in MUSCLE_IDS if values.get(m, 0.0) > 0]
    for a in worked:
        for b in worked:
            if values[a] < values[b]:
                assert luminance(colour[a]) >= luminance(colour[b]), (a, b)
