"""Which of the five exercises a clip shows, worked out from the motion alone.

Every analyser looks at the clip as its own exercise. Each one accepts a repetition only
in that exercise's posture (hanging from a bar, hinged over, standing with the hands
low, standing with the hands going overhead, lying stretched out), so a clip of one
exercise gives repetitions to one analyser and few or none to the others. The exercise
with the most counted repetitions (strokes for swimming) wins, if it has at least
:data:`MIN_REPS`; the confidence grows with that count and shrinks with the runner-up's.
Walking, marching, dancing or a dead hang give no analyser a run of repetitions, so the
answer is None.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from backcoach.catalog import Catalog, load_catalog
from backcoach.vision.analysers import ANALYSERS, AnalysisResult
from backcoach.vision.kinematics import Kinematics, kinematics
from backcoach.vision.pose import PoseSequence

#: Fewest repetitions of one exercise needed to name it; a single lift of the arms or
#: bend of the elbows happens in any activity.
MIN_REPS = 2
#: Repetitions at which the count part of the confidence reaches about 63 %.
CONFIDENCE_SCALE = 3.0


class Recognition(NamedTuple):
    """The recognised exercise id (None when the clip shows none of the five) and how
    sure the recognition is (0..1)."""

    exercise: str | None
    confidence: float


def counted(result: AnalysisResult) -> int:
    """Repetitions counted in a result (stroke cycles for swimming: the busier arm)."""
    if result.strokes:
        return max(s.strokes for s in result.strokes)
    return sum(1 for r in result.reps if r.full)


def recognise_kinematics(
    kin: Kinematics, catalog: Catalog | None = None
) -> tuple[Recognition, dict[str, AnalysisResult]]:
    """Recognition from prepared kinematics, with every analyser's result (so the caller
    need not analyse the chosen exercise again)."""
    cat = catalog or load_catalog()
    results = {eid: a.analyse(kin, cat.exercise(eid)) for eid, a in ANALYSERS.items()}
    scored = sorted(results.items(), key=lambda kv: (counted(kv[1]), kv[1].evidence), reverse=True)
    best_id, best = scored[0]
    n_best = counted(best)
    if n_best < MIN_REPS or best.evidence <= 0:
        return Recognition(None, 0.0), results
    n_next = counted(scored[1][1]) if len(scored) > 1 else 0
    confidence = (1.0 - math.exp(-n_best / CONFIDENCE_SCALE)) * (1.0 - n_next / n_best)
    return Recognition(best_id, round(max(0.0, min(1.0, confidence)), 3)), results


def recognise(poses: PoseSequence, catalog: Catalog | None = None) -> Recognition:
    """Which of the five exercises ``poses`` shows, and how sure: ``(id or None, 0..1)``."""
    rec, _ = recognise_kinematics(kinematics(poses), catalog)
    return rec
