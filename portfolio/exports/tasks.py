"""Celery tasks for exports: thin and idempotent; retries, the final failure
and the sweep come from the jobs package."""

from jobs.tasks import job_task
from portfolio.exports.models import Export
from portfolio.exports.services import export_build


@job_task(Export, max_retries=4)
def export_build_task(export_id: int) -> None:
    """Build one recorded export (a second copy does nothing)."""
    export_build(export_id=export_id)
