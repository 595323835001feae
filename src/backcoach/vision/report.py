"""The form check's report: typed models (JSON in and out) and a plain-text summary.

A :class:`FormReport` is what the analysis of one clip produces and what every adapter
shows: the CLI prints :func:`summary_text`, the web app and ``--json`` use the JSON, the
video renderer draws the rep counter and the cues at the times given here.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

#: Version of the report's JSON layout; bumped when a field changes meaning.
SCHEMA_VERSION = 1


class ReportModel(BaseModel):
    """Base of the report models: unknown fields are errors, values are read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class FaultEvent(ReportModel):
    """A form fault seen at a moment of the clip, with the cue that fixes it.

    ``id``, ``name`` and ``cue`` come from the exercise's catalog entry; ``measure`` is the
    catalog threshold that caught it, ``value`` what was measured, ``low``/``high`` the
    acceptable bounds and ``source`` where the number comes from.
    """

    id: str
    name: str
    cue: str
    time_s: float
    rep: int | None = None
    measure: str | None = None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    source: str | None = None


class Rep(ReportModel):
    """One repetition (or partial repetition) with its timing, range and faults.

    Times are seconds from the start of the clip. ``count`` is the repetition's number
    in the set when it counts (full range), None for a partial one. ``range`` is the rise
    of the exercise's movement signal (``range_unit``); ``range_normalised`` the same
    rise over the clip's typical full rise (1.0 = a typical repetition). ``cut_off`` is
    True when the clip (or a cut) ended before the return phase; such a rep still counts.
    """

    index: int = Field(ge=1)
    count: int | None = None
    full: bool
    start_s: float
    peak_s: float
    end_s: float | None
    concentric_s: float
    top_hold_s: float
    eccentric_s: float | None
    range: float
    range_unit: str
    range_normalised: float
    cut_off: bool = False
    partial_reasons: list[str] = []
    angles: dict[str, float] = {}
    faults: list[FaultEvent] = []
    confidence: float = Field(ge=0.0, le=1.0)


class StrokeCount(ReportModel):
    """Swimming: arm strokes counted for one arm, and the stroke rate."""

    arm: Literal["left", "right"]
    strokes: int = Field(ge=0)
    rate_per_min: float | None
    confidence: float = Field(ge=0.0, le=1.0)


class Notice(ReportModel):
    """Something the person should know about the result: low confidence, several
    people, a camera view that hides a check. ``code`` is stable for programs."""

    code: str
    message: str


class ClipInfo(ReportModel):
    """What was analysed: length, rate, size, where the poses came from, the view."""

    frames: int
    duration_s: float
    fps: float
    width: int
    height: int
    source_format: str
    pose_fraction: float = Field(ge=0.0, le=1.0)
    shots: int
    view: Literal["side", "front", "back", "unknown"]
    facing_side: Literal["left", "right"] | None
    people_max: int


class FormReport(ReportModel):
    """The result of checking one clip: exercise, repetitions, faults and warnings.

    ``recognised`` is True when the exercise was worked out from the motion (then
    ``recognition_confidence`` says how sure); False when the person named it.
    ``confidence`` is how far to trust the count (tracking quality, 0..1).
    """

    schema_version: int = SCHEMA_VERSION
    exercise: str | None
    exercise_name: str | None
    recognised: bool
    recognition_confidence: float | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    counted_reps: int = Field(ge=0)
    partial_reps: int = Field(ge=0)
    reps: list[Rep] = []
    faults: list[FaultEvent] = []
    strokes: list[StrokeCount] = []
    warnings: list[Notice] = []
    clip: ClipInfo

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as JSON text."""
        return self.model_dump_json(indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> FormReport:
        """Read a report back from its JSON text."""
        return cls.model_validate_json(text)


def summary_text(report: FormReport) -> str:
    """A short plain-text summary for the terminal: count, per-rep line, faults, warnings."""
    lines: list[str] = []
    name = report.exercise_name or "Unknown exercise"
    how = ""
    if report.recognised and report.recognition_confidence is not None:
        how = f" (recognised, {report.recognition_confidence:.0%} sure)"
    lines.append(f"{name}{how}")
    clip = report.clip
    lines.append(
        f"Clip: {clip.duration_s:.1f} s at {clip.fps:.0f} fps, {clip.view} view, "
        f"pose found in {clip.pose_fraction:.0%} of frames."
    )
    if report.strokes:
        for s in report.strokes:
            rate = f", {s.rate_per_min:.0f} per minute" if s.rate_per_min is not None else ""
            lines.append(f"{s.arm.capitalize()} arm: {s.strokes} strokes{rate}.")
    elif report.exercise is not None:
        partial = f", {report.partial_reps} partial" if report.partial_reps else ""
        lines.append(f"Repetitions: {report.counted_reps} counted{partial}.")
    for rep in report.reps:
        label = f"Rep {rep.count}" if rep.count is not None else "Partial"
        tempo = f"up {rep.concentric_s:.1f} s"
        if rep.eccentric_s is not None:
            tempo += f", down {rep.eccentric_s:.1f} s"
        why = f" ({'; '.join(rep.partial_reasons)})" if rep.partial_reasons else ""
        lines.append(f"  {label:8s} at {rep.peak_s:5.1f} s: {tempo}{why}")
    if report.faults:
        lines.append("Form:")
        seen: dict[str, list[float]] = {}
        cues: dict[str, str] = {}
        for f in report.faults:
            seen.setdefault(f.name, []).append(f.time_s)
            cues[f.name] = f.cue
        for fault_name, times in seen.items():
            at = ", ".join(f"{t:.1f} s" for t in times[:6])
            more = f" and {len(times) - 6} more" if len(times) > 6 else ""
            lines.append(f"  - {fault_name} at {at}{more}. {cues[fault_name]}")
    for w in report.warnings:
        lines.append(f"Note: {w.message}")
    return "\n".join(lines)
