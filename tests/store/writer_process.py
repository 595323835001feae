"""A process that logs batches of sets until it is killed (used by the crash test).

Prints ``writing N`` when batch N is half written (flushed to the database but not
committed) and ``committed N`` once its transaction commits.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

from backcoach import services
from backcoach.store import LogRepository, open_database
from backcoach.training.entries import SetEntry, TrainingSession
from backcoach.training.users import LOCAL_USER_ID

BATCH = 300


def main(url: str) -> None:
    db = open_database(url)
    services.ensure_user(db)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    batch = 0
    while True:
        when = start + timedelta(days=batch)
        with db.session(write=True) as s:
            repo = LogRepository(s)
            session_id = f"batch-{batch}"
            repo.add_session(TrainingSession(id=session_id, user_id=LOCAL_USER_ID, started_at=when))
            for i in range(BATCH):
                repo.add_set(
                    SetEntry(
                        id=f"{session_id}-set-{i}",
                        session_id=session_id,
                        exercise_id="bent-over-row",
                        position=i,
                        reps=8,
                        load_kg=60.0,
                        logged_at=when,
                    )
                )
                if i == BATCH // 2:
                    print(f"writing {batch}", flush=True)
        print(f"committed {batch}", flush=True)
        batch += 1


if __name__ == "__main__":
    main(sys.argv[1])
