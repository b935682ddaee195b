"""The staff CSV upload's task; retries, the final failure and the sweep come
from the jobs package."""

from jobs.tasks import job_task
from portfolio.identity.models import StaffImport
from portfolio.identity.staff_import import staff_import_apply


@job_task(StaffImport, max_retries=4)
def staff_import_apply_task(job_id: int) -> None:
    """Apply one confirmed staff upload (a second copy does nothing)."""
    staff_import_apply(job_id=job_id)
