"""The career path: where a practitioner stands on the PCF levels, how they got
there, and requests to move up (practitioner asks, supervisor recommends,
organisation admin decides)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LevelChange(models.Model):
    """One step in a person's history on the career path."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="level_changes"
    )
    from_level = models.ForeignKey(
        "capabilities.Level", on_delete=models.PROTECT, null=True, related_name="+"
    )
    to_level = models.ForeignKey(
        "capabilities.Level", on_delete=models.PROTECT, related_name="+"
    )
    pathway = models.ForeignKey(
        "capabilities.Pathway",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-changed_on", "-pk"]

    def __str__(self):
        return f"{self.person} to {self.to_level} on {self.changed_on}"


class LevelRequestState(models.TextChoices):
    REQUESTED = "requested", _("Waiting for the supervisor's recommendation")
    RECOMMENDED = "recommended", _("Recommended, waiting for a decision")
    NOT_RECOMMENDED = "not_recommended", _("Not recommended, waiting for a decision")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class LevelRequest(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="level_requests",
    )
    level = models.ForeignKey(
        "capabilities.Level", on_delete=models.PROTECT, related_name="+"
    )
    pathway = models.ForeignKey(
        "capabilities.Pathway",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("why you are ready"))
    state = models.CharField(
        max_length=20,
        choices=LevelRequestState.choices,
        default=LevelRequestState.REQUESTED,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recommendation_note = models.TextField(blank=True)
    recommended_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decision_note = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.person} asks to move to {self.level}"
