"""The REST API under /api/v1: one router per part, gathered here."""

from fastapi import APIRouter

from backcoach.web.api import accounts

router = APIRouter(prefix="/api/v1")
router.include_router(accounts.router)
