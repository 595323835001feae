"""Errors about files coming in or going out, each saying what to do next."""

from __future__ import annotations

from backcoach.errors import BackcoachError


class InteropError(BackcoachError):
    """A file backcoach cannot import or export as it is."""


class BadFile(InteropError):
    """The file is not in its claimed format, or is damaged; ``where`` names the row or message."""

    def __init__(self, message: str, hint: str = "", where: str = "") -> None:
        super().__init__(f"{where}: {message}" if where else message, hint)
        self.where = where


class UnitNeeded(InteropError):
    """The file does not say whether its weights are kilograms or pounds."""

    def __init__(self, heaviest: list[tuple[str, float]]) -> None:
        super().__init__(
            "The file does not say whether its weights are kilograms or pounds.",
            "Import again with --unit kg or --unit lb (its heaviest lifts are listed above).",
        )
        self.heaviest = heaviest
