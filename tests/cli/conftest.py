"""Running the real ``backcoach`` command in-process, capturing what a person would see."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from backcoach.cli import main


@dataclass
class Outcome:
    """What one command printed and how it exited."""

    code: int
    out: str
    err: str


Run = Callable[..., Outcome]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """Call ``backcoach ARGS`` as the console script does; optional text for its prompts."""
    monkeypatch.setenv("COLUMNS", "250")
    monkeypatch.setenv("NO_COLOR", "1")

    def invoke(*args: str, answers: str | None = None) -> Outcome:
        monkeypatch.setattr(sys, "argv", ["backcoach", *args])
        if answers is not None:
            monkeypatch.setenv("BACKCOACH_FORCE_PROMPTS", "1")
            monkeypatch.setattr(sys, "stdin", io.StringIO(answers))
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return invoke
