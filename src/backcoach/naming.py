"""Matching names a person types against the names backcoach knows."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from backcoach.errors import UnknownName

T = TypeVar("T")

_SEPARATORS = re.compile(r"[\s_\-/]+")


def normalise(name: str) -> str:
    """Fold case, spaces, hyphens and underscores so 'Pull Up', 'pull-up' and 'pull_up' match."""
    return _SEPARATORS.sub("-", name.strip().lower()).strip("-")


def suggest(name: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The candidate keys closest to ``name``, best first (empty when nothing is close)."""
    pool = {normalise(c): c for c in candidates}
    key = normalise(name)
    close = difflib.get_close_matches(key, list(pool), n=limit, cutoff=0.6)
    if not close and key:
        close = [k for k in pool if k.startswith(key) or key in k][:limit]
    return [pool[c] for c in close]


def lookup(
    kind: str,
    name: str,
    table: Mapping[str, T],
    label: Callable[[T], str],
) -> T:
    """Find ``name`` in ``table`` (keys normalised) or raise :class:`UnknownName`.

    ``label`` gives the canonical name of an entry, so suggestions made from aliases
    still name the thing the way the library does.
    """
    key = normalise(name)
    if key in table:
        return table[key]
    suggestions: list[str] = []
    for k in suggest(name, table, limit=6):
        canonical = label(table[k])
        if canonical not in suggestions:
            suggestions.append(canonical)
    known = sorted({label(v) for v in table.values()})
    raise UnknownName(kind, name, suggestions[:3], known)
