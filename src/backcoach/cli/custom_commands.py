"""``backcoach custom``: the person's own exercises, and which muscles they work.

Imported when the CLI starts, so only typer at the top; the database, the catalog and the
domain are imported inside the command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from backcoach.errors import BackcoachError

if TYPE_CHECKING:
    from rich.console import Console

    from backcoach.catalog import Catalog
    from backcoach.custom_exercises import CustomExercise

#: How to set muscles, shown under the list and after problems.
SET_HINT = 'backcoach custom "NAME" --muscles rear-deltoid=0.5,trapezius-middle=0.3,rhomboids=0.2'


def custom(
    name: Annotated[
        str | None,
        typer.Argument(help='One of your own exercises, e.g. "Face Pull" (none: list them all).'),
    ] = None,
    muscles: Annotated[
        str | None,
        typer.Option(
            help="The back muscles it works and their shares, e.g. "
            "rear-deltoid=0.5,trapezius-middle=0.3,rhomboids=0.2 (shares are scaled to add "
            "up to 1; without shares the muscles share the work equally).",
            show_default=False,
        ),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """List your own exercises (from imports), or set the muscles one of them works.

    With its muscles set, the strain monitor counts an exercise's hard sets for those
    muscles; without, only in your whole training load.
    """
    from rich.markup import escape

    from backcoach.cli.app import catalog, console, current_user, database, print_json
    from backcoach.custom_exercises import (
        custom_exercises,
        find_custom_exercise,
        parse_shares,
        set_muscles,
    )

    if muscles is not None and name is None:
        raise BackcoachError("--muscles needs the exercise it is for.", f"For example: {SET_HINT}")
    cat = catalog()
    db = database()
    user = current_user(db)
    if name is not None and muscles is not None:
        shares = parse_shares(muscles, cat)  # every problem is found before anything changes
        changed = set_muscles(db, user.id, name, shares)
        if json_out:
            print_json(exercise_data(changed, cat))
            return
        console().print(
            f"[green]\u2713[/green] {escape(changed.name)}: {muscles_text(changed, cat)}. "
            "The strain monitor now counts its hard sets for these muscles."
        )
        return
    found = custom_exercises(db, user.id)
    chosen = [find_custom_exercise(found, name)] if name is not None else found
    if json_out:
        print_json([exercise_data(x, cat) for x in chosen])
        return
    show_exercises(console(), chosen, cat)


def muscles_text(exercise: CustomExercise, cat: Catalog) -> str:
    """The muscles and shares in words: 'Rear deltoid 50%, Middle trapezius 30%'."""
    return ", ".join(
        f"{cat.muscle(m).name} {share * 100:.0f}%" for m, share in _known(exercise, cat)
    )


def _known(exercise: CustomExercise, cat: Catalog) -> list[tuple[str, float]]:
    """The exercise's shares over muscles the catalog knows (a stored document may hold others)."""
    known = {m.id for m in cat.muscles}
    return [(m, share) for m, share in exercise.muscles.items() if m in known]


def exercise_data(exercise: CustomExercise, cat: Catalog) -> dict[str, Any]:
    """One of the person's own exercises as JSON-ready data."""
    return {
        "id": exercise.id,
        "name": exercise.name,
        "kind": exercise.kind,
        "muscles": [
            {"id": m, "name": cat.muscle(m).name, "share": round(share, 4)}
            for m, share in _known(exercise, cat)
        ],
        "sets": exercise.sets,
        "last_done": exercise.last_done.isoformat() if exercise.last_done else None,
    }


def show_exercises(out: Console, exercises: list[CustomExercise], cat: Catalog) -> None:
    """The person's own exercises as a table, with how to set the muscles of those without."""
    from rich.markup import escape
    from rich.table import Table

    from backcoach.cli.when import show_day

    if not exercises:
        out.print(
            "No exercises of your own yet. They are made when an import meets an exercise "
            "outside the library: backcoach import FILE"
        )
        return
    table = Table(title="Your own exercises", title_justify="left")
    table.add_column("Exercise", style="bold")
    table.add_column("Muscles (share of the work)")
    table.add_column("Sets", justify="right")
    table.add_column("Last done")
    for x in exercises:
        name = escape(x.name)  # names come from other apps: no markup in them
        table.add_row(
            name if x.kind == "strength" else f"{name} [dim]({x.kind})[/dim]",
            muscles_text(x, cat) or "[dim]not set: counts in your training load only[/dim]",
            str(x.sets),
            show_day(x.last_done) if x.last_done else "-",
        )
    out.print(table)
    if any(not _known(x, cat) for x in exercises):
        out.print(f"[dim]Say which muscles an exercise works: {SET_HINT}[/dim]")
