"""One analyser per exercise of the catalog, looked up by the exercise's id.

Each analyser reads its numeric limits from the exercise's catalog entry
(``load_catalog().exercise(id).thresholds``); the numbers in the analysers' modules are
signal-processing constants (noise floors, posture tests), not coaching limits.
"""

from __future__ import annotations

from backcoach.vision.analysers.base import AnalysisResult, ExerciseAnalyser, RepAnalyser
from backcoach.vision.analysers.overhead_raise import OverheadRaiseAnalyser
from backcoach.vision.analysers.pull_up import PullUpAnalyser
from backcoach.vision.analysers.row import RowAnalyser
from backcoach.vision.analysers.shrug import ShrugAnalyser
from backcoach.vision.analysers.swimming import SwimmingAnalyser

#: Exercise id -> its analyser, for the five exercises of the article.
ANALYSERS: dict[str, ExerciseAnalyser] = {
    a.exercise_id: a
    for a in (
        RowAnalyser(),
        PullUpAnalyser(),
        ShrugAnalyser(),
        OverheadRaiseAnalyser(),
        SwimmingAnalyser(),
    )
}

__all__ = [
    "ANALYSERS",
    "AnalysisResult",
    "ExerciseAnalyser",
    "OverheadRaiseAnalyser",
    "PullUpAnalyser",
    "RepAnalyser",
    "RowAnalyser",
    "ShrugAnalyser",
    "SwimmingAnalyser",
]
