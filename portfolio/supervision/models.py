"""Supervision: who supervises whom, when; reviews of shared evidence; and
supervision sessions. Access to a supervisee's evidence follows these rows."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SupervisionType(models.TextChoices):
    LINE_MANAGER = "line_manager", _("Line manager")
    PRACTICE_SUPERVISOR = "practice_supervisor", _("Practice supervisor")
    PRACTICE_EDUCATOR = "practice_educator", _("Practice educator or ASYE assessor")


class Supervision(models.Model):
    """A supervisor ↔ supervisee relationship, current from ``starts_on`` until
    ``ends_on`` (inclusive; open-ended when empty)."""

    organisation = models.ForeignKey(
        "portfolio.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervising"
    )
    supervisee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervised_by"
    )
    kind = models.CharField(_("type"), max_length=30, choices=SupervisionType.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["supervisee__last_name", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(supervisor=models.F("supervisee")),
                name="supervision_not_self",
            )
        ]

    def __str__(self):
        return f"{self.supervisor} supervises {self.supervisee}"


class ReviewState(models.TextChoices):
    NOT_REQUESTED = "", _("Not sent for review")
    WAITING = "waiting", _("Waiting for review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    CONFIRMED = "confirmed", _("Confirmed")


class ReviewDecisionKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    CHANGES_REQUESTED = "changes_requested", _("Asked for changes")
    CONFIRMED = "confirmed", _("Confirmed the capabilities")


class ReviewDecision(models.Model):
    """Who decided what about an entry, and when: the review's record."""

    entry = models.ForeignKey(
        "portfolio.Entry", on_delete=models.CASCADE, related_name="review_decisions"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=ReviewDecisionKind.choices)
    text = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} by {self.reviewer}"


class SessionKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    GROUP = "group", _("Group")


class SupervisionSession(models.Model):
    supervision = models.ForeignKey(
        Supervision, on_delete=models.CASCADE, related_name="sessions"
    )
    held_on = models.DateField(_("date"))
    minutes = models.PositiveIntegerField(_("length in minutes"))
    kind = models.CharField(
        _("individual or group"), max_length=20, choices=SessionKind.choices
    )
    topics = models.TextField(_("topics discussed"), blank=True)
    agreed_actions = models.TextField(_("agreed actions"), blank=True)
    #: Seen by the supervisor only, never by the supervisee.
    supervisor_note = models.TextField(_("private note for the supervisor"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on"]

    def __str__(self):
        return f"Supervision on {self.held_on}"


class AccessEvent(models.Model):
    """Someone other than the owner opened, reviewed or exported a portfolio
    item. The owner can read these."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=40)
    entry = models.ForeignKey(
        "portfolio.Entry", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    description = models.CharField(max_length=200)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["owner", "-at"])]

    def __str__(self):
        return f"{self.viewer} {self.action} {self.description}"
