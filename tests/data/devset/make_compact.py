"""Write the compact copy of the devset that the tests read.

Reads the full devset (MediaPipe keypoints of 25 real clips: the team's shared
``devset/`` folder beside the repository, or the folder given as the first argument)
and writes, next to this script, the same backcoach keypoint format with only what the
analysis reads: image x, y and visibility rounded to 3 decimals, no z and no world
landmarks, gzip level 9. Copies ``labels.csv`` and ``rep_events.csv`` unchanged. Run it
from anywhere::

    .venv/bin/python tests/data/devset/make_compact.py [/path/to/devset]
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from backcoach.vision.keypoints import read_backcoach, write_backcoach

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE.parents[3] / "shared" / "devset"


def main(source: Path) -> None:
    """Compact every clip of ``source`` into this folder and copy the label files."""
    out = HERE / "keypoints"
    out.mkdir(exist_ok=True)
    for path in sorted((source / "keypoints").glob("*.json.gz")):
        poses = read_backcoach(path)
        target = out / path.name
        write_backcoach(poses, target, decimals=3, keep_z=False, keep_world=False, gzip_level=9)
        print(
            f"{path.name}: {path.stat().st_size // 1024} KiB -> {target.stat().st_size // 1024} KiB"
        )
    for name in ("labels.csv", "rep_events.csv"):
        shutil.copyfile(source / name, HERE / name)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE)
