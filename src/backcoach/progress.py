"""Use case: a person's progress series, read from the log (see training/progress.py)."""

from __future__ import annotations

from datetime import date, datetime

from backcoach.catalog import Catalog
from backcoach.store.database import Database
from backcoach.training.progress import Point, Progress, Series, progress_document, progress_of

__all__ = ["Point", "Progress", "Series", "progress", "progress_document"]


def progress(
    db: Database, catalog: Catalog, user_id: str, days: int = 180, today: date | None = None
) -> Progress:
    """The progress series of ``user_id`` over the ``days`` days up to ``today`` (local)."""
    from backcoach.services import training_record

    now = datetime.now().astimezone()
    tz = now.tzinfo
    assert tz is not None  # astimezone() always gives an aware time
    record = training_record(db, user_id)
    return progress_of(
        record.sessions,
        record.all_sets,
        record.pain,
        catalog,
        today or now.date(),
        days=days,
        tz=tz,
        body_weight_kg=record.body_weight_kg,
        custom=record.custom,
    )
