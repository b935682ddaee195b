"""Celery tasks for framework imports: thin, idempotent, retried.

``shared_task`` binds to the portal's Celery app without importing it (the
portal sits above this app)."""

import logging

from celery import shared_task

logger = logging.getLogger(__name__)

#: Far below the broker's visibility timeout (see portal settings).
MAX_RETRY_DELAY = 300


@shared_task(
    bind=True,
    name="capabilities.import_job_apply",
    acks_late=True,
    ignore_result=True,
    max_retries=4,
)
def import_job_apply_task(self, job_id: int) -> None:
    from capabilities.services import import_job_apply
    from capabilities.services.import_jobs import import_job_record_failure

    try:
        import_job_apply(job_id=job_id)
    except Exception as error:
        logger.exception(
            "Import job %s failed (attempt %s)", job_id, self.request.retries + 1
        )
        if self.request.is_eager or self.request.retries >= self.max_retries:
            import_job_record_failure(job_id=job_id, error=str(error))
            return
        raise self.retry(
            exc=error, countdown=min(5 * 2**self.request.retries, MAX_RETRY_DELAY)
        ) from error


@shared_task(name="capabilities.import_job_sweep", acks_late=True, ignore_result=True)
def import_job_sweep_task() -> int:
    from capabilities.services import import_job_sweep

    return import_job_sweep()
