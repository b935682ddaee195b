"""Celery tasks for exports: thin and idempotent; retries, the final failure
and the sweep come from the jobs package."""

from celery import shared_task

from jobs.tasks import job_task
from portfolio.exports.models import Export
from portfolio.exports.orphans import private_file_sweep
from portfolio.exports.services import export_build


@job_task(Export, max_retries=4)
def export_build_task(export_id: int) -> None:
    """Build one recorded export (a second copy does nothing)."""
    export_build(export_id=export_id)


@shared_task(name="portfolio.private_file_sweep", acks_late=True, ignore_result=True)
def private_file_sweep_task() -> int:
    """Remove private files no row refers to (see exports/orphans.py)."""
    return private_file_sweep()
