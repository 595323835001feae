"""``backcoach profile``, ``plan``, ``today`` and ``resume``: the coaching engine's commands."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from backcoach.errors import BackcoachError
from backcoach.training.units import Unit

if TYPE_CHECKING:
    from rich.console import Console

    from backcoach.catalog import Catalog
    from backcoach.coaching import Progressed
    from backcoach.planning import Program, Session

Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
EXPERIENCE = ("novice", "intermediate", "advanced")
GOALS = ("prevention", "return-from-strain", "strength", "muscle")
LIMITATIONS = ("none", "painful-shoulder", "low-back")


def _split(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or []:
        out.extend(p.strip() for p in v.replace(";", ",").split(",") if p.strip())
    return out


def _weights(values: list[str] | None, cat: Catalog) -> dict[str, float]:
    from backcoach.training.set_spec import parse_set_spec
    from backcoach.training.units import Unit, to_kg

    out: dict[str, float] = {}
    for item in values or []:
        name, sep, amount = item.partition("=")
        if not sep:
            raise BackcoachError(
                f"Cannot read the working weight '{item}'.",
                "Write it as EXERCISE=LOAD, e.g. --weight row=60kg.",
            )
        spec = parse_set_spec(f"1@{amount.strip()}")
        if spec.load is None:
            raise BackcoachError(f"No load in '{item}'.", "For example --weight row=60kg.")
        out[cat.exercise(name).id] = round(to_kg(spec.load, spec.unit or Unit.KG), 3)
    return out


def _ask_profile(cat: Catalog, current: dict[str, Any]) -> dict[str, Any]:
    from rich.prompt import IntPrompt, Prompt

    from backcoach.cli.app import console

    out = console()
    out.print("[bold]Your training profile[/bold] (Enter keeps the value in brackets)")
    data = dict(current)
    data["experience"] = Prompt.ask(
        "Experience", choices=list(EXPERIENCE), default=current.get("experience", "novice")
    )
    equipment = ", ".join(cat.equipment_ids())
    out.print(f"[dim]Equipment: {equipment}[/dim]")
    data["equipment"] = _split(
        [
            Prompt.ask(
                "Your equipment (comma-separated)",
                default=", ".join(current.get("equipment", ["dumbbells", "pull-up-bar"])),
            )
        ]
    )
    data["days_per_week"] = IntPrompt.ask(
        "Training days per week (2-6)", default=current.get("days_per_week", 3)
    )
    data["minutes_per_session"] = IntPrompt.ask(
        "Minutes per session", default=current.get("minutes_per_session", 45)
    )
    data["goal"] = Prompt.ask(
        "Goal", choices=list(GOALS), default=current.get("goal", "prevention")
    )
    limits = Prompt.ask(
        "Limitations (none, painful-shoulder, low-back; comma-separated)",
        default=", ".join(current.get("limitations", [])) or "none",
    )
    data["limitations"] = [x for x in _split([limits]) if x != "none"]
    pullups = Prompt.ask(
        "How many strict pull-ups can you do in one set? (blank if you don't know)",
        default=str(current.get("baselines", {}).get("max_pullups") or ""),
    )
    baselines = dict(current.get("baselines", {}))
    if pullups.strip():
        try:
            baselines["max_pullups"] = int(pullups)
        except ValueError:
            raise BackcoachError(
                f"'{pullups}' is not a number of pull-ups.",
                "Give a whole number, or leave it blank.",
            ) from None
    data["baselines"] = baselines
    return data


def profile(
    experience: Annotated[
        str | None, typer.Option(help="novice, intermediate or advanced.")
    ] = None,
    equipment: Annotated[
        list[str] | None, typer.Option(help="What you have, e.g. dumbbells,pull-up-bar,pool.")
    ] = None,
    days: Annotated[int | None, typer.Option(help="Training days per week, 2-6.")] = None,
    weekdays: Annotated[
        list[str] | None, typer.Option(help="Which days, e.g. monday,wednesday,friday.")
    ] = None,
    minutes: Annotated[int | None, typer.Option(help="Minutes per session.")] = None,
    goal: Annotated[
        str | None, typer.Option(help="prevention, return-from-strain, strength or muscle.")
    ] = None,
    limitation: Annotated[
        list[str] | None, typer.Option(help="painful-shoulder, low-back, or none (repeatable).")
    ] = None,
    max_pullups: Annotated[
        int | None, typer.Option(help="Strict pull-ups you can do in one set.")
    ] = None,
    weight: Annotated[
        list[str] | None, typer.Option(help="A working weight, e.g. row=60kg (repeatable).")
    ] = None,
    body_weight: Annotated[float | None, typer.Option(help="Your body weight in kg.")] = None,
    barbell_increment: Annotated[
        float | None, typer.Option(help="Smallest step your plates make on a barbell, kg.")
    ] = None,
    dumbbell_step: Annotated[
        float | None, typer.Option(help="Step between your dumbbells, kg.")
    ] = None,
    start: Annotated[str | None, typer.Option(help="First day of the plan (YYYY-MM-DD).")] = None,
    weeks: Annotated[int | None, typer.Option(help="Length of the plan in weeks.")] = None,
    deload_every: Annotated[int | None, typer.Option(help="A lighter week every N weeks.")] = None,
    edit: Annotated[bool, typer.Option("--edit", help="Answer the questions again.")] = False,
    json_out: Json = False,
) -> None:
    """Show or set your training profile: experience, equipment, days, minutes, goal, limits."""
    from backcoach.cli.app import (
        can_prompt,
        catalog,
        console,
        current_user,
        database,
        print_json,
    )
    from backcoach.coaching import load_profile, save_profile
    from backcoach.planning import parse_profile

    cat = catalog()
    db = database()
    user = current_user(db)
    existing = load_profile(db, user.id, cat)
    data: dict[str, Any] = existing.model_dump(mode="json") if existing else {}
    data.setdefault("start_date", date.today().isoformat())
    flags = {
        "experience": experience,
        "days_per_week": days,
        "minutes_per_session": minutes,
        "goal": goal,
        "barbell_increment_kg": barbell_increment,
        "dumbbell_step_kg": dumbbell_step,
        "start_date": start,
        "weeks": weeks,
        "deload_every": deload_every,
    }
    changed: dict[str, Any] = {k: v for k, v in flags.items() if v is not None}
    if equipment is not None:
        changed["equipment"] = _split(equipment)
    if weekdays is not None:
        changed["weekdays"] = [d.lower() for d in _split(weekdays)]
    if limitation is not None:
        changed["limitations"] = _split(limitation)
    baselines = dict(data.get("baselines") or {})
    if max_pullups is not None:
        baselines["max_pullups"] = max_pullups
    if body_weight is not None:
        baselines["body_weight_kg"] = body_weight
    if weight:
        baselines["working_weights_kg"] = {
            **baselines.get("working_weights_kg", {}),
            **_weights(weight, cat),
        }
    changed_baselines = baselines != (data.get("baselines") or {})
    if changed or changed_baselines:
        data.update(changed)
        data["baselines"] = baselines
        result = parse_profile(data, catalog=cat)
        save_profile(db, user.id, result)
    elif existing is None or edit:
        if not can_prompt():
            raise BackcoachError(
                "You have no training profile yet, and there is no terminal to ask.",
                "Give it as flags, e.g. backcoach profile --equipment dumbbells,pull-up-bar "
                "--days 3 --minutes 40",
            )
        result = parse_profile(_ask_profile(cat, data), catalog=cat)
        save_profile(db, user.id, result)
    else:
        result = existing
    if json_out:
        print_json(result.model_dump(mode="json"))
        return
    out = console()
    shown = result.model_dump(mode="json")
    for key, value in shown.items():
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value) or "-"
        out.print(f"[bold]{key.replace('_', ' ')}[/bold]: {value}")
    out.print("[dim]Make a plan from it: backcoach plan --new[/dim]")


def _session_lines(session: Session, unit: Unit) -> str:
    return "\n".join(session.describe(unit))


def show_program(out: Console, program: Program, weeks: int | None, unit: Unit) -> None:
    """The plan week by week, with what was chosen and left out, and why."""
    from rich.table import Table

    out.print("[bold]Your plan[/bold]")
    for choice in program.choices:
        new = "" if choice.accustomed else " [dim](new to you: starts light)[/dim]"
        out.print(f"  \u2713 {choice.name}{new}")
        for reason in choice.reasons[:2]:
            out.print(f"    [dim]{reason}[/dim]")
    for left in program.left_out:
        out.print(f"  \u2717 {left.name}: {left.reason} {left.unlock}".rstrip())
    table = Table(title="Week by week", title_justify="left", show_lines=True)
    table.add_column("Week", no_wrap=True)
    table.add_column("Day", no_wrap=True)
    table.add_column("Exercises")
    table.add_column("Min", justify="right")
    for week in program.weeks[:weeks]:
        label = f"{week.number}" + (" deload" if week.deload else "")
        first = True
        for session in week.sessions:
            table.add_row(
                label if first else "",
                f"{session.weekday[:3].title()} {session.day.isoformat()}",
                _session_lines(session, unit),
                f"{session.minutes:.0f}",
            )
            first = False
    out.print(table)


def plan(
    new: Annotated[bool, typer.Option("--new", help="Make a new plan from your profile.")] = False,
    weeks: Annotated[int | None, typer.Option(min=1, help="Show only the first N weeks.")] = None,
    json_out: Json = False,
) -> None:
    """Show your plan week by week (or make one from your profile)."""
    from backcoach.cli.app import catalog, console, current_user, database, print_json
    from backcoach.coaching import active_program, make_plan
    from backcoach.planning import program_to_json

    cat = catalog()
    db = database()
    user = current_user(db)
    program = None if new else active_program(db, user.id)
    if program is None:
        program = make_plan(db, user.id, cat)
    if json_out:
        print_json(json.loads(program_to_json(program)))
        return
    show_program(console(), program, weeks, user.load_unit)


def today(
    json_out: Json = False,
    day: Annotated[
        str | None, typer.Option("--date", help="Another day of the plan (YYYY-MM-DD).")
    ] = None,
) -> None:
    """Today's session from your plan, adjusted by your progress, pain and training load."""
    from backcoach.cli import coaching_views
    from backcoach.cli.app import catalog, console, current_user, database, print_json, strain_now
    from backcoach.coaching import today as todays

    cat = catalog()
    db = database()
    user = current_user(db)
    when = date.fromisoformat(day) if day else date.today()
    strain = strain_now(db, cat, user.id)
    result = todays(db, user.id, cat, when, strain)
    if json_out:
        from backcoach.documents import status_data, today_data

        data = today_data(result)
        data["warnings"] = status_data(strain)["warnings"]
        print_json(data)
        return
    out = console()
    coaching_views.show_warnings(out, strain, limit=3)
    if result.stop is not None:
        out.print(f"[bold red]Back training is stopped. {result.stop.reason}[/bold red]")
        out.print(
            "See a clinician (doctor or physiotherapist). When they clear you: backcoach resume"
        )
        return
    if result.session is None:
        nxt = f" Next session: {result.next_day:%a %Y-%m-%d}." if result.next_day else ""
        out.print(f"Rest day.{nxt}")
        return
    from rich.table import Table

    table = Table(title=f"Today, {result.day:%A %Y-%m-%d}", title_justify="left")
    table.add_column("Exercise", style="bold")
    table.add_column("Target")
    table.add_column("Rest", justify="right")
    table.add_column("Why", style="dim")
    for p in result.session.prescriptions:
        table.add_row(p.name, p.describe(user.load_unit), f"{p.rest_s} s", " ".join(p.reasons[:2]))
    out.print(table)
    for reason in result.trims:
        out.print(f"[yellow]{reason}[/yellow]")
    out.print(
        f"[dim]About {result.session.minutes:.0f} minutes. Log as you go: backcoach log[/dim]"
    )


def resume(
    cleared: Annotated[
        bool, typer.Option("--cleared", help="Confirm that a clinician has cleared you.")
    ] = False,
) -> None:
    """Lift a stop on back training once a clinician has cleared you."""
    from backcoach.cli.app import console, current_user, database
    from backcoach.coaching import clear_stop

    if not cleared:
        raise BackcoachError(
            "Back training resumes only once a clinician has cleared you.",
            "When they have: backcoach resume --cleared",
        )
    db = database()
    user = current_user(db)
    if clear_stop(db, user.id):
        console().print("Stop lifted. Your next sessions ramp back in gently.")
    else:
        console().print("Nothing was stopped.")


def show_progress(
    out: Console, results: list[Progressed], cat: Catalog, unit: Unit = Unit.KG
) -> None:
    """What progression made of a session or a pain report."""
    for r in results:
        a = r.adjustment
        name = cat.exercise(r.exercise_id).name
        if a.see_clinician:
            out.print(f"[bold red]{a.reason}[/bold red]")
            continue
        target = a.prescription.describe(unit) if a.prescription else ""
        style = "yellow" if a.flagged else "cyan"
        out.print(f"[{style}]Next {name.lower()}: {target}[/{style}] [dim]{a.reason}[/dim]")
