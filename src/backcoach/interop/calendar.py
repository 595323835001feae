"""The plan as an iCalendar file: one all-day event per session, prescription inside.

UIDs are made from the person and the day (``<user>-<YYYY-MM-DD>@backcoach``), so a
calendar that re-imports or subscribes to a newer export updates the events instead of
adding copies (RFC 5545, section 3.8.4.7).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from backcoach.planning.program import Session
from backcoach.training.units import Unit

PRODUCT_ID = "-//backcoach//training plan//EN"


def event_uid(user_id: str, session: Session) -> str:
    """The stable UID of a session's event (the user id hashed: it may be an e-mail)."""
    who = hashlib.sha256(user_id.encode("utf-8")).hexdigest()[:16]
    return f"{who}-{session.day.isoformat()}@backcoach"


def plan_calendar(
    user_id: str, sessions: Iterable[Session], *, stamp: datetime, unit: Unit = Unit.KG
) -> bytes:
    """The sessions as an iCalendar document; ``stamp`` (the plan's time) makes it repeatable."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "backcoach plan")
    for session in sessions:
        event = Event()
        event.add("uid", event_uid(user_id, session))
        event.add("dtstamp", stamp)
        event.add("dtstart", session.day)
        event.add("dtend", session.day + timedelta(days=1))
        names = ", ".join(dict.fromkeys(p.name for p in session.prescriptions))
        event.add("summary", f"backcoach week {session.week}: {names}")
        lines = session.describe(unit)
        if session.minutes:
            lines.append(f"About {session.minutes:.0f} minutes.")
        event.add("description", "\n".join(lines))
        calendar.add_component(event)
    return bytes(calendar.to_ical())
