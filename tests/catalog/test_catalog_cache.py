"""The checked catalog is cached between runs and checked afresh when a data file changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from backcoach.catalog import DATA_DIR, CatalogError
from backcoach.catalog.loader import load_checked


def test_a_second_load_comes_from_the_cache_and_equals_the_first(tmp_path: Path) -> None:
    first = load_checked(DATA_DIR, tmp_path)
    cached = list(tmp_path.glob("catalog-*.pickle"))
    assert len(cached) == 1
    second = load_checked(DATA_DIR, tmp_path)
    assert [e.model_dump() for e in second.exercises] == [e.model_dump() for e in first.exercises]
    assert second.exercise("dumbbell dips").id == "overhead-dumbbell-raise"


def test_an_edited_data_file_is_checked_again_not_read_from_the_cache(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    cache = tmp_path / "cache"
    load_checked(data, cache)
    muscles = data / "muscles.yaml"
    muscles.write_text(muscles.read_text().replace("id: rhomboids", "id: rhomboidz", 1))
    with pytest.raises(CatalogError):
        load_checked(data, cache)


def test_a_damaged_cache_file_is_ignored(tmp_path: Path) -> None:
    load_checked(DATA_DIR, tmp_path)
    [cached] = tmp_path.glob("catalog-*.pickle")
    cached.write_bytes(b"not a pickle")
    assert len(load_checked(DATA_DIR, tmp_path).exercises) == 5
