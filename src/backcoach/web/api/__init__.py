"""The REST API under /api/v1: one router per part, gathered here."""

from fastapi import APIRouter

from backcoach.web.api import (
    accounts,
    body_weight,
    coach_links,
    exercises,
    form_checks,
    interop,
    pain,
    plan,
    profile,
    progress,
    sessions,
    status,
    today,
    tokens,
    users,
)

router = APIRouter(prefix="/api/v1")
# FastAPI finds a route by trying the included routers in order, once per level of
# inclusion, so the busiest (logging sets) comes first.
router.include_router(sessions.router)
router.include_router(accounts.router)
router.include_router(exercises.router)
router.include_router(form_checks.router)
router.include_router(profile.router)
router.include_router(plan.router)
router.include_router(today.router)
router.include_router(pain.router)
router.include_router(body_weight.router)
router.include_router(status.router)
router.include_router(progress.router)
router.include_router(tokens.router)
router.include_router(coach_links.router)
router.include_router(users.router)
router.include_router(interop.router)
