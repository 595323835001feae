"""The server-mode job queue: procrastinate on the PostgreSQL database backcoach already uses.

Why procrastinate: server mode needs PostgreSQL anyway, so the queue adds no broker to run,
back up or watch (unlike Celery or RQ with Redis or RabbitMQ); a deferred job is a row
committed in the database, so it survives any restart; workers are plain processes
(``backcoach worker``) that PostgreSQL's LISTEN/NOTIFY wakes at once; and it is typed,
maintained and documented. The queue only carries a job id: what a job is and how far
it got lives in backcoach's own ``form_check_jobs`` table.

procrastinate's tables (``procrastinate_*``) sit beside backcoach's; :func:`ensure_schema`
creates them once, under an advisory lock so that several processes starting together
do not race.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import make_url

from backcoach.jobs.errors import QueueUnavailable
from backcoach.store.database import DATABASE_URL_ENV, Database, describe

if TYPE_CHECKING:
    import procrastinate

    from backcoach.web.config import WebConfig

log = logging.getLogger(__name__)

FORM_CHECK_TASK = "backcoach.form_check"
RETRY_STALLED_TASK = "backcoach.retry_stalled_form_checks"
QUEUE = "form_checks"
#: Any fixed number: the PostgreSQL advisory lock held while procrastinate's schema is made.
_SCHEMA_LOCK = 7_325_118_407
#: A job whose worker has sent no heartbeat for this long (seconds) is given to another.
#: procrastinate's workers beat every 10 s; 30 s is its own default for "stalled".
STALLED_AFTER_S = 30.0
#: A job that raised (the database went away mid-job) is tried this often in all.
TASK_ATTEMPTS = 3


def require_postgres(url: str) -> None:
    """Raise QueueUnavailable unless ``url`` is a PostgreSQL database."""
    if make_url(url).get_backend_name() != "postgresql":
        raise QueueUnavailable(
            f"The job queue needs PostgreSQL, and {describe(url)} is not.",
            f"Give --database-url (or {DATABASE_URL_ENV}) a postgresql:// URL; on SQLite, "
            "form checks run inside 'backcoach serve' and need no worker.",
        )


def conninfo(url: str) -> str:
    """The libpq connection string of an SQLAlchemy PostgreSQL URL."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def ensure_schema(db: Database) -> bool:
    """Create procrastinate's tables unless they exist; True when it made them."""
    require_postgres(db.url)
    from procrastinate.schema import SchemaManager

    with db.engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK})
        if conn.execute(text("SELECT to_regclass('procrastinate_jobs')")).scalar() is not None:
            return False
        driver = conn.connection.driver_connection
        assert driver is not None
        # Several statements in one call: psycopg sends them as one simple query.
        driver.execute(SchemaManager.get_schema())
    log.info("Created the job queue's tables in %s", describe(db.url))
    return True


def queue_app(url: str) -> procrastinate.App:
    """A procrastinate app on the database at ``url`` (not opened yet)."""
    import procrastinate

    require_postgres(url)
    connector = procrastinate.PsycopgConnector(conninfo=conninfo(url), min_size=1, max_size=4)
    return procrastinate.App(connector=connector)


def defer(app: procrastinate.App, job_id: str) -> None:
    """Put a form-check job in the queue (``app`` opened)."""
    app.configure_task(name=FORM_CHECK_TASK, queue=QUEUE).defer(job_id=job_id)


async def retry_stalled(app: procrastinate.App, after_s: float = STALLED_AFTER_S) -> int:
    """Give the jobs of workers that died (no heartbeat for ``after_s``) to the living;
    how many there were."""
    stalled = list(
        await app.job_manager.get_stalled_jobs(
            task_name=FORM_CHECK_TASK, seconds_since_heartbeat=after_s
        )
    )
    for job in stalled:
        log.warning("Form check job %s stalled (its worker died); trying it again", job.id)
        await app.job_manager.retry_job(job)
    return len(stalled)


def worker_app(db: Database, config: WebConfig) -> procrastinate.App:
    """The queue app with backcoach's tasks, as a worker runs it."""
    import procrastinate

    from backcoach.jobs.form_checks import run_form_check

    app = queue_app(db.url)

    @app.task(
        name=FORM_CHECK_TASK,
        queue=QUEUE,
        retry=procrastinate.RetryStrategy(max_attempts=TASK_ATTEMPTS, exponential_wait=5),
    )
    def form_check(job_id: str) -> None:
        run_form_check(db, job_id, config)

    @app.periodic(cron="* * * * *", periodic_id="stalled")
    @app.task(name=RETRY_STALLED_TASK, queue=QUEUE)
    async def retry_stalled_form_checks(timestamp: int) -> None:
        await retry_stalled(app)

    return app


def _warm_up() -> None:
    """Load the video and pose libraries now (seconds), not in the middle of the first job."""
    import importlib

    for module in ("backcoach.vision.pipeline", "backcoach.vision.annotate", "av", "cv2"):
        importlib.import_module(module)
    # The bundled pose model's library, which the estimator imports on first use.
    with contextlib.suppress(ImportError):
        importlib.import_module("mediapipe.python.solutions.pose")


def run_worker(db: Database, config: WebConfig, concurrency: int = 1, name: str = "") -> None:
    """Take form checks from the queue until stopped (SIGINT or SIGTERM)."""
    ensure_schema(db)
    app = worker_app(db, config)
    _warm_up()

    async def work() -> None:
        async with app.open_async():
            await retry_stalled(app)
            await app.run_worker_async(
                queues=[QUEUE],
                concurrency=concurrency,
                name=name or "backcoach-worker",
                delete_jobs="successful",
                install_signal_handlers=True,
            )

    asyncio.run(work())
