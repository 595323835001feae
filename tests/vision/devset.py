"""The compact devset (tests/data/devset): real MediaPipe keypoints with hand-made labels.

Helpers shared by the devset tests and by the table in docs/vision.md
(``.venv/bin/python -m tests.vision.devset`` prints it).
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from backcoach.vision.analyse import analyse
from backcoach.vision.keypoints import read_keypoints
from backcoach.vision.pose import PoseSequence
from backcoach.vision.report import FormReport

DEVSET = Path(__file__).resolve().parents[1] / "data" / "devset"

#: Devset exercise label -> the catalog exercise that checks it.
EXERCISE_OF: dict[str, str] = {
    "pullup": "pull-up",
    "chinup": "pull-up",
    "row": "bent-over-row",
    "shrug": "barbell-shrug",
    "overhead_dumbbell": "overhead-dumbbell-raise",
    "swim": "swimming",
}
#: Other back exercises in the devset, analysed as the nearest of the five (not asserted).
NEAREST: dict[str, str] = {
    "lat_pulldown": "pull-up",
    "face_pull": "bent-over-row",
    "seated_row": "bent-over-row",
    "inverted_row": "bent-over-row",
}


@dataclass(frozen=True)
class Label:
    """One row of labels.csv."""

    name: str
    exercise: str
    reps: int | None
    low: int | None
    high: int | None
    uncertain: bool
    view: str
    notes: str


def labels() -> list[Label]:
    """Every clip's label, in file order."""
    out = []
    with (DEVSET / "labels.csv").open(newline="") as f:
        for row in csv.DictReader(f):
            rng = row["reps_range"]
            low = high = None
            if rng and rng != "n/a":
                parts = [int(x) for x in rng.split("-")]
                low, high = parts[0], parts[-1]
            out.append(
                Label(
                    name=row["name"],
                    exercise=row["exercise"],
                    reps=int(row["reps"]) if row["reps"] else None,
                    low=low,
                    high=high,
                    uncertain=row["reps_uncertain"] == "1",
                    view=row["view"],
                    notes=row["notes"],
                )
            )
    return out


@functools.cache
def poses(name: str) -> PoseSequence:
    """The clip's poses (read once per test session)."""
    return read_keypoints(DEVSET / "keypoints" / f"{name}.json.gz")


@functools.cache
def report(name: str, exercise: str | None) -> FormReport:
    """The clip's report, for a named exercise or recognised (None); computed once."""
    return analyse(poses(name), exercise)


def table() -> str:
    """A markdown table: every clip, its label, the count as named and as recognised."""
    rows = [
        "| clip | label | expected | analysed as | counted | partial | recognised (conf.) "
        "| counted |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for lab in labels():
        ex = EXERCISE_OF.get(lab.exercise) or NEAREST.get(lab.exercise)
        expected = (
            "-"
            if lab.low is None
            else (str(lab.low) if lab.low == lab.high else f"{lab.low}-{lab.high}")
        )
        named = report(lab.name, ex) if ex else None
        auto = report(lab.name, None)
        if named is not None and named.strokes:
            got = "/".join(str(s.strokes) for s in named.strokes) + " strokes"
            partial = "-"
        elif named is not None:
            got, partial = str(named.counted_reps), str(named.partial_reps)
        else:
            got = partial = "-"
        rec = f"{auto.exercise or 'none'} ({auto.recognition_confidence or 0:.2f})"
        rows.append(
            f"| {lab.name} | {lab.exercise} | {expected} | {ex or '-'} | {got} | {partial} "
            f"| {rec} | {auto.counted_reps} |"
        )
    return "\n".join(rows)


if __name__ == "__main__":
    print(table())
