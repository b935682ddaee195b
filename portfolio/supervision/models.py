"""Supervision: reviews of shared evidence and supervision sessions. Who
supervises whom (the relationship access follows) is people's
``portfolio.people.models.Supervision``."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portfolio.people.models import Supervision


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


class SupervisionGroup(models.TextChoices):
    NEWLY_QUALIFIED = "newly_qualified", _("Newly qualified (first year in practice)")
    EVERYONE = "everyone", _("Everyone else")


class SupervisionFrequency(models.Model):
    """How often a group of an organisation's staff is supervised and for how
    long: the principal social worker's policy. Without a row, the LGA
    Standards for Employers' defaults apply (``selectors.LGA_DEFAULTS``)."""

    organisation = models.ForeignKey(
        "portfolio.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    applies_to = models.CharField(
        _("applies to"), max_length=20, choices=SupervisionGroup.choices
    )
    weekly_for_weeks = models.PositiveSmallIntegerField(
        _("weekly for the first weeks"),
        help_text=_("Counted from the date they started in practice. 0 for none."),
    )
    fortnightly_until_months = models.PositiveSmallIntegerField(
        _("then fortnightly until this many months in practice"),
        help_text=_("0 for none."),
    )
    then_every_days = models.PositiveSmallIntegerField(_("then every this many days"))
    minimum_minutes = models.PositiveSmallIntegerField(_("shortest session in minutes"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "applies_to"],
                name="supervision_frequency_once_per_group",
            )
        ]

    def __str__(self):
        return f"{self.get_applies_to_display()} at {self.organisation}"


class PeerConfirmationLink(models.Model):
    """A single-use link the owner sends to the named colleague they
    reflected with; it shows only the entry's title and date."""

    entry = models.ForeignKey(
        "portfolio.Entry", on_delete=models.CASCADE, related_name="+"
    )
    peer_name = models.CharField(_("your peer's name"), max_length=120)
    #: SHA-256 of the token; the token itself is only ever shown once.
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Peer confirmation asked of {self.peer_name}"
