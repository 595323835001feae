"""Rich views of the catalog and the log, and their JSON forms.

Each ``*_data`` function gives the plain data a ``--json`` flag prints; each
``show_*`` function draws the same data for a person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from backcoach.cli.when import show_day, show_when
from backcoach.training.units import Unit, format_load

if TYPE_CHECKING:
    from backcoach.catalog import Catalog, Exercise
    from backcoach.services import LoggedSets, LogSummary, SessionWithSets
    from backcoach.training.entries import PainEntry, SetEntry


def percent(share: float) -> str:
    """A share of the work as a whole percentage."""
    return f"{share * 100:.0f}%"


def exercise_row_data(exercise: Exercise, catalog: Catalog) -> dict[str, Any]:
    """The short form of an exercise for lists."""
    return {
        "id": exercise.id,
        "name": exercise.name,
        "aliases": list(exercise.aliases),
        "muscles": [
            {
                "id": m.muscle,
                "name": catalog.muscle(m.muscle).name,
                "role": m.role,
                "share": m.share,
            }
            for m in exercise.muscles
        ],
        "equipment": list(exercise.equipment),
        "variants": [v.id for v in exercise.variants],
    }


def show_exercises(console: Console, exercises: list[Exercise], catalog: Catalog) -> None:
    """The exercise library as a table."""
    table = Table(title="Exercise library", title_justify="left", expand=False)
    table.add_column("Exercise", style="bold")
    table.add_column("Main muscles")
    table.add_column("Equipment")
    table.add_column("Variants", style="dim")
    for ex in exercises:
        main = sorted(ex.muscles, key=lambda m: -m.share)[:3]
        muscles = ", ".join(f"{catalog.muscle(m.muscle).name} {percent(m.share)}" for m in main)
        table.add_row(
            f"{ex.name}\n[dim]{ex.id}[/dim]",
            muscles,
            ", ".join(ex.equipment),
            ", ".join(v.name for v in ex.variants),
        )
    console.print(table)


def show_exercise(console: Console, ex: Exercise, catalog: Catalog) -> None:
    """Everything about one exercise: the article's words, how to do it, and why."""
    console.print(Panel(Text(ex.article_quote, style="italic"), title=f"[bold]{ex.name}[/bold]"))
    if ex.aliases:
        console.print(f"[dim]Also called: {', '.join(ex.aliases)}[/dim]")
    console.print(ex.summary)
    _numbered(console, "Setup", ex.setup)
    _numbered(console, "Steps", ex.steps)
    _bulleted(console, "Cues", ex.cues)
    p = ex.prescription
    console.print(f"\n[bold]Prescription[/bold]  {_prescription_text(ex)}")
    console.print(f"  [italic]Article: \u201c{p.article_text}\u201d[/italic]")
    if p.note:
        console.print(f"  [dim]{p.note}[/dim]")
    muscles = Table(title="Muscles worked", title_justify="left")
    muscles.add_column("Muscle")
    muscles.add_column("Role")
    muscles.add_column("Share", justify="right")
    for m in sorted(ex.muscles, key=lambda m: -m.share):
        muscles.add_row(catalog.muscle(m.muscle).name, m.role, percent(m.share))
    console.print(muscles)
    console.print(f"[bold]Equipment[/bold]  {', '.join(ex.equipment)}")
    if ex.faults:
        faults = Table(title="Common faults", title_justify="left", show_lines=False)
        faults.add_column("Fault", style="bold")
        faults.add_column("Cue")
        for f in ex.faults:
            faults.add_row(f.name, f.cue)
        console.print(faults)
    _bulleted(console, "Safety", ex.safety, style="yellow")
    if ex.variants:
        variants = Table(title="Variants", title_justify="left")
        variants.add_column("Variant", style="bold")
        variants.add_column("Direction")
        variants.add_column("What it is")
        for v in ex.variants:
            variants.add_row(f"{v.name}\n[dim]{v.id}[/dim]", v.direction, v.description)
        console.print(variants)
    if ex.thresholds:
        limits = Table(title="Form thresholds (video check)", title_justify="left")
        limits.add_column("Check")
        limits.add_column("Range", justify="right")
        limits.add_column("Source", style="dim")
        for t in ex.thresholds:
            limits.add_row(t.description, _range(t.low, t.high, t.unit), t.source)
        console.print(limits)


def _prescription_text(ex: Exercise) -> str:
    p = ex.prescription
    if p.reps_low is not None and p.reps_high is not None:
        reps = f"{p.reps_low}" if p.reps_low == p.reps_high else f"{p.reps_low}-{p.reps_high}"
        text = f"{p.sets} sets of {reps} reps"
    elif p.duration_min is not None:
        text = f"{p.duration_min:g} minutes"
    else:
        text = f"{p.sets} sets"
    if p.rest_s:
        text += f", {p.rest_s:g} s rest"
    return text


def _range(low: float | None, high: float | None, unit: str) -> str:
    sym = {"deg": "\u00b0", "ratio": "", "s": " s", "count": ""}.get(unit, f" {unit}")
    if low is not None and high is not None:
        return f"{low:g}-{high:g}{sym}"
    if low is not None:
        return f"\u2265 {low:g}{sym}"
    if high is not None:
        return f"\u2264 {high:g}{sym}"
    return "-"


def _numbered(console: Console, title: str, items: list[str] | tuple[str, ...]) -> None:
    if items:
        console.print(f"\n[bold]{title}[/bold]")
        for i, item in enumerate(items, 1):
            console.print(f"  {i}. {item}")


def _bulleted(
    console: Console, title: str, items: list[str] | tuple[str, ...], style: str = ""
) -> None:
    if items:
        console.print(f"\n[bold]{title}[/bold]")
        for item in items:
            console.print(f"  \u2022 {item}", style=style)


def set_text(entry: SetEntry, unit: Unit) -> str:
    """One set in words: '8 reps @ 60 kg, RPE 8'."""
    parts = []
    if entry.reps is not None:
        parts.append(f"{entry.reps} reps @ {format_load(entry.load_kg, unit)}")
    if entry.distance_m is not None:
        parts.append(f"{entry.distance_m:g} m")
    if entry.duration_s is not None:
        parts.append(f"{entry.duration_s / 60:g} min")
    if entry.rpe is not None:
        parts.append(f"RPE {entry.rpe:g}")
    if entry.rir is not None:
        parts.append(f"{entry.rir} in reserve")
    if entry.side.value != "both":
        parts.append(entry.side.value)
    if entry.kind.value != "normal":
        parts.append(entry.kind.value)
    return ", ".join(parts)


def set_data(entry: SetEntry) -> dict[str, Any]:
    """A set as JSON-ready data (load in kg)."""
    return {
        "id": entry.id,
        "session_id": entry.session_id,
        "exercise": entry.exercise_id,
        "variant": entry.variant_id,
        "position": entry.position,
        "kind": entry.kind.value,
        "reps": entry.reps,
        "load_kg": entry.load_kg,
        "rpe": entry.rpe,
        "rir": entry.rir,
        "duration_s": entry.duration_s,
        "distance_m": entry.distance_m,
        "side": entry.side.value,
        "notes": entry.notes,
        "logged_at": entry.logged_at.isoformat(),
    }


def logged_data(result: LoggedSets) -> dict[str, Any]:
    """What a log call stored, as JSON-ready data."""
    return {
        "session_id": result.session.id,
        "stored": [set_data(e) for e in result.stored],
        "already_stored": [set_data(e) for e in result.already_stored],
    }


def show_logged(console: Console, result: LoggedSets, catalog: Catalog, unit: Unit) -> None:
    """Confirm what was logged."""
    for entry in result.stored:
        name = _exercise_name(catalog, entry)
        console.print(f"[green]\u2713[/green] {name}: {set_text(entry, unit)}")
    for entry in result.already_stored:
        name = _exercise_name(catalog, entry)
        console.print(f"[dim]= {name}: {set_text(entry, unit)} (already logged)[/dim]")


def _exercise_name(catalog: Catalog, entry: SetEntry) -> str:
    try:
        ex = catalog.exercise(entry.exercise_id)
    except Exception:
        return entry.exercise_id
    if entry.variant_id:
        for v in ex.variants:
            if v.id == entry.variant_id:
                return v.name
    return ex.name


def history_data(items: list[SessionWithSets]) -> list[dict[str, Any]]:
    """Sessions and sets as JSON-ready data; sets of the person's own exercises by name."""
    return [
        {
            "id": item.session.id,
            "started_at": item.session.started_at.isoformat(),
            "ended_at": item.session.ended_at.isoformat() if item.session.ended_at else None,
            "notes": item.session.notes,
            "sets": [set_data(e) for e in item.sets],
            "custom_sets": [
                {**set_data(e), "exercise_name": item.custom_names.get(e.exercise_id)}
                for e in item.custom_sets
            ],
        }
        for item in items
    ]


def show_history(
    console: Console, items: list[SessionWithSets], catalog: Catalog, unit: Unit
) -> None:
    """Sessions, newest first, each with its sets grouped by exercise."""
    if not items:
        console.print(
            "No sessions logged yet. Try: [bold]backcoach log row 3x8@40kg --rpe 7[/bold]"
        )
        return
    table = Table(title="Training history", title_justify="left")
    table.add_column("When", no_wrap=True)
    table.add_column("Exercise", style="bold")
    table.add_column("Sets")
    for item in items:
        named = [(e.position, _exercise_name(catalog, e), e) for e in item.sets]
        named += [
            (e.position, escape(item.custom_names.get(e.exercise_id, "?")), e)
            for e in item.custom_sets
        ]
        groups: dict[str, list[SetEntry]] = {}
        for _, name, entry in sorted(named, key=lambda t: t[0]):
            groups.setdefault(name, []).append(entry)
        first = True
        for name, entries in groups.items():
            table.add_row(
                show_when(item.session.started_at) if first else "",
                name,
                "\n".join(set_text(e, unit) for e in entries),
            )
            first = False
        if first:
            table.add_row(show_when(item.session.started_at), "[dim]no sets[/dim]", "")
    console.print(table)


def pain_data(entry: PainEntry) -> dict[str, Any]:
    """A pain entry as JSON-ready data."""
    return {
        "id": entry.id,
        "score": entry.score,
        "region": entry.region,
        "felt_at": entry.felt_at.isoformat(),
        "exercise": entry.exercise_id,
        "notes": entry.notes,
        "symptoms": [x.value for x in entry.symptoms],
    }


def summary_data(summary: LogSummary) -> dict[str, Any]:
    """The home screen's log summary as JSON-ready data."""
    last = summary.last_session
    return {
        "sessions": summary.sessions,
        "sets_last_7_days": summary.sets_last_7_days,
        "last_session": history_data([last])[0] if last else None,
        "last_pain": pain_data(summary.last_pain) if summary.last_pain else None,
        "body_weight_kg": summary.body_weight.weight_kg if summary.body_weight else None,
    }


def show_summary(console: Console, summary: LogSummary, catalog: Catalog, unit: Unit) -> None:
    """The log at a glance."""
    lines: list[Text | str] = []
    if summary.sessions == 0:
        lines.append("Nothing logged yet.")
        lines.append(Text("Log a set:  backcoach log row 3x8@40kg --rpe 7", style="bold"))
    else:
        lines.append(
            f"{summary.sessions} sessions logged; "
            f"{summary.sets_last_7_days} sets in the last 7 days."
        )
        last = summary.last_session
        if last is not None:
            names = sorted({_exercise_name(catalog, e) for e in last.sets})
            lines.append(
                f"Last session: {show_day(last.session.started_at)}"
                + (f" \u2014 {', '.join(names)}" if names else "")
            )
    if summary.last_pain is not None:
        p = summary.last_pain
        lines.append(f"Last pain check: {p.score}/10 in the {p.region} ({show_day(p.felt_at)})")
    if summary.body_weight is not None:
        lines.append(f"Body weight: {format_load(summary.body_weight.weight_kg, unit)}")
    console.print(Panel(Group(*lines), title="Your training log", title_align="left"))
