"""Background jobs: video form checks, run in the web process or by queue workers."""

from backcoach.jobs.errors import JobError, NotAVideo, QueueUnavailable, UploadTooLarge
from backcoach.jobs.form_checks import (
    annotated_video_path,
    delete_form_check,
    form_check,
    form_checks,
    run_form_check,
    submit_form_check,
)
from backcoach.jobs.runners import JobRunner, QueueRunner, ThreadRunner, make_runner
from backcoach.store.jobs_repository import FormCheckJob

__all__ = [
    "FormCheckJob",
    "JobError",
    "JobRunner",
    "NotAVideo",
    "QueueRunner",
    "QueueUnavailable",
    "ThreadRunner",
    "UploadTooLarge",
    "annotated_video_path",
    "delete_form_check",
    "form_check",
    "form_checks",
    "make_runner",
    "run_form_check",
    "submit_form_check",
]
