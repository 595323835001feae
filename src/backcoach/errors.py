"""The base of every error backcoach reports to a person.

Each error carries two parts: what is wrong (the message) and what to do about it
(the hint). Adapters — the CLI, later the web app — show both and never a traceback.
"""

from __future__ import annotations


class BackcoachError(Exception):
    """Something the user can fix: a bad value, an unknown name, an unusable database."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class UnknownName(BackcoachError):
    """A name (exercise, muscle, unit, region) that backcoach does not know.

    ``suggestions`` holds the closest known names, best first, for a "did you mean".
    """

    def __init__(self, kind: str, name: str, suggestions: list[str], known: list[str]) -> None:
        self.kind = kind
        self.name = name
        self.suggestions = suggestions
        self.known = known
        if suggestions:
            hint = "Did you mean " + " or ".join(f"'{s}'" for s in suggestions[:3]) + "?"
        else:
            hint = f"Known {kind}s: " + ", ".join(known) + "."
        super().__init__(f"Unknown {kind} '{name}'.", hint)
