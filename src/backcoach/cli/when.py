"""Reading the dates and times people type, in their local time zone."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from backcoach.errors import BackcoachError


class InvalidDate(BackcoachError):
    """A date or time that cannot be read."""


def local_zone() -> datetime:
    """Now, in the local time zone."""
    return datetime.now().astimezone()


def parse_when(text: str, now: datetime | None = None) -> datetime:
    """'today', 'yesterday', '2026-11-20' or '2026-11-20 18:30' (local time) as aware UTC."""
    now = now or local_zone()
    clean = text.strip().lower()
    if clean in ("now", "today"):
        return now.astimezone(UTC)
    if clean == "yesterday":
        return (now - timedelta(days=1)).astimezone(UTC)
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidDate(
            f"Cannot read '{text}' as a date.",
            "Use YYYY-MM-DD, 'YYYY-MM-DD HH:MM', 'today' or 'yesterday'.",
        ) from None
    if len(text.strip()) <= 10:
        # A bare date: log it at noon so the local day survives time zone shifts.
        parsed = datetime.combine(parsed.date(), time(12, 0))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=now.tzinfo)
    result = parsed.astimezone(UTC)
    if result > now.astimezone(UTC) + timedelta(minutes=5):
        raise InvalidDate(
            f"{text} is in the future.", "Log what you did; plans are for 'backcoach plan'."
        )
    return result


def show_when(value: datetime) -> str:
    """A stored time in local time, for tables."""
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


def show_day(value: datetime) -> str:
    """A stored time as a local day with its weekday."""
    return value.astimezone().strftime("%a %Y-%m-%d")
