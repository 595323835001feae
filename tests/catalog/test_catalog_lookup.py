"""Finding exercises, variants, muscles and regions by any of their names."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from backcoach.catalog import Catalog, load_catalog
from backcoach.errors import UnknownName
from backcoach.naming import normalise

CATALOG = load_catalog()


@pytest.mark.parametrize(
    ("name", "exercise_id"),
    [
        ("dumbbell dips", "overhead-dumbbell-raise"),
        ("Dumbbell Dip", "overhead-dumbbell-raise"),
        ("overhead raise", "overhead-dumbbell-raise"),
        ("Pull Up", "pull-up"),
        ("pullup", "pull-up"),
        ("PULL-UPS", "pull-up"),
        ("row", "bent-over-row"),
        ("Barbell Bent-Over Row", "bent-over-row"),
        ("bent over rows", "bent-over-row"),
        ("shrugs", "barbell-shrug"),
        ("swim", "swimming"),
        # How pose-keypoint data sets label the five (underscores, the press's name).
        ("overhead_dumbbell", "overhead-dumbbell-raise"),
        ("Dumbbell Shoulder Press", "overhead-dumbbell-raise"),
        ("shrug", "barbell-shrug"),
    ],
)
def test_exercise_is_found_by_id_or_alias_in_any_case_or_spacing(
    catalog: Catalog, name: str, exercise_id: str
) -> None:
    assert catalog.exercise(name).id == exercise_id


@pytest.mark.parametrize(
    ("name", "exercise_id", "variant_id"),
    [
        ("chin-up", "pull-up", "chin-up"),
        ("Chin Up", "pull-up", "chin-up"),
        ("chinup", "pull-up", "chin-up"),
        ("negatives", "pull-up", "negative-pull-up"),
        ("seal row", "bent-over-row", "chest-supported-row"),
        ("freestyle", "swimming", "front-crawl"),
        ("dumbbell shrugs", "barbell-shrug", "dumbbell-shrug"),
    ],
)
def test_resolve_finds_a_variant_and_its_parent(
    catalog: Catalog, name: str, exercise_id: str, variant_id: str
) -> None:
    exercise, variant = catalog.resolve(name)
    assert exercise.id == exercise_id
    assert variant is not None
    assert variant.id == variant_id


def test_resolve_gives_no_variant_for_an_exercise_name(catalog: Catalog) -> None:
    exercise, variant = catalog.resolve("Dumbbell Dips")
    assert exercise.id == "overhead-dumbbell-raise"
    assert variant is None


@pytest.mark.parametrize(
    ("typo", "suggestion"),
    [
        ("pul-up", "pull-up"),
        ("pullupp", "pull-up"),
        ("shrugg", "barbell-shrug"),
        ("swimm", "swimming"),
        ("bent over roww", "bent-over-row"),
        ("chinups", "pull-up"),  # a variant name suggests its parent exercise
    ],
)
def test_unknown_exercise_suggests_the_closest_canonical_id(
    catalog: Catalog, typo: str, suggestion: str
) -> None:
    with pytest.raises(UnknownName) as info:
        catalog.exercise(typo)
    assert info.value.kind == "exercise"
    assert info.value.suggestions[0] == suggestion
    assert f"Did you mean '{suggestion}'" in info.value.hint


def test_unknown_exercise_with_nothing_close_lists_the_known_ids(catalog: Catalog) -> None:
    with pytest.raises(UnknownName) as info:
        catalog.exercise("zumba")
    assert info.value.suggestions == []
    assert "bent-over-row" in info.value.hint


def test_resolve_suggests_variant_ids_for_variant_typos(catalog: Catalog) -> None:
    with pytest.raises(UnknownName) as info:
        catalog.resolve("chin-upp")
    assert info.value.suggestions[0] == "chin-up"


def test_a_variant_is_found_on_its_exercise(catalog: Catalog) -> None:
    pull_up = catalog.exercise("pull-up")
    assert pull_up.variant("Chin Ups").id == "chin-up"
    with pytest.raises(UnknownName) as info:
        pull_up.variant("seal row")
    assert "chin-up" in info.value.known


@pytest.mark.parametrize(
    ("name", "muscle_id"),
    [
        ("lats", "latissimus-dorsi"),
        ("Upper Traps", "trapezius-upper"),
        ("rear delt", "rear-deltoid"),
    ],
)
def test_muscle_is_found_by_id_or_alias(catalog: Catalog, name: str, muscle_id: str) -> None:
    assert catalog.muscle(name).id == muscle_id


def test_unknown_muscle_raises_unknown_name_with_suggestion(catalog: Catalog) -> None:
    with pytest.raises(UnknownName) as info:
        catalog.muscle("rhomboid majr")
    assert info.value.suggestions == ["rhomboids"]


@pytest.mark.parametrize(
    ("name", "region_id"),
    [
        ("low-back", "lower-back"),
        ("Lumbar", "lower-back"),
        ("shoulder-left", "left-shoulder"),
        ("Right Shoulder", "right-shoulder"),
        ("between shoulder blades", "upper-back"),
    ],
)
def test_region_is_found_by_id_or_alias(catalog: Catalog, name: str, region_id: str) -> None:
    assert catalog.region(name).id == region_id


def test_unknown_region_raises_unknown_name(catalog: Catalog) -> None:
    with pytest.raises(UnknownName) as info:
        catalog.region("elbow")
    assert info.value.kind == "body region"


def test_sources_and_equipment_are_found_by_id(catalog: Catalog) -> None:
    assert catalog.source("pink-1991").year == 1991
    assert catalog.equipment_item("pull-up-bar").name == "Pull-up bar"
    with pytest.raises(UnknownName):
        catalog.source("wikipedia")


# -- property tests: every name, typed any way a person might, finds its entry ----------

EXERCISE_NAMES = [(n, e.id, None) for e in CATALOG.exercises for n in (e.id, *e.aliases)] + [
    (n, e.id, v.id) for e in CATALOG.exercises for v in e.variants for n in (v.id, *v.aliases)
]
MUSCLE_NAMES = [(n, m.id) for m in CATALOG.muscles for n in (m.id, *m.aliases)]
REGION_NAMES = [(n, r.id) for r in CATALOG.regions for n in (r.id, *r.aliases)]


@st.composite
def retyped(draw: st.DrawFn, name: str) -> str:
    """``name`` as a person might type it: any case, any mix of spaces, hyphens, underscores."""
    words = [w for w in re.split(r"[\s_\-/]+", name) if w]
    seps = st.sampled_from([" ", "-", "_", "  ", " - ", "/"])
    out = words[0]
    for w in words[1:]:
        out += draw(seps) + w
    out = "".join(c.upper() if draw(st.booleans()) else c.lower() for c in out)
    return draw(st.sampled_from(["", " ", "  "])) + out + draw(st.sampled_from(["", " ", "\t"]))


@settings(max_examples=300)
@given(st.sampled_from(EXERCISE_NAMES).flatmap(lambda t: st.tuples(retyped(t[0]), st.just(t))))
def test_every_exercise_and_variant_name_resolves_however_it_is_typed(
    case: tuple[str, tuple[str, str, str | None]],
) -> None:
    typed, (_, exercise_id, variant_id) = case
    exercise, variant = CATALOG.resolve(typed)
    assert exercise.id == exercise_id
    assert (variant.id if variant else None) == variant_id
    if variant_id is None:
        assert CATALOG.exercise(typed).id == exercise_id


@settings(max_examples=200)
@given(st.sampled_from(MUSCLE_NAMES).flatmap(lambda t: st.tuples(retyped(t[0]), st.just(t[1]))))
def test_every_muscle_name_is_found_however_it_is_typed(case: tuple[str, str]) -> None:
    typed, muscle_id = case
    assert CATALOG.muscle(typed).id == muscle_id


@settings(max_examples=200)
@given(st.sampled_from(REGION_NAMES).flatmap(lambda t: st.tuples(retyped(t[0]), st.just(t[1]))))
def test_every_region_name_is_found_however_it_is_typed(case: tuple[str, str]) -> None:
    typed, region_id = case
    assert CATALOG.region(typed).id == region_id


KNOWN_KEYS = {normalise(n) for n, _, _ in EXERCISE_NAMES}


@given(st.text(min_size=1, max_size=20))
def test_any_unknown_text_gives_unknown_name_never_another_error(text: str) -> None:
    assume(normalise(text) not in KNOWN_KEYS)
    with pytest.raises(UnknownName) as info:
        CATALOG.resolve(text)
    assert info.value.kind == "exercise"
    assert len(info.value.suggestions) <= 3
