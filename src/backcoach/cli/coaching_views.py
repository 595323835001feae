"""Rich views and JSON forms of the strain monitor, the plan and today's session."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:
    from backcoach.load.monitor import StrainStatus

ZONE_STYLE = {"low": "cyan", "sweet-spot": "green", "caution": "yellow", "high": "bold red"}


def show_warnings(console: Console, status: StrainStatus, limit: int = 5) -> None:
    """The strain monitor's warnings, most severe first, a few at a time."""
    if not status.warnings:
        console.print(
            "[green]No strain warnings: your load is within what you are used to.[/green]"
        )
        return
    for w in status.warnings[:limit]:
        style = "bold red" if w.severity.name == "HIGH" else "yellow"
        console.print(f"[{style}]\u26a0 {w.message}[/{style}]")
    if len(status.warnings) > limit:
        console.print(f"[dim]... and {len(status.warnings) - limit} more (backcoach status).[/dim]")


def show_status(console: Console, status: StrainStatus) -> None:
    """Ratios and zones per muscle, the week's monotony and strain, and the warnings."""
    o = status.overall
    zone = status.overall_zone.name.value if status.overall_zone else None
    if o.ratio is None:
        console.print(
            "[bold]Training load[/bold]: not enough history yet for a ratio "
            "(it needs about four weeks)."
        )
    else:
        style = ZONE_STYLE.get(zone or "", "")
        console.print(
            f"[bold]Training load[/bold]: this week is {o.ratio:.2f} times what you are used to "
            f"([{style}]{zone}[/{style}])."
        )
    table = Table(title="Back muscles (hard sets)", title_justify="left")
    table.add_column("Muscle")
    table.add_column("Ratio", justify="right")
    table.add_column("Zone")
    table.add_column("Hard sets, 7 days", justify="right")
    for m in sorted(status.muscles.values(), key=lambda m: -(m.ratio.ratio or 0)):
        name = m.zone.name.value if m.zone else "-"
        style = ZONE_STYLE.get(name, "dim")
        ratio = f"{m.ratio.ratio:.2f}" if m.ratio.ratio is not None else "-"
        table.add_row(m.name, ratio, f"[{style}]{name}[/{style}]", f"{m.week_hard_sets:.1f}")
    console.print(table)
    week = status.week
    if week.monotony is not None:
        console.print(
            f"Last 7 days: load {week.load:.0f}, monotony {week.monotony:.2f}, "
            f"strain {week.strain:.0f}."
        )
    show_warnings(console, status)
    for note in status.notes:
        console.print(escape(note))  # it names exercises from other apps: no markup
    if status.unmeasured:
        whose = "its" if len(status.unmeasured) == 1 else "their"
        console.print(
            f'[dim]Set {whose} muscles with: backcoach custom "NAME" --muscles '
            "rear-deltoid=0.5,rhomboids=0.5[/dim]"
        )
    console.print(
        "[dim]Zones: below 0.8 low, 0.8-1.3 sweet spot, 1.3-1.5 caution, above 1.5 high "
        "(a coaching rule of thumb, not a prediction of injury).[/dim]"
    )
