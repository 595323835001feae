"""The exercise catalog: the article's five exercises, the back muscles, and what they rest on.

Exercise knowledge lives once, as YAML data files in ``data/``, validated by typed models
when loaded::

    from backcoach.catalog import load_catalog

    cat = load_catalog()
    row = cat.exercise("barbell row")
    row.threshold("torso-angle").contains(47.0)  # True

See docs/catalog.md for the fields and how to add content.
"""

from __future__ import annotations

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.errors import CatalogError, Problem
from backcoach.catalog.loader import DATA_DIR, load_catalog
from backcoach.catalog.models import (
    About,
    BodyRegion,
    Equipment,
    Exercise,
    Fault,
    FormThreshold,
    Muscle,
    MuscleShare,
    Prescription,
    Source,
    Variant,
)

__all__ = [
    "DATA_DIR",
    "About",
    "BodyRegion",
    "Catalog",
    "CatalogError",
    "Equipment",
    "Exercise",
    "Fault",
    "FormThreshold",
    "Muscle",
    "MuscleShare",
    "Prescription",
    "Problem",
    "Source",
    "Variant",
    "load_catalog",
]
