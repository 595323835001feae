"""The person who trains: name, role and the unit they read loads in."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from backcoach.training.entries import InvalidEntry, utc_now
from backcoach.training.units import Unit

#: The single user of the embedded (laptop) mode.
LOCAL_USER_ID = "local"
ROLES = ("athlete", "coach", "admin")


@dataclass(frozen=True)
class User:
    """A person with a training log."""

    id: str
    name: str
    email: str | None = None
    role: str = "athlete"
    unit: str = Unit.KG.value
    created_at: datetime = field(default_factory=utc_now)

    def __post_init__(self) -> None:
        if not self.name.strip() or len(self.name) > 200:
            raise InvalidEntry("A name must have 1-200 characters.", "Give a shorter name.")
        if self.role not in ROLES:
            raise InvalidEntry(f"Unknown role '{self.role}'.", f"Use one of {', '.join(ROLES)}.")
        if self.unit not in (u.value for u in Unit):
            raise InvalidEntry(f"Unknown unit '{self.unit}'.", "Use kg or lb.")

    @property
    def load_unit(self) -> Unit:
        """The unit this person reads loads in."""
        return Unit(self.unit)

    def with_unit(self, unit: Unit) -> User:
        """The same person reading loads in another unit."""
        return replace(self, unit=unit.value)


def local_user() -> User:
    """The default user of the embedded mode."""
    return User(id=LOCAL_USER_ID, name="You")
