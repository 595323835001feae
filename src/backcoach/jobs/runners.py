"""Who does the form checks: a thread of the web process, or workers fed by the queue.

Both take a job id and nothing more; the job itself is in ``form_check_jobs``.

* :class:`ThreadRunner`, the embedded default: one background thread in the web process
  does the queued jobs one at a time, oldest first. It lives while there is work and
  ends when there is none. On start it puts back in the queue the jobs that a process
  which died left "running". Meant for one web process.
* :class:`QueueRunner`, server mode: each job goes into procrastinate's queue on
  PostgreSQL, and ``backcoach worker`` processes, as many as the machines allow, do them.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Protocol

from backcoach.jobs.form_checks import run_form_check
from backcoach.store.database import Database
from backcoach.store.jobs_repository import JobsRepository
from backcoach.training.entries import utc_now
from backcoach.web.config import WebConfig

if TYPE_CHECKING:
    import procrastinate

log = logging.getLogger(__name__)

#: How long ``close`` waits for the job in hand to step back into the queue.
STOP_WAIT_S = 10.0
#: After a failure of the database itself, the thread waits this long before going on.
RETRY_AFTER_S = 2.0


class JobRunner(Protocol):
    """Something that sees to it that a stored, queued job gets done."""

    def submit(self, job_id: str) -> None:
        """The job ``job_id`` is stored and queued: do it (soon, elsewhere)."""

    def close(self) -> None:
        """The process is stopping: let go of threads and connections."""


class ThreadRunner:
    """Form checks inside this process, one at a time, oldest first."""

    def __init__(self, db: Database, config: WebConfig) -> None:
        self.db = db
        self.config = config
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._pending = False
        self._stopping = threading.Event()
        with db.session(write=True) as s:
            repo = JobsRepository(s)
            requeued = repo.requeue_running(utc_now())
            waiting = repo.oldest_queued() is not None
        if requeued:
            log.warning(
                "%d form check(s) left running by a stopped process were requeued", requeued
            )
        if waiting:
            self._wake()

    @property
    def busy(self) -> bool:
        """True while the thread is at work (or looking for work)."""
        with self._lock:
            return self._thread is not None

    def submit(self, job_id: str) -> None:
        """Make sure the thread is (or will be) looking at the queue."""
        self._wake()

    def _wake(self) -> None:
        with self._lock:
            if self._stopping.is_set():
                return
            self._pending = True
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="backcoach-form-checks", daemon=True
                )
                self._thread.start()

    def _run(self) -> None:
        while not self._stopping.is_set():
            with self._lock:
                self._pending = False
            did_one = self._one()
            if not did_one:
                with self._lock:
                    if not self._pending or self._stopping.is_set():
                        self._thread = None
                        return

    def _one(self) -> bool:
        """Do the oldest queued job; False when there was none (or the database failed)."""
        job_id: str | None = None
        try:
            with self.db.session() as s:
                job_id = JobsRepository(s).oldest_queued()
            if job_id is None:
                return False
            run_form_check(self.db, job_id, self.config, should_stop=self._stopping.is_set)
            return True
        except Exception:
            log.exception("The form-check thread could not go on with job %s", job_id)
            self._stopping.wait(RETRY_AFTER_S)
            return False

    def close(self) -> None:
        """Stop: the job in hand goes back to the queue for the next start."""
        with self._lock:
            self._stopping.set()
            thread = self._thread
        if thread is not None:
            thread.join(STOP_WAIT_S)


class QueueRunner:
    """Form checks done by ``backcoach worker`` processes, through procrastinate."""

    def __init__(self, db: Database, config: WebConfig) -> None:
        from backcoach.jobs import queue

        self.db = db
        self.config = config
        self._app: procrastinate.App = queue.queue_app(db.url)
        self._lock = threading.Lock()
        self._open = False

    def submit(self, job_id: str) -> None:
        """Put the job in the queue; a worker takes it."""
        from backcoach.jobs import queue
        from backcoach.jobs.errors import QueueUnavailable

        try:
            with self._lock:
                if not self._open:
                    queue.ensure_schema(self.db)
                    self._app.open()
                    self._open = True
            queue.defer(self._app, job_id)
        except QueueUnavailable:
            raise
        except Exception as exc:
            log.exception("Could not queue form check %s", job_id)
            raise QueueUnavailable(
                "The form check could not be queued: the job queue is not reachable.",
                "Try again in a minute; if it keeps failing, tell the people who run this server.",
            ) from exc

    def close(self) -> None:
        """Let go of the queue's connections."""
        with self._lock:
            if self._open:
                self._app.close()
                self._open = False


def make_runner(db: Database, config: WebConfig) -> JobRunner:
    """The runner ``config`` asks for. SQLite has no queue: there jobs run in a thread."""
    if config.jobs == "queue" and not db.is_sqlite:
        return QueueRunner(db, config)
    return ThreadRunner(db, config)
