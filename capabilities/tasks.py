"""Celery tasks for framework imports: thin and idempotent; retries, the
final failure and the sweep come from the jobs package."""

from capabilities.models import FrameworkImportJob
from capabilities.services import import_job_apply
from jobs.tasks import job_task


@job_task(FrameworkImportJob, max_retries=4)
def import_job_apply_task(job_id: int) -> None:
    """Apply one uploaded framework file (a second copy does nothing)."""
    import_job_apply(job_id=job_id)
