"""Celery finds an app's tasks in ``<app>.tasks``; the portfolio's live in its
concept packages, so they are gathered here for the worker to register."""

from portfolio.exports.tasks import export_build_task, export_sweep_task

__all__ = ["export_build_task", "export_sweep_task"]
