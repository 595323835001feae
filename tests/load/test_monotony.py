"""Weekly monotony and strain (Foster 1998), by hand and at their edges."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcoach.load.monotony import MONOTONY_HIGH, last_week, week_strain

# Worked by hand for the week 300, 0, 450, 200, 0, 600, 150 (session RPE x minutes, AU):
#   weekly load = 1700, mean = 1700 / 7 = 242.857143
#   deviations: 57.143, -242.857, 207.143, -42.857, -242.857, 357.143, -92.857
#   squares: 3265.31 + 58979.59 + 42908.16 + 1836.73 + 58979.59 + 127551.02 + 8622.45
#          = 302142.86;  / 7 = 43163.27;  SD = sqrt(43163.27) = 207.757708
#   monotony = 242.857143 / 207.757708 = 1.168944
#   strain   = 1700 * 1.168944 = 1987.205


def test_monotony_and_strain_match_the_hand_computed_week_to_three_decimals() -> None:
    week = week_strain([300.0, 0.0, 450.0, 200.0, 0.0, 600.0, 150.0])
    assert week.load == pytest.approx(1700.0, abs=5e-4)
    assert week.mean == pytest.approx(242.857143, abs=5e-4)
    assert week.sd == pytest.approx(207.757708, abs=5e-4)
    assert week.monotony == pytest.approx(1.168944, abs=5e-4)
    assert week.strain == pytest.approx(1987.205, abs=5e-4)
    assert not week.monotonous


def test_the_same_load_every_day_has_unbounded_monotony_and_is_flagged() -> None:
    week = week_strain([200.0] * 7)
    assert week.sd == 0.0
    assert week.monotony is None
    assert week.strain is None
    assert week.uniform
    assert week.monotonous


def test_a_week_without_training_has_no_monotony_and_no_strain() -> None:
    week = week_strain([0.0] * 7)
    assert week.monotony is None
    assert week.strain == 0.0
    assert not week.uniform
    assert not week.monotonous


def test_monotony_above_two_is_high() -> None:
    # six similar days and one lighter: mean / SD well above 2
    week = week_strain([300.0, 320.0, 310.0, 300.0, 290.0, 305.0, 200.0])
    assert week.monotony is not None
    assert week.monotony > MONOTONY_HIGH
    assert week.monotonous


def test_a_week_needs_seven_days() -> None:
    with pytest.raises(ValueError, match="7 daily loads"):
        week_strain([1.0] * 6)


def test_last_week_pads_a_short_history_with_rest_days() -> None:
    assert last_week([100.0, 200.0]) == week_strain([0.0] * 5 + [100.0, 200.0])
    assert last_week(list(range(10))) == week_strain([3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0])


@given(st.lists(st.integers(0, 5000).map(float), min_size=7, max_size=7), st.integers(1, 50))
def test_scaling_the_week_scales_strain_and_keeps_monotony(week: list[float], k: int) -> None:
    plain = week_strain(week)
    scaled = week_strain([k * x for x in week])
    if plain.monotony is None:
        assert scaled.monotony is None
    else:
        assert scaled.monotony == pytest.approx(plain.monotony, rel=1e-9)
        assert scaled.strain == pytest.approx(k * (plain.strain or 0.0), rel=1e-9)
