"""Imports, exports, restore and the calendar subscription: the web side of ``interop``.

Imports take a Strong or Hevy CSV or a FIT activity as a multipart upload and answer with
what was (or, for a dry run, would be) imported. Problems with the file itself (a wrong
format, a bad row, weights without a unit) are 422 answers that name the row or message
at fault; nothing is stored unless the whole file is. The calendar feed itself
(``/calendar/{token}.ics``) is served by the pages, outside the API: its secret address is
its credential.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime, tzinfo
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, Request, Response
from fastapi.datastructures import UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as FormFile

from backcoach.catalog import Catalog
from backcoach.interop import service
from backcoach.interop.errors import BadFile, InteropError, UnitNeeded
from backcoach.interop.service import ImportSummary
from backcoach.store.database import Database
from backcoach.store.errors import NotFound
from backcoach.training.entries import InvalidEntry
from backcoach.training.units import Unit, from_kg, to_kg
from backcoach.web.api.owners import readable, writable
from backcoach.web.api.schemas import ERRORS, Error
from backcoach.web.api.when import time_zone
from backcoach.web.deps import CatalogDep, DbDep, ViewerDep

router = APIRouter(tags=["imports and exports"])

ImportFormat = Literal["strong", "hevy", "fit"]
ExportFormat = Literal["json", "csv", "ics", "fit"]
#: What each export is sent as (FIT: the MIME type registered for it at IANA).
CONTENT_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
    "fit": "application/vnd.ant.fit",
    "zip": "application/zip",
}
UNIT_HINT = (
    "Send unit=kg or unit=lb with the file; 'heaviest' shows its heaviest lifts read both ways."
)


class WeightBothWays(BaseModel):
    """One number of the file read as kilograms and as pounds."""

    kg: float
    lb: float


class HeaviestOut(BaseModel):
    """An exercise's heaviest weight as the file writes it, and what it means in each unit.

    ``if_kg``: the number read as kilograms (shown in kg and lb); ``if_lb``: read as pounds.
    A wrong unit is plain to see: 75 read as lb is 34 kg.
    """

    exercise: str
    value: float
    if_kg: WeightBothWays
    if_lb: WeightBothWays


class SkippedOut(BaseModel):
    """A row (or FIT message) left out, and why."""

    row: int
    reason: str


class UnmappedOut(BaseModel):
    """An exercise name no table knows: its sets, and the closest catalog exercises.

    Unless mapped (``mappings``: ``{"name": "bent-over-row"}``, ``"pull-up/chin-up"`` or
    ``"custom"``), it becomes the person's own exercise; the choice is remembered.
    """

    name: str
    sets: int
    suggestions: list[str]


class ImportSummaryOut(BaseModel):
    """What an import stored (or, for a dry run, would store), and what it left out."""

    format: str = Field(examples=["strong"])
    dry_run: bool
    unit: str | None = Field(description="The unit the file's weights were read in.")
    sessions: int
    sets: int
    swims: int
    custom_sets: int = Field(description="Sets of the person's own (non-catalog) exercises.")
    already_imported: int = Field(description="Sets imported before, left as they are.")
    skipped: list[SkippedOut]
    not_imported: list[str] = Field(description="Parts of the file not imported (a ride).")
    mapped: dict[str, str] = Field(description="Name in the file -> catalog target or custom.")
    unmapped: list[UnmappedOut]
    new_custom_exercises: list[str]
    heaviest: list[HeaviestOut]

    @classmethod
    def of(cls, summary: ImportSummary) -> ImportSummaryOut:
        """The API view of a summary."""
        return cls(
            format=summary.format,
            dry_run=summary.dry_run,
            unit=summary.unit,
            sessions=summary.sessions,
            sets=summary.sets,
            swims=summary.swims,
            custom_sets=summary.custom_sets,
            already_imported=summary.already_imported,
            skipped=[SkippedOut(row=x.row, reason=x.reason) for x in summary.skipped],
            not_imported=list(summary.not_imported),
            mapped=dict(summary.mapped),
            unmapped=[
                UnmappedOut(name=u.name, sets=u.sets, suggestions=list(u.suggestions))
                for u in summary.unmapped
            ],
            new_custom_exercises=list(summary.new_custom_exercises),
            heaviest=heaviest_both_ways(summary.heaviest),
        )


class UnitQuestion(Error):
    """The 422 answer to a file whose weights have no unit: ask again with ``unit``."""

    question: Literal["unit"]
    choices: list[str]
    heaviest: list[HeaviestOut]


class RestoreOut(BaseModel):
    """What a restore wrote."""

    user_id: str
    sessions: int
    sets: int


class CalendarFeedOut(BaseModel):
    """The secret subscription address: shown once, not stored; revoke it to stop it."""

    url: str = Field(examples=["https://backcoach.example/calendar/3q2-...-Xw.ics"])


def heaviest_both_ways(heaviest: list[tuple[str, float]]) -> list[HeaviestOut]:
    """The sanity check: each heaviest lift read as kilograms and as pounds."""
    return [
        HeaviestOut(
            exercise=name,
            value=value,
            if_kg=WeightBothWays(kg=value, lb=round(from_kg(value, Unit.LB), 1)),
            if_lb=WeightBothWays(kg=round(to_kg(value, Unit.LB), 1), lb=value),
        )
        for name, value in heaviest
    ]


def parse_mappings(text: str | None) -> dict[str, str]:
    """The ``mappings`` form field: a JSON object of exercise name -> target."""
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip()
        for k, v in value.items()
    ):
        raise InvalidEntry(
            "The mappings are not a JSON object of exercise names to targets.",
            'For example {"Lat Pulldown (Cable)": "pull-up", "Face Pull": "custom"}.',
        )
    return {k.strip(): v.strip() for k, v in value.items()}


def interop_error(exc: InteropError) -> JSONResponse:
    """A 422 answer for a file backcoach cannot import: the row or message named."""
    body: dict[str, Any] = {"detail": exc.message, "hint": exc.hint, "status": 422}
    if isinstance(exc, UnitNeeded):
        body["hint"] = UNIT_HINT
        body["question"] = "unit"
        body["choices"] = ["kg", "lb"]
        body["heaviest"] = [h.model_dump() for h in heaviest_both_ways(exc.heaviest)]
    return JSONResponse(body, status_code=422)


def read_upload(file: UploadFile) -> bytes:
    """The uploaded file's bytes, refused before reading when over the import limit."""
    if file.size is not None:
        service.check_size(file.size)
    data = file.file.read()
    service.check_size(len(data))
    return data


def run_import(
    db: Database,
    catalog: Catalog,
    owner: str,
    data: bytes,
    *,
    format: str | None,
    unit: str | None,
    mappings: dict[str, str],
    dry_run: bool,
    tz: tzinfo,
) -> ImportSummary:
    """Import (or preview) a file into the owner's log; the pages call this too."""
    return service.import_file(
        db,
        owner,
        data,
        format or None,
        Unit(unit) if unit else None,
        mappings,
        dry_run,
        catalog=catalog,
        tz=tz,
    )


IMPORT_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    413: {"model": Error, "description": "The upload is over the app's size limit."},
    422: {
        "model": UnitQuestion,
        "description": "The file cannot be imported as it is (the row or message at fault is "
        "named), or its weights have no unit (then 'question' is 'unit').",
    },
}


@router.post("/users/{user_id}/imports", response_model=ImportSummaryOut, responses=IMPORT_ERRORS)
def import_history(
    user_id: str,
    viewer: ViewerDep,
    db: DbDep,
    catalog: CatalogDep,
    file: Annotated[
        UploadFile | None, File(description="A Strong or Hevy CSV export, or a FIT activity.")
    ] = None,
    format: Annotated[
        ImportFormat | None, Form(description="Left out, it is found from the file.")
    ] = None,
    unit: Annotated[
        Literal["kg", "lb"] | None,
        Form(description="The unit of the file's weights, when the file does not say."),
    ] = None,
    dry_run: Annotated[bool, Form(description="Count and check only; store nothing.")] = False,
    mappings: Annotated[
        str | None,
        Form(
            max_length=100_000,
            description='JSON: {"name in the file": "bent-over-row" | "pull-up/chin-up" | '
            '"custom"}; remembered for later imports.',
        ),
    ] = None,
    timezone: Annotated[
        str | None,
        Form(
            max_length=64,
            description="IANA zone of the file's local times (default: the server's).",
        ),
    ] = None,
) -> Response | ImportSummaryOut:
    """Import a training history from Strong, Hevy or a Garmin watch, whole or not at all.

    Sets imported before are not added again, so sending the same file twice adds nothing
    the second time. Try ``dry_run`` first: it shows the counts, the rows to be skipped and
    why, the names to map, and the heaviest lifts in both units.
    """
    owner = writable(db, viewer, user_id)
    if file is None:
        return interop_error(
            BadFile("No file was sent.", "Send the export as the multipart field 'file'.")
        )
    chosen = parse_mappings(mappings)
    tz = time_zone(timezone)
    try:
        data = read_upload(file)
        summary = run_import(
            db,
            catalog,
            owner,
            data,
            format=format,
            unit=unit,
            mappings=chosen,
            dry_run=dry_run,
            tz=tz,
        )
    except InteropError as exc:
        return interop_error(exc)
    return ImportSummaryOut.of(summary)


def export_file(
    db: Database,
    owner: str,
    format: str,
    *,
    days: int = 7,
    pool_length_m: float = 25.0,
    tz: tzinfo = UTC,
) -> Response:
    """The owner's data as a download: the body, its type and a file name."""
    today = datetime.now(UTC).date().isoformat()
    if format == "json":
        body, name, kind = service.backup_bytes(db, owner), f"backcoach-{today}.json", "json"
    elif format == "csv":
        body, name, kind = service.export_csv(db, owner, tz=tz), f"backcoach-{today}.csv", "csv"
    elif format == "ics":
        body, name, kind = service.export_ics(db, owner), "backcoach-plan.ics", "ics"
    else:
        workouts = service.export_fit(db, owner, days=days, pool_length_m=pool_length_m)
        if not workouts:
            raise NotFound(
                f"The plan has no session in the next {days} days.", "Ask for more days."
            )
        if len(workouts) == 1:
            body, name, kind = workouts[0].data, workouts[0].name, "fit"
        else:
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for w in workouts:
                    archive.writestr(w.name, w.data)
            body, name, kind = buffer.getvalue(), f"backcoach-workouts-{today}.zip", "zip"
    return Response(
        body,
        media_type=CONTENT_TYPES[kind],
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )


@router.get(
    "/users/{user_id}/export",
    response_class=Response,
    responses={
        **ERRORS,
        200: {
            "description": "The file: a JSON backup, a Strong-layout CSV, the plan as "
            "iCalendar, or FIT workouts (one .fit file, or a zip of several).",
            "content": {t: {} for t in CONTENT_TYPES.values()},
        },
    },
)
def export(
    user_id: str,
    viewer: ViewerDep,
    db: DbDep,
    format: Annotated[ExportFormat, Query(description="json, csv, ics or fit.")] = "json",
    days: Annotated[int, Query(ge=1, le=366, description="fit: the next N days.")] = 7,
    pool_length: Annotated[
        float, Query(ge=10, le=100, description="fit: pool length (m) of swim workouts.")
    ] = 25.0,
    timezone: Annotated[
        str | None, Query(max_length=64, description="csv: IANA zone of the times.")
    ] = None,
) -> Response:
    """Download a person's data: a full backup (json), the log (csv), the plan (ics, fit)."""
    owner = readable(db, viewer, user_id)
    return export_file(
        db, owner, format, days=days, pool_length_m=pool_length, tz=time_zone(timezone)
    )


RESTORE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "The backup document (from export?format=json) as the JSON body, or "
        "as the multipart field 'file' when it is over 1 MB.",
        "content": {
            "application/json": {"schema": {"type": "object"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            },
        },
    }
}


@router.post(
    "/users/{user_id}/restore",
    status_code=201,
    response_model=RestoreOut,
    responses={**ERRORS, 409: {"model": Error, "description": "The log is not empty."}},
    openapi_extra=RESTORE_BODY,
)
async def restore(user_id: str, request: Request, viewer: ViewerDep, db: DbDep) -> Response:
    """Restore a backup into a person's log while it is still empty, whole or not at all.

    The account itself (name, e-mail, role) stays as it is. (An ``async`` route: it reads
    the body as JSON or as a multipart upload, then restores in the thread pool.)
    """
    owner = await run_in_threadpool(writable, db, viewer, user_id)
    data = b""
    if "multipart/form-data" in request.headers.get("content-type", ""):
        form = await request.form()
        upload = form.get("file")
        if isinstance(upload, FormFile):
            data = await upload.read()
    else:
        data = await request.body()
    try:
        if not data.strip():
            raise BadFile("No backup was sent.", "Send the JSON backup as the request body.")
        try:
            document = json.loads(data)
        except (ValueError, RecursionError):
            raise BadFile(
                "The backup is not JSON.", "Send the file 'export?format=json' gave you."
            ) from None
        done = await run_in_threadpool(service.restore, db, document, owner, keep_account=True)
    except InteropError as exc:
        return interop_error(exc)
    out = RestoreOut(user_id=done.user_id, sessions=done.sessions, sets=done.sets)
    return JSONResponse(out.model_dump(), status_code=201)


def feed_url(request: Request, token: str) -> str:
    """The absolute subscription address of a token."""
    return f"{request.base_url}calendar/{token}.ics"


@router.post("/me/calendar-feed", status_code=201, response_model=CalendarFeedOut)
def create_calendar_feed(request: Request, viewer: ViewerDep, db: DbDep) -> CalendarFeedOut:
    """A new secret address for subscribing to your plan in a calendar app.

    It is shown this once. Any earlier address stops working. Anyone who has the address
    can read your plan, so share it with nobody.
    """
    token = service.create_calendar_feed(db, viewer.id)
    return CalendarFeedOut(url=feed_url(request, token))


@router.delete("/me/calendar-feed", status_code=204)
def revoke_calendar_feed(viewer: ViewerDep, db: DbDep) -> None:
    """Stop your calendar subscription address (harmless when there is none)."""
    service.revoke_calendar_feed(db, viewer.id)
