"""Imports, exports, restore and the calendar feed over the API, on SQLite and PostgreSQL.

Files are the interop tests' own Strong, Hevy and FIT builders; every refused call leaves
the person's whole backup (log, custom exercises, mappings) as it was.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from garmin_fit_sdk import Decoder, Stream
from icalendar import Calendar

from backcoach.interop import service
from backcoach.store.database import open_database
from backcoach.web.app import create_app
from backcoach.web.config import WebConfig
from tests.interop.fit_files import activity, strength_part, swim_part
from tests.interop.test_hevy import METRIC
from tests.interop.test_service import WITH_CUSTOM
from tests.interop.test_strong import COMMA_2019
from tests.web.api.records import accepted_coach, with_plan
from tests.web.conftest import Person, Server, sign_up
from tests.web.test_authorization_matrix import (
    OWN_201,
    READ,
    ROLES,
    make_world,
    prepare,
    row,
)

IMPORTS = "/api/v1/users/{}/imports"
#: Hevy's METRIC file with its pull-ups renamed to a name no table knows.
HEVY_PULLDOWN = METRIC.replace("Pull Up", "Lat Pulldown (Cable)")

#: The rows of tests/web/test_authorization_matrix.py's MATRIX for these routes (merged
#: there too), with the matrix's bodies: an import of a file that is not a training file
#: (422 for those allowed to send it) and a restore of the owner's own export into a log
#: that has entries (409).
MATRIX_ROWS: dict[str, dict[str, int]] = {
    "POST /api/v1/users/{user_id}/imports": row(401, 404, 404, 403, 422, 422),
    "GET /api/v1/users/{user_id}/export": READ,
    "POST /api/v1/users/{user_id}/restore": row(401, 404, 404, 403, 409, 409),
    "POST /api/v1/me/calendar-feed": OWN_201,
    "DELETE /api/v1/me/calendar-feed": row(401, 204, 204, 204, 204, 204),
}


def send(
    person: Person,
    name: str,
    data: bytes,
    user: str = "me",
    **fields: Any,
) -> Any:
    """POST a file to the imports route with form ``fields``."""
    form = {k: (json.dumps(v) if isinstance(v, dict) else str(v)) for k, v in fields.items()}
    return person.client.post(
        IMPORTS.format(user), files={"file": (name, data, "text/csv")}, data=form
    )


def backup_of(server: Server, person: Person) -> dict[str, Any]:
    """Everything stored about a person but the time of the backup."""
    document = service.backup(server.db, person.id)
    document.pop("exported_at")
    return document


def counts(body: dict[str, Any]) -> tuple[int, int, int, int]:
    return body["sessions"], body["sets"], body["swims"], body["custom_sets"]


# imports -------------------------------------------------------------------------------


def test_a_strong_file_asks_for_its_unit_then_imports_once_with_exact_counts(
    server: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    empty = backup_of(server, ana)
    asked = send(ana, "strong.csv", WITH_CUSTOM.encode())
    assert asked.status_code == 422
    body = asked.json()
    assert body["question"] == "unit"
    assert body["choices"] == ["kg", "lb"]
    assert "kilograms or pounds" in body["detail"]
    assert "unit=kg" in body["hint"]
    heaviest = body["heaviest"][0]
    assert heaviest["exercise"] == "Bent Over Row (Barbell)"
    assert heaviest["value"] == 75
    assert heaviest["if_kg"] == {"kg": 75, "lb": 165.3}
    assert heaviest["if_lb"] == {"kg": 34.0, "lb": 75}
    assert backup_of(server, ana) == empty

    preview = send(ana, "strong.csv", WITH_CUSTOM.encode(), unit="lb", dry_run="true")
    assert preview.status_code == 200, preview.text
    shown = preview.json()
    assert shown["dry_run"]
    assert counts(shown) == (2, 5, 1, 2)
    assert [u["name"] for u in shown["unmapped"]] == ["Lat Pulldown (Cable)"]
    assert shown["unmapped"][0] == {"name": "Lat Pulldown (Cable)", "sets": 2, "suggestions": []}
    assert backup_of(server, ana) == empty

    done = send(ana, "strong.csv", WITH_CUSTOM.encode(), unit="lb")
    assert done.status_code == 200, done.text
    assert counts(done.json()) == (2, 5, 1, 2)
    assert done.json()["unit"] == "lb"
    assert done.json()["skipped"] == []
    stored = backup_of(server, ana)
    loads = sorted(e["load_kg"] for x in stored["sessions"] for e in x["sets"] if e["load_kg"])
    assert loads == pytest.approx([40 * 0.45359237, 75 * 0.45359237, 75 * 0.45359237])

    again = send(ana, "strong.csv", WITH_CUSTOM.encode(), unit="lb")
    assert again.status_code == 200
    assert counts(again.json()) == (0, 0, 0, 0)
    assert again.json()["already_imported"] == 8
    assert backup_of(server, ana) == stored


def test_a_hevy_file_is_found_out_and_a_mapping_is_remembered_for_the_next_import(
    server: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    first = send(
        ana,
        "hevy.csv",
        HEVY_PULLDOWN.encode(),
        mappings={"Lat Pulldown (Cable)": "pull-up/chin-up"},
    )
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["format"] == "hevy"
    assert body["unit"] is None
    assert counts(body) == (2, 4, 1, 0)
    assert body["mapped"]["Lat Pulldown (Cable)"] == "pull-up/chin-up"
    assert body["unmapped"] == []
    assert body["skipped"] == []
    later = send(ana, "strong.csv", WITH_CUSTOM.encode(), unit="kg", dry_run="true")
    assert later.json()["mapped"]["Lat Pulldown (Cable)"] == "pull-up/chin-up"
    assert later.json()["unmapped"] == []
    assert later.json()["custom_sets"] == 0


def test_a_fit_activity_imports_its_sets_and_swim(
    server: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    data = activity(strength_part(), swim_part(datetime(2026, 3, 2, 19, 0, tzinfo=UTC)))
    answer = send(ana, "run.fit", data, format="fit")
    assert answer.status_code == 200, answer.text
    assert counts(answer.json()) == (2, 3, 1, 1)
    assert answer.json()["skipped"] == [
        {"row": 1, "reason": "set message 1 is a rest between sets"}
    ]


@pytest.mark.parametrize(
    ("name", "data", "fields", "message"),
    [
        ("photo.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), {}, "binary, not a CSV"),
        ("names.csv", b"name,age\nbob,3\n", {}, "its first line: name, age"),
        (
            "strong.csv",
            COMMA_2019.replace("75,7,0,0", "900,7,0,0").encode(),
            {"unit": "kg"},
            "Row 4",
        ),
        ("watch.fit", activity(strength_part())[:-40], {}, "cut short"),
        ("hevy.csv", METRIC.encode(), {"format": "fit"}, "not a FIT file"),
    ],
)
def test_a_bad_file_is_a_422_naming_what_is_wrong_and_changes_nothing(
    name: str,
    data: bytes,
    fields: dict[str, str],
    message: str,
    server: Server,
    person: Callable[..., Person],
) -> None:
    ana = person()
    assert send(ana, "hevy.csv", METRIC.encode()).status_code == 200
    before = backup_of(server, ana)
    answer = send(ana, name, data, **fields)
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert message in body["detail"]
    assert body["hint"]
    assert body["status"] == 422
    assert backup_of(server, ana) == before


def test_requests_that_cannot_be_imported_are_422s(
    server: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    empty = backup_of(server, ana)
    no_file = ana.client.post(IMPORTS.format("me"), data={"unit": "kg"})
    assert no_file.status_code == 422
    assert "No file" in no_file.json()["detail"]
    bad_map = send(ana, "hevy.csv", METRIC.encode(), mappings="[1, 2]")
    assert bad_map.status_code == 422
    assert "mappings" in bad_map.json()["detail"]
    unknown = send(ana, "hevy.csv", HEVY_PULLDOWN.encode(), mappings={"Lat Pulldown": "bench"})
    assert unknown.status_code == 422
    zone = send(ana, "hevy.csv", METRIC.encode(), timezone="Mars/Olympus")
    assert zone.status_code == 422
    assert "time zone" in zone.json()["detail"]
    assert send(ana, "hevy.csv", METRIC.encode(), unit="stone").status_code == 422
    assert backup_of(server, ana) == empty


def test_size_limits_the_service_s_and_the_app_s(
    server: Server, person: Callable[..., Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    ana = person()
    monkeypatch.setenv(service.MAX_BYTES_ENV, "1000")
    over = send(ana, "hevy.csv", METRIC.encode() + b" " * 2000)
    assert over.status_code == 422
    assert "limited to" in over.json()["detail"]
    monkeypatch.delenv(service.MAX_BYTES_ENV)
    huge = send(ana, "hevy.csv", b"x" * (server.config.max_upload_bytes + 1))
    assert huge.status_code == 413
    assert backup_of(server, ana)["sessions"] == []


def test_times_are_read_in_the_zone_named(server: Server, person: Callable[..., Person]) -> None:
    ana = person()
    answer = send(ana, "hevy.csv", METRIC.encode(), timezone="America/New_York")
    assert answer.status_code == 200
    first = backup_of(server, ana)["sessions"][0]["started_at"]
    assert first.startswith("2026-04-07T14:14:00")  # 10:14 in New York, EDT


# exports -------------------------------------------------------------------------------


def fit_messages(data: bytes) -> dict[str, list[dict[str, Any]]]:
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    return {key: list(value) for key, value in messages.items() if isinstance(value, list)}


def test_every_export_has_its_type_a_file_name_and_parses(
    server: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    with_plan(ana.client)
    assert send(ana, "strong.csv", WITH_CUSTOM.encode(), unit="kg").status_code == 200
    url = "/api/v1/users/me/export?format={}"

    backup = ana.client.get(url.format("json"))
    assert backup.status_code == 200
    assert backup.headers["content-type"] == "application/json"
    assert backup.headers["content-disposition"].startswith('attachment; filename="backcoach-')
    document = backup.json()
    assert document["format"] == "backcoach-export"
    assert len(document["sessions"]) == 2

    table = ana.client.get(url.format("csv"))
    assert table.headers["content-type"] == "text/csv; charset=utf-8"
    assert table.headers["content-disposition"].endswith('.csv"')
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert len(rows) == 8
    assert {r["Exercise Name"] for r in rows} >= {"Lat Pulldown (Cable)", "Swimming"}

    plan = ana.client.get(url.format("ics"))
    assert plan.headers["content-type"] == "text/calendar; charset=utf-8"
    assert plan.headers["content-disposition"] == 'attachment; filename="backcoach-plan.ics"'
    events = Calendar.from_ical(plan.content).walk("VEVENT")
    assert events
    assert all(str(e["UID"]).endswith("@backcoach") for e in events)

    fit = ana.client.get(url.format("fit") + "&days=7")
    assert fit.status_code == 200, fit.text
    if fit.headers["content-type"] == "application/zip":
        archive = zipfile.ZipFile(io.BytesIO(fit.content))
        files = [archive.read(n) for n in archive.namelist()]
        assert len(files) > 1
        assert all(n.endswith(".fit") for n in archive.namelist())
    else:
        assert fit.headers["content-type"] == "application/vnd.ant.fit"
        files = [fit.content]
    for data in files:
        messages = fit_messages(data)
        assert messages["workout_mesgs"]
        assert messages["workout_step_mesgs"]

    assert ana.client.get(url.format("xml")).status_code == 422


def test_exports_without_a_plan_say_so(server: Server, person: Callable[..., Person]) -> None:
    ana = person()
    for kind in ("ics", "fit"):
        answer = ana.client.get(f"/api/v1/users/me/export?format={kind}")
        assert answer.status_code == 404
        assert "plan" in answer.json()["detail"]


# restore -------------------------------------------------------------------------------


def fresh_server(tmp_path: Path) -> Server:
    url = f"sqlite:///{tmp_path / 'elsewhere.db'}"
    db = open_database(url)
    config = WebConfig(database_url=url, mode="server", upload_dir=tmp_path / "up2")
    return Server(create_app(config, db=db), db, config)


def test_a_backup_restores_into_an_empty_account_elsewhere_keeping_the_account(
    server: Server, person: Callable[..., Person], tmp_path: Path
) -> None:
    ana = person()
    mappings = {"Lat Pulldown (Cable)": "custom", "Face Pull": "custom"}  # one not in the file
    assert send(ana, "s.csv", WITH_CUSTOM.encode(), unit="kg", mappings=mappings).status_code == 200
    document = ana.client.get("/api/v1/users/me/export").json()
    document["user"]["role"] = "admin"
    elsewhere = fresh_server(tmp_path)
    try:
        bea = sign_up(elsewhere)
        answer = bea.client.post("/api/v1/users/me/restore", json=document)
        assert answer.status_code == 201, answer.text
        assert answer.json() == {"user_id": bea.id, "sessions": 2, "sets": 8}
        me = bea.client.get("/api/v1/me").json()["user"]
        assert me["role"] == "athlete"
        assert me["email"] == bea.email
        restored = service.backup(elsewhere.db, bea.id)
        assert [x["id"] for x in restored["sessions"]] == [x["id"] for x in document["sessions"]]
        again = bea.client.post("/api/v1/users/me/restore", json=document)
        assert again.status_code == 409
        assert "already has data" in again.json()["detail"]
        cara = sign_up(elsewhere)
        upload = cara.client.post(
            "/api/v1/users/me/restore",
            files={"file": ("backup.json", json.dumps(document).encode(), "application/json")},
        )
        assert upload.status_code == 409, upload.text  # the same ids are now Bea's
        assert service.backup(elsewhere.db, cara.id)["sessions"] == []
    finally:
        elsewhere.db.close()


def test_a_restore_that_reaches_outside_the_account_is_refused_and_changes_nothing(
    server: Server, person: Callable[..., Person]
) -> None:
    ana, bea = person(), person()
    send(ana, "strong.csv", WITH_CUSTOM.encode(), unit="kg")
    document = ana.client.get("/api/v1/users/me/export").json()
    empty = backup_of(server, bea)
    taken = bea.client.post("/api/v1/users/me/restore", json=document)
    assert taken.status_code == 409, taken.text  # Ana's ids
    foreign = json.loads(json.dumps(document))
    foreign["custom_exercises"] = []
    for x in foreign["sessions"]:
        x["id"] += "-b"
        for e in x["sets"] + x["custom_sets"]:
            e["id"] += "-b"
    reaching = bea.client.post("/api/v1/users/me/restore", json=foreign)
    assert reaching.status_code == 422
    assert "custom exercise" in reaching.json()["detail"]
    for body in (b"", b"{not json", b'{"format": "something"}'):
        bad = bea.client.post(
            "/api/v1/users/me/restore", content=body, headers={"content-type": "application/json"}
        )
        assert bad.status_code == 422, body
    assert backup_of(server, bea) == empty
    assert ana.client.post("/api/v1/users/me/restore", json=document).status_code == 409


# calendar feed -------------------------------------------------------------------------


def test_the_calendar_address_works_without_sign_in_keeps_its_uids_and_stops_when_revoked(
    server: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    with_plan(ana.client)
    made = ana.client.post("/api/v1/me/calendar-feed")
    assert made.status_code == 201
    url = made.json()["url"]
    assert url.startswith("https://testserver/calendar/")
    assert url.endswith(".ics")
    path = url.removeprefix("https://testserver")
    stranger = server.client()
    first, second = stranger.get(path), stranger.get(path)
    assert first.status_code == 200
    assert first.headers["content-type"] == "text/calendar; charset=utf-8"
    uids = [str(e["UID"]) for e in Calendar.from_ical(first.content).walk("VEVENT")]
    assert uids
    assert uids == [
        str(e["UID"]) for e in Calendar.from_ical(second.content).walk() if e.name == "VEVENT"
    ]
    assert len(set(uids)) == len(uids)
    assert first.content == second.content

    newer = ana.client.post("/api/v1/me/calendar-feed").json()["url"]
    assert stranger.get(path).status_code == 404
    assert stranger.get(newer.removeprefix("https://testserver")).status_code == 200
    assert ana.client.delete("/api/v1/me/calendar-feed").status_code == 204
    assert stranger.get(newer.removeprefix("https://testserver")).status_code == 404
    assert ana.client.delete("/api/v1/me/calendar-feed").status_code == 204
    assert stranger.get("/calendar/not-a-token.ics").status_code == 404


def test_a_calendar_address_of_a_person_without_a_plan_is_an_empty_calendar(
    server: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    url = ana.client.post("/api/v1/me/calendar-feed").json()["url"]
    answer = server.client().get(url.removeprefix("https://testserver"))
    assert answer.status_code == 200
    assert Calendar.from_ical(answer.content).walk("VEVENT") == []


# who may ------------------------------------------------------------------------------


def test_coaches_export_but_do_not_import_and_others_find_nothing(
    server: Server, person: Callable[..., Person]
) -> None:
    ana, other, pending, coach = person(), person(), person("coach"), person("coach")
    send(ana, "hevy.csv", METRIC.encode())
    accepted_coach(coach.client, ana.client, ana.email)
    invited = pending.client.post("/api/v1/me/coach-links", json={"athlete_email": ana.email})
    assert invited.status_code == 201
    before = backup_of(server, ana)
    exported = coach.client.get(f"/api/v1/users/{ana.id}/export?format=csv")
    assert exported.status_code == 200
    assert "Swimming" in exported.text
    refused = send(coach, "strong.csv", WITH_CUSTOM.encode(), user=ana.id, unit="kg")
    assert refused.status_code == 403
    restore = coach.client.post(f"/api/v1/users/{ana.id}/restore", json={})
    assert restore.status_code == 403
    for stranger in (other, pending):
        assert stranger.client.get(f"/api/v1/users/{ana.id}/export").status_code == 404
        answer = send(stranger, "strong.csv", WITH_CUSTOM.encode(), user=ana.id, unit="kg")
        assert answer.status_code == 404
        assert ana.id not in answer.text
    assert backup_of(server, ana) == before


def test_changes_by_cookie_need_the_csrf_header(
    server: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    ana.client.headers.pop("X-CSRF-Token")
    before = backup_of(server, ana)
    calls = [
        ana.client.post(IMPORTS.format("me"), files={"file": ("h.csv", METRIC.encode())}),
        ana.client.post("/api/v1/users/me/restore", json={}),
        ana.client.post("/api/v1/me/calendar-feed"),
        ana.client.delete("/api/v1/me/calendar-feed"),
    ]
    assert [c.status_code for c in calls] == [403, 403, 403, 403]
    assert backup_of(server, ana) == before
    assert not service.has_calendar_feed(server.db, ana.id)


def test_an_admin_imports_into_someone_s_log_and_an_unknown_id_is_404(
    server: Server, person: Callable[..., Person]
) -> None:
    ana, admin = person(), person("admin")
    answer = send(admin, "hevy.csv", METRIC.encode(), user=ana.id)
    assert answer.status_code == 200
    assert answer.json()["sets"] == 4
    assert len(backup_of(server, ana)["sessions"]) == 2
    assert send(admin, "hevy.csv", METRIC.encode(), user="nobody").status_code == 404


def test_the_matrix_rows_hold_for_each_caller(
    server: Server, person: Callable[..., Person]
) -> None:
    """These routes' rows of the authorization matrix, checked with its own world and bodies."""
    world = make_world(server, person)
    problems = []
    for key, expected in MATRIX_ROWS.items():
        method, template = key.split(" ", 1)
        for role in ROLES:
            call = prepare(key, world)
            url = template.format(**call.path)
            answer = world.client(role).request(method, url, json=call.json, files=call.files)
            if answer.status_code != expected[role]:
                problems.append(f"{key} as {role}: {answer.status_code}, not {expected[role]}")
    assert not problems, problems
