"""Errors of form-check jobs, each with what to do about it."""

from backcoach.errors import BackcoachError


class JobError(BackcoachError):
    """A form check that cannot be taken or run as asked."""


class UploadTooLarge(JobError):
    """An upload over the configured size limit (nothing of it is kept)."""


class NotAVideo(JobError):
    """An upload that is not a video backcoach can read (nothing of it is kept)."""


class QueueUnavailable(JobError):
    """The job queue cannot be reached or is not set up."""
