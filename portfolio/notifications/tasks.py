"""Celery tasks for dispatches: they take ids, call one service, and are safe
to run twice; retries, the final failure and the sweep come from jobs/."""

from jobs.tasks import job_task
from portfolio.notifications.models import Dispatch
from portfolio.notifications.services import dispatch_deliver


@job_task(Dispatch, max_retries=3)
def dispatch_deliver_task(dispatch_id: int) -> None:
    """Deliver one recorded dispatch (a second copy does nothing)."""
    dispatch_deliver(dispatch_id=dispatch_id)
