"""The abstract durable job: what every kind of background work records.

Each kind keeps its own table (a concrete subclass) so its own fields,
indexes and constraints stay beside it, and so a busy kind (index updates)
never slows the queries of a quiet one (framework imports). The subclass
declares the kind: its task's name, how long before a waiting row counts as
lost, how many attempts before the sweep gives up, and its own words for the
statuses (``status`` is overridden with the kind's choices).
"""

from datetime import timedelta
from typing import ClassVar

from django.db import models
from django.db.models.functions import Coalesce

from jobs import queues

GAVE_UP = "Gave up after repeated attempts."


class DurableJob(models.Model):
    #: The status values meaning "waiting to be run" and "failed for good".
    PENDING: ClassVar[str] = "pending"
    FAILED: ClassVar[str] = "failed"
    #: Set only for a leased kind: its claim commits this status at once (so
    #: progress is visible while it runs) and the sweep takes a row left in
    #: it longer than ``job_running_stale`` for one whose worker died. Unset,
    #: the work runs inside the claim's transaction, so a crash rolls the
    #: claim back and the row is simply waiting again.
    RUNNING: ClassVar[str | None] = None

    #: The Celery task (by name) that runs one row, given its primary key.
    job_task_name: ClassVar[str] = ""
    #: The queue its task is published to (see jobs/queues.py).
    job_queue: ClassVar[str] = queues.DEFAULT
    #: A waiting row untouched for this long has lost its task. Keep it above
    #: the task's longest retry countdown, so a row still being retried is
    #: not queued twice.
    job_stale_after: ClassVar[timedelta] = timedelta(minutes=5)
    job_running_stale: ClassVar[timedelta] = timedelta(hours=1)
    #: Attempts (claims, each counted before the work starts, so one that
    #: kills its worker counts too) before the sweep gives up; None: never.
    job_max_attempts: ClassVar[int | None] = 5
    #: Rows re-queued per sweep, oldest first.
    job_sweep_batch: ClassVar[int] = 1000

    status = models.CharField(max_length=10, default="pending")
    attempts = models.PositiveSmallIntegerField(default=0)
    #: The last error, shortened; what a person is shown when it failed.
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    #: When the latest attempt started.
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @classmethod
    def job_last_activity(cls):
        """The moment after which a waiting row's task should have run."""
        return Coalesce("started_at", "created_at")

    @classmethod
    def job_failure_fields(cls, error: str) -> dict:
        """Fields written with the failed status (a kind may add its own)."""
        return {"error": error[:300]}


class QueueHeartbeat(models.Model):
    """When a worker last ran the heartbeat task beat sends to each queue
    every minute: a queue whose heartbeat is old has no worker consuming it
    (stopped, crashed for good, or stuck), whatever its processes claim."""

    queue = models.CharField(max_length=50, primary_key=True)
    beat_at = models.DateTimeField()
    #: Which worker answered (its Celery hostname), for the operator.
    worker = models.CharField(max_length=200, blank=True)

    def __str__(self):
        return f"{self.queue} at {self.beat_at:%H:%M:%S}"
