"""Exports of a practitioner's portfolio (or of a signed appraisal they are
part of), recorded before they are built.

The row is written in the same transaction as the request; a Celery task builds
the file and the jobs package's sweep re-queues any export whose task was lost.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jobs import queues
from jobs.models import DurableJob
from portfolio.evidence.models import private_storage


class ExportKind(models.TextChoices):
    PDF = "pdf", _("PDF for reading or printing")
    ZIP = "zip", _("ZIP with a JSON record and every attachment")
    APPRAISAL = "appraisal", _("Signed appraisal (PDF)")
    PORTABLE = (
        "portable",
        _("Portable portfolio (ZIP) to take to another employer or portal"),
    )


#: The kinds a person chooses on the exports page; an appraisal PDF is asked
#: for from the appraisal itself.
PORTFOLIO_KINDS = (ExportKind.PDF, ExportKind.ZIP, ExportKind.PORTABLE)


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    READY = "ready", _("Ready to download")
    FAILED = "failed", _("Failed")


class Export(DurableJob):
    job_task_name = "portfolio.export_build"
    job_queue = queues.EXPORTS
    #: Longer than the task's hard time limit, so a build still running is
    #: never queued a second time.
    job_stale_after = timedelta(minutes=7)
    job_max_attempts = 5

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exports"
    )
    kind = models.CharField(max_length=10, choices=ExportKind.choices)
    #: Set for (and only for) an appraisal PDF: the appraisal it prints.
    appraisal = models.ForeignKey(
        "portfolio.Appraisal",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="exports",
    )
    period_start = models.DateField()
    period_end = models.DateField()
    #: Drafts are left out unless the owner asks: they have not been through
    #: the confidentiality check that completing runs (autosave keeps
    #: whatever was typed). When included, the check runs and its findings
    #: are marked in the export.
    include_drafts = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    file = models.FileField(storage=private_storage, upload_to="exports/", blank=True)
    #: A leaver's personal address the finished portable portfolio is sent to
    #: (privacy's leaver area); empty for everything else.
    send_to = models.EmailField(blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=ExportKind.APPRAISAL, appraisal__isnull=False)
                    | (~Q(kind=ExportKind.APPRAISAL) & Q(appraisal__isnull=True))
                ),
                name="export_appraisal_set_for_its_kind_only",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period_start}–{self.period_end}"

    @property
    def content_type(self) -> str:
        if self.kind in (ExportKind.ZIP, ExportKind.PORTABLE):
            return "application/zip"
        return "application/pdf"

    @property
    def download_name(self) -> str:
        if self.kind == ExportKind.APPRAISAL:
            return f"appraisal-{self.appraisal_id}.pdf"
        if self.kind == ExportKind.PORTABLE:
            return f"portable-portfolio-{self.created_at:%Y-%m-%d}.zip"
        period = f"{self.period_start:%Y-%m-%d}-to-{self.period_end:%Y-%m-%d}"
        return f"portfolio-{period}.{self.kind}"
