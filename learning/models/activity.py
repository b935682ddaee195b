"""What practitioners do with learning content: reading it and attending it.

Recording a page as CPD is not stored here: the entry itself remembers its
source page (portfolio's Entry.source_page).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReadMark(models.Model):
    """A practitioner's note to themselves that they have read a page."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey(
        "learning.LearningContentPage", on_delete=models.CASCADE, related_name="+"
    )
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="read_mark_unique")
        ]

    def __str__(self):
        return f"{self.user} read {self.page}"


class ContentView(models.Model):
    """One signed-in person viewing one page on one day: enough to count use
    without keeping a trail of every request."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey(
        "learning.LearningContentPage", on_delete=models.CASCADE, related_name="+"
    )
    viewed_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["page", "user", "viewed_on"], name="content_view_unique"
            )
        ]
        indexes = [models.Index(fields=["viewed_on", "page"])]

    def __str__(self):
        return f"{self.user} viewed {self.page} on {self.viewed_on}"


class EventAttendance(models.Model):
    """The training team's record that someone attended an event, and the
    draft CPD entry made for them to reflect on."""

    event = models.ForeignKey(
        "learning.TrainingEventPage",
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    attendee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    entry = models.ForeignKey(
        "portfolio.Entry", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["attendee__last_name", "attendee__first_name"]
        verbose_name = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "attendee"], name="attendance_unique"
            )
        ]

    def __str__(self):
        return f"{self.attendee} attended {self.event}"
