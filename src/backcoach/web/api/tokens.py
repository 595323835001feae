"""API tokens for scripts: made, listed and revoked by their owner; the secret is shown once."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel, Field

from backcoach import accounts
from backcoach.store.accounts_repository import ApiToken
from backcoach.web.api.schemas import ERRORS, Strict
from backcoach.web.deps import DbDep, ViewerDep

router = APIRouter(tags=["tokens"], responses=ERRORS)


class TokenIn(Strict):
    """A new token, named for what it is for."""

    name: str = Field(min_length=1, max_length=100, examples=["garmin sync"])


class TokenOut(BaseModel):
    """A token as listed to its owner (never its secret)."""

    id: str
    name: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @classmethod
    def of(cls, token: ApiToken) -> TokenOut:
        """The API view of a token."""
        return cls(
            id=token.id,
            name=token.name,
            created_at=token.created_at,
            last_used_at=token.last_used_at,
            revoked_at=token.revoked_at,
        )


class NewToken(BaseModel):
    """A token just made. ``secret`` is shown this once: send it as 'Authorization: Bearer'."""

    token: TokenOut
    secret: str


@router.get("/me/tokens", response_model=list[TokenOut])
def list_tokens(db: DbDep, viewer: ViewerDep) -> list[TokenOut]:
    """Your API tokens, revoked ones included."""
    return [TokenOut.of(t) for t in accounts.api_tokens(db, viewer.id)]


@router.post("/me/tokens", status_code=201, response_model=NewToken)
def create_token(body: TokenIn, db: DbDep, viewer: ViewerDep) -> NewToken:
    """Make a token for a script; keep the secret, it cannot be shown again."""
    made = accounts.create_api_token(db, viewer.id, body.name)
    return NewToken(token=TokenOut.of(made.token), secret=made.secret)


@router.delete("/me/tokens/{token_id}", status_code=204)
def revoke_token(token_id: str, db: DbDep, viewer: ViewerDep) -> None:
    """Revoke one of your tokens; requests with it are refused from now on."""
    accounts.revoke_api_token(db, viewer.id, token_id)
