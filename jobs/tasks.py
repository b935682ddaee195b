"""The task base every job kind uses, and the one periodic sweep.

Retries are Celery's own (``autoretry_for``, ``retry_backoff``,
``retry_backoff_max``, ``retry_jitter``, ``max_retries``); the final failure
is recorded on the row by ``DurableJobTask.on_failure``. Run eagerly (no
broker: the web request runs the task), a failure is recorded at once rather
than retried in the request or raised into it.
"""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError

from celery import Task, current_task, shared_task
from celery.signals import worker_ready
from kombu.exceptions import OperationalError as BrokerError

from jobs.models import DurableJob
from jobs.services import (
    job_note_error,
    job_record_failure,
    jobs_sweep,
    jobs_sweep_started,
    queue_heartbeat_record,
)

logger = logging.getLogger(__name__)

#: Every countdown stays far below the broker's visibility timeout (an hour),
#: or Redis would hand a waiting retry to a second worker.
#: A minute, too, so that once a service is back every row in a retry chain
#: is tried again within a minute (issue 20's recovery target); chains are
#: long enough to outlast ordinary outages and the sweep replays the rest.
RETRY_BACKOFF_MAX = 60

#: Errors that say a service is down (the database, the broker, a mail or
#: search server), not that the job is wrong: a job still failing with one
#: after its retries stays waiting, and the sweep tries it again every few
#: minutes until the kind's attempt limit, so it outlasts an ordinary outage.
TRANSIENT_ERRORS = (
    OperationalError,
    InterfaceError,
    BrokerError,
    ConnectionError,
    TimeoutError,
)


def describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


class DurableJobTask(Task):
    """Runs one row of ``job_model``, given its primary key."""

    job_model: type[DurableJob]
    transient_errors: tuple[type[BaseException], ...] = TRANSIENT_ERRORS
    acks_late = True
    ignore_result = True
    retry_jitter = True

    def on_retry(self, exc, task_id, args, kwargs, einfo):
        # Noted on every retry, so the sweep can tell a row waiting for its
        # next try (an error noted) from one whose task died silently.
        job_note_error(self.job_model, args[0], describe(exc))

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        # Celery re-raises the error once max_retries is spent. A retry that
        # could not be published (the broker went down), or an outage that
        # outlasted the retries, leaves the row waiting for the sweep.
        unpublished = self.request.retries < self.max_retries and isinstance(
            exc, self.autoretry_for
        )
        if unpublished or isinstance(exc, self.transient_errors):
            logger.warning("Job %s%r left for the sweep: %s", self.name, args, exc)
            job_note_error(self.job_model, args[0], describe(exc))
            return
        job_record_failure(self.job_model, args[0], describe(exc))


def job_task(
    kind: type[DurableJob],
    *,
    max_retries: int,
    retry_backoff: int = 5,
    retry_backoff_max: int = RETRY_BACKOFF_MAX,
    autoretry_for: tuple[type[BaseException], ...] = (Exception,),
    **options,
):
    """Declare ``work(job_id)`` as the task of ``kind`` (named
    ``kind.job_task_name``). ``work`` calls the kind's service, which claims
    the row (``jobs.services.job_claim``) so a second copy does nothing.

    ``retry_backoff`` is the first countdown in seconds, doubled each retry up
    to ``retry_backoff_max``, with full jitter; the ``JOBS_RETRY_BACKOFF``
    setting replaces it for every kind (the fault tests' worker uses 1 s)."""
    retry_backoff = getattr(settings, "JOBS_RETRY_BACKOFF", None) or retry_backoff

    def decorate(work):
        def run(self, job_id: int):
            try:
                return work(job_id)
            except autoretry_for as error:
                if not self.request.is_eager:
                    raise  # Celery retries it, then on_failure records it
                # A traceback only for what looks like a bug, not an outage.
                logger.warning(
                    "Job %s(%s) failed in-process: %s",
                    self.name,
                    job_id,
                    error,
                    exc_info=not isinstance(error, self.transient_errors),
                )
                job_record_failure(kind, job_id, describe(error))
                return None

        # Not functools.wraps: Celery would check calls against the
        # signature of ``work`` rather than ``run``.
        run.__name__ = run.__qualname__ = work.__name__
        run.__module__, run.__doc__ = work.__module__, work.__doc__
        return shared_task(
            bind=True,
            base=DurableJobTask,
            name=kind.job_task_name,
            job_model=kind,
            autoretry_for=autoretry_for,
            retry_backoff=retry_backoff,
            retry_backoff_max=retry_backoff_max,
            max_retries=max_retries,
            queue=kind.job_queue,
            **options,
        )(run)

    return decorate


@shared_task(name="jobs.sweep", acks_late=True, ignore_result=True)
def jobs_sweep_task() -> dict[str, int]:
    """Re-queue lost jobs of every kind, and give up on those tried too often.

    One task over all kinds, every minute, rather than one per kind: each
    kind's own ``job_stale_after`` already decides what counts as lost, a
    pass is one or two indexed queries per kind, and a run lost to an outage
    costs at most a minute for every kind alike."""
    return jobs_sweep()


@shared_task(name="jobs.heartbeat", acks_late=True, ignore_result=True)
def heartbeat_task(queue: str) -> None:
    """Record that a worker consuming ``queue`` is alive (beat sends one to
    every queue each minute; ``manage.py worker_health`` reads them)."""
    queue_heartbeat_record(queue=queue, worker=current_task.request.hostname or "")


@worker_ready.connect
def _sweep_after_a_restart(sender=None, **kwargs) -> None:
    """A worker (re)started: rows a killed worker held stay waiting, with no
    task anywhere, until the sweep counts them lost. Send them again now
    rather than minutes later; a copy of a row still alive elsewhere waits on
    its claim and does nothing."""
    try:
        # Only the kinds this worker consumes (all, without -Q).
        queues = set(sender.app.amqp.queues.consume_from) if sender else None
        requeued = jobs_sweep_started(queues=queues)
        logger.info("Worker ready: re-sent started jobs %s", requeued)
    except Exception:
        logger.exception("The sweep at worker start failed")
