"""How the web app runs: which database, local or server mode, uploads and their limits."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from backcoach.errors import BackcoachError
from backcoach.paths import data_dir
from backcoach.store.database import DATABASE_URL_ENV, resolve_url

MODE_ENV = "BACKCOACH_MODE"
UPLOAD_DIR_ENV = "BACKCOACH_UPLOAD_DIR"
MAX_UPLOAD_ENV = "BACKCOACH_MAX_UPLOAD_MB"
SECURE_COOKIES_ENV = "BACKCOACH_SECURE_COOKIES"
JOBS_ENV = "BACKCOACH_JOBS"
JOB_RUNNERS = ("thread", "queue")
DEFAULT_MAX_UPLOAD_MB = 200


@dataclass(frozen=True)
class WebConfig:
    """Settings of one web process (and of the workers beside it).

    ``mode`` is "local" for the embedded default: one person, signed in automatically,
    and form checks run inside the app. "server" requires accounts and sign-in, and form
    checks go to a queue that ``backcoach worker`` processes take from.
    """

    database_url: str
    mode: str = "local"
    upload_dir: Path = field(default_factory=lambda: data_dir() / "uploads")
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_MB * 1024 * 1024
    secure_cookies: bool = False
    #: "thread": form checks run inside the web process; "queue": in ``backcoach worker``
    #: processes fed by the PostgreSQL-backed queue. Empty means thread in local mode and
    #: queue in server mode.
    jobs: str = ""

    def __post_init__(self) -> None:
        if self.mode not in ("local", "server"):
            raise BackcoachError(
                f"Unknown mode '{self.mode}'.", f"Set {MODE_ENV} to local or server."
            )
        if not self.jobs:
            object.__setattr__(self, "jobs", "thread" if self.mode == "local" else "queue")
        if self.jobs not in JOB_RUNNERS:
            raise BackcoachError(
                f"Unknown job runner '{self.jobs}'.", f"Set {JOBS_ENV} to thread or queue."
            )

    @property
    def local(self) -> bool:
        """True in the embedded, single-person mode."""
        return self.mode == "local"

    @classmethod
    def from_env(cls, database_url: str | None = None, mode: str | None = None) -> WebConfig:
        """Settings from the arguments, then the environment, then the defaults.

        With no mode given, an SQLite database means local mode and a server database
        means server mode.
        """
        url = resolve_url(database_url or os.environ.get(DATABASE_URL_ENV))
        mode = (
            mode or os.environ.get(MODE_ENV) or ("local" if url.startswith("sqlite") else "server")
        )
        upload = os.environ.get(UPLOAD_DIR_ENV)
        limit = os.environ.get(MAX_UPLOAD_ENV)
        try:
            max_bytes = int(float(limit) * 1024 * 1024) if limit else None
        except ValueError as exc:
            raise BackcoachError(
                f"{MAX_UPLOAD_ENV}={limit!r} is not a number of megabytes.",
                f"Set it to a number such as {DEFAULT_MAX_UPLOAD_MB}.",
            ) from exc
        secure = os.environ.get(SECURE_COOKIES_ENV)
        return cls(
            database_url=url,
            mode=mode,
            upload_dir=Path(upload) if upload else data_dir() / "uploads",
            max_upload_bytes=max_bytes or DEFAULT_MAX_UPLOAD_MB * 1024 * 1024,
            secure_cookies=(secure == "1") if secure is not None else mode == "server",
            jobs=os.environ.get(JOBS_ENV, ""),
        )
