"""Errors of the form check's analysis core: each says what is wrong and what to do."""

from __future__ import annotations

from backcoach.errors import BackcoachError


class VisionError(BackcoachError):
    """Base of the errors the form check's analysis raises."""


class PoseDataError(VisionError):
    """Pose data that is malformed: wrong shapes, times that go backwards, a bad frame rate."""


class KeypointFormatError(VisionError):
    """A keypoint file that is not in a format backcoach reads, or is broken."""
