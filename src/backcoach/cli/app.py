"""The ``backcoach`` command. Heavy modules (database, catalog) are imported inside commands."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from backcoach.errors import BackcoachError

if TYPE_CHECKING:
    from rich.console import Console

    from backcoach.catalog import Catalog
    from backcoach.store import Database
    from backcoach.training.users import User

app = typer.Typer(
    name="backcoach",
    help="A coach for the small muscles of the back: exercises, training log and more.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    no_args_is_help=False,
)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


class State:
    """What the commands share: the database URL chosen on the command line."""

    database_url: str | None = None


STATE = State()


def console(stderr: bool = False) -> Console:
    """A Rich console (imported on first use)."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, emoji=False)


def can_prompt() -> bool:
    """True when a person can answer questions (a terminal, or tests that stand in for one)."""
    return sys.stdin.isatty() or os.environ.get("BACKCOACH_FORCE_PROMPTS") == "1"


def print_json(data: Any) -> None:
    """Write JSON to standard output."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def catalog() -> Catalog:
    """The validated exercise catalog."""
    from backcoach.catalog import load_catalog

    return load_catalog()


def database() -> Database:
    """The open, up-to-date database."""
    from backcoach.store import open_database

    return open_database(STATE.database_url)


def current_user(db: Database) -> User:
    """The person using the CLI: the local user of the embedded mode."""
    from backcoach.services import ensure_user

    return ensure_user(db)


@app.callback(invoke_without_command=True)
def home(
    ctx: typer.Context,
    json_out: JsonFlag = False,
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database",
            help="Database URL (default: SQLite in your data folder, or $BACKCOACH_DATABASE_URL).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show the exercise library and a summary of your log when run with no command."""
    STATE.database_url = database_url
    if ctx.invoked_subcommand is not None:
        return
    from backcoach.cli import views
    from backcoach.services import summary

    cat = catalog()
    db = database()
    user = current_user(db)
    overview = summary(db, user.id)
    if json_out:
        print_json(
            {
                "exercises": [views.exercise_row_data(e, cat) for e in cat.exercises],
                "log": views.summary_data(overview),
            }
        )
        return
    out = console()
    out.print(f"[bold]backcoach[/bold] \u2014 {cat.about.title}")
    out.print(f"[dim]{cat.about.thesis}[/dim]\n")
    views.show_exercises(out, list(cat.exercises), cat)
    views.show_summary(out, overview, cat, user.load_unit)
    out.print(
        "[dim]More: backcoach exercise NAME \u00b7 backcoach log \u00b7 backcoach history "
        "\u00b7 backcoach pain \u00b7 backcoach --help[/dim]"
    )


@app.command()
def exercises(
    muscle: Annotated[
        str | None, typer.Option(help="Only exercises that work this muscle, e.g. rhomboids.")
    ] = None,
    equipment: Annotated[
        str | None, typer.Option(help="Only exercises (or variants) that use this equipment.")
    ] = None,
    json_out: JsonFlag = False,
) -> None:
    """List the exercises with the muscles they work and the equipment they need."""
    from backcoach.cli import views

    cat = catalog()
    chosen = cat.select(muscle, equipment)
    if json_out:
        print_json([views.exercise_row_data(e, cat) for e in chosen])
        return
    out = console()
    if not chosen:
        out.print("No exercise matches those filters.")
        return
    views.show_exercises(out, chosen, cat)


@app.command()
def exercise(
    name: Annotated[str, typer.Argument(help="Exercise name or alias, e.g. row or pull-up.")],
    svg: Annotated[
        Path | None, typer.Option(help="Write a muscle map of the exercise to this SVG file.")
    ] = None,
    json_out: JsonFlag = False,
) -> None:
    """Show one exercise: the article's words, setup, steps, cues, muscles, faults, variants."""
    from backcoach.cli import views

    cat = catalog()
    ex, variant = cat.resolve(name)
    if svg is not None:
        write_muscle_map(svg, ex, cat)
    if json_out:
        data = ex.model_dump(mode="json")
        if variant is not None:
            data["matched_variant"] = variant.id
        print_json(data)
        return
    out = console()
    if variant is not None:
        out.print(f"[dim]'{name}' is a variant of {ex.name}: {variant.name}.[/dim]")
    views.show_exercise(out, ex, cat)
    if svg is not None:
        out.print(f"\nMuscle map written to [bold]{svg}[/bold].")


def write_muscle_map(path: Path, ex: Any, cat: Catalog) -> None:
    """Draw the exercise's muscle shares into an SVG file."""
    from backcoach.catalog.muscle_map import render_muscle_map

    picture = render_muscle_map(
        ex.muscle_shares(),
        title=f"{ex.name}: share of the work",
        labels={m.id: m.name for m in cat.muscles},
    )
    try:
        path.write_text(picture, encoding="utf-8")
    except OSError as exc:
        raise BackcoachError(
            f"Cannot write the muscle map to {path}: {exc.strerror}.",
            "Choose a folder you can write to.",
        ) from exc


@app.command()
def log(
    exercise_name: Annotated[
        str | None, typer.Argument(metavar="EXERCISE", help="Exercise, e.g. row.")
    ] = None,
    sets: Annotated[
        str | None,
        typer.Argument(help="Sets in one line: 3x8@60kg, 8,8,6@135lb, 3x15, 30min, 1500m/30min."),
    ] = None,
    rpe: Annotated[float | None, typer.Option(help="Effort, 1-10 (RPE).")] = None,
    rir: Annotated[int | None, typer.Option(help="Effort as reps in reserve, 0-10.")] = None,
    variant: Annotated[str | None, typer.Option(help="Variant, e.g. chin-up.")] = None,
    side: Annotated[str, typer.Option(help="both, left or right.")] = "both",
    kind: Annotated[str, typer.Option(help="normal, warmup, failure or dropset.")] = "normal",
    notes: Annotated[str, typer.Option(help="A note for these sets.")] = "",
    date: Annotated[
        str | None, typer.Option(help="When: 'yesterday', 2026-11-20 or '2026-11-20 18:30'.")
    ] = None,
    set_id: Annotated[
        str | None,
        typer.Option("--id", help="Your id for these sets; logging the same id again stores once."),
    ] = None,
    json_out: JsonFlag = False,
) -> None:
    """Log sets, in one line (backcoach log row 3x8@60kg --rpe 8) or by answering prompts."""
    from backcoach.cli import views
    from backcoach.cli.prompts import ask_log
    from backcoach.cli.when import parse_when
    from backcoach.services import log_sets
    from backcoach.training.entries import SetKind, Side
    from backcoach.training.set_spec import parse_set_spec

    cat = catalog()
    side_value = _choice("side", side, Side)
    kind_value = _choice("set kind", kind, SetKind)
    when = parse_when(date) if date else None
    if exercise_name is None or sets is None:
        if not can_prompt():
            raise BackcoachError(
                "No exercise or sets given, and there is no terminal to ask.",
                "Use the one-line form: backcoach log row 3x8@60kg --rpe 8",
            )
        entries = ask_log(cat, exercise_name, sets, rpe, rir)
    else:
        entries = [(exercise_name, sets, rpe, rir)]
    db = database()
    user = current_user(db)
    results = []
    # Check every line before storing any, so a bad line changes nothing.
    checked = []
    for name, line, effort, reserve in entries:
        ex, matched = cat.resolve(name)
        chosen = ex.variant(variant) if variant else matched
        spec = parse_set_spec(line)
        check_spec_fits(ex, spec)
        checked.append((ex, chosen, spec, effort, reserve))
    for ex, chosen, spec, effort, reserve in checked:
        results.append(
            log_sets(
                db,
                user.id,
                spec,
                exercise_id=ex.id,
                variant_id=chosen.id if chosen else None,
                rpe=effort,
                rir=reserve,
                side=side_value,
                kind=kind_value,
                notes=notes,
                client_id=set_id,
                when=when,
            )
        )
    progressed = progress_sessions(db, cat, user.id, [r.session.id for r in results])
    if json_out:
        print_json([views.logged_data(r) for r in results])
        return
    out = console()
    for r in results:
        views.show_logged(out, r, cat, user.load_unit)
    from backcoach.cli.coaching_commands import show_progress

    show_progress(out, progressed, cat, user.load_unit)


def progress_sessions(
    db: Database, cat: Catalog, user_id: str, session_ids: list[str]
) -> list[Any]:
    """Run progression over the sessions just logged to (nothing happens without a plan)."""
    from backcoach.coaching import after_session

    results = []
    for session_id in dict.fromkeys(session_ids):
        results.extend(after_session(db, user_id, cat, session_id))
    return results


def check_spec_fits(ex: Any, spec: Any) -> None:
    """Swims are logged by time or distance; strength exercises by reps."""
    if ex.kind == "swim" and spec.reps:
        raise BackcoachError(
            f"{ex.name} is logged by time or distance, not reps.",
            "For example: backcoach log swimming 30min or 1500m/30min",
        )
    if ex.kind != "swim" and not spec.reps:
        raise BackcoachError(
            f"{ex.name} is logged in reps.", f"For example: backcoach log {ex.id} 3x8@40kg"
        )


def _choice(what: str, value: str, enum: Any) -> Any:
    from backcoach.naming import lookup, normalise

    table = {normalise(m.value): m for m in enum}
    return lookup(what, value, table, lambda m: m.value)


@app.command()
def history(
    exercise_name: Annotated[
        str | None, typer.Option("--exercise", help="Only this exercise.")
    ] = None,
    days: Annotated[int | None, typer.Option(min=1, help="Only the last N days.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many sessions.")] = 20,
    json_out: JsonFlag = False,
) -> None:
    """Show your logged sessions, newest first."""
    from datetime import timedelta

    from backcoach.cli import views
    from backcoach.services import history as load_history
    from backcoach.training.entries import utc_now

    cat = catalog()
    exercise_id = cat.exercise(exercise_name).id if exercise_name else None
    db = database()
    user = current_user(db)
    since = utc_now() - timedelta(days=days) if days else None
    items = load_history(db, user.id, since=since, exercise_id=exercise_id, limit=limit)
    if json_out:
        print_json(views.history_data(items))
        return
    views.show_history(console(), items, cat, user.load_unit)


@app.command()
def pain(
    score: Annotated[int, typer.Argument(help="Pain from 0 (none) to 10 (worst imaginable).")],
    region: Annotated[str, typer.Option(help="Where: neck, upper-back, lower-back, ...")],
    exercise_name: Annotated[
        str | None, typer.Option("--exercise", help="The exercise it came with, if any.")
    ] = None,
    notes: Annotated[str, typer.Option(help="What it feels like.")] = "",
    symptom: Annotated[
        list[str] | None,
        typer.Option(
            help="A red-flag symptom with the pain (repeatable): numbness, tingling, weakness, "
            "bladder-bowel, night-pain, after-fall."
        ),
    ] = None,
    date: Annotated[str | None, typer.Option(help="When, if not now.")] = None,
    json_out: JsonFlag = False,
) -> None:
    """Record pain (0-10) in a body region, and any red-flag symptom that came with it."""
    from backcoach.cli import views
    from backcoach.cli.when import parse_when
    from backcoach.services import record_pain
    from backcoach.training.entries import InvalidEntry, Symptom

    symptoms = tuple(_choice("symptom", x, Symptom) for x in symptom or [])
    if not 0 <= score <= 10:
        raise InvalidEntry(
            f"Pain {score} is outside 0-10.", "Rate pain from 0 (none) to 10 (worst imaginable)."
        )
    cat = catalog()
    where = cat.region(region)
    exercise_id = cat.exercise(exercise_name).id if exercise_name else None
    when = parse_when(date) if date else None
    db = database()
    user = current_user(db)
    entry = record_pain(
        db,
        user.id,
        score,
        where.id,
        exercise_id=exercise_id,
        notes=notes,
        when=when,
        symptoms=symptoms,
    )
    from backcoach.coaching import after_pain

    progressed = after_pain(db, user.id, cat, entry)
    if json_out:
        print_json(views.pain_data(entry))
        return
    out = console()
    out.print(f"[green]\u2713[/green] Pain {score}/10 in the {where.name.lower()} recorded.")
    from backcoach.cli.coaching_commands import show_progress

    show_progress(out, progressed, cat, user.load_unit)
    if any(r.adjustment.see_clinician for r in progressed):
        return
    if symptoms or (score >= 7 and where.back_or_shoulder):
        out.print(
            "[bold red]Stop training the back and see a clinician: "
            + ("a red-flag symptom" if symptoms else "pain of 7/10 or more")
            + " needs a professional look.[/bold red]"
        )
    elif score >= 7:
        out.print("[bold red]Pain of 7/10 or more: see a clinician about it.[/bold red]")
    elif score >= 4:
        out.print("[yellow]Pain of 4/10 or more: ease off the exercise that brings it on.[/yellow]")


@app.command()
def weight(
    value: Annotated[float, typer.Argument(help="Your body weight.")],
    unit: Annotated[str | None, typer.Option(help="kg or lb (default: your unit).")] = None,
    json_out: JsonFlag = False,
) -> None:
    """Record your body weight."""
    from backcoach.services import record_body_weight
    from backcoach.training.units import format_load, parse_unit, to_kg

    db = database()
    user = current_user(db)
    chosen = parse_unit(unit) if unit else user.load_unit
    entry = record_body_weight(db, user.id, to_kg(value, chosen))
    if json_out:
        print_json({"id": entry.id, "weight_kg": entry.weight_kg})
        return
    console().print(f"[green]\u2713[/green] Body weight {format_load(entry.weight_kg, chosen)}.")


@app.command()
def settings(
    unit: Annotated[str | None, typer.Option(help="Show loads in kg or lb.")] = None,
    json_out: JsonFlag = False,
) -> None:
    """Show or change your settings."""
    from backcoach.services import set_unit
    from backcoach.store import resolve_url
    from backcoach.store.database import describe
    from backcoach.training.units import parse_unit

    db = database()
    user = current_user(db)
    if unit:
        user = set_unit(db, user.id, parse_unit(unit))
    data = {"name": user.name, "unit": user.unit, "database": describe(resolve_url(db.url))}
    if json_out:
        print_json(data)
        return
    out = console()
    for key, val in data.items():
        out.print(f"[bold]{key}[/bold]: {val}")


def strain_now(db: Database, cat: Catalog, user_id: str) -> Any:
    """The strain monitor's answer for today."""
    from backcoach.services import strain_today

    return strain_today(db, cat, user_id)


@app.command()
def status(json_out: JsonFlag = False) -> None:
    """How your training load compares with what your back muscles are used to (ACWR)."""
    from backcoach.cli import coaching_views

    cat = catalog()
    db = database()
    user = current_user(db)
    result = strain_now(db, cat, user.id)
    if json_out:
        from backcoach.documents import status_data

        print_json(status_data(result))
        return
    coaching_views.show_status(console(), result)


def _register_vision_commands() -> None:
    from backcoach.cli import coaching_commands, custom_commands, interop_commands, vision_commands

    app.command()(coaching_commands.profile)
    app.command()(coaching_commands.plan)
    app.command()(coaching_commands.today)
    app.command()(coaching_commands.resume)
    app.command("analyze")(vision_commands.analyze)
    app.command("live")(vision_commands.live)
    app.command("import")(interop_commands.import_file)
    app.command("export")(interop_commands.export)
    app.command("custom")(custom_commands.custom)
    from backcoach.cli import server_commands

    app.command("serve")(server_commands.serve)
    app.command("worker")(server_commands.worker)
    app.add_typer(server_commands.user_app, name="user")


_register_vision_commands()


def main() -> None:
    """Entry point: run the app and turn errors into messages, never tracebacks."""
    try:
        app()
    except BackcoachError as exc:
        report_error(exc.message, exc.hint)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.stderr.write("\nStopped; nothing more was stored.\n")
        sys.exit(130)
    except Exception as exc:  # an unexpected failure: say so plainly, keep the details
        if os.environ.get("BACKCOACH_DEBUG"):
            raise
        report_error(
            f"backcoach hit an unexpected problem: {type(exc).__name__}: {exc}",
            "Nothing was stored by the failed step. Run again with BACKCOACH_DEBUG=1 "
            "to see the details, and please report it.",
        )
        sys.exit(70)


def report_error(message: str, hint: str) -> None:
    """Print an error and what to do about it on standard error."""
    err = console(stderr=True)
    err.print(f"[bold red]Error:[/bold red] {message}", soft_wrap=True)
    if hint:
        err.print(hint, soft_wrap=True)
