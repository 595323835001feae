"""``backcoach worker``, ``backcoach serve`` and ``backcoach user add`` as an operator runs them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from backcoach import accounts
from backcoach.store.accounts_repository import AccountsRepository
from backcoach.store.database import open_database


def backcoach(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    exe = shutil.which("backcoach", path=str(Path(sys.executable).parent)) or "backcoach"
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    env.pop("BACKCOACH_DATABASE_URL", None)
    return subprocess.run(
        [exe, *args], input=stdin, capture_output=True, text=True, env=env, timeout=60
    )


def test_a_worker_on_sqlite_says_the_queue_needs_postgresql(sqlite_url: str) -> None:
    result = backcoach("worker", "--database-url", sqlite_url)
    assert result.returncode == 1
    assert "The job queue needs PostgreSQL" in result.stderr
    assert "form checks run inside 'backcoach serve'" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_refuses_several_processes_without_the_queue(sqlite_url: str) -> None:
    result = backcoach("serve", "--database-url", sqlite_url, "--workers", "3")
    assert result.returncode == 1
    assert "3 web processes need PostgreSQL and the job queue" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_operator_adds_an_admin_who_can_then_sign_in(db_url: str) -> None:
    result = backcoach(
        "user",
        "add",
        "--email",
        "Boss@Example.com",
        "--role",
        "admin",
        "--name",
        "Boss",
        "--password-stdin",
        "--database-url",
        db_url,
        stdin="a long enough secret\n",
    )
    assert result.returncode == 0, result.stderr
    assert "Added boss@example.com as admin" in result.stdout
    db = open_database(db_url)
    try:
        user = accounts.authenticate(db, "boss@example.com", "a long enough secret")
        assert (user.role, user.name) == ("admin", "Boss")
    finally:
        db.close()


def test_an_unknown_role_or_a_short_password_adds_no_one(sqlite_url: str) -> None:
    wrong_role = backcoach(
        "user",
        "add",
        "--email",
        "a@example.com",
        "--role",
        "owner",
        "--password-stdin",
        "--database-url",
        sqlite_url,
        stdin="a long enough secret\n",
    )
    assert wrong_role.returncode == 1
    assert "Unknown role 'owner'" in wrong_role.stderr
    short = backcoach(
        "user",
        "add",
        "--email",
        "a@example.com",
        "--password-stdin",
        "--database-url",
        sqlite_url,
        stdin="short\n",
    )
    assert short.returncode == 1
    assert "The password is too short" in short.stderr
    db = open_database(sqlite_url)
    try:
        with db.session() as s:
            assert AccountsRepository(s).user_by_email("a@example.com") is None
    finally:
        db.close()
