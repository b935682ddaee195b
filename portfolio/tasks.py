"""Celery finds an app's tasks in ``<app>.tasks``; the portfolio's live in its
concept packages, so they are gathered here for the worker to register."""

from portfolio.exports.tasks import export_build_task, private_file_sweep_task
from portfolio.identity.tasks import staff_import_apply_task
from portfolio.notifications.tasks import dispatch_deliver_task
from portfolio.privacy.tasks import (
    portable_import_apply_task,
    retention_run_task,
    subject_access_build_task,
)
from portfolio.reminders.tasks import reminders_plan_task
from portfolio.reports.tasks import report_summaries_refresh_task

__all__ = [
    "dispatch_deliver_task",
    "export_build_task",
    "portable_import_apply_task",
    "private_file_sweep_task",
    "retention_run_task",
    "subject_access_build_task",
    "reminders_plan_task",
    "report_summaries_refresh_task",
    "staff_import_apply_task",
]
