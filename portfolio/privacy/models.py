"""Personal data: portable imports, subject access requests, erasure,
retention and legal holds. The register of what is held is code
(privacy.register), not a table: it is checked by a test against the models.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jobs import queues
from jobs.models import DurableJob
from portfolio.evidence.models import private_storage


class PrivacySettings(models.Model):
    """An organisation's choices about leavers and retention. Made with the
    defaults the first time it is read (privacy.selectors)."""

    organisation = models.OneToOneField(
        "portfolio.Organisation", on_delete=models.CASCADE, related_name="privacy"
    )
    leaver_grace_days = models.PositiveSmallIntegerField(
        _("days a leaver can still sign in to take their portfolio"),
        default=90,
        help_text=_("After this, their sign-in is refused as for anyone deactivated."),
    )
    keep_appraisals_years = models.PositiveSmallIntegerField(
        _("years to keep appraisals and supervision records after someone leaves"),
        default=6,
    )
    keep_audit_years = models.PositiveSmallIntegerField(
        _("years to keep the audit log about someone after they leave"), default=6
    )

    class Meta:
        verbose_name = _("privacy settings")
        verbose_name_plural = _("privacy settings")

    def __str__(self):
        return f"Privacy settings of {self.organisation}"


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Waiting for you to check")
    PENDING = "pending", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")


class PortableImport(DurableJob):
    """An uploaded portable portfolio: checked on upload (a preview), then
    applied by a task when its owner confirms."""

    job_task_name = "portfolio.portable_import_apply"
    job_queue = queues.EXPORTS
    job_stale_after = timedelta(minutes=7)
    job_max_attempts = 5

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    file = models.FileField(storage=private_storage, upload_to="imports/")
    sha256 = models.CharField(max_length=64)
    source_organisation = models.CharField(max_length=200, blank=True)
    #: What will arrive and what clashes, shown before applying.
    preview = models.JSONField(default=dict, blank=True)
    #: What was imported, by kind (counts), once done.
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Import from {self.source_organisation or 'another portal'}"


class ImportedKind(models.TextChoices):
    ENTRY = "entry", _("CPD entry")
    SESSION = "session", _("Supervision session")
    APPRAISAL = "appraisal", _("Appraisal")
    LEVEL_CHANGE = "level_change", _("Career level change")
    ASYE = "asye", _("Assessed and supported year")


class ImportedItem(models.Model):
    """One item that arrived from a portable portfolio: the marker that it was
    imported and from where, and what makes a second import change nothing
    (one row per owner and source key). Entries become entries here; the
    records of another employer's processes (sessions, appraisals, level
    history, ASYE) are kept as they were there, read-only."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    source_key = models.CharField(max_length=64)
    kind = models.CharField(max_length=20, choices=ImportedKind.choices)
    source_organisation = models.CharField(max_length=200, blank=True)
    imported_by = models.ForeignKey(
        PortableImport, on_delete=models.SET_NULL, null=True, related_name="items"
    )
    entry = models.OneToOneField(
        "portfolio.Entry",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="imported_from",
    )
    #: The record as it was exported (for entries: the confirmations at the
    #: old employer, which never become confirmations here).
    data = models.JSONField(default=dict, blank=True)
    file = models.FileField(storage=private_storage, upload_to="imported/", blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "source_key"], name="imported_item_once_per_owner"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.source_organisation}"


class SubjectAccessRequest(DurableJob):
    """A person's request for everything held about them, answered with a ZIP
    built in the background. UK GDPR gives one month from receipt."""

    job_task_name = "portfolio.subject_access_build"
    job_queue = queues.EXPORTS
    job_stale_after = timedelta(minutes=7)
    job_max_attempts = 5
    READY = "ready"

    organisation = models.ForeignKey(
        "portfolio.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    subject_label = models.CharField(_("about"), max_length=300)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    received_on = models.DateField(_("request received on"))
    due_on = models.DateField(_("answer due by"))
    file = models.FileField(storage=private_storage, upload_to="sar/", blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return f"Subject access request about {self.subject_label}"


class ErasureState(models.TextChoices):
    REQUESTED = "requested", _("Waiting for approval")
    DONE = "done", _("Erased")
    REFUSED = "refused", _("Refused")


class ErasureRequest(models.Model):
    """A request to erase one person's data, approved by a second admin. The
    row outlives the person (it names them by label only once done)."""

    organisation = models.ForeignKey(
        "portfolio.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    subject_label = models.CharField(max_length=300)
    reason = models.TextField(_("reason"))
    state = models.CharField(
        max_length=10, choices=ErasureState.choices, default=ErasureState.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    #: What was removed, by register entry (counts only: no personal data).
    report = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self):
        return f"Erasure of {self.subject_label}"


class LegalHold(models.Model):
    """While a hold is in place (not lifted), nothing about the person is
    erased or anonymised, by retention or on request."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    placed_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-placed_at"]

    def __str__(self):
        return f"Legal hold on {self.person}"


class RetentionRun(models.Model):
    """One run of the daily retention job, and what it did (counts by register
    entry, people by id only)."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    report = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"Retention run {self.started_at:%Y-%m-%d %H:%M}"
