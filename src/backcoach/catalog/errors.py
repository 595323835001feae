"""The error the catalog raises when its data files are missing or invalid."""

from __future__ import annotations

from dataclasses import dataclass

from backcoach.errors import BackcoachError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the catalog data: which file, which field, what is wrong."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, field '{self.field}'" if self.field else self.file
        return f"{where}: {self.message}"


class CatalogError(BackcoachError):
    """The catalog's data is missing or invalid, or an entry lacks something asked of it.

    ``problems`` lists every problem found (validation collects them all before raising),
    so a person fixing a data file sees the whole list at once. ``file`` and ``field``
    are those of the first problem.
    """

    def __init__(self, problems: list[Problem], hint: str = "") -> None:
        self.problems = problems
        self.file = problems[0].file if problems else ""
        self.field = problems[0].field if problems else ""
        if len(problems) == 1:
            message = f"Invalid catalog data: {problems[0]}"
        else:
            lines = "\n".join(f"  - {p}" for p in problems)
            message = f"Invalid catalog data ({len(problems)} problems):\n{lines}"
        super().__init__(
            message,
            hint or "Fix the data file(s) named above; docs/catalog.md describes every field.",
        )
