"""``backcoach serve``, ``backcoach worker`` and ``backcoach user add``: running a server.

Heavy modules (uvicorn, the web app, the database, procrastinate) are imported inside the
commands only.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from backcoach.errors import BackcoachError

if TYPE_CHECKING:
    from fastapi import FastAPI

ROLES = ("athlete", "coach", "admin")
#: Addresses whose X-Forwarded-* headers are believed, unless FORWARDED_ALLOW_IPS says.
TRUSTED_PROXIES = "127.0.0.1,::1"

DatabaseUrlOption = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="Database URL, e.g. postgresql://user@host/backcoach "
        "(default: --database, $BACKCOACH_DATABASE_URL, or SQLite in your data folder).",
        show_default=False,
    ),
]


def _url(database_url: str | None) -> str:
    from backcoach.cli.app import STATE
    from backcoach.store.database import resolve_url

    return resolve_url(database_url or STATE.database_url)


def web_app() -> FastAPI:
    """The app of one web process, from the environment (uvicorn calls this in each)."""
    import gc

    from backcoach.web.app import create_app
    from backcoach.web.config import WebConfig

    app = create_app(WebConfig.from_env())
    # What exists now (modules, the catalog, the app and its routes) lives as long as the
    # process: set it aside from the garbage collector, whose full passes over it took
    # 100-130 ms, pausing every request under way (bench/api_concurrency.py); 15 ms after.
    gc.collect()
    gc.freeze()
    return app


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    database_url: DatabaseUrlOption = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1, help="Web processes (more than one needs PostgreSQL and the job queue)."
        ),
    ] = 1,
) -> None:
    """Run the web app: the pages and the API, with form checks in the background."""
    import uvicorn

    from backcoach.cli.app import console
    from backcoach.store.database import DATABASE_URL_ENV, describe, open_database
    from backcoach.web.config import JOBS_ENV, WebConfig

    config = WebConfig.from_env(_url(database_url))
    db = open_database(config.database_url)  # migrated here once, and errors said now
    try:
        threaded = config.jobs == "thread" or db.is_sqlite
        if workers > 1 and threaded:
            raise BackcoachError(
                f"{workers} web processes need PostgreSQL and the job queue; form checks "
                "would otherwise run inside each process and trip over each other.",
                f"Use --workers 1, or a postgresql:// database with {JOBS_ENV}=queue and "
                "'backcoach worker' beside it.",
            )
        if not threaded:
            from backcoach.jobs.queue import ensure_schema

            ensure_schema(db)
    finally:
        db.close()
    # Each web process builds its app from the environment.
    os.environ[DATABASE_URL_ENV] = config.database_url
    out = console(stderr=True)
    where = f"http://{'[' + host + ']' if ':' in host else host}:{port}"
    out.print(f"[bold]backcoach[/bold] at {where}  (Ctrl+C stops it)", soft_wrap=True)
    out.print(
        f"{config.mode.capitalize()} mode, database {describe(config.database_url)}"
        + ("" if threaded else "; form checks go to 'backcoach worker'"),
        soft_wrap=True,
        highlight=False,
    )
    if config.local and host not in ("127.0.0.1", "localhost", "::1"):
        out.print(
            "[yellow]Local mode answers only this machine's own addresses;[/yellow] for a "
            "server, use a postgresql:// database (server mode)."
        )
    uvicorn.run(
        "backcoach.cli.server_commands:web_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        forwarded_allow_ips=os.environ.get("FORWARDED_ALLOW_IPS", TRUSTED_PROXIES),
        log_level="info",
    )


def worker(
    database_url: DatabaseUrlOption = None,
    concurrency: Annotated[
        int,
        typer.Option(
            min=1,
            help="Form checks at once in this process (each takes a CPU core; one is best).",
        ),
    ] = 1,
) -> None:
    """Do form checks from the job queue until stopped (server mode, PostgreSQL)."""
    import logging

    from backcoach.cli.app import console
    from backcoach.jobs.queue import require_postgres, run_worker
    from backcoach.store.database import describe, open_database
    from backcoach.web.config import WebConfig

    url = _url(database_url)
    require_postgres(url)
    config = WebConfig.from_env(url)
    db = open_database(url)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    console(stderr=True).print(
        f"backcoach worker: form checks from the queue on {describe(url)}, "
        f"uploads in {config.upload_dir} (Ctrl-C stops after the job in hand)"
    )
    try:
        run_worker(db, config, concurrency)
    finally:
        db.close()


user_app = typer.Typer(
    help="People with accounts on a server (admins are made here).", no_args_is_help=True
)


@user_app.command("add")
def user_add(
    email: Annotated[str, typer.Option(help="The person's e-mail address (they sign in with it).")],
    role: Annotated[str, typer.Option(help="athlete, coach or admin.")] = "athlete",
    name: Annotated[str, typer.Option(help="The name shown (default: from the address).")] = "",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    database_url: DatabaseUrlOption = None,
) -> None:
    """Add an account; the password is asked for (or read with --password-stdin)."""
    from backcoach import accounts
    from backcoach.cli.app import console
    from backcoach.store.database import open_database

    if role not in ROLES:
        raise BackcoachError(f"Unknown role '{role}'.", f"Choose one of {', '.join(ROLES)}.")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    db = open_database(_url(database_url))
    try:
        user = accounts.create_user(db, email, password, name, role)
    finally:
        db.close()
    console().print(f"Added {user.email} as {user.role} (id {user.id}).")
