"""Request and response bodies of the API, shared by its routers."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from backcoach.training.users import User

if TYPE_CHECKING:
    from backcoach.coaching import Progressed


class Strict(BaseModel):
    """A request body: unknown fields are refused rather than silently ignored."""

    model_config = ConfigDict(extra="forbid")


class UserOut(BaseModel):
    """A person as the API shows them."""

    id: str
    name: str
    email: str | None
    role: str
    unit: str
    created_at: datetime

    @classmethod
    def of(cls, user: User) -> UserOut:
        """The API view of a user."""
        return cls(
            id=user.id,
            name=user.name,
            email=user.email,
            role=user.role,
            unit=user.unit,
            created_at=user.created_at,
        )


class Registration(Strict):
    """A new account."""

    email: str = Field(max_length=320, examples=["ana@example.com"])
    password: str = Field(max_length=1024)
    name: str = Field(default="", max_length=200)
    role: str = Field(default="athlete", pattern="^(athlete|coach)$")


class Credentials(Strict):
    """E-mail and password for signing in."""

    email: str = Field(max_length=320)
    password: str = Field(max_length=1024)


class Me(BaseModel):
    """The signed-in person, and the CSRF token a browser must send with changes."""

    user: UserOut
    csrf_token: str | None = None


class Error(BaseModel):
    """Every API error: what is wrong, what to do, and the HTTP status."""

    detail: str
    hint: str
    status: int


class AdjustmentOut(BaseModel):
    """What progression made of a session or a pain report for one exercise."""

    exercise: str
    outcome: str
    reason: str
    flagged: bool
    see_clinician: bool
    #: The next targets (a prescription, loads in kg); null when training must stop.
    next: dict[str, Any] | None

    @classmethod
    def of(cls, progressed: Progressed) -> AdjustmentOut:
        """The API view of one progression result."""
        from backcoach.planning import prescription_to_json

        a = progressed.adjustment
        return cls(
            exercise=progressed.exercise_id,
            outcome=a.outcome.value,
            reason=a.reason,
            flagged=a.flagged,
            see_clinician=a.see_clinician,
            next=json.loads(prescription_to_json(a.prescription)) if a.prescription else None,
        )


#: Error answers every per-person route may give, for the OpenAPI document.
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Error, "description": "Not signed in, or the token was revoked."},
    403: {"model": Error, "description": "Signed in but not allowed (or the CSRF check failed)."},
    404: {"model": Error, "description": "Nothing here for this caller."},
    422: {"model": Error, "description": "The request is not valid."},
}
