"""The coach's dashboard: for each athlete who accepted the coach, what needs attention.

One use case, :func:`coach_dashboard`, reads each accepted athlete's log and answers three
questions a coach asks before a session: is any back muscle's load far above what it is
used to (the strain monitor's ACWR zones), does anything hurt (the latest pain report, and
a stop on back training), and were planned sessions missed (the active plan against the
log over the last fortnight)?
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from backcoach import accounts
from backcoach.catalog import Catalog
from backcoach.coaching import Stop, active_program, current_stop
from backcoach.load.acwr import ZoneName
from backcoach.services import strain_of, training_record
from backcoach.store.database import Database
from backcoach.training.entries import PainEntry
from backcoach.training.users import User

#: Pain at or above this (0-10) is flagged: the same level at which progression regresses
#: an exercise (``coaching.after_pain``), so the coach sees what the plan reacted to.
PAIN_FLAG = 4
#: Zones of a muscle's ratio that are flagged: "high" is above 1.5, Gabbett's (2016)
#: danger zone (see ``load.acwr.ZONES``).
FLAGGED_ZONES = frozenset({ZoneName.HIGH})
#: How far back missed sessions are counted.
MISSED_WINDOW_DAYS = 14


@dataclass(frozen=True)
class MuscleLoad:
    """One back muscle's workload ratio and zone (None while there is too little history)."""

    muscle: str
    name: str
    ratio: float | None
    zone: str | None
    flagged: bool


@dataclass(frozen=True)
class AthleteStatus:
    """What one athlete's coach should know today."""

    athlete: User
    muscles: tuple[MuscleLoad, ...]
    latest_pain: PainEntry | None
    pain_flagged: bool
    stop: Stop | None
    has_plan: bool
    #: Planned sessions (last ``MISSED_WINDOW_DAYS`` days, today excluded) and those missed.
    planned: int
    missed_days: tuple[date, ...]

    @property
    def missed(self) -> int:
        """How many planned sessions were missed."""
        return len(self.missed_days)

    @property
    def flags(self) -> tuple[str, ...]:
        """Plain-language flags, most urgent first; empty when all is well."""
        out: list[str] = []
        if self.stop is not None:
            out.append(f"Back training stopped: {self.stop.reason}")
        if self.pain_flagged and self.latest_pain is not None:
            out.append(
                f"Pain {self.latest_pain.score}/10 reported on "
                f"{self.latest_pain.felt_at.astimezone():%Y-%m-%d}."
            )
        for m in self.muscles:
            if m.flagged and m.ratio is not None:
                out.append(f"{m.name}: load ratio {m.ratio:.2f} ({m.zone}).")
        if self.missed:
            out.append(
                f"Missed {self.missed} of {self.planned} planned sessions in the last "
                f"{MISSED_WINDOW_DAYS} days."
            )
        return tuple(out)


def athlete_status(
    db: Database, catalog: Catalog, athlete: User, today: date, tz: tzinfo = UTC
) -> AthleteStatus:
    """One athlete's loads, pain and missed sessions at the end of ``today`` (a day in ``tz``)."""
    record = training_record(db, athlete.id)
    strain = strain_of(record, catalog, today, tz)
    muscles = tuple(
        MuscleLoad(
            muscle=m.muscle,
            name=m.name,
            ratio=m.ratio.ratio,
            zone=m.zone.name.value if m.zone else None,
            flagged=m.zone is not None and m.zone.name in FLAGGED_ZONES,
        )
        for m in strain.muscles.values()
    )
    felt = [p for p in record.pain if p.felt_at.astimezone(tz).date() <= today]
    latest = felt[-1] if felt else None
    stop = current_stop(db, athlete.id)
    program = active_program(db, athlete.id)
    planned: list[date] = []
    if program is not None:
        first = today - timedelta(days=MISSED_WINDOW_DAYS)
        planned = [s.day for s in program.sessions() if first <= s.day < today]
    trained = {s.started_at.astimezone(tz).date() for s in record.sessions}
    return AthleteStatus(
        athlete=athlete,
        muscles=muscles,
        latest_pain=latest,
        pain_flagged=latest is not None and (latest.score >= PAIN_FLAG or latest.red_flag),
        stop=stop,
        has_plan=program is not None,
        planned=len(planned),
        missed_days=tuple(d for d in planned if d not in trained),
    )


def coach_dashboard(
    db: Database,
    catalog: Catalog,
    coach_id: str,
    today: date | None = None,
    tz: tzinfo | None = None,
) -> list[AthleteStatus]:
    """Every athlete who accepted ``coach_id``, those with the most flags first."""
    if tz is None:
        tz = datetime.now().astimezone().tzinfo or UTC
    today = today or datetime.now(tz).date()
    rows = [athlete_status(db, catalog, a, today, tz) for a in accounts.athletes_of(db, coach_id)]
    return sorted(rows, key=lambda r: (-len(r.flags), r.athlete.name.lower()))
