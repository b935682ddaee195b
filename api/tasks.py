"""The API's periodic housekeeping (scheduled in portal/schedule.py)."""

import logging

from celery import shared_task

from api.services import idempotent_responses_purge

logger = logging.getLogger(__name__)


@shared_task(name="api.idempotent_responses_purge", ignore_result=True)
def idempotent_responses_purge_task():
    deleted = idempotent_responses_purge()
    logger.info("Purged %d kept API answers older than a day", deleted)
