"""The exercise library through the API."""

from __future__ import annotations

from tests.web.conftest import Server


def test_the_list_has_the_five_exercises_of_the_article_in_order(server: Server) -> None:
    answer = server.client().get("/api/v1/exercises")
    assert answer.status_code == 200
    rows = answer.json()
    assert [r["id"] for r in rows] == [
        "bent-over-row",
        "pull-up",
        "barbell-shrug",
        "overhead-dumbbell-raise",
        "swimming",
    ]
    row = rows[0]
    assert row["name"] == "Barbell bent-over row"
    assert row["equipment"] == ["barbell", "plates", "platform"]
    assert row["variants"] == ["chest-supported-row", "one-arm-dumbbell-row"]
    assert row["muscles"][0] == {
        "id": "latissimus-dorsi",
        "name": "Latissimus dorsi",
        "role": "prime",
        "share": 0.25,
    }


def test_the_list_filters_by_muscle_and_by_equipment(server: Server) -> None:
    client = server.client()
    by_pool = client.get("/api/v1/exercises", params={"equipment": "pool"}).json()
    assert [r["id"] for r in by_pool] == ["swimming"]
    by_muscle = client.get("/api/v1/exercises", params={"muscle": "erector-spinae"}).json()
    assert "bent-over-row" in [r["id"] for r in by_muscle]
    assert all(any(m["id"] == "erector-spinae" for m in r["muscles"]) for r in by_muscle)


def test_an_unknown_filter_is_a_422_with_a_suggestion(server: Server) -> None:
    answer = server.client().get("/api/v1/exercises", params={"muscle": "rhomboidz"})
    assert answer.status_code == 422
    assert answer.json()["detail"] == "Unknown muscle 'rhomboidz'."
    assert "rhomboids" in answer.json()["hint"]


def test_one_exercise_has_the_articles_words_cues_muscles_and_prescription(
    server: Server,
) -> None:
    answer = server.client().get("/api/v1/exercises/chin-up")
    assert answer.status_code == 200
    body = answer.json()
    assert body["id"] == "pull-up"
    assert body["matched_variant"] == "chin-up"
    assert body["article_number"] == 2
    assert body["article_quote"].startswith("Pull ups and chin ups do more than you think.")
    assert body["cues"]
    assert body["prescription"]["sets"] == 3
    assert body["prescription"]["reps_low"] == body["prescription"]["reps_high"] == 15
    assert abs(sum(m["share"] for m in body["muscles"]) - 1.0) < 0.011


def test_an_unknown_exercise_is_a_422_that_suggests_the_closest(server: Server) -> None:
    answer = server.client().get("/api/v1/exercises/pullupp")
    assert answer.status_code == 422
    assert answer.json()["detail"] == "Unknown exercise 'pullupp'."
    assert answer.json()["hint"] == "Did you mean 'pull-up' or 'band-assisted-pull-up'?"


def test_the_muscle_map_is_an_svg_picture_of_the_exercise(server: Server) -> None:
    answer = server.client().get("/api/v1/exercises/row/muscle-map.svg")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("image/svg+xml")
    assert answer.text.startswith("<svg")
    assert "Barbell bent-over row: share of the work" in answer.text
    assert "Latissimus dorsi" in answer.text


def test_the_local_app_serves_the_library_too(local: Server) -> None:
    answer = local.client().get("/api/v1/exercises/shrug")
    assert answer.status_code == 200
    assert answer.json()["id"] == "barbell-shrug"
    assert answer.json()["matched_variant"] is None
