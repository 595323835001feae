"""Daily load: session RPE x minutes, hard sets and volume per muscle, by local day."""

from __future__ import annotations

import functools
import random
from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcoach.catalog import Catalog
from backcoach.errors import UnknownName
from backcoach.load.daily import (
    BODYWEIGHT_SHARES,
    DEFAULT_RPE,
    daily_loads,
    is_hard_set,
    session_rpe,
    set_effort,
    set_minutes,
)
from backcoach.training.entries import SetEntry, SetKind, Side, TrainingSession
from tests.load.conftest import DAY_ONE, session, sets


def test_a_row_set_credits_the_rows_muscles_in_their_shares(catalog: Catalog) -> None:
    w = session(DAY_ONE)
    series = daily_loads([w], sets(w, "bent-over-row", reps=10, kg=50.0, rpe=8.0), catalog)
    day = series.day(DAY_ONE)
    shares = catalog.exercise("bent-over-row").muscle_shares()
    assert day.hard_sets["rhomboids"] == pytest.approx(0.15)
    for muscle in series.muscles:
        assert day.hard_sets[muscle] == pytest.approx(shares.get(muscle, 0.0))
        assert day.volume_kg[muscle] == pytest.approx(10 * 50.0 * shares.get(muscle, 0.0))
    assert day.hard_sets["levator-scapulae"] == 0.0


def test_warm_ups_are_neither_hard_sets_nor_volume(catalog: Catalog) -> None:
    w = session(DAY_ONE, minutes=30)
    warm = sets(w, "bent-over-row", 2, reps=10, kg=20.0, kind=SetKind.WARMUP)
    day = daily_loads([w], warm, catalog).day(DAY_ONE)
    assert sum(day.hard_sets.values()) == 0.0
    assert sum(day.volume_kg.values()) == 0.0
    # the session still took its time: Foster's session load counts the whole session
    assert day.session_load == pytest.approx(DEFAULT_RPE * 30)


def test_a_variant_with_its_own_muscles_credits_those(catalog: Catalog) -> None:
    w = session(DAY_ONE)
    done = sets(w, "bent-over-row", variant="chest-supported-row", kg=20.0, rpe=8.0)
    day = daily_loads([w], done, catalog).day(DAY_ONE)
    assert day.hard_sets["rhomboids"] == pytest.approx(0.17)  # the variant's share, not 0.15
    assert day.hard_sets["erector-spinae"] == 0.0  # the bench holds the trunk


def test_a_variant_without_its_own_muscles_credits_the_parents(catalog: Catalog) -> None:
    w = session(DAY_ONE)
    done = sets(w, "pull-up", variant="negative-pull-up", reps=5)
    day = daily_loads([w], done, catalog).day(DAY_ONE)
    assert day.hard_sets == pytest.approx(
        {m: catalog.exercise("pull-up").muscle_shares().get(m, 0.0) for m in day.hard_sets}
    )


def test_only_sets_at_rpe_six_or_four_reps_in_reserve_or_unrated_are_hard() -> None:
    w = session(DAY_ONE)
    assert is_hard_set(sets(w, "bent-over-row", rpe=6.0)[0])
    assert not is_hard_set(sets(w, "bent-over-row", rpe=5.5)[0])
    assert is_hard_set(sets(w, "bent-over-row", rir=4)[0])
    assert not is_hard_set(sets(w, "bent-over-row", rir=5)[0])
    assert is_hard_set(sets(w, "bent-over-row")[0])
    assert is_hard_set(sets(w, "bent-over-row", kind=SetKind.FAILURE, rpe=5.0)[0])
    assert is_hard_set(sets(w, "bent-over-row", kind=SetKind.DROPSET, rpe=9.0)[0])
    assert not is_hard_set(sets(w, "bent-over-row", kind=SetKind.WARMUP, rpe=9.0)[0])


def test_reps_in_reserve_read_as_ten_minus_rir() -> None:
    w = session(DAY_ONE)
    assert set_effort(sets(w, "bent-over-row", rir=2)[0]) == 8.0
    assert set_effort(sets(w, "bent-over-row", kind=SetKind.FAILURE)[0]) == 10.0
    assert set_effort(sets(w, "bent-over-row")[0]) is None


def test_session_load_is_mean_hard_set_rpe_times_minutes(catalog: Catalog) -> None:
    w = session(DAY_ONE, minutes=40)
    done = [
        *sets(w, "bent-over-row", kind=SetKind.WARMUP, rpe=3.0),
        *sets(w, "bent-over-row", rpe=8.0),
        *sets(w, "bent-over-row", rir=3),  # RPE 7
        *sets(w, "bent-over-row", rpe=5.0),  # not hard: left out of the mean
    ]
    series = daily_loads([w], done, catalog)
    (load,) = series.sessions
    assert load.rpe == pytest.approx(7.5)
    assert load.minutes == pytest.approx(40.0)
    assert not load.minutes_estimated
    assert series.session_load == pytest.approx((300.0,))


def test_session_rpe_falls_back_to_working_sets_then_warm_ups_then_the_default() -> None:
    w = session(DAY_ONE)
    easy = sets(w, "bent-over-row", rpe=5.0)
    warm = sets(w, "bent-over-row", rpe=3.0, kind=SetKind.WARMUP)
    assert session_rpe([*easy, *warm]) == 5.0
    assert session_rpe(warm) == 3.0
    assert session_rpe(sets(w, "bent-over-row")) == DEFAULT_RPE


def test_minutes_are_estimated_from_the_sets_when_a_session_has_no_end(
    catalog: Catalog,
) -> None:
    w = session(DAY_ONE, minutes=None)
    # three sets of ten at 4 s a rep (2 min) and two 90 s rests between them (3 min)
    done = sets(w, "bent-over-row", 3, reps=10, kg=40.0, rpe=8.0)
    (load,) = daily_loads([w], done, catalog).sessions
    assert load.minutes_estimated
    assert load.minutes == pytest.approx(5.0)
    assert load.load == pytest.approx(40.0)


def test_swimming_load_is_minutes_times_effort(catalog: Catalog) -> None:
    w = session(DAY_ONE, minutes=None)
    swim = sets(w, "swimming", reps=None, duration_s=30 * 60, rpe=5.0)
    series = daily_loads([w], swim, catalog)
    assert series.swim_load == pytest.approx((150.0,))
    assert series.session_load == pytest.approx((150.0,))


def test_a_swim_with_only_a_distance_is_timed_at_an_easy_pace(catalog: Catalog) -> None:
    w = session(DAY_ONE, minutes=None)
    swim = sets(w, "swimming", reps=None, distance_m=1200.0)  # 30 min at 40 m/min
    series = daily_loads([w], swim, catalog)
    assert series.sessions[0].minutes == pytest.approx(30.0)
    assert series.swim_load == pytest.approx((30.0 * DEFAULT_RPE,))


def test_bodyweight_volume_uses_a_share_of_body_weight_plus_added_load(
    catalog: Catalog,
) -> None:
    w = session(DAY_ONE)
    plain = sets(w, "pull-up", reps=10)
    belt = sets(w, "pull-up", variant="weighted-pull-up", reps=5, kg=10.0)
    lats = catalog.exercise("pull-up").muscle_shares()["latissimus-dorsi"]
    body = 80.0 * BODYWEIGHT_SHARES["pull-up"]

    with_weight = daily_loads([w], plain, catalog, body_weight_kg=80.0).day(DAY_ONE)
    assert with_weight.volume_kg["latissimus-dorsi"] == pytest.approx(10 * body * lats)

    without = daily_loads([w], plain, catalog).day(DAY_ONE)
    assert without.volume_kg["latissimus-dorsi"] == 0.0
    assert without.hard_sets["latissimus-dorsi"] == pytest.approx(lats)

    weighted = daily_loads([w], belt, catalog, body_weight_kg=80.0).day(DAY_ONE)
    assert weighted.volume_kg["latissimus-dorsi"] == pytest.approx(5 * (body + 10.0) * lats)


def test_a_one_sided_set_is_half_a_set_for_the_pair(catalog: Catalog) -> None:
    w = session(DAY_ONE)
    left = sets(w, "bent-over-row", variant="one-arm-dumbbell-row", side=Side.LEFT, rpe=8.0)
    right = sets(w, "bent-over-row", variant="one-arm-dumbbell-row", side=Side.RIGHT, rpe=8.0)
    day = daily_loads([w], [*left, *right], catalog).day(DAY_ONE)
    share = catalog.exercise("bent-over-row").muscle_shares("one-arm-dumbbell-row")
    assert day.hard_sets["latissimus-dorsi"] == pytest.approx(share["latissimus-dorsi"])


def test_days_are_local_calendar_days_of_the_given_zone(catalog: Catalog) -> None:
    late = session(DAY_ONE, at=time(23, 30))  # 23:30 UTC is 01:30 the next day at UTC+2
    done = sets(late, "bent-over-row", rpe=8.0)
    assert daily_loads([late], done, catalog).start == DAY_ONE
    east = timezone(timedelta(hours=2))
    assert daily_loads([late], done, catalog, tz=east).start == DAY_ONE + timedelta(days=1)


def test_days_without_training_are_zero_and_the_series_runs_to_until(
    catalog: Catalog,
) -> None:
    a, b = session(DAY_ONE), session(DAY_ONE + timedelta(days=3))
    done = [*sets(a, "barbell-shrug", kg=60.0), *sets(b, "barbell-shrug", kg=60.0)]
    series = daily_loads([a, b], done, catalog, until=DAY_ONE + timedelta(days=6))
    assert len(series) == 7
    assert series.end == DAY_ONE + timedelta(days=6)
    gaps = [d for d in series if d.day not in (a.started_at.date(), b.started_at.date())]
    assert len(gaps) == 5
    for d in gaps:
        assert d.session_load == 0.0
        assert set(d.hard_sets.values()) == {0.0}
        assert set(d.volume_kg.values()) == {0.0}


def test_training_after_until_is_left_out(catalog: Catalog) -> None:
    a, later = session(DAY_ONE), session(DAY_ONE + timedelta(days=10))
    done = [*sets(a, "barbell-shrug"), *sets(later, "barbell-shrug")]
    series = daily_loads([a, later], done, catalog, until=DAY_ONE + timedelta(days=2))
    assert len(series.sessions) == 1
    assert len(series) == 3


def test_an_empty_log_gives_an_empty_series(catalog: Catalog) -> None:
    series = daily_loads([], [], catalog, until=DAY_ONE)
    assert len(series) == 0
    assert series.end == DAY_ONE
    assert list(series) == []
    assert set(series.hard_sets) == {m.id for m in catalog.muscles}


def test_sets_whose_session_is_missing_are_dated_by_when_they_were_logged(
    catalog: Catalog,
) -> None:
    w = session(DAY_ONE + timedelta(days=2), minutes=None)
    series = daily_loads([], sets(w, "barbell-shrug", kg=60.0), catalog)
    assert series.start == DAY_ONE + timedelta(days=2)
    assert series.sessions[0].minutes_estimated


def test_a_session_split_across_the_input_is_counted_once(catalog: Catalog) -> None:
    a, b = session(DAY_ONE, minutes=50), session(DAY_ONE, minutes=20)
    first, second = sets(a, "bent-over-row", 2, rpe=8.0), sets(b, "barbell-shrug", rpe=6.0)
    series = daily_loads([a, b], [first[0], *second, first[1]], catalog)
    assert series.session_load == pytest.approx((8.0 * 50 + 6.0 * 20,))


def test_an_unknown_exercise_is_refused_by_name(catalog: Catalog) -> None:
    w = session(DAY_ONE)
    with pytest.raises(UnknownName, match="deadlift"):
        daily_loads([w], sets(w, "deadlift"), catalog)


# Random logs: a few sessions over a few weeks, each with a few sets of any movement.
MOVEMENTS = [
    ("bent-over-row", None),
    ("bent-over-row", "chest-supported-row"),
    ("bent-over-row", "one-arm-dumbbell-row"),
    ("pull-up", None),
    ("pull-up", "band-assisted-pull-up"),
    ("pull-up", "weighted-pull-up"),
    ("barbell-shrug", None),
    ("overhead-dumbbell-raise", None),
    ("swimming", "front-crawl"),
]


@functools.cache
def shares_of(catalog: Catalog, exercise: str, variant: str | None) -> dict[str, float]:
    return catalog.exercise(exercise).muscle_shares(variant)


@st.composite
def logs(draw: st.DrawFn) -> tuple[list[TrainingSession], list[SetEntry]]:
    sessions: list[TrainingSession] = []
    entries: list[SetEntry] = []
    for n in range(draw(st.integers(1, 6))):
        start = datetime.combine(
            DAY_ONE + timedelta(days=draw(st.integers(0, 40))), time(7), tzinfo=UTC
        )
        start += timedelta(minutes=draw(st.integers(0, 16 * 60)))
        minutes = draw(st.one_of(st.none(), st.integers(1, 150)))
        end = None if minutes is None else start + timedelta(minutes=minutes)
        w = TrainingSession(id=f"w{n}", user_id="u", started_at=start, ended_at=end)
        sessions.append(w)
        for p in range(draw(st.integers(0, 8))):
            exercise, variant = draw(st.sampled_from(MOVEMENTS))
            effort = draw(st.sampled_from(["rpe", "rir", "none"]))
            swim = exercise == "swimming"
            entries.append(
                SetEntry(
                    id=f"w{n}-{p}",
                    session_id=w.id,
                    exercise_id=exercise,
                    variant_id=variant,
                    position=p,
                    reps=None if swim else draw(st.integers(0, 30)),
                    load_kg=None if swim else draw(st.one_of(st.none(), st.floats(0, 200))),
                    duration_s=draw(st.floats(60, 3600)) if swim else None,
                    rpe=draw(st.sampled_from([1.0, 4.5, 6.0, 8.0, 10.0]))
                    if effort == "rpe"
                    else None,
                    rir=draw(st.integers(0, 10)) if effort == "rir" else None,
                    kind=draw(st.sampled_from(list(SetKind))),
                    side=draw(st.sampled_from(list(Side))),
                    logged_at=start + timedelta(minutes=p),
                )
            )
    return sessions, entries


@settings(deadline=None)
@given(logs(), st.one_of(st.none(), st.floats(40, 150)))
def test_loads_are_never_negative(
    catalog: Catalog, log: tuple[list[TrainingSession], list[SetEntry]], body: float | None
) -> None:
    series = daily_loads(*log, catalog, body_weight_kg=body)
    assert all(x >= 0.0 for x in series.session_load)
    assert all(x >= 0.0 for x in series.swim_load)
    for column in (*series.hard_sets.values(), *series.volume_kg.values()):
        assert all(x >= 0.0 for x in column)


@settings(max_examples=150, deadline=None)
@given(logs(), st.randoms(use_true_random=False), st.booleans())
def test_the_fast_loop_agrees_with_the_rules_set_by_set(
    catalog: Catalog,
    log: tuple[list[TrainingSession], list[SetEntry]],
    rng: random.Random,
    drop_a_session: bool,
) -> None:
    sessions, entries = log
    # any order of the sets, and a session that was not given, change nothing
    shuffled = rng.sample(entries, len(entries))
    given_sessions = sessions[1:] if drop_a_session else sessions
    series = daily_loads(given_sessions, shuffled, catalog)

    by_id = {w.id: [x for x in entries if x.session_id == w.id] for w in sessions}
    for load in series.sessions:
        done = by_id[load.session_id]
        assert load.rpe == pytest.approx(session_rpe(done))
        w = next(w for w in sessions if w.id == load.session_id)
        if w.ended_at is not None and w in given_sessions:
            minutes = (w.ended_at - w.started_at).total_seconds() / 60
        else:  # every set and the rest after it, but for the last set's rest
            rest = {x.id: catalog.exercise(x.exercise_id).prescription.rest_s / 60 for x in done}
            swim = {x.id: x.exercise_id == "swimming" for x in done}
            last = max(done, key=lambda x: x.position)
            minutes = sum(set_minutes(x, swim[x.id]) + rest[x.id] for x in done) - rest[last.id]
        assert load.minutes == pytest.approx(minutes)

    # every hard set lands in the muscles' columns, in its movement's shares
    expected = dict.fromkeys(series.muscles, 0.0)
    for x in entries:
        if is_hard_set(x):
            credit = 1.0 if x.side is Side.BOTH else 0.5
            for muscle, share in shares_of(catalog, x.exercise_id, x.variant_id).items():
                expected[muscle] += credit * share
    for muscle, column in series.hard_sets.items():
        assert sum(column) == pytest.approx(expected[muscle])


def test_daily_load_rows_match_the_columns(catalog: Catalog) -> None:
    a, b = session(DAY_ONE), session(DAY_ONE + timedelta(days=1))
    done = [*sets(a, "bent-over-row", 3, kg=40.0), *sets(b, "pull-up", 2)]
    series = daily_loads([a, b], done, catalog)
    rows = list(series)
    assert [r.day for r in rows] == [DAY_ONE, DAY_ONE + timedelta(days=1)]
    for i, row in enumerate(rows):
        assert row.session_load == series.session_load[i]
        assert row.hard_sets == {m: v[i] for m, v in series.hard_sets.items()}
    with pytest.raises(KeyError):
        series.day(date(2020, 1, 1))


def test_the_series_knows_which_movements_each_day_held(catalog: Catalog) -> None:
    a, b = session(DAY_ONE), session(DAY_ONE + timedelta(days=2))
    done = [
        *sets(a, "bent-over-row", kind=SetKind.WARMUP),  # a warm-up is still rowing
        *sets(a, "pull-up", variant="chin-up"),
        *sets(b, "bent-over-row"),
    ]
    series = daily_loads([a, b], done, catalog)
    assert series.movements == {
        DAY_ONE: frozenset({("bent-over-row", None), ("pull-up", "chin-up")}),
        DAY_ONE + timedelta(days=2): frozenset({("bent-over-row", None)}),
    }
