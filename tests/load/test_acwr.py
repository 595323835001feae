"""The acute:chronic workload ratio: EWMA arithmetic, when the ratio is withheld, and zones."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcoach.load.acwr import (
    ZONES,
    ZONES_SOURCE,
    ZoneName,
    acwr_series,
    before_today,
    ewma,
    ewma_weights,
    latest_acwr,
    load_for_ratio,
    sparse_ewma,
    zone_of,
)

# Worked by hand. lambda_a = 2/(7+1) = 0.25, lambda_c = 2/(28+1) = 2/29; both start at 0.
#   a_t = 0.25 x_t + 0.75 a_(t-1)        c_t = (2 x_t + 27 c_(t-1)) / 29
# day load  acute                                  chronic                                 ratio
#  1  100   25                                     200/29             =  6.896552           3.625000
#  2    0   0.75*25        = 18.75                 27*6.896552/29     =  6.420927           2.920139
#  3  200   50 + 0.75*18.75 = 64.0625              (400 + 173.365)/29 = 19.771208           3.240191
#  4    0   0.75*64.0625   = 48.046875             27*19.771208/29    = 18.407677           2.610154
#  5  150   37.5 + 36.035156 = 73.535156           (300 + 497.0073)/29 = 27.483009          2.675659
#  6  300   75 + 55.151367 = 130.151367            (600 + 742.0412)/29 = 46.277285          2.812424
#  7    0   0.75*130.151367 = 97.613525            27*46.277285/29   = 43.085748           2.265564
#  8  100   25 + 73.210144 = 98.210144             (200 + 1163.3152)/29 = 47.010869         2.089094
#  9    0   0.75*98.210144 = 73.657608             27*47.010869/29   = 43.768740           1.682882
# 10  250   62.5 + 55.243206 = 117.743206          (500 + 1181.7560)/29 = 57.991585         2.030350
HAND_TABLE = [
    (100, 25.0, 6.896552, 3.625000),
    (0, 18.75, 6.420927, 2.920139),
    (200, 64.0625, 19.771208, 3.240191),
    (0, 48.046875, 18.407677, 2.610154),
    (150, 73.535156, 27.483009, 2.675659),
    (300, 130.151367, 46.277285, 2.812424),
    (0, 97.613525, 43.085748, 2.265564),
    (100, 98.210144, 47.010869, 2.089094),
    (0, 73.657608, 43.768740, 1.682882),
    (250, 117.743206, 57.991585, 2.030350),
]


def test_ewma_ratio_matches_the_hand_computed_table_to_three_decimals() -> None:
    loads = [float(row[0]) for row in HAND_TABLE]
    series = acwr_series(loads, min_history_days=1)
    for day, (row, got) in enumerate(zip(HAND_TABLE, series, strict=True), start=1):
        _, acute, chronic, ratio = row
        assert got.acute == pytest.approx(acute, abs=5e-4), f"acute, day {day}"
        assert got.chronic == pytest.approx(chronic, abs=5e-4), f"chronic, day {day}"
        assert got.ratio == pytest.approx(ratio, abs=5e-4), f"ratio, day {day}"


def test_ewma_uses_the_williams_lambdas() -> None:
    assert ewma([100.0], 7) == [25.0]
    assert ewma([100.0, 0.0], 28)[-1] == pytest.approx(100 * 2 / 29 * 27 / 29)


def test_latest_ratio_is_the_last_of_the_series() -> None:
    loads = [float(row[0]) for row in HAND_TABLE] * 4
    assert latest_acwr(loads) == acwr_series(loads)[-1]


def test_ratio_is_withheld_until_28_days_of_history() -> None:
    series = acwr_series([100.0] * 40)
    assert all(r.ratio is None for r in series[:27])
    assert all(r.ratio is not None for r in series[27:])
    assert series[27].history_days == 28


def test_ratio_is_withheld_when_the_chronic_load_is_zero() -> None:
    never = latest_acwr([0.0] * 60)
    assert never.chronic == 0.0
    assert never.ratio is None


def test_ratio_is_withheld_when_the_last_load_left_the_chronic_window() -> None:
    # 40 days of training, then 28 days off: the last load is 28 days back, still counted
    assert latest_acwr([100.0] * 40 + [0.0] * 28).ratio is not None
    # one more day off: it is 29 days back, and there is nothing left to be used to
    assert latest_acwr([100.0] * 40 + [0.0] * 29).ratio is None


def test_ratio_never_exceeds_lambda_acute_over_lambda_chronic() -> None:
    # a single day of load after a long quiet spell is the steepest ramp there can be
    ratio = latest_acwr([1.0] + [0.0] * 27 + [500.0]).ratio
    assert ratio is not None
    assert ratio < 0.25 / (2 / 29)


@pytest.mark.parametrize(
    ("ratio", "zone"),
    [
        (0.0, ZoneName.LOW),
        (0.79, ZoneName.LOW),
        (0.7949, ZoneName.LOW),
        (0.7951, ZoneName.SWEET_SPOT),  # shown as 0.80
        (0.8, ZoneName.SWEET_SPOT),
        (1.0, ZoneName.SWEET_SPOT),
        (1.3, ZoneName.SWEET_SPOT),
        (1.3049, ZoneName.SWEET_SPOT),  # shown as 1.30
        (1.31, ZoneName.CAUTION),
        (1.5, ZoneName.CAUTION),
        (1.51, ZoneName.HIGH),
        (3.6, ZoneName.HIGH),
    ],
)
def test_zones_at_their_boundaries(ratio: float, zone: ZoneName) -> None:
    assert zone_of(ratio).name is zone


def test_zones_tile_the_ratio_and_cite_their_source() -> None:
    assert [z.name for z in ZONES] == list(ZoneName)
    for below, above in itertools.pairwise(ZONES):
        assert below.high == above.low
    assert "Gabbett" in ZONES_SOURCE


def test_sparse_ewma_equals_walking_every_day() -> None:
    loads = [0.0, 3.0, 0.0, 0.0, 2.5, 0.0, 4.0]
    days = [i for i, x in enumerate(loads) if x]
    values = [x for x in loads if x]
    for window in (7, 28):
        weights = ewma_weights(window, len(loads))
        assert sparse_ewma(days, values, weights) == pytest.approx(ewma(loads, window)[-1])


def test_load_for_ratio_lands_on_the_target() -> None:
    loads = [float(row[0]) for row in HAND_TABLE] * 4
    yesterday = latest_acwr(loads)
    x = load_for_ratio(yesterday.acute, yesterday.chronic, 1.3)
    assert latest_acwr([*loads, x]).ratio == pytest.approx(1.3)


def test_load_for_ratio_is_zero_when_even_rest_ends_above_the_target() -> None:
    ramped = latest_acwr([10.0] * 30 + [100.0] * 5)
    assert load_for_ratio(ramped.acute, ramped.chronic, 1.3) == 0.0


def test_before_today_undoes_todays_update() -> None:
    loads = [float(row[0]) for row in HAND_TABLE] * 3
    acute, chronic = before_today(latest_acwr(loads), loads[-1])
    yesterday = latest_acwr(loads[:-1])
    assert acute == pytest.approx(yesterday.acute)
    assert chronic == pytest.approx(yesterday.chronic)


#: Daily loads in tenths of a unit, rest days (zeros) common.
daily = st.lists(
    st.one_of(st.just(0.0), st.integers(1, 20_000).map(lambda n: n / 10)), min_size=1, max_size=120
)


@given(daily, st.floats(min_value=0.01, max_value=100.0))
def test_scaling_every_load_leaves_the_ratios_unchanged(loads: list[float], k: float) -> None:
    plain = acwr_series(loads)
    scaled = acwr_series([k * x for x in loads])
    for a, b in zip(plain, scaled, strict=True):
        if a.ratio is None:
            assert b.ratio is None
        else:
            assert b.ratio == pytest.approx(a.ratio, rel=1e-9)


@given(daily)
def test_a_day_of_zero_load_never_raises_the_acute_average(loads: list[float]) -> None:
    assert ewma([*loads, 0.0], 7)[-1] <= ewma(loads, 7)[-1]


@given(st.floats(min_value=0.001, max_value=5000.0))
def test_a_constant_daily_load_converges_to_ratio_one(load: float) -> None:
    ratio = latest_acwr([load] * 400).ratio
    assert ratio == pytest.approx(1.0, abs=1e-6)


@given(daily)
def test_ratios_and_averages_are_never_negative(loads: list[float]) -> None:
    for r in acwr_series(loads):
        assert r.acute >= 0.0
        assert r.chronic >= 0.0
        assert r.ratio is None or r.ratio >= 0.0
