"""Celery tasks for personal-data handling: thin and idempotent; retries, the
final failure and the sweep come from the jobs package."""

from celery import shared_task

from jobs.tasks import job_task
from portfolio.privacy.models import PortableImport, SubjectAccessRequest
from portfolio.privacy.services import (
    portable_import_apply,
    retention_run,
    subject_access_build,
)


@job_task(PortableImport, max_retries=4)
def portable_import_apply_task(import_id: int) -> None:
    """Apply one confirmed import (a second copy does nothing)."""
    portable_import_apply(import_id=import_id)


@job_task(SubjectAccessRequest, max_retries=4)
def subject_access_build_task(request_id: int) -> None:
    """Build one subject access ZIP (a second copy does nothing)."""
    subject_access_build(request_id=request_id)


@shared_task(name="portfolio.retention_run")
def retention_run_task() -> None:
    """The daily retention run (portal/schedule.py): each batch commits on
    its own, so a run cut short leaves a consistent state for the next."""
    retention_run()
