"""Celery tasks for dispatches: they take ids, call one service, and are safe
to run twice. ``shared_task`` binds to the portal's app without importing it."""

import logging
import random

from django.conf import settings

from celery import shared_task

logger = logging.getLogger(__name__)

#: Retry delays stay far below the broker's visibility timeout (one hour).
MAX_RETRY_DELAY = 120


def retry_delay(retries: int) -> float:
    """Exponential backoff with full jitter, so retries after an outage do not
    arrive all at once."""
    base = getattr(settings, "PORTFOLIO_RETRY_BASE_SECONDS", 5)
    return random.uniform(0, min(base * 2**retries, MAX_RETRY_DELAY))  # noqa: S311


@shared_task(
    bind=True,
    name="portfolio.dispatch_deliver",
    acks_late=True,
    ignore_result=True,
    max_retries=3,
)
def dispatch_deliver_task(self, dispatch_id: int) -> None:
    from portfolio.notifications.services import (
        dispatch_deliver,
        dispatch_record_failure,
    )

    try:
        dispatch_deliver(dispatch_id=dispatch_id)
    except Exception as error:
        logger.exception(
            "Dispatch %s failed (attempt %s)", dispatch_id, self.request.retries + 1
        )
        # Without a broker there is nobody to retry later: record the failure
        # rather than break the request that caused it.
        if self.request.is_eager or self.request.retries >= self.max_retries:
            dispatch_record_failure(dispatch_id=dispatch_id, error=repr(error))
            return
        raise self.retry(
            exc=error, countdown=retry_delay(self.request.retries)
        ) from error


@shared_task(name="portfolio.dispatch_sweep", acks_late=True, ignore_result=True)
def dispatch_sweep_task() -> int:
    from portfolio.notifications.services import dispatch_sweep

    return dispatch_sweep()
