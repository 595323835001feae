"""The person's own exercises: muscle shares as typed, and the log that includes their sets.

The storage tests run on SQLite and PostgreSQL (the ``db_url`` fixture).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcoach import services
from backcoach.catalog import Catalog
from backcoach.custom_exercises import (
    InvalidShares,
    custom_exercises,
    normalise_shares,
    parse_shares,
    set_muscles,
)
from backcoach.errors import BackcoachError, UnknownName
from backcoach.interop.service import import_file
from backcoach.load import strain_status
from backcoach.store import Database, open_database
from backcoach.training.units import Unit
from backcoach.training.users import LOCAL_USER_ID

ME = LOCAL_USER_ID
HEADER = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"  # noqa: E501


# muscle shares as typed -----------------------------------------------------------------


def test_shares_are_read_by_muscle_id_and_kept_when_they_sum_to_one(catalog: Catalog) -> None:
    shares = parse_shares("rear-deltoid=0.5,trapezius-middle=0.3,rhomboids=0.2", catalog)
    assert shares == pytest.approx({"rear-deltoid": 0.5, "trapezius-middle": 0.3, "rhomboids": 0.2})
    assert list(shares) == ["rear-deltoid", "trapezius-middle", "rhomboids"]


def test_muscle_names_are_forgiving_and_shares_are_scaled_to_sum_to_one(catalog: Catalog) -> None:
    shares = parse_shares("Rear Delts=5; mid traps = 3, RHOMBOIDS=2", catalog)
    assert shares == pytest.approx({"rear-deltoid": 0.5, "trapezius-middle": 0.3, "rhomboids": 0.2})


def test_shares_may_be_percentages(catalog: Catalog) -> None:
    assert parse_shares("rhomboids=60%,lats=40%", catalog) == pytest.approx(
        {"rhomboids": 0.6, "latissimus-dorsi": 0.4}
    )


def test_muscles_without_shares_share_the_work_equally(catalog: Catalog) -> None:
    assert parse_shares("rhomboids,rear-deltoid", catalog) == {
        "rear-deltoid": 0.5,
        "rhomboids": 0.5,
    }


def test_an_unknown_muscle_says_which_one_it_might_be(catalog: Catalog) -> None:
    with pytest.raises(UnknownName) as raised:
        parse_shares("rhomboidz=0.5,rear-deltoid=0.5", catalog)
    assert raised.value.message == "Unknown muscle 'rhomboidz'."
    assert "rhomboids" in raised.value.hint


@pytest.mark.parametrize("share", ["0", "-0.2", "0%", "nan", "inf"])
def test_a_share_that_is_not_above_zero_is_refused_with_a_hint(
    catalog: Catalog, share: str
) -> None:
    with pytest.raises(InvalidShares) as raised:
        parse_shares(f"rhomboids={share},rear-deltoid=0.5", catalog)
    assert (
        raised.value.message
        == f"The share of Rhomboids is {share}: a share must be more than zero."
    )
    assert "Leave out a muscle" in raised.value.hint


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rhomboids=half", "The share 'half' of Rhomboids is not a number."),
        ("rhomboids=0.5,rhomboid=0.5", "Rhomboids is named twice."),
        ("rhomboids=0.5,rear-deltoid", "rear-deltoid has no share while other muscles have one."),
        (" , ", "No muscles given."),
    ],
)
def test_muscle_lists_that_cannot_be_used_say_why(
    catalog: Catalog, text: str, message: str
) -> None:
    with pytest.raises(InvalidShares) as raised:
        parse_shares(text, catalog)
    assert raised.value.message == message
    assert raised.value.hint


@given(st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), st.floats(0.001, 1000), min_size=1))
def test_normalised_shares_sum_to_one_and_keep_their_proportions(shares: dict[str, float]) -> None:
    normal = normalise_shares(shares)
    assert sum(normal.values()) == pytest.approx(1.0)
    first = next(iter(shares))
    for m, v in shares.items():
        assert normal[m] / normal[first] == pytest.approx(v / shares[first])


def test_normalising_drops_shares_that_are_not_positive_numbers() -> None:
    assert normalise_shares({"a": 3, "b": 0, "c": -1, "d": "x", "e": True, "f": 1.0}) == {
        "a": 0.75,
        "f": 0.25,
    }
    assert normalise_shares({"a": 0}) == {}


# the log with custom sets ----------------------------------------------------------------


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    services.ensure_user(database)
    try:
        yield database
    finally:
        database.close()


def strong_csv(rows: list[tuple[date, str, str, int, float, int, float]]) -> bytes:
    """A Strong export: (day, workout, exercise, set order, kg, reps, RPE); workouts at 18:00."""
    lines = [
        f'{day:%Y-%m-%d} 18:00:00,"{workout}",40m,"{exercise}",{order},{kg},{reps},0,0,"",,{rpe}'
        for day, workout, exercise, order, kg, reps, rpe in rows
    ]
    return (HEADER + "\n".join(lines) + "\n").encode()


TODAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 21, 0, tzinfo=UTC)


def import_rows(db: Database, rows: list[tuple[date, str, str, int, float, int, float]]) -> None:
    import_file(db, ME, strong_csv(rows), unit=Unit.KG, now=NOW)


def face_pull_day(day: date) -> list[tuple[date, str, str, int, float, int, float]]:
    return [
        (day, "Pull", "Bent Over Row (Barbell)", 1, 50.0, 8, 8.0),
        (day, "Pull", "Bent Over Row (Barbell)", 2, 50.0, 8, 8.0),
        (day, "Pull", "Face Pull", 1, 20.0, 12, 8.0),
        (day, "Pull", "Face Pull", 2, 20.0, 12, 8.0),
        (day, "Pull", "Face Pull", 3, 20.0, 12, 8.0),
        (day, "Pull", "Band Pull-Apart", 1, 0.0, 20, 7.0),
    ]


def test_imported_names_outside_the_catalog_are_listed_with_their_sets(db: Database) -> None:
    import_rows(db, face_pull_day(TODAY - timedelta(days=3)) + face_pull_day(TODAY))
    found = custom_exercises(db, ME)
    assert [(x.name, x.kind, x.sets, dict(x.muscles)) for x in found] == [
        ("Band Pull-Apart", "strength", 2, {}),
        ("Face Pull", "strength", 6, {}),
    ]
    assert found[1].last_done == datetime(2026, 3, 2, 18, 0, tzinfo=UTC)


def test_setting_muscles_stores_normalised_shares_the_monitor_reads(
    db: Database, catalog: Catalog
) -> None:
    import_rows(db, face_pull_day(TODAY))
    changed = set_muscles(
        db, ME, "face pull", {"rear-deltoid": 5, "trapezius-middle": 3, "rhomboids": 2}
    )
    assert changed.name == "Face Pull"
    assert changed.muscles == pytest.approx(
        {"rear-deltoid": 0.5, "trapezius-middle": 0.3, "rhomboids": 0.2}
    )
    record = services.training_record(db, ME)
    (face_pull,) = [m for m in record.custom.values() if m.name == "Face Pull"]
    assert face_pull.shares == pytest.approx(changed.muscles)
    assert len(record.sets) == 2  # the catalog's rows, as the planner reads them
    assert len(record.custom_sets) == 4
    assert {record.custom[e.exercise_id].name for e in record.custom_sets} == {
        "Face Pull",
        "Band Pull-Apart",
    }


def test_the_strain_monitor_counts_custom_sets_from_the_record(
    db: Database, catalog: Catalog
) -> None:
    import_rows(db, face_pull_day(TODAY))
    set_muscles(
        db, ME, "Face Pull", {"rear-deltoid": 0.5, "trapezius-middle": 0.3, "rhomboids": 0.2}
    )
    record = services.training_record(db, ME)
    status = strain_status(record.sessions, record.all_sets, catalog, TODAY, custom=record.custom)
    rows = catalog.exercise("bent-over-row").muscle_shares()
    assert status.muscles["rhomboids"].today_hard_sets == pytest.approx(2 * rows["rhomboids"] + 0.6)
    assert status.muscles["rear-deltoid"].today_hard_sets == pytest.approx(
        2 * rows["rear-deltoid"] + 1.5
    )
    # 40 minutes at the mean effort of the hard sets (all RPE 8 but the RPE 7 pull-apart)
    assert status.series.day(TODAY).session_load == pytest.approx(40 * (5 * 8 + 7) / 6)
    assert status.unmeasured == ("Band Pull-Apart",)


def test_setting_muscles_of_an_unknown_exercise_changes_nothing(db: Database) -> None:
    import_rows(db, face_pull_day(TODAY))
    with pytest.raises(UnknownName) as raised:
        set_muscles(db, ME, "Face Pul", {"rhomboids": 1.0})
    assert "Face Pull" in raised.value.hint
    with pytest.raises(BackcoachError, match="Unknown exercise of your own 'Deadlift'"):
        set_muscles(db, ME, "Deadlift", {"rhomboids": 1.0})
    assert all(not x.muscles for x in custom_exercises(db, ME))


def test_setting_no_positive_share_is_refused(db: Database) -> None:
    import_rows(db, face_pull_day(TODAY))
    with pytest.raises(InvalidShares):
        set_muscles(db, ME, "Face Pull", {"rhomboids": 0.0})
    assert all(not x.muscles for x in custom_exercises(db, ME))


def test_a_person_with_no_exercises_of_their_own_is_told_where_they_come_from(
    db: Database,
) -> None:
    with pytest.raises(BackcoachError, match="no exercises of your own"):
        set_muscles(db, ME, "Face Pull", {"rhomboids": 1.0})


def test_history_shows_custom_sets_with_their_names_beside_the_catalog_sets(
    db: Database,
) -> None:
    import_rows(db, face_pull_day(TODAY - timedelta(days=3)) + face_pull_day(TODAY))
    items = services.history(db, ME)
    assert len(items) == 2
    newest = items[0]
    assert [e.exercise_id for e in newest.sets] == ["bent-over-row", "bent-over-row"]
    assert [newest.custom_names[e.exercise_id] for e in newest.custom_sets] == [
        "Face Pull",
        "Face Pull",
        "Face Pull",
        "Band Pull-Apart",
    ]
    assert [e.reps for e in newest.custom_sets] == [12, 12, 12, 20]
    face_pull = newest.custom_sets[0].exercise_id
    only = services.history(db, ME, exercise_id=face_pull)
    assert [len(x.sets) for x in only] == [0, 0]
    assert [len(x.custom_sets) for x in only] == [3, 3]
    rows_only = services.history(db, ME, exercise_id="bent-over-row", limit=1)
    assert [(len(x.sets), len(x.custom_sets)) for x in rows_only] == [(2, 0)]


def test_a_session_of_custom_sets_only_appears_in_history(db: Database) -> None:
    import_rows(db, [(TODAY, "Mobility", "Band Pull-Apart", 1, 0.0, 20, 6.0)])
    (item,) = services.history(db, ME)
    assert item.sets == []
    assert [item.custom_names[e.exercise_id] for e in item.custom_sets] == ["Band Pull-Apart"]
