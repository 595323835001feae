"""The "Your data" page: upload, preview (unit question, mapping step), confirm, export and
the calendar subscription, sent as a browser without JavaScript would send them.
"""

from __future__ import annotations

import csv
import io
import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from backcoach.interop import service
from tests.interop.fit_files import activity, strength_part
from tests.interop.test_service import WITH_CUSTOM
from tests.web.conftest import Person, Server
from tests.web.pages.conftest import csrf_of
from tests.web.pages.test_pages import with_plan
from tests.web.test_interop_api import HEVY_PULLDOWN

_PENDING = re.compile(r'action="/data/import/([A-Za-z0-9_-]{22})"')
_FEED = re.compile(r'id="feed-url" type="text" value="([^"]+)"')


def upload(person: Person, name: str, data: bytes, **fields: str) -> Any:
    """Send a file through the page's upload form."""
    form = {"csrf_token": csrf_of(person.client, "/data"), **fields}
    return person.client.post("/data/import", files={"file": (name, data)}, data=form)


def pending_id(page: Any) -> str:
    found = _PENDING.search(page.text)
    assert found, page.text
    return found.group(1)


def confirm(person: Person, pid: str, **fields: str) -> Any:
    form = {"csrf_token": csrf_of(person.client, "/data"), "action": "import", **fields}
    return person.client.post(f"/data/import/{pid}", data=form)


def stored(server: Server, person: Person) -> dict[str, Any]:
    document = service.backup(server.db, person.id)
    document.pop("exported_at")
    return document


def imports_folder(server: Server, person: Person) -> Path:
    return server.config.upload_dir / person.id / "imports"


def test_the_page_has_a_nav_link_forms_with_csrf_and_the_export_links(
    browser: Callable[..., Person],
) -> None:
    page = browser().client.get("/data")
    assert page.status_code == 200
    assert '<a href="/data" aria-current="page">Your data</a>' in page.text
    assert page.text.count('name="csrf_token"') == 3  # upload, calendar, sign out
    for kind in ("json", "csv", "ics", "fit"):
        assert f'href="/data/export/{kind}"' in page.text
    assert 'enctype="multipart/form-data"' in page.text


def test_a_strong_file_goes_through_preview_unit_and_mapping_to_the_summary(
    server: Server, browser: Callable[..., Person]
) -> None:
    ana = browser()
    empty = stored(server, ana)
    preview = upload(ana, "strong.csv", WITH_CUSTOM.encode())
    assert preview.status_code == 200, preview.text
    text = preview.text
    assert "Strong file" in text
    assert "strong.csv" in text
    assert "Are the file's weights in kg or lb?" in text
    assert "75 kg = 165 lb" in text
    assert "75 lb = 34 kg" in text
    assert "<li>2 sessions</li>" in text
    assert "<li>5 sets</li>" in text
    assert "<li>1 swims</li>" in text
    assert "<li>2 sets of your own exercises</li>" in text
    assert 'name="map_name_0" value="Lat Pulldown (Cable)"' in text
    assert '<option value="custom" selected>Keep as my own exercise</option>' in text
    assert '<option value="pull-up/chin-up">' in text
    pid = pending_id(preview)
    assert (imports_folder(server, ana) / pid).read_bytes() == WITH_CUSTOM.encode()
    assert stored(server, ana) == empty

    unanswered = confirm(ana, pid, map_name_0="Lat Pulldown (Cable)", map_to_0="pull-up")
    assert unanswered.status_code == 422
    assert "Say whether the file&#39;s weights are kg or lb." in unanswered.text
    assert stored(server, ana) == empty

    done = confirm(ana, pid, unit="lb", map_name_0="Lat Pulldown (Cable)", map_to_0="pull-up")
    assert done.status_code == 200, done.text
    assert "2 sessions, 7 sets, 1 swims and 0 sets of your own exercises imported" in done.text
    assert "Weights read in lb." in done.text
    assert not (imports_folder(server, ana) / pid).exists()
    document = stored(server, ana)
    assert sum(len(x["sets"]) for x in document["sessions"]) == 8
    assert confirm(ana, pid, unit="lb").status_code == 404

    remembered = upload(ana, "hevy.csv", HEVY_PULLDOWN.encode())
    assert remembered.status_code == 200
    assert "Hevy file" in remembered.text
    assert "map_name_0" not in remembered.text
    assert "kg or lb" not in remembered.text  # Hevy names its unit

    twice = upload(ana, "strong.csv", WITH_CUSTOM.encode())
    again = confirm(ana, pending_id(twice), unit="lb")
    assert "2 sessions" not in again.text
    assert "0 sessions, 0 sets, 0 swims" in again.text
    assert "8 sets were imported before and were left as they are." in again.text
    assert stored(server, ana) == document


def test_the_closest_catalog_exercise_is_preselected_and_keep_as_my_own_remembered(
    server: Server, browser: Callable[..., Person]
) -> None:
    ana = browser()
    renamed = HEVY_PULLDOWN.replace("Lat Pulldown (Cable)", "Chinups (Assisted)")
    preview = upload(ana, "hevy.csv", renamed.encode())
    assert '<option value="pull-up/chin-up" selected>' in preview.text
    assert "closest: pull-up/chin-up" in preview.text
    done = confirm(ana, pending_id(preview), map_name_0="Chinups (Assisted)", map_to_0="custom")
    assert "2 sets of your own exercises imported" in done.text
    assert "New exercise of your own: Chinups (Assisted)" in done.text
    later = upload(ana, "hevy.csv", renamed.replace("Back", "Rücken").encode())
    assert "map_name_0" not in later.text


def test_check_again_previews_the_choices_and_cancel_deletes_the_file(
    server: Server, browser: Callable[..., Person]
) -> None:
    ana = browser()
    pid = pending_id(upload(ana, "strong.csv", WITH_CUSTOM.encode()))
    again = confirm(ana, pid, action="preview", unit="kg", map_name_0="Lat Pulldown (Cable)",
                    map_to_0="bent-over-row")  # fmt: skip
    assert again.status_code == 200
    assert '<option value="bent-over-row" selected>' not in again.text  # mapped now
    assert "<li>7 sets</li>" in again.text
    assert 'value="kg" required checked' in again.text
    gone = confirm(ana, pid, action="cancel")
    assert gone.status_code == 200
    assert gone.url.path == "/data"
    assert not (imports_folder(server, ana) / pid).exists()
    assert stored(server, ana)["sessions"] == []


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary, not a CSV"),
        ("watch.fit", activity(strength_part())[:-40], "cut short"),
        ("strong.csv", WITH_CUSTOM.replace("75,7,0,0", "900,7,0,0").encode(), "Row 4"),
    ],
)
def test_a_bad_file_is_named_on_the_page_and_nothing_is_imported(
    name: str, data: bytes, message: str, server: Server, browser: Callable[..., Person]
) -> None:
    ana = browser()
    page = upload(ana, name, data)
    if "Row 4" in message:  # read as kg the row is impossible; as lb it is fine
        pid = pending_id(page)
        assert page.status_code == 200
        page = confirm(ana, pid, unit="kg")
        assert 'name="unit" value="lb"' in page.text  # the other reading can be chosen
    assert page.status_code == 422
    assert message in page.text
    assert stored(server, ana)["sessions"] == []


def test_an_empty_upload_and_one_over_the_limit_are_refused(
    server: Server, browser: Callable[..., Person]
) -> None:
    ana = browser()
    form = {"csrf_token": csrf_of(ana.client, "/data")}
    empty = ana.client.post("/data/import", data=form)
    assert empty.status_code == 422
    assert "Choose a file" in empty.text
    huge = upload(ana, "big.csv", b"x" * (server.config.max_upload_bytes + 1))
    assert huge.status_code == 413
    assert not imports_folder(server, ana).exists()


def test_every_form_without_its_csrf_token_changes_nothing(
    server: Server, browser: Callable[..., Person]
) -> None:
    ana = browser()
    pid = pending_id(upload(ana, "strong.csv", WITH_CUSTOM.encode()))
    before = stored(server, ana)
    files = {"file": ("strong.csv", WITH_CUSTOM.encode())}
    refused = [
        ana.client.post("/data/import", files=files, data={"csrf_token": "forged"}),
        ana.client.post(f"/data/import/{pid}", data={"unit": "kg", "action": "import"}),
        ana.client.post(f"/data/import/{pid}", data={"action": "cancel", "csrf_token": "x"}),
        ana.client.post("/data/calendar", data={}),
        ana.client.post("/data/calendar/revoke", data={"csrf_token": "forged"}),
    ]
    assert [r.status_code for r in refused] == [403] * 5
    assert all("security token" in r.text for r in refused)
    assert stored(server, ana) == before
    assert [p.name for p in imports_folder(server, ana).iterdir() if p.suffix != ".json"] == [pid]
    assert not service.has_calendar_feed(server.db, ana.id)


def test_another_person_s_upload_id_is_a_404_and_stays_theirs(
    server: Server, browser: Callable[..., Person]
) -> None:
    ana, eve = browser(), browser()
    pid = pending_id(upload(ana, "strong.csv", WITH_CUSTOM.encode()))
    for action in ("import", "cancel", "preview"):
        answer = confirm(eve, pid, unit="kg", action=action)
        assert answer.status_code == 404, action
        assert "not here any more" in answer.text
    assert confirm(eve, "../" + pid[3:], unit="kg").status_code in (404, 405)
    assert (imports_folder(server, ana) / pid).exists()
    assert stored(server, eve)["sessions"] == []
    assert confirm(ana, pid, unit="kg").status_code == 200


def test_uploads_left_for_over_a_day_are_swept_by_the_next_upload(
    server: Server, browser: Callable[..., Person]
) -> None:
    ana, bea = browser(), browser()
    old = pending_id(upload(ana, "strong.csv", WITH_CUSTOM.encode()))
    path = imports_folder(server, ana) / old
    day_ago = time.time() - 24 * 3600 - 60
    os.utime(path, (day_ago, day_ago))
    fresh = pending_id(upload(bea, "strong.csv", WITH_CUSTOM.encode()))
    assert not path.exists()
    assert (imports_folder(server, bea) / fresh).exists()
    assert confirm(ana, old, unit="kg").status_code == 404


def test_exports_download_with_their_types(server: Server, browser: Callable[..., Person]) -> None:
    ana = browser()
    no_plan = ana.client.get("/data/export/ics")
    assert no_plan.status_code == 404
    assert "no plan" in no_plan.text
    with_plan(server, ana)
    confirm(ana, pending_id(upload(ana, "strong.csv", WITH_CUSTOM.encode())), unit="kg")
    table = ana.client.get("/data/export/csv")
    assert table.headers["content-type"] == "text/csv; charset=utf-8"
    assert len(list(csv.DictReader(io.StringIO(table.text)))) == 8
    backup = ana.client.get("/data/export/json")
    assert backup.headers["content-type"] == "application/json"
    assert backup.json()["format"] == "backcoach-export"
    plan = ana.client.get("/data/export/ics")
    assert Calendar.from_ical(plan.content).walk("VEVENT")
    fit = ana.client.get("/data/export/fit")
    assert fit.status_code == 200
    assert fit.headers["content-type"] in ("application/zip", "application/vnd.ant.fit")
    assert ana.client.get("/data/export/xml").status_code == 422


def test_the_calendar_address_is_shown_once_works_signed_out_and_stops_when_revoked(
    server: Server, browser: Callable[..., Person]
) -> None:
    ana = browser()
    with_plan(server, ana)
    made = ana.client.post("/data/calendar", data={"csrf_token": csrf_of(ana.client, "/data")})
    assert made.status_code == 200
    found = _FEED.search(made.text)
    assert found
    assert 'data-copy="feed-url"' in made.text
    assert "shown only once" in made.text
    url = found.group(1)
    reloaded = ana.client.get("/data")
    assert url not in reloaded.text
    assert "An address is active." in reloaded.text
    stranger = server.client()
    path = url.removeprefix("https://testserver")
    feed = stranger.get(path)
    assert feed.status_code == 200
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    uids = [str(e["UID"]) for e in Calendar.from_ical(feed.content).walk("VEVENT")]
    assert uids == [
        str(e["UID"]) for e in Calendar.from_ical(stranger.get(path).content).walk("VEVENT")
    ]
    revoked = ana.client.post(
        "/data/calendar/revoke", data={"csrf_token": csrf_of(ana.client, "/data")}
    )
    assert "revoked" in revoked.text
    assert "An address is active." not in revoked.text
    assert stranger.get(path).status_code == 404


def test_the_local_app_serves_the_page(local: Server) -> None:
    client = local.client()
    page = client.get("/data")
    assert page.status_code == 200
    assert "Import from another app" in page.text
