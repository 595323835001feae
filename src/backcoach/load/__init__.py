"""The strain monitor: training load, acute:chronic workload ratio, monotony and strain,
first exposures and returns after a break, and the warnings they lead to.

Pure functions over the training log's entries and the catalog; no I/O::

    from backcoach.load import strain_status

    status = strain_status(sessions, sets, load_catalog(), today=date.today())
    for warning in status.warnings:
        print(warning.message)

See docs/strain-monitor.md for what is computed, how, and the limits of the ratio.
"""

from __future__ import annotations

from backcoach.load.acwr import (
    ZONES,
    WorkloadRatio,
    Zone,
    ZoneName,
    acwr_series,
    before_today,
    ewma,
    latest_acwr,
    load_for_ratio,
    workload_ratio,
    zone,
    zone_of,
)
from backcoach.load.daily import (
    CustomMovement,
    DailyLoad,
    LoadSeries,
    Movement,
    MovementLoad,
    SessionLoad,
    daily_loads,
    is_hard_set,
    session_rpe,
    set_effort,
)
from backcoach.load.exposure import (
    Comeback,
    Exposure,
    ExposureKind,
    Subject,
    comebacks,
    first_exposures,
    is_unaccustomed,
    last_done,
    training_days,
)
from backcoach.load.monitor import (
    MuscleStrain,
    Severity,
    StrainStatus,
    StrainWarning,
    WarningKind,
    hard_set_headroom,
    muscles_in_zone,
    strain_status,
)
from backcoach.load.monotony import WeekStrain, last_week, week_strain

__all__ = [
    "ZONES",
    "Comeback",
    "CustomMovement",
    "DailyLoad",
    "Exposure",
    "ExposureKind",
    "LoadSeries",
    "Movement",
    "MovementLoad",
    "MuscleStrain",
    "SessionLoad",
    "Severity",
    "StrainStatus",
    "StrainWarning",
    "Subject",
    "WarningKind",
    "WeekStrain",
    "WorkloadRatio",
    "Zone",
    "ZoneName",
    "acwr_series",
    "before_today",
    "comebacks",
    "daily_loads",
    "ewma",
    "first_exposures",
    "hard_set_headroom",
    "is_hard_set",
    "is_unaccustomed",
    "last_done",
    "last_week",
    "latest_acwr",
    "load_for_ratio",
    "muscles_in_zone",
    "session_rpe",
    "set_effort",
    "strain_status",
    "training_days",
    "week_strain",
    "workload_ratio",
    "zone",
    "zone_of",
]
