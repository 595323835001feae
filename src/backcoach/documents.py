"""JSON-ready documents of use-case results, shared by the CLI's --json and the API.

One place decides how a result looks as data, so the two adapters cannot drift apart.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from backcoach.coaching import Today
    from backcoach.load.monitor import StrainStatus


def _num(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def status_data(status: StrainStatus) -> dict[str, Any]:
    """The strain monitor's answer as JSON-ready data."""
    return {
        "today": status.today.isoformat(),
        "overall": {
            "acute": _num(status.overall.acute),
            "chronic": _num(status.overall.chronic),
            "ratio": _num(status.overall.ratio),
            "zone": status.overall_zone.name.value if status.overall_zone else None,
        },
        "muscles": {
            m.muscle: {
                "name": m.name,
                "ratio": _num(m.ratio.ratio),
                "zone": m.zone.name.value if m.zone else None,
                "week_hard_sets": _num(m.week_hard_sets, 1),
                "today_hard_sets": _num(m.today_hard_sets, 1),
            }
            for m in status.muscles.values()
        },
        "week": {
            "load": _num(status.week.load, 1),
            "monotony": _num(status.week.monotony),
            "strain": _num(status.week.strain, 1),
        },
        "warnings": [
            {
                "kind": w.kind.value,
                "severity": w.severity.name.lower(),
                "message": w.message,
                "muscle": w.muscle,
                "ratio": _num(w.ratio),
                "zone": w.zone.value if w.zone else None,
            }
            for w in status.warnings
        ],
        "notes": list(status.notes),
    }


def today_data(result: Today) -> dict[str, Any]:
    """Today's session as JSON-ready data."""
    from backcoach.planning import prescription_to_json

    session = result.session
    return {
        "date": result.day.isoformat(),
        "stopped": None if result.stop is None else {"reason": result.stop.reason},
        "rest_day": result.planned is None,
        "next_session": result.next_day.isoformat() if result.next_day else None,
        "exercises": [
            json.loads(prescription_to_json(p)) for p in (session.prescriptions if session else ())
        ],
        "minutes": round(session.minutes) if session else 0,
        "adjustments": list(result.trims),
    }
