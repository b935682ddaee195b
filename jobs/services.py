"""Recording, publishing, claiming, failing and sweeping durable jobs.

Every function takes the kind (a concrete ``DurableJob`` subclass) and a row's
primary key, so it serves all kinds alike. Tasks are published by name
(``Kind.job_task_name``): a service never imports its tasks module.
"""

import contextlib
import logging
from collections.abc import Iterator
from datetime import datetime, timedelta
from functools import partial

from django.apps import apps
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from celery import current_app
from kombu.exceptions import ChannelError

from jobs.models import GAVE_UP, DurableJob, QueueHeartbeat

logger = logging.getLogger(__name__)

#: A row never started this long after it was recorded, while its queue on
#: the broker is empty, had its publish fail (the broker was down) or its
#: message lost with a broker restart: it is sent again at once, not after
#: the kind's ``job_stale_after``. The pause only covers a publish still in
#: flight; a copy sent twice is harmless (the claim, or a versioned write).
UNSENT_AFTER = timedelta(seconds=15)


def job_kinds() -> list[type[DurableJob]]:
    """Every installed kind of durable job."""
    return [model for model in apps.get_models() if issubclass(model, DurableJob)]


def _task(name: str):
    app = current_app
    if name not in app.tasks:
        # A web process imports tasks modules only when asked: import every
        # app's (as the worker does) rather than have services import them.
        app.loader.import_default_modules()
    return app.tasks[name]


def _publish(task_name: str, args: tuple) -> None:
    task = _task(task_name)
    try:
        # No publish retry and no result (the row is the result), so the
        # result backend is never touched: with the broker down this fails
        # at once instead of holding the request ~20 s (RELIABILITY.md #11).
        task.apply_async(args=args, retry=False, ignore_result=True)
    except Exception as error:
        if task.app.conf.task_always_eager:
            raise  # a bug in the task itself: tasks record their own failures
        # One line, not a traceback per request while the broker is down.
        logger.warning(
            "Could not queue %s%r (%s); the sweep will send it", task_name, args, error
        )


def _enqueue(kind: type[DurableJob], job_id: int) -> None:
    transaction.on_commit(partial(_publish, kind.job_task_name, (job_id,)))


def job_enqueue(job: DurableJob) -> None:
    """Queue the row's task once the current transaction commits. Never
    raises for a broker outage: the row stays waiting and the sweep sends it."""
    _enqueue(type(job), job.pk)


def _attempt(kind: type[DurableJob], job_id: int, now: datetime) -> None:
    """Count an attempt in its own statement, committed at once, so one that
    crashes or kills its worker still counts towards the kind's limit."""
    kind.objects.filter(pk=job_id, status=kind.PENDING).update(
        attempts=F("attempts") + 1, started_at=now, updated_at=now
    )


@contextlib.contextmanager
def job_claim(
    kind: type[DurableJob], job_id: int, *, select_related: tuple[str, ...] = ()
) -> Iterator[DurableJob | None]:
    """Claim a waiting row and hold it while the body runs in one transaction.

    The claim is one conditional update: a second copy of the task (a
    redelivery, or the sweep's) waits for the first to finish, then finds
    the row no longer waiting and gets None. If the body raises (or the
    worker dies) the transaction and so the claim roll back, and the row is
    waiting again for a retry. The body sets the kind's finished status.
    """
    now = timezone.now()
    _attempt(kind, job_id, now)
    with transaction.atomic():
        claimed = kind.objects.filter(pk=job_id, status=kind.PENDING).update(
            updated_at=now
        )
        yield (
            kind.objects.select_related(*select_related).get(pk=job_id)
            if claimed
            else None
        )


def job_claim_lease(kind: type[DurableJob], job_id: int, **fields) -> bool:
    """Claim a waiting row of a leased kind (``kind.RUNNING`` set) for a long
    run whose progress must show: one conditional update, committed at once.
    Returns False if it was not waiting (a redelivered copy does nothing)."""
    now = timezone.now()
    return bool(
        kind.objects.filter(pk=job_id, status=kind.PENDING).update(
            status=kind.RUNNING,
            attempts=F("attempts") + 1,
            started_at=now,
            updated_at=now,
            **fields,
        )
    )


def job_touch(kind: type[DurableJob], job_id: int) -> None:
    """Note an attempt at a kind that needs no exclusive claim (its work is
    idempotent by itself), so the sweep knows a task is alive."""
    _attempt(kind, job_id, timezone.now())


def job_record_failure(kind: type[DurableJob], job_id: int, error: str) -> int:
    """Record the final failure of a waiting or running row: failed, with
    the error, so the person is told and the sweep stops re-queueing it. A
    kind that never gives up (``job_max_attempts`` None) keeps it waiting
    with the error, for the sweep to replay."""
    now = timezone.now()
    waiting = [kind.PENDING] + ([kind.RUNNING] if kind.RUNNING else [])
    fields = kind.job_failure_fields(error)
    if kind.job_max_attempts is not None:
        fields.update(status=kind.FAILED, finished_at=now)
    return kind.objects.filter(pk=job_id, status__in=waiting).update(
        updated_at=now, **fields
    )


def job_note_error(kind: type[DurableJob], job_id: int, error: str) -> None:
    """Keep the latest error of a row left waiting for the sweep (best
    effort: the database may be the service that is down). Only the error:
    the row must stay able to run (an import keeps its file)."""
    limit = kind._meta.get_field("error").max_length
    try:
        kind.objects.filter(pk=job_id, status=kind.PENDING).update(
            updated_at=timezone.now(), error=error[:limit]
        )
    except Exception:
        logger.exception("Could not note the error of %s %s", kind.__name__, job_id)


def _queue_waiting(queue: str) -> int | None:
    """How many messages wait in ``queue`` on the broker; None when that
    cannot be known (no broker: tasks run in-process; the broker is down)."""
    app = current_app
    if app.conf.task_always_eager:
        return None
    try:
        with app.connection_for_write() as connection:
            declared = connection.default_channel.queue_declare(
                queue=queue, passive=True
            )
            return declared.message_count
    except ChannelError:
        # Not declared (no consumer yet, or a Redis restarted empty): no
        # message can be waiting in it.
        return 0
    except Exception as error:  # noqa: BLE001 - unknown is an answer here
        logger.warning("Could not read the length of queue %s (%s)", queue, error)
        return None


def job_sweep(
    kind: type[DurableJob],
    *,
    now: datetime | None = None,
    stale_after: timedelta | None = None,
) -> int:
    """Re-queue the kind's rows whose task was lost: waiting and untouched
    for ``stale_after`` (the kind's own by default), or running longer than
    ``kind.job_running_stale`` (their worker died). Rows that reached the
    kind's attempt limit are recorded failed instead. Returns how many were
    re-queued."""
    now = now or timezone.now()
    stale_after = kind.job_stale_after if stale_after is None else stale_after
    lost = Q(last_activity__lte=now - stale_after)
    if _queue_waiting(kind.job_queue) == 0:
        # Nothing waits in the queue, so a row never started has no message
        # anywhere (see UNSENT_AFTER), and nor has a row started with no
        # error noted: a retry notes its error (DurableJobTask.on_retry), so
        # that task died with its worker or its broker connection. Rows a
        # running claim holds are skipped below (SKIP LOCKED).
        lost |= Q(started_at__isnull=True, created_at__lte=now - UNSENT_AFTER)
        lost |= Q(started_at__lte=now - UNSENT_AFTER, error="")
    waiting = (
        kind.objects.alias(last_activity=kind.job_last_activity())
        .filter(status=kind.PENDING)
        .filter(lost)
    )
    running = (
        kind.objects.filter(
            status=kind.RUNNING, started_at__lte=now - kind.job_running_stale
        )
        if kind.RUNNING
        else kind.objects.none()
    )
    if kind.job_max_attempts is not None:
        for lost in (waiting, running):
            lost.filter(attempts__gte=kind.job_max_attempts).update(
                status=kind.FAILED,
                finished_at=now,
                updated_at=now,
                **kind.job_failure_fields(GAVE_UP),
            )
        waiting = waiting.filter(attempts__lt=kind.job_max_attempts)
        running = running.filter(attempts__lt=kind.job_max_attempts)
    ids = list(running.values_list("pk", flat=True))
    # A dead worker's row waits again; only then may a new task claim it.
    kind.objects.filter(pk__in=ids, status=kind.RUNNING).update(
        status=kind.PENDING, updated_at=now
    )
    with transaction.atomic():
        # A row whose claim is held is being worked on right now: not lost.
        ids += (
            waiting.select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", flat=True)[: kind.job_sweep_batch]
        )
        for job_id in ids:
            _enqueue(kind, job_id)
    return len(ids)


def jobs_sweep(*, now: datetime | None = None) -> dict[str, int]:
    """Sweep every kind (see ``job_sweep``); one kind failing does not stop
    the others. Returns how many rows of each kind were re-queued."""
    requeued = {}
    for kind in job_kinds():
        try:
            requeued[kind._meta.label] = job_sweep(kind, now=now)
        except Exception:
            logger.exception("The sweep of %s failed", kind._meta.label)
    return requeued


def jobs_sweep_started(
    *, queues: set[str] | None = None, now: datetime | None = None
) -> dict[str, int]:
    """Re-send every waiting row that was started, of the kinds published to
    ``queues`` (all by default): called when a worker starts, because rows a
    killed worker held have no task left anywhere. A row still in another
    worker's retry gets a second copy, which waits on the claim (or rewrites
    the same versioned document) and does nothing more."""
    now = now or timezone.now()
    requeued = {}
    for kind in job_kinds():
        if queues is not None and kind.job_queue not in queues:
            continue
        started = kind.objects.filter(
            status=kind.PENDING, started_at__isnull=False, started_at__lte=now
        )
        if kind.job_max_attempts is not None:
            started = started.filter(attempts__lt=kind.job_max_attempts)
        ids = list(
            started.order_by("pk").values_list("pk", flat=True)[: kind.job_sweep_batch]
        )
        with transaction.atomic():
            for job_id in ids:
                _enqueue(kind, job_id)
        requeued[kind._meta.label] = len(ids)
    return requeued


def queue_heartbeat_record(*, queue: str, worker: str = "") -> None:
    """A worker consuming ``queue`` ran its heartbeat now."""
    QueueHeartbeat.objects.update_or_create(
        queue=queue, defaults={"beat_at": timezone.now(), "worker": worker[:200]}
    )
