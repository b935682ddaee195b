"""The index outbox: one row per searchable object whose document may be stale."""

from django.conf import settings
from django.db import models


class IndexOperation(models.Model):
    """A search document that must be brought up to date with the database.

    Written in the same transaction as the change (see search/signals.py), so
    an update can never be lost: the row stays ``pending`` until a task or the
    periodic sweep has written the object's current state, or its deletion, to
    Elasticsearch. ``version`` grows with every change; it is also the
    document's external version in Elasticsearch, so a slow, older write can
    never overwrite a newer one.
    """

    kind = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    #: What the last change was ("index" or "delete"); informative only, the
    #: apply step always reads the object's current state.
    action = models.CharField(max_length=10, default="index")
    version = models.PositiveBigIntegerField(default=1)
    applied_version = models.PositiveBigIntegerField(default=0)
    pending = models.BooleanField(default=True)
    requested_at = models.DateTimeField()
    applied_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="index_operation_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=["requested_at"],
                condition=models.Q(pending=True),
                name="index_operation_pending",
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} v{self.version}"


class RebuildStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Rebuilding"
    DONE = "done", "Finished"
    FAILED = "failed", "Failed"


class IndexRebuild(models.Model):
    """A site admin's request to rebuild the search indices, recorded before
    its task is queued (the sweep re-queues one whose task was lost) and
    updated as the documents load, so the admin screen can show progress."""

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
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Index rebuild {self.pk} ({self.status})"

    @property
    def percent(self) -> int:
        if self.status == RebuildStatus.DONE:
            return 100
        return round(100 * self.loaded / self.total) if self.total else 0
