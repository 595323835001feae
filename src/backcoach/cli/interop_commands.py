"""``backcoach import`` and ``backcoach export``: other apps' histories in, your data out.

Heavy modules (the database, the FIT SDK, the parsers) are imported inside the commands,
so the rest of the CLI starts as fast as before.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from backcoach.errors import BackcoachError

if TYPE_CHECKING:
    from rich.console import Console

    from backcoach.interop.service import ImportSummary

Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
LB_IN_KG = 0.45359237


def local_zone() -> tzinfo:
    """The time zone of this computer (dates in CSV files are local times)."""
    return datetime.now().astimezone().tzinfo or UTC


def _read(path: Path) -> bytes:
    from backcoach.interop.service import check_size

    try:
        check_size(path.stat().st_size)
        return path.read_bytes()
    except FileNotFoundError:
        raise BackcoachError(f"There is no file {path}.", "Check the path.") from None
    except IsADirectoryError:
        raise BackcoachError(f"{path} is a folder, not a file.", "Name the file.") from None
    except OSError as exc:
        raise BackcoachError(f"Cannot read {path}: {exc.strerror}.", "Check the file.") from None


def _sanity(out: Console, heaviest: list[tuple[str, float]]) -> None:
    """The heaviest lifts read both ways, so a wrong unit is plain to see."""
    if not heaviest:
        return
    out.print("[bold]Heaviest lifts in the file[/bold] (if kg / if lb):")
    for name, value in heaviest:
        out.print(
            f"  {name}: {value:g} kg = {value / LB_IN_KG:.0f} lb  /  "
            f"{value:g} lb = {value * LB_IN_KG:.1f} kg"
        )


def summary_data(summary: ImportSummary) -> dict[str, Any]:
    """An import summary as JSON-ready data."""
    return {
        "format": summary.format,
        "dry_run": summary.dry_run,
        "unit": summary.unit,
        "sessions": summary.sessions,
        "sets": summary.sets,
        "swims": summary.swims,
        "custom_sets": summary.custom_sets,
        "already_imported": summary.already_imported,
        "skipped": [{"row": x.row, "reason": x.reason} for x in summary.skipped],
        "not_imported": summary.not_imported,
        "mapped": summary.mapped,
        "unmapped": [
            {"name": u.name, "sets": u.sets, "suggestions": list(u.suggestions)}
            for u in summary.unmapped
        ],
        "new_custom_exercises": summary.new_custom_exercises,
        "heaviest": [{"exercise": n, "weight": w} for n, w in summary.heaviest],
    }


def _show(out: Console, summary: ImportSummary) -> None:
    verb = "Would import" if summary.dry_run else "Imported"
    out.print(
        f"[green]\u2713[/green] {verb} {summary.sessions} sessions: {summary.sets} sets, "
        f"{summary.swims} swims, {summary.custom_sets} sets of your own exercises."
    )
    if summary.already_imported:
        out.print(
            f"{summary.already_imported} sets were imported before and were left as they are."
        )
    for name in summary.new_custom_exercises:
        out.print(f"New exercise of your own: {name}")
    if summary.skipped:
        out.print(f"[yellow]{len(summary.skipped)} rows skipped:[/yellow]")
        for x in summary.skipped[:20]:
            out.print(f"  row {x.row}: {x.reason}")
        if len(summary.skipped) > 20:
            out.print(f"  ... and {len(summary.skipped) - 20} more (see --json)")
    for part in summary.not_imported:
        out.print(f"[yellow]Not imported:[/yellow] {part}")


def _ask_unit(out: Console, heaviest: list[tuple[str, float]]) -> Any:
    from rich.prompt import Prompt

    from backcoach.training.units import parse_unit

    _sanity(out, heaviest)
    answer = Prompt.ask("Are the file's weights in kg or lb?", choices=["kg", "lb"])
    return parse_unit(answer)


def _ask_mappings(out: Console, summary: ImportSummary) -> dict[str, str]:
    from rich.prompt import Prompt

    chosen: dict[str, str] = {}
    for u in summary.unmapped:
        hint = ", ".join(u.suggestions) if u.suggestions else "no close match"
        out.print(f"'{u.name}' ({u.sets} sets) is not in the catalog; closest: {hint}.")
        answer = Prompt.ask(
            "Map it to an exercise (e.g. row, pull-up/chin-up) or keep it as your own",
            default="custom",
        )
        chosen[u.name] = answer.strip() or "custom"
    return chosen


def import_file(
    file: Annotated[Path, typer.Argument(help="A Strong or Hevy CSV export, or a FIT activity.")],
    format: Annotated[
        str | None, typer.Option("--format", help="strong, hevy or fit (found out when left out).")
    ] = None,
    unit: Annotated[
        str | None, typer.Option(help="kg or lb: the unit of the file's weights, if it has none.")
    ] = None,
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="NAME=EXERCISE for a name not in the catalog (repeatable), e.g. "
            "'Lat Pulldown (Cable)=pull-up' or 'Face Pull=custom'.",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be imported; store nothing.")
    ] = False,
    json_out: Json = False,
) -> None:
    """Import a training history from Strong, Hevy or a Garmin watch (all or nothing)."""
    from backcoach.cli.app import can_prompt, console, current_user, database
    from backcoach.interop.errors import UnitNeeded
    from backcoach.interop.service import import_file as run_import
    from backcoach.training.units import parse_unit

    data = _read(file)
    chosen_unit = parse_unit(unit) if unit else None
    mappings: dict[str, str] = {}
    for item in mapping or []:
        name, sep, target = item.rpartition("=")
        if not sep or not name.strip():
            raise BackcoachError(
                f"'{item}' is not NAME=EXERCISE.", "For example: --map 'Face Pull=custom'"
            )
        mappings[name.strip()] = target.strip()
    db = database()
    user = current_user(db)
    tz = local_zone()
    out = console()
    interactive = can_prompt() and not json_out

    def attempt(dry: bool) -> ImportSummary:
        return run_import(db, user.id, data, format, chosen_unit, mappings, dry, tz=tz)

    try:
        preview = attempt(True)
    except UnitNeeded as needed:
        if not interactive:
            _sanity(console(stderr=True), needed.heaviest)
            raise
        chosen_unit = _ask_unit(out, needed.heaviest)
        preview = attempt(True)
    if interactive and preview.unmapped:
        mappings.update(_ask_mappings(out, preview))
        preview = attempt(True)
    if chosen_unit is not None and not json_out:
        _sanity(out, preview.heaviest)
    result = preview if dry_run else attempt(False)
    if json_out:
        sys.stdout.write(json.dumps(summary_data(result), indent=2, ensure_ascii=False) + "\n")
        return
    _show(out, result)


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise BackcoachError(
            f"Cannot write {path}: {exc.strerror}.", "Choose a folder you can write to."
        ) from exc


def export(
    format: Annotated[
        str, typer.Option("--format", help="json (a full backup), csv (Strong layout), ics or fit.")
    ] = "json",
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Write to this file (a folder for fit) instead of the screen."),
    ] = None,
    days: Annotated[
        int, typer.Option(min=1, help="fit: the plan's sessions of the next N days.")
    ] = 7,
    pool_length: Annotated[
        float, typer.Option(help="fit: pool length in metres for swim workouts.")
    ] = 25.0,
    json_out: Json = False,
) -> None:
    """Export your data: a full JSON backup, a Strong-layout CSV, the plan as a calendar or FIT."""
    from backcoach.cli.app import console, current_user, database
    from backcoach.interop import service

    chosen = format.lower()
    if chosen not in service.EXPORT_FORMATS:
        raise BackcoachError(
            f"Unknown export format '{format}'.", "Use --format json, csv, ics or fit."
        )
    db = database()
    user = current_user(db)
    if chosen == "fit":
        workouts = service.export_fit(db, user.id, days=days, pool_length_m=pool_length)
        if out is None:
            raise BackcoachError(
                "FIT workouts are files; name a folder for them.", "Add --out FOLDER."
            )
        if not workouts:
            raise BackcoachError(
                f"The plan has no session in the next {days} days.", "Try a larger --days."
            )
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for w in workouts:
            _write(out / w.name, w.data)
            written.append(str(out / w.name))
        if json_out:
            sys.stdout.write(json.dumps({"written": written}, indent=2) + "\n")
        else:
            console().print(f"[green]\u2713[/green] {len(written)} FIT workouts written to {out}.")
        return
    sessions = None
    if chosen == "json":
        document = service.backup(db, user.id)
        sessions = len(document["sessions"])
        data = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    elif chosen == "csv":
        data = service.export_csv(db, user.id, tz=local_zone())
    else:
        data = service.export_ics(db, user.id, user.load_unit)
    if out is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    _write(out, data)
    if json_out:
        sys.stdout.write(json.dumps({"written": str(out), "sessions": sessions}) + "\n")
    elif sessions is not None:
        console().print(f"[green]\u2713[/green] Exported {sessions} sessions to {out}.")
    else:
        console().print(f"[green]\u2713[/green] Exported to {out}.")
