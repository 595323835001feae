"""Interactive logging: ask for the exercise, the sets and the effort, checking each answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.prompt import Confirm, Prompt

from backcoach.errors import BackcoachError
from backcoach.training.set_spec import parse_set_spec

if TYPE_CHECKING:
    from backcoach.catalog import Catalog

#: (exercise name, set line, RPE, reps in reserve) for each exercise logged.
LogLine = tuple[str, str, float | None, int | None]


def _ask_exercise(console: Console, cat: Catalog) -> str:
    names = ", ".join(e.id for e in cat.exercises)
    while True:
        answer = Prompt.ask(f"Exercise [dim]({names})[/dim]", console=console)
        try:
            ex, variant = cat.resolve(answer)
        except BackcoachError as exc:
            console.print(f"[red]{exc.message}[/red] {exc.hint}")
            continue
        return variant.id if variant else ex.id


def _ask_sets(console: Console) -> str:
    while True:
        answer = Prompt.ask(
            "Sets [dim](e.g. 3x8@60kg, 8,8,6@60kg, 3x15, 30min)[/dim]", console=console
        )
        try:
            parse_set_spec(answer)
        except BackcoachError as exc:
            console.print(f"[red]{exc.message}[/red] {exc.hint}")
            continue
        return answer


def _ask_rpe(console: Console) -> float | None:
    while True:
        answer = Prompt.ask(
            "Effort, RPE 1-10 [dim](blank to skip)[/dim]", default="", console=console
        )
        if not answer.strip():
            return None
        try:
            value = float(answer)
        except ValueError:
            console.print("[red]Give a number from 1 to 10, or leave it blank.[/red]")
            continue
        if 1 <= value <= 10 and value * 2 == round(value * 2):
            return value
        console.print("[red]RPE runs from 1 to 10 in half points.[/red]")


def ask_log(
    cat: Catalog,
    exercise: str | None,
    sets: str | None,
    rpe: float | None,
    rir: int | None,
    console: Console | None = None,
) -> list[LogLine]:
    """Ask for what was not given on the command line; several exercises in a row."""
    console = console or Console(highlight=False)
    lines: list[LogLine] = []
    while True:
        name = exercise or _ask_exercise(console, cat)
        line = sets or _ask_sets(console)
        effort = rpe if (rpe is not None or rir is not None) else _ask_rpe(console)
        lines.append((name, line, effort, rir))
        exercise = sets = None
        if not Confirm.ask("Another exercise?", default=False, console=console):
            return lines
