"""Reading the catalog's YAML data files into a checked :class:`Catalog`.

The default catalog (the package's own ``data/`` folder) is read once per process and
cached; a directory given explicitly, as tests do with broken copies, is read afresh
each time.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.checks import (
    ABOUT_FILE,
    EQUIPMENT_FILE,
    EXERCISE_PREFIX,
    MUSCLES_FILE,
    REGIONS_FILE,
    SOURCES_FILE,
    ParsedData,
    check_all,
)
from backcoach.catalog.errors import CatalogError, Problem
from backcoach.catalog.models import About, BodyRegion, Equipment, Exercise, Muscle, Source

#: The package's own data files.
DATA_DIR = Path(__file__).parent / "data"

_LIST_FILES = (SOURCES_FILE, EQUIPMENT_FILE, REGIONS_FILE, MUSCLES_FILE)
_M = TypeVar("_M", bound=BaseModel)


def load_catalog(path: str | os.PathLike[str] | None = None) -> Catalog:
    """The exercise catalog, validated; CatalogError names the file and field of any problem.

    With no ``path`` the package's data is read once and cached. ``path`` may name another
    directory of data files laid out the same way; it is read (and checked) on every call.
    """
    if path is None:
        return _default_catalog()
    return _load(Path(path))


@functools.cache
def _default_catalog() -> Catalog:
    from backcoach.paths import cache_dir

    return load_checked(DATA_DIR, cache_dir())


def load_checked(directory: Path, cache: Path) -> Catalog:
    """The catalog in ``directory``, from a cache of its last check when its files are unchanged.

    Checking the files takes longer than starting the program should; the checked
    catalog is kept (pickled) under a name made from the files' contents and the
    versions that shaped it, so any edit to a data file, or an upgrade, checks afresh.
    """
    import sys

    import pydantic

    import backcoach

    digest = hashlib.blake2b(digest_size=16)
    for part in (backcoach.__version__, pydantic.VERSION, sys.version):
        digest.update(part.encode())
    for file in sorted(directory.glob("*.y*ml")):
        digest.update(file.name.encode())
        digest.update(file.read_bytes())
    cached = cache / f"catalog-{digest.hexdigest()}.pickle"
    try:
        with cached.open("rb") as fh:
            catalog = pickle.load(fh)
        if isinstance(catalog, Catalog):
            return catalog
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        pass
    catalog = _load(directory)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=cache, delete=False) as out:
            pickle.dump(catalog, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(out.name, cached)
    except OSError:
        pass  # a read-only home still works, only slower
    return catalog


def _load(directory: Path) -> Catalog:
    if not directory.is_dir():
        raise CatalogError(
            [Problem(str(directory), "", "is not a directory of catalog data files")],
            "Pass the folder that holds about.yaml, muscles.yaml and the exercise-*.yaml files.",
        )
    problems: list[Problem] = []
    names = sorted(p.name for p in directory.iterdir() if p.suffix in {".yaml", ".yml"})
    for name in names:
        if name not in (ABOUT_FILE, *_LIST_FILES) and not name.startswith(EXERCISE_PREFIX):
            problems.append(
                Problem(
                    name, "", "is not a catalog data file (exercise files are exercise-<id>.yaml)"
                )
            )
    for name in (ABOUT_FILE, *_LIST_FILES):
        if name not in names:
            problems.append(Problem(name, "", "is missing"))
    if problems:
        raise CatalogError(problems)

    about = _read_one(directory / ABOUT_FILE, About, problems)
    sources = _read_list(directory / SOURCES_FILE, Source, problems)
    equipment = _read_list(directory / EQUIPMENT_FILE, Equipment, problems)
    regions = _read_list(directory / REGIONS_FILE, BodyRegion, problems)
    muscles = _read_list(directory / MUSCLES_FILE, Muscle, problems)
    exercises: list[tuple[str, Exercise]] = []
    for name in names:
        if name.startswith(EXERCISE_PREFIX):
            ex = _read_one(directory / name, Exercise, problems)
            if ex is not None:
                exercises.append((name, ex))
    if problems or about is None:
        raise CatalogError(problems)

    data = ParsedData(about, sources, equipment, regions, muscles, exercises)
    problems = check_all(data)
    if problems:
        raise CatalogError(problems)
    return Catalog(
        about=about,
        exercises=[ex for _, ex in exercises],
        muscles=muscles,
        sources=sources,
        regions=regions,
        equipment=equipment,
    )


def _parse(path: Path, problems: list[Problem]) -> tuple[bool, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        problems.append(Problem(path.name, "", f"cannot be read ({e})"))
        return False, None
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~10x faster
    try:
        return True, yaml.load(text, Loader=loader)  # a safe loader: plain data only
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        reason = getattr(e, "problem", None) or str(e)
        problems.append(Problem(path.name, "", f"is not valid YAML{where}: {reason}"))
        return False, None


def _read_one(path: Path, model: type[_M], problems: list[Problem]) -> _M | None:
    ok, raw = _parse(path, problems)
    if not ok:
        return None
    if not isinstance(raw, dict):
        problems.append(Problem(path.name, "", "must hold a mapping of fields (key: value)"))
        return None
    return _validate(path.name, raw, (), raw, model, problems)


def _read_list(path: Path, model: type[_M], problems: list[Problem]) -> list[_M]:
    ok, raw = _parse(path, problems)
    if not ok:
        return []
    if not isinstance(raw, list):
        problems.append(Problem(path.name, "", "must hold a list of entries (- id: ...)"))
        return []
    out: list[_M] = []
    for i, item in enumerate(raw):
        entry = _validate(path.name, raw, (i,), item, model, problems)
        if entry is not None:
            out.append(entry)
    return out


def _validate(
    file: str,
    root: Any,
    prefix: tuple[int | str, ...],
    value: Any,
    model: type[_M],
    problems: list[Problem],
) -> _M | None:
    """Validate ``value`` (found at ``prefix`` inside the file's ``root``) as ``model``."""
    try:
        return model.model_validate(value)
    except ValidationError as e:
        for err in e.errors(include_url=False):
            loc = prefix + tuple(err["loc"])
            problems.append(
                Problem(file, _field_path(root, loc), _message(err["type"], err["msg"]))
            )
        return None


def _field_path(raw: Any, loc: Sequence[int | str]) -> str:
    """Render a pydantic location readably, naming list entries by their id where they have one.

    ``("thresholds", 2, "low")`` becomes ``thresholds[torso-angle].low``.
    """
    out = ""
    node = raw
    for part in loc:
        if isinstance(part, int):
            entry = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            label = entry.get("id") if isinstance(entry, dict) else None
            out += f"[{label}]" if isinstance(label, str) else f"[{part}]"
            node = entry
        else:
            out += f".{part}" if out else part
            node = node.get(part) if isinstance(node, dict) else None
    return out


_FRIENDLY: dict[str, Callable[[str], str]] = {
    "extra_forbidden": lambda _: "is not a known field (check its spelling; see docs/catalog.md)",
    "missing": lambda _: "is required but missing",
    "value_error": lambda msg: msg.removeprefix("Value error, "),
}


def _message(kind: str, msg: str) -> str:
    friendly = _FRIENDLY.get(kind)
    return friendly(msg) if friendly is not None else msg
