"""Shared fixtures for the catalog tests: the real catalog and broken copies of its data."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from backcoach.catalog import DATA_DIR

#: Edits one data file in place: receives the parsed YAML, changes it (or returns new data).
Edit = Callable[[Any], Any]


@pytest.fixture
def broken_copy(tmp_path: Path) -> Callable[..., Path]:
    """Copy the real data to a temporary folder, apply edits to named files, return the folder.

    Usage: ``broken_copy({"muscles.yaml": edit})`` where ``edit`` mutates the parsed YAML (or
    returns replacement data).
    """

    def make(edits: dict[str, Edit]) -> Path:
        target = tmp_path / "data"
        shutil.copytree(DATA_DIR, target)
        for name, edit in edits.items():
            path = target / name
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            result = edit(data)
            path.write_text(
                yaml.safe_dump(
                    data if result is None else result, allow_unicode=True, sort_keys=False
                ),
                encoding="utf-8",
            )
        return target

    return make
