"""The appraisal cycle: self-assessment, feedback, the appraiser's assessment,
the meeting with objectives, and both signatures; then locked, with dated
addenda for anything later."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

#: Used when an organisation has not set its own rating scale.
DEFAULT_SCALE = (
    _("Not yet evident"),
    _("Developing"),
    _("Meeting the level"),
    _("Exceeding the level"),
)


def rating_scale(organisation) -> list[str]:
    """The organisation's own rating labels, lowest first, or the default."""
    labels = [
        str(label)
        for label in (getattr(organisation, "appraisal_scale", None) or [])
        if str(label).strip()
    ]
    return labels or [str(label) for label in DEFAULT_SCALE]


class AppraisalKind(models.TextChoices):
    ANNUAL = "annual", _("Annual appraisal")
    MID_YEAR = "mid_year", _("Mid-year review")


class AppraisalStage(models.TextChoices):
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment")
    FEEDBACK = "feedback", _("Feedback")
    APPRAISER_ASSESSMENT = "appraiser_assessment", _("Appraiser's assessment")
    MEETING = "meeting", _("Meeting")
    SIGNING = "signing", _("Signing")
    SIGNED = "signed", _("Signed")


class Appraisal(models.Model):
    supervisee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appraisals"
    )
    appraiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appraising"
    )
    organisation = models.ForeignKey(
        "portfolio.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=AppraisalKind.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    stage = models.CharField(
        max_length=30,
        choices=AppraisalStage.choices,
        default=AppraisalStage.SELF_ASSESSMENT,
    )
    #: Optimistic lock: every save names the version it started from.
    version = models.PositiveIntegerField(default=1)
    strengths = models.TextField(_("agreed strengths"), blank=True)
    development_needs = models.TextField(_("development needs"), blank=True)
    career_conversation = models.TextField(_("career conversation"), blank=True)
    supervisee_signed_at = models.DateTimeField(null=True, blank=True)
    appraiser_signed_at = models.DateTimeField(null=True, blank=True)
    locked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period_end"]

    def __str__(self):
        # A period within one calendar year is named by that year alone
        # ("Annual appraisal 2026", never "2026–2026").
        if self.period_start.year == self.period_end.year:
            return f"{self.get_kind_display()} {self.period_start:%Y}"
        return f"{self.get_kind_display()} {self.period_start:%Y}–{self.period_end:%Y}"


class DomainAssessment(models.Model):
    appraisal = models.ForeignKey(
        Appraisal, on_delete=models.CASCADE, related_name="assessments"
    )
    domain = models.ForeignKey(
        "capabilities.Item", on_delete=models.PROTECT, related_name="+"
    )
    self_rating = models.PositiveSmallIntegerField(null=True, blank=True)
    self_commentary = models.TextField(blank=True)
    appraiser_rating = models.PositiveSmallIntegerField(null=True, blank=True)
    appraiser_commentary = models.TextField(blank=True)
    evidence = models.ManyToManyField("portfolio.Entry", blank=True, related_name="+")

    class Meta:
        ordering = ["domain__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["appraisal", "domain"], name="assessment_unique"
            )
        ]

    def __str__(self):
        return f"{self.appraisal}: {self.domain}"


class FeedbackSource(models.TextChoices):
    LIVED_EXPERIENCE = (
        "lived_experience",
        _("Someone with lived experience of services"),
    )
    COLLEAGUE = "colleague", _("A colleague")


class AppraisalFeedback(models.Model):
    appraisal = models.ForeignKey(
        Appraisal, on_delete=models.CASCADE, related_name="feedback"
    )
    source = models.CharField(max_length=30, choices=FeedbackSource.choices)
    text = models.TextField()
    #: Given through a single-use link rather than recorded by the practitioner.
    via_link = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Feedback from {self.get_source_display()}"


class FeedbackLink(models.Model):
    appraisal = models.ForeignKey(
        Appraisal, on_delete=models.CASCADE, related_name="feedback_links"
    )
    source = models.CharField(max_length=30, choices=FeedbackSource.choices)
    #: SHA-256 of the token; the token itself is only ever shown once.
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Feedback link for {self.appraisal}"


class Objective(models.Model):
    """A SMART objective agreed at the meeting: part of the development plan."""

    appraisal = models.ForeignKey(
        Appraisal, on_delete=models.CASCADE, related_name="objectives"
    )
    text = models.TextField()
    due_on = models.DateField()
    domains = models.ManyToManyField("capabilities.Item", blank=True, related_name="+")
    suggested_learning = models.TextField(blank=True)
    evidence = models.ManyToManyField("portfolio.Entry", blank=True, related_name="+")

    class Meta:
        ordering = ["due_on"]

    def __str__(self):
        return self.text[:60]


class Addendum(models.Model):
    """A dated note added after signing; the signed appraisal never changes."""

    appraisal = models.ForeignKey(
        Appraisal, on_delete=models.CASCADE, related_name="addenda"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Addendum to {self.appraisal}"
