"""The audit log of reports: who opened or downloaded which report, filtered how."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportFormat(models.TextChoices):
    PAGE = "page", _("Viewed the page")
    CSV = "csv", _("Downloaded the CSV")


class ReportView(models.Model):
    """One opening of a report page or one CSV download. Written for every
    request that shows report figures, so an organisation can see who looked
    at its workforce information."""

    organisation = models.ForeignKey(
        "portfolio.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    report = models.CharField(_("report"), max_length=60)
    format = models.CharField(max_length=10, choices=ReportFormat.choices)
    #: The filters as applied (ids and codes, never names of people).
    filters = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["organisation", "-at"])]

    def __str__(self):
        return f"{self.viewer} {self.get_format_display()} {self.report}"
