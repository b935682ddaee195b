"""Notifications in the portal and by email.

A ``Dispatch`` is something that must reach someone (a reminder, a review
waiting, an export ready). It is a row before it is a task: written in the same
transaction as its cause (or by the daily plan), with a unique idempotency key,
then delivered by a task that claims the row; a sweep re-queues any row whose
task was lost. The in-portal ``Notification`` is written with it; delivering
sends the email, if the person wants that kind.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jobs import queues
from jobs.models import DurableJob


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(max_length=300)
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["read_at", "-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.text


class DispatchKind(models.TextChoices):
    """What a dispatch is about; each is one email a person may turn off."""

    RENEWAL = "renewal", _("Reminders about your registration year's CPD")
    REVIEW_REQUESTED = "review_requested", _("Entries sent to you for review")
    REVIEW_DECISION = "review_decision", _("Review decisions on your entries")
    APPRAISAL_DUE = "appraisal_due", _("Appraisal steps due or overdue")
    OBJECTIVE_DUE = "objective_due", _("Objectives coming due")
    SUPERVISION_OVERDUE = "supervision_overdue", _("Supervision overdue")
    SUPERVISOR_DIGEST = "supervisor_digest", _("Weekly summary for supervisors")
    EXPORT_READY = "export_ready", _("Exports ready to download")


class DispatchStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    #: The recipient can no longer receive it (deactivated, say).
    CANCELLED = "cancelled", _("Cancelled")
    FAILED = "failed", _("Failed")


class Dispatch(DurableJob):
    job_task_name = "portfolio.dispatch_deliver"
    job_queue = queues.NOTIFICATIONS
    #: Above the longest retry countdown (a minute); a second copy waits on
    #: the claim and then does nothing.
    job_stale_after = timedelta(seconds=90)
    #: Covers a dispatch whose delivery kills the worker every time.
    job_max_attempts = 8

    kind = models.CharField(max_length=30, choices=DispatchKind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dispatches"
    )
    #: Says what this is once and for all, e.g. ``renewal:2026:7d:<user id>``:
    #: planning the same thing twice writes nothing the second time.
    key = models.CharField(max_length=200, unique=True)
    #: One line, shown in the portal and used as the email's subject.
    text = models.CharField(max_length=300)
    #: The email's subject and body (``text`` when blank): never reflection
    #: text, entry titles or anything else from an entry.
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    #: A path inside the portal.
    link = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=DispatchStatus.choices, default=DispatchStatus.PENDING
    )
    notification = models.OneToOneField(
        Notification,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dispatch",
    )
    emailed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]
        verbose_name_plural = "dispatches"

    def __str__(self):
        return self.key


class EmailOptOut(models.Model):
    """The person does not want emails of this kind (the portal still shows
    them). No row means they do."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=DispatchKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="email_opt_out_unique"
            )
        ]

    def __str__(self):
        return f"{self.user_id}: no {self.kind} emails"
