"""Times and days a request may name: with a time zone, and within the log's plausible span."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from backcoach.training.entries import InvalidEntry, utc_now

#: Nothing in a training log predates this; earlier times are typos (and would overflow
#: the date arithmetic of the session window and the strain monitor).
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
#: Entries may be a little in the future (clock skew), never more.
FUTURE_SLACK = timedelta(days=1)
#: Days asked about (today's session, a plan day) lie within this span.
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2200, 12, 31)


def checked_time(what: str, when: datetime | None) -> datetime | None:
    """``when`` unchanged once it has a time zone and lies between 2000 and tomorrow."""
    if when is None:
        return None
    if when.tzinfo is None or when.utcoffset() is None:
        raise InvalidEntry(
            f"The {what} has no time zone.", "Give times in ISO 8601 with a zone, e.g. ...Z."
        )
    if not EARLIEST <= when <= utc_now() + FUTURE_SLACK:
        raise InvalidEntry(
            f"The {what} ({when.isoformat()}) is not a time this log can hold.",
            "Give a time between 2000 and now, or leave it out for now.",
        )
    return when


def checked_day(day: date | None) -> date | None:
    """``day`` unchanged once it lies within the span plans and the monitor handle."""
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidEntry(
            f"{day.isoformat()} is too far from today.",
            f"Give a day between {FIRST_DAY.isoformat()} and {LAST_DAY.isoformat()}.",
        )
    return day


def time_zone(name: str | None) -> tzinfo:
    """The IANA time zone called ``name`` (this server's zone when none is named)."""
    if not name:
        return datetime.now().astimezone().tzinfo or UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidEntry(
            f"'{name[:64]}' is not a time zone.", "Give an IANA name such as Europe/Berlin or UTC."
        ) from exc
