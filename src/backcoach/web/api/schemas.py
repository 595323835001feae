"""Request and response bodies of the API, shared by its routers."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from backcoach.training.users import User


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
