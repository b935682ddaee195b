"""Exports of a practitioner's portfolio, recorded before they are built.

The row is written in the same transaction as the request; a Celery task builds
the file and a sweep re-queues any export whose task was lost.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portfolio.evidence.models import private_storage


class ExportKind(models.TextChoices):
    PDF = "pdf", _("PDF for reading or printing")
    ZIP = "zip", _("ZIP with a JSON record and every attachment")


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    READY = "ready", _("Ready to download")
    FAILED = "failed", _("Failed")


class Export(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exports"
    )
    kind = models.CharField(max_length=10, choices=ExportKind.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(
        max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    file = models.FileField(storage=private_storage, upload_to="exports/", blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period_start}–{self.period_end}"
