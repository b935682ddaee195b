"""The index outbox (one row per searchable object whose document may be
stale) and index rebuilds: both durable jobs (see jobs/)."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce, Greatest

from jobs import queues
from jobs.models import DurableJob


class IndexOperationStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be written"
    DONE = "done", "Written"


class IndexOperation(DurableJob):
    """A search document that must be brought up to date with the database.

    Written in the same transaction as the change (see search/signals.py), so
    an update can never be lost: the row stays ``pending`` until a task or the
    periodic sweep has written the object's current state, or its deletion, to
    Elasticsearch. ``version`` grows with every change; it is also the
    document's external version in Elasticsearch, so a slow, older write can
    never overwrite a newer one.

    As a job kind it needs no exclusive claim (writing is idempotent by the
    version) and never gives up: a pending op is replayed until Elasticsearch
    takes it. Its task retries for about a quarter of an hour (see
    search/tasks.py); the sweep re-queues an op whose retries ran out.
    """

    job_task_name = "search.index_operation_apply"
    job_queue = queues.INDEX
    #: Above the longest retry countdown (a minute), so an op still being
    #: retried is rarely queued twice (a second copy is harmless anyway).
    job_stale_after = timedelta(seconds=90)
    job_max_attempts = None
    job_sweep_batch = 500

    kind = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    #: What the last change was ("index" or "delete"); informative only, the
    #: apply step always reads the object's current state.
    action = models.CharField(max_length=10, default="index")
    version = models.PositiveBigIntegerField(default=1)
    applied_version = models.PositiveBigIntegerField(default=0)
    status = models.CharField(
        max_length=10,
        choices=IndexOperationStatus.choices,
        default=IndexOperationStatus.PENDING,
    )
    #: When the object last changed (``finished_at``: when it was last written).
    requested_at = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="index_operation_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=["requested_at"],
                condition=models.Q(status="pending"),
                name="index_operation_pending",
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} v{self.version}"

    @property
    def pending(self) -> bool:
        return self.status == IndexOperationStatus.PENDING

    @classmethod
    def job_last_activity(cls):
        # A change re-opens the op and queues a task of its own.
        return Greatest("requested_at", Coalesce("started_at", "requested_at"))

    @classmethod
    def job_failure_fields(cls, error: str) -> dict:
        return {"error": error[:500]}


class RebuildStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Rebuilding"
    DONE = "done", "Finished"
    FAILED = "failed", "Failed"


class IndexRebuild(DurableJob):
    """A site admin's request to rebuild the search indices, recorded before
    its task is queued (the sweep re-queues one whose task was lost) and
    updated as the documents load, so the admin screen can show progress.

    A leased job kind: its claim commits "running" at once, so the progress
    shows; one still running after an hour is presumed dead with its worker."""

    PENDING = RebuildStatus.QUEUED
    RUNNING = RebuildStatus.RUNNING
    job_task_name = "search.index_rebuild"
    job_queue = queues.EXPORTS
    job_stale_after = timedelta(minutes=5)
    job_running_stale = timedelta(hours=1)
    job_max_attempts = 3

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    status = models.CharField(
        max_length=10, choices=RebuildStatus.choices, default=RebuildStatus.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    loaded = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Index rebuild {self.pk} ({self.status})"

    @property
    def percent(self) -> int:
        if self.status == RebuildStatus.DONE:
            return 100
        return round(100 * self.loaded / self.total) if self.total else 0
