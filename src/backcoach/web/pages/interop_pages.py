"""Your data: import another app's history (preview, unit, mapping, confirm), export, and
the calendar subscription, plus the subscription feed itself.

An uploaded file is kept on the server between the preview and the confirmation, under
``upload_dir/<person>/imports/<random id>``; the confirmation form carries only that id,
so what is imported is exactly what was previewed. The file is deleted once imported or
cancelled, and files left for more than a day are swept away on the next upload.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, Response, UploadFile
from fastapi.responses import HTMLResponse

from backcoach.catalog import Catalog
from backcoach.interop import service
from backcoach.interop.calendar import plan_calendar
from backcoach.interop.errors import InteropError, UnitNeeded
from backcoach.interop.mapping import CUSTOM
from backcoach.interop.service import ImportSummary
from backcoach.store.database import Database
from backcoach.store.errors import NotFound
from backcoach.web.api.interop import (
    ExportFormat,
    export_file,
    feed_url,
    heaviest_both_ways,
    read_upload,
    run_import,
)
from backcoach.web.api.when import time_zone
from backcoach.web.config import WebConfig
from backcoach.web.deps import CatalogDep, ConfigDep, DbDep, PageViewerDep
from backcoach.web.pages.render import redirect, render
from backcoach.web.security import Viewer, check_csrf

router = APIRouter()

#: A pending upload is kept this long (seconds) for its confirmation.
PENDING_FOR_S = 24 * 3600
_PENDING_ID = re.compile(r"^[A-Za-z0-9_-]{22}$")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,100}$")
#: How many unknown names one preview form maps (more than any real export holds).
MAX_MAPPINGS = 500


# pending uploads ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Pending:
    """An uploaded file waiting for its confirmation."""

    id: str
    path: Path
    filename: str

    def read(self) -> bytes:
        """The file's bytes."""
        return self.path.read_bytes()

    def delete(self) -> None:
        """Remove the file and its note."""
        self.path.unlink(missing_ok=True)
        self.path.with_suffix(".json").unlink(missing_ok=True)


def _folder(config: WebConfig, user_id: str) -> Path:
    return config.upload_dir / user_id / "imports"


def sweep(config: WebConfig, now: float | None = None) -> int:
    """Delete pending imports older than a day (everyone's); how many were deleted."""
    cutoff = (now if now is not None else time.time()) - PENDING_FOR_S
    removed = 0
    for path in config.upload_dir.glob("*/imports/*"):
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += path.suffix != ".json"
        except OSError:
            continue  # gone already, or being written: the next sweep takes it
    return removed


def keep(config: WebConfig, user_id: str, data: bytes, filename: str) -> Pending:
    """Store an upload until it is confirmed."""
    folder = _folder(config, user_id)
    folder.mkdir(parents=True, exist_ok=True)
    pending_id = secrets.token_urlsafe(16)
    path = folder / pending_id
    path.write_bytes(data)
    path.with_suffix(".json").write_text(json.dumps({"filename": filename[:200]}))
    return Pending(pending_id, path, filename[:200])


def pending(config: WebConfig, user_id: str, pending_id: str) -> Pending:
    """The person's pending upload ``pending_id``; NotFound for anyone else's or an old one."""
    path = _folder(config, user_id) / pending_id
    if not _PENDING_ID.match(pending_id) or not path.is_file():
        raise NotFound(
            "This upload is not here any more (imported, cancelled, or over a day old).",
            "Choose the file again.",
        )
    try:
        filename = str(json.loads(path.with_suffix(".json").read_text())["filename"])
    except (OSError, ValueError, KeyError):
        filename = "upload"
    return Pending(pending_id, path, filename)


# the page ----------------------------------------------------------------------------------


def _data_page(
    request: Request,
    viewer: Viewer,
    db: Database,
    config: WebConfig,
    **extra: Any,
) -> HTMLResponse:
    status = extra.pop("status", 200)
    context = {
        "max_mb": config.max_upload_bytes // (1024 * 1024),
        "has_feed": service.has_calendar_feed(db, viewer.id),
        "feed_url": None,
        "error": None,
        **extra,
    }
    return render(request, "data.html", context, viewer=viewer, status=status)


@router.get("/data", response_class=HTMLResponse)
def data_page(request: Request, viewer: PageViewerDep, db: DbDep, config: ConfigDep) -> Response:
    """Import from another app, export everything, subscribe to the plan in a calendar."""
    return _data_page(request, viewer, db, config)


def targets(catalog: Catalog) -> list[tuple[str, str]]:
    """What an unknown name can be mapped to: (value, label) of each exercise and variant."""
    choices: list[tuple[str, str]] = []
    for e in catalog.exercises:
        choices.append((e.id, e.name))
        choices.extend((f"{e.id}/{v.id}", f"{e.name}: {v.name}") for v in e.variants)
    return choices


def _preview(
    request: Request,
    viewer: Viewer,
    db: Database,
    catalog: Catalog,
    upload: Pending,
    *,
    format: str,
    unit: str,
    mappings: dict[str, str],
    error: str = "",
    hint: str = "",
) -> HTMLResponse:
    """The dry run of a pending upload: counts, skips, the unit question, the mapping step."""
    data = upload.read()
    tz = time_zone(None)
    heaviest: list[tuple[str, float]] = []
    unit_needed = False
    summary: ImportSummary | None = None
    try:
        summary = run_import(
            db, catalog, viewer.id, data, format=format, unit=None,
            mappings=mappings, dry_run=True, tz=tz,
        )  # fmt: skip
    except UnitNeeded as needed:
        unit_needed, heaviest = True, needed.heaviest
        # The chosen unit first; without one, counts and names are previewed read as kg
        # (or as lb when kg makes a row impossible): they do not depend on the unit.
        order = [unit] if unit else ["kg", "lb"]
        failed: InteropError | None = None
        for guess in order:
            try:
                summary = run_import(
                    db, catalog, viewer.id, data, format=format, unit=guess,
                    mappings=mappings, dry_run=True, tz=tz,
                )  # fmt: skip
                break
            except InteropError as exc:
                failed = failed or exc
        if summary is None and failed is not None:
            error, hint = error or failed.message, hint or failed.hint
    except InteropError as exc:
        error, hint = exc.message, exc.hint
    status = 422 if error else 200
    unmapped = []
    if summary is not None:
        for u in summary.unmapped[:MAX_MAPPINGS]:
            chosen = mappings.get(u.name) or (u.suggestions[0] if u.suggestions else CUSTOM)
            unmapped.append({"name": u.name, "sets": u.sets, "chosen": chosen,
                             "suggestions": u.suggestions})  # fmt: skip
    return render(
        request,
        "import_preview.html",
        {
            "upload": upload,
            "summary": summary,
            "format": format,
            "unit": unit,
            "unit_needed": unit_needed,
            "heaviest": heaviest_both_ways(heaviest),
            "unmapped": unmapped,
            "targets": targets(catalog),
            "error": error,
            "hint": hint,
        },
        viewer=viewer,
        status=status,
    )


@router.post("/data/import", response_class=HTMLResponse)
def upload_import(
    request: Request,
    viewer: PageViewerDep,
    db: DbDep,
    catalog: CatalogDep,
    config: ConfigDep,
    file: Annotated[UploadFile | None, File()] = None,
    format: Annotated[str, Form(max_length=10)] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    """Keep the uploaded file on the server and show what importing it would do."""
    check_csrf(request, viewer, csrf_token)
    if file is None or not file.filename:
        return _data_page(
            request, viewer, db, config, status=422,
            error="Choose a file to import first.",
        )  # fmt: skip
    try:
        data = read_upload(file)
    except InteropError as exc:
        return _data_page(request, viewer, db, config, status=422, error=exc.message)
    sweep(config)
    upload = keep(config, viewer.id, data, file.filename)
    chosen = format if format in service.FORMATS else ""
    return _preview(request, viewer, db, catalog, upload, format=chosen, unit="", mappings={})


def form_mappings(form: Any) -> dict[str, str]:
    """The mapping step's answers: ``map_name_N`` (the name) and ``map_to_N`` (the target)."""
    chosen: dict[str, str] = {}
    for i in range(MAX_MAPPINGS):
        name, target = form.get(f"map_name_{i}"), form.get(f"map_to_{i}")
        if name is None:
            break
        if isinstance(name, str) and isinstance(target, str) and name.strip() and target:
            chosen[name.strip()[:200]] = target.strip()[:200]
    return chosen


@router.post("/data/import/{pending_id}", response_class=HTMLResponse)
async def confirm_import(
    pending_id: str,
    request: Request,
    viewer: PageViewerDep,
    db: DbDep,
    catalog: CatalogDep,
    config: ConfigDep,
) -> Response:
    """Import the previewed file with the chosen unit and mappings, preview it again, or
    cancel. (``async``: the mapping step's fields are numbered, so the form is read here.)
    """
    from starlette.concurrency import run_in_threadpool

    form = await request.form()
    token = form.get("csrf_token")
    check_csrf(request, viewer, token if isinstance(token, str) else None)
    upload = await run_in_threadpool(pending, config, viewer.id, pending_id)
    action = form.get("action")
    if action == "cancel":
        upload.delete()
        return redirect("/data")
    raw_format, raw_unit = form.get("format"), form.get("unit")
    format = raw_format if raw_format in service.FORMATS else ""
    unit = raw_unit if raw_unit in ("kg", "lb") else ""
    mappings = form_mappings(form)
    if action == "preview":
        return await run_in_threadpool(
            _preview, request, viewer, db, catalog, upload,
            format=format, unit=unit, mappings=mappings,
        )  # fmt: skip
    return await run_in_threadpool(
        _confirm, request, viewer, db, catalog, upload, format, unit, mappings
    )


def _confirm(
    request: Request,
    viewer: Viewer,
    db: Database,
    catalog: Catalog,
    upload: Pending,
    format: str,
    unit: str,
    mappings: dict[str, str],
) -> HTMLResponse:
    try:
        summary = run_import(
            db, catalog, viewer.id, upload.read(), format=format, unit=unit or None,
            mappings=mappings, dry_run=False, tz=time_zone(None),
        )  # fmt: skip
    except UnitNeeded:
        return _preview(
            request, viewer, db, catalog, upload, format=format, unit=unit,
            mappings=mappings, error="Say whether the file's weights are kg or lb.",
            hint="Compare the heaviest lifts below: which reading is right?",
        )  # fmt: skip
    except InteropError as exc:
        return _preview(
            request, viewer, db, catalog, upload, format=format, unit=unit,
            mappings=mappings, error=exc.message, hint=exc.hint,
        )  # fmt: skip
    upload.delete()
    return render(
        request,
        "import_done.html",
        {"summary": summary, "filename": upload.filename},
        viewer=viewer,
    )


@router.get("/data/export/{format}")
def export_download(format: ExportFormat, viewer: PageViewerDep, db: DbDep) -> Response:
    """Download your data: json (a full backup), csv, ics (the plan) or fit (workouts)."""
    return export_file(db, viewer.id, format, tz=time_zone(None))


@router.post("/data/calendar", response_class=HTMLResponse)
def create_feed(
    request: Request,
    viewer: PageViewerDep,
    db: DbDep,
    config: ConfigDep,
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    """Make a new subscription address and show it, this once."""
    check_csrf(request, viewer, csrf_token)
    token = service.create_calendar_feed(db, viewer.id)
    return _data_page(
        request, viewer, db, config, feed_url=feed_url(request, token),
        notice="Calendar address made: copy it now, it is shown only once.",
    )  # fmt: skip


@router.post("/data/calendar/revoke", response_class=HTMLResponse)
def revoke_feed(
    request: Request,
    viewer: PageViewerDep,
    db: DbDep,
    config: ConfigDep,
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    """Stop the subscription address."""
    check_csrf(request, viewer, csrf_token)
    service.revoke_calendar_feed(db, viewer.id)
    return _data_page(
        request, viewer, db, config, notice="Calendar address revoked: it no longer works."
    )


# the subscription feed ---------------------------------------------------------------------


@router.get("/calendar/{token}.ics")
def calendar_feed(token: str, db: DbDep) -> Response:
    """The plan as iCalendar for a calendar app: the secret address is the credential."""
    user_id = service.calendar_feed_user(db, token) if _TOKEN.match(token) else None
    if user_id is None:
        raise NotFound("This calendar address is unknown or was revoked.", "Ask for a new one.")
    try:
        body = service.export_ics(db, user_id)
    except NotFound:  # no plan right now: an empty calendar keeps the subscription alive
        body = plan_calendar(user_id, [], stamp=datetime(2000, 1, 1, tzinfo=UTC))
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={
            "Content-Disposition": 'inline; filename="backcoach.ics"',
            "Cache-Control": "private, max-age=300",
            "Referrer-Policy": "no-referrer",
            "X-Robots-Tag": "noindex",
        },
    )
