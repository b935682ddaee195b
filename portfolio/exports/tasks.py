"""Celery tasks for exports: thin, idempotent, retried.

``shared_task`` binds to the portal's Celery app without importing it (the
portal sits above this app)."""

import logging

from celery import shared_task

from portfolio.notifications.tasks import retry_delay

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    name="portfolio.export_build",
    acks_late=True,
    ignore_result=True,
    max_retries=4,
)
def export_build_task(self, export_id: int) -> None:
    from portfolio.exports.services import export_build, export_record_failure

    try:
        export_build(export_id=export_id)
    except Exception as error:
        logger.exception(
            "Export %s failed (attempt %s)", export_id, self.request.retries + 1
        )
        # Without a broker (tasks run in the web request) there is nobody to
        # retry later: say it failed rather than break the page.
        if self.request.is_eager or self.request.retries >= self.max_retries:
            export_record_failure(export_id=export_id, error=str(error))
            return
        raise self.retry(
            exc=error, countdown=retry_delay(self.request.retries)
        ) from error


@shared_task(name="portfolio.export_sweep", acks_late=True, ignore_result=True)
def export_sweep_task() -> int:
    from portfolio.exports.services import export_sweep

    return export_sweep()
