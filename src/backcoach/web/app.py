"""The web application: one FastAPI app serving the API under /api/v1 and the pages."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backcoach import __version__, accounts
from backcoach.accounts import AccessDenied, InvalidAccount, NotSignedIn, TooManyAttempts
from backcoach.errors import BackcoachError, UnknownName
from backcoach.interop.errors import InteropError
from backcoach.jobs.errors import NotAVideo, QueueUnavailable, UploadTooLarge
from backcoach.store.database import Database, open_database
from backcoach.store.errors import Conflict, NotFound, StoreError
from backcoach.training.entries import InvalidEntry
from backcoach.web.config import WebConfig
from backcoach.web.deps import LoginRequired
from backcoach.web.security import SESSION_COOKIE, CsrfRejected, Viewer, bearer_token

STATIC_DIR = Path(__file__).parent / "static"
#: Requests other than uploads may carry at most this much.
MAX_BODY_BYTES = 1024 * 1024
#: Threads for the routes and dependencies that run synchronously (most of them). More
#: only queue for the database pool's connections (5, plus short-lived extras) and for the
#: interpreter lock: with 40 (anyio's default), 100 clients logging sets got 25-35 % fewer
#: answers per second and a longer tail (bench/api_concurrency.py).
ROUTE_THREADS = 8
LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1", "testserver"]


def status_of(exc: BackcoachError) -> int:
    """The HTTP status for an error a person can act on."""
    table: list[tuple[type[BackcoachError], int]] = [
        (NotSignedIn, 401),
        (CsrfRejected, 403),
        (AccessDenied, 403),
        (NotFound, 404),
        (Conflict, 409),
        (TooManyAttempts, 429),
        (UploadTooLarge, 413),
        (NotAVideo, 422),
        (QueueUnavailable, 503),
        (InvalidEntry, 422),
        (InvalidAccount, 422),
        (UnknownName, 422),
        (InteropError, 422),
        (StoreError, 503),
    ]
    for kind, status in table:
        if isinstance(exc, kind):
            return status
    return 400


def wants_html(request: Request) -> bool:
    """True for page requests (not the API), which get error pages instead of JSON."""
    return not request.url.path.startswith("/api/")


def error_body(status: int, message: str, hint: str) -> dict[str, Any]:
    """The JSON every API error answers with."""
    return {"detail": message, "hint": hint, "status": status}


def _error_response(request: Request, status: int, message: str, hint: str) -> Response:
    if wants_html(request):
        from backcoach.web.pages import error_page

        return error_page(request, status, message, hint)
    return JSONResponse(error_body(status, message, hint), status_code=status)


def _install_error_handlers(app: FastAPI) -> None:
    async def on_login_required(request: Request, exc: Exception) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        from urllib.parse import quote

        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)

    async def on_backcoach_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, BackcoachError)
        status = status_of(exc)
        response = _error_response(request, status, exc.message, exc.hint)
        if isinstance(exc, TooManyAttempts):
            response.headers["Retry-After"] = str(exc.retry_after)
        if isinstance(exc, NotSignedIn) and not wants_html(request):
            response.headers["WWW-Authenticate"] = "Bearer"
        return response

    async def on_validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
            problems.append(f"{where}: {err.get('msg', 'invalid')}")
        message = "The request is not valid: " + "; ".join(problems) + "."
        hint = "Check the fields against the API documentation at /docs."
        if wants_html(request):
            return _error_response(request, 422, message, hint)
        body = error_body(422, message, hint)
        body["errors"] = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()[:20]
        ]
        return JSONResponse(body, status_code=422)

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        messages = {
            404: ("There is no such page.", "Check the address."),
            405: ("This address does not accept that method.", "Check the API documentation."),
            413: ("The request is too large.", "Send less data."),
        }
        message, hint = messages.get(exc.status_code, (str(exc.detail), ""))
        if exc.status_code not in messages and isinstance(exc.detail, str):
            message = exc.detail
        response = _error_response(request, exc.status_code, message, hint)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    app.add_exception_handler(LoginRequired, on_login_required)
    app.add_exception_handler(BackcoachError, on_backcoach_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)


def _install_local_sign_in(app: FastAPI, config: WebConfig) -> None:
    """In local mode, a browser without a session becomes the local person at once."""

    @app.middleware("http")
    async def local_sign_in(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        path = request.url.path
        if path.startswith("/static/") or bearer_token(request) is not None:
            return await call_next(request)
        db: Database = app.state.db
        cookie = request.cookies.get(SESSION_COOKIE)
        found = await run_in_threadpool(accounts.session_user, db, cookie) if cookie else None
        if found is not None:
            request.state.viewer = Viewer(found[0], "session", found[1])
            return await call_next(request)
        user = await run_in_threadpool(accounts.local_user, db)
        signed = await run_in_threadpool(accounts.start_session, db, user.id)
        request.state.viewer = Viewer(user, "session", signed.csrf_token)
        response = await call_next(request)
        response.set_cookie(
            SESSION_COOKIE,
            signed.token,
            httponly=True,
            samesite="lax",
            secure=config.secure_cookies,
            path="/",
        )
        return response


class BodyLimit:
    """Refuses bodies over the limit: at once when the declared length is too large, and
    part-way when a body without a declared length (chunked) grows past it. Uploads
    (multipart POSTs) may carry ``config.max_upload_bytes``; anything else 1 MB.
    """

    def __init__(self, app: ASGIApp, config: WebConfig) -> None:
        self.app = app
        self.config = config

    def _too_large(self, scope: Scope, what: str, declared: int | None, limit: int) -> Response:
        megabytes = f"{limit / 1048576:.0f} MB"
        if declared is None:
            message = f"The {what} is larger than the limit of {megabytes}."
        else:
            message = (
                f"The {what} is too large ({declared / 1048576:.1f} MB; the limit is {megabytes})."
            )
        return _error_response(Request(scope), 413, message, "Send a shorter or smaller file.")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        upload = scope["method"] == "POST" and "multipart/form-data" in headers.get(
            "content-type", ""
        )
        limit = self.config.max_upload_bytes if upload else MAX_BODY_BYTES
        declared = headers.get("content-length", "")
        what = "upload" if upload else "request"
        if declared.isdigit() and int(declared) > limit:
            await self._too_large(scope, what, int(declared), limit)(scope, receive, send)
            return
        received = 0
        exceeded = False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    # The app sees the body end here; its answer is replaced below.
                    return {"type": "http.request", "body": b"", "more_body": False}
            return message

        started = False

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if exceeded:
                if message["type"] == "http.response.start" and not started:
                    started = True
                    await self._too_large(scope, what, None, limit)(scope, receive, send)
                return
            await send(message)

        await self.app(scope, counting_receive, guarded_send)


def create_app(config: WebConfig | None = None, db: Database | None = None) -> FastAPI:
    """The web app over ``config``'s database (opened and migrated here unless given)."""
    config = config or WebConfig.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from anyio.to_thread import current_default_thread_limiter

        current_default_thread_limiter().total_tokens = ROUTE_THREADS
        yield
        jobs = getattr(app.state, "jobs", None)
        if jobs is not None:
            jobs.close()
        if owns_db:
            app.state.db.close()

    app = FastAPI(
        title="backcoach",
        version=__version__,
        description="Training log, plans, strain monitor and video form checks for the "
        "small muscles of the back.",
        lifespan=lifespan,
    )
    owns_db = db is None
    from backcoach.catalog import load_catalog

    app.state.config = config
    app.state.db = db or open_database(config.database_url)
    app.state.catalog = load_catalog()
    if config.local:
        accounts.local_user(app.state.db)
    from backcoach.jobs.runners import make_runner

    app.state.jobs = make_runner(app.state.db, config)
    _install_error_handlers(app)
    if config.local:
        _install_local_sign_in(app, config)
    app.add_middleware(BodyLimit, config=config)
    if config.local:
        # Only this machine's addresses: a page elsewhere cannot rebind a name to it.
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=LOCAL_HOSTS)

    from backcoach.web.api import router as api_router
    from backcoach.web.pages import router as pages_router

    app.include_router(api_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
