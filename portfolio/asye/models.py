"""The ASYE as it is assessed. A ``Programme`` row holds the shape (review
months, expected evidence, what it is judged against), so the Early Career
Development Programme is a second row, not new code."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Programme(models.Model):
    """A first-year programme for newly qualified social workers."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    length_months = models.PositiveSmallIntegerField(_("length in months"), default=12)
    #: Months from the start when a review is due; the last is the final one.
    review_months = models.JSONField(_("review months"), default=list)
    #: Reviews held only when there is a concern (the ASYE's 9-month review).
    optional_review_months = models.JSONField(
        _("optional review months"), default=list, blank=True
    )
    #: Evidence kinds (``ASYEEvidence`` values) and how many the year expects.
    expected_evidence = models.JSONField(_("expected evidence"), default=dict)
    #: Framework references ("pcf@2018", "kss-cf-practitioner@2018") and the
    #: PCF level the final judgement is made at.
    judged_against = models.JSONField(_("judged against"), default=list)
    level_code = models.SlugField(_("level"), max_length=60, blank=True)
    starts_from = models.DateField(_("first intake"), null=True, blank=True)
    #: False while the shape is the sector's expectation rather than a
    #: published requirement; shown to admins so they check it.
    confirmed = models.BooleanField(_("confirmed against published guidance"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def final_review_month(self) -> int:
        return max(self.review_months)


class YearState(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    AT_PANEL = "at_panel", _("With the moderation panel")
    DECIDED = "decided", _("Decided")


class Recommendation(models.TextChoices):
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")
    EXTENSION = "extension", _("Extension")


class AssessedYear(models.Model):
    """One newly qualified social worker's year, with their assessor."""

    organisation = models.ForeignKey(
        "portfolio.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="years"
    )
    nqsw = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="asye_years"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    #: The relationship that gives the assessor a supervisor's access to the
    #: evidence the NQSW shares (the evidence policy follows it).
    supervision = models.ForeignKey(
        "portfolio.Supervision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    state = models.CharField(
        max_length=20, choices=YearState.choices, default=YearState.IN_PROGRESS
    )
    recommendation = models.CharField(
        max_length=20, choices=Recommendation.choices, blank=True
    )
    recommendation_reason = models.TextField(blank=True)
    extend_to = models.DateField(null=True, blank=True)
    recommended_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(
        max_length=20, choices=Recommendation.choices, blank=True
    )
    outcome_note = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_on", "pk"]

    def __str__(self):
        return f"{self.programme} for {self.nqsw}"


class SupportPlan(models.Model):
    """What was agreed in the first weeks to support the year."""

    year = models.OneToOneField(
        AssessedYear, on_delete=models.CASCADE, related_name="support_plan"
    )
    workload_protection = models.TextField(_("workload protection"))
    supervision_rhythm = models.TextField(_("supervision rhythm"))
    learning_needs = models.TextField(_("learning needs"))
    agreed_on = models.DateField(_("agreed on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self):
        return f"Support plan for {self.year}"


class Progress(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    CONCERN = "concern", _("Some concerns")
    NOT_ON_TRACK = "not_on_track", _("Not on track")


class YearReview(models.Model):
    """A review recorded by the assessor: the NQSW's and manager's views and a
    holistic judgement (never a count of pieces per domain)."""

    year = models.ForeignKey(
        AssessedYear, on_delete=models.CASCADE, related_name="reviews"
    )
    month = models.PositiveSmallIntegerField(_("review"))
    held_on = models.DateField(_("held on"))
    nqsw_view = models.TextField(_("the social worker's view"))
    manager_view = models.TextField(_("the manager's view"))
    judgement = models.TextField(_("holistic judgement"))
    progress = models.CharField(_("progress"), max_length=20, choices=Progress.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["month"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "month"], name="asye_one_review_per_month"
            )
        ]

    def __str__(self):
        return f"{self.month}-month review of {self.year}"


class ReflectionLogEntry(models.Model):
    """The critical reflection log the NQSW keeps through the year."""

    year = models.ForeignKey(
        AssessedYear, on_delete=models.CASCADE, related_name="reflections"
    )
    written_on = models.DateField(_("date"))
    text = models.TextField(_("reflection"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-written_on", "-pk"]
        verbose_name_plural = _("reflection log entries")

    def __str__(self):
        return f"Reflection of {self.written_on}"


class PanelMember(models.Model):
    """A member of the organisation's internal moderation panel."""

    organisation = models.ForeignKey(
        "portfolio.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "member"], name="asye_panel_member_once"
            )
        ]

    def __str__(self):
        return f"{self.member} on the panel"


class PanelDecision(models.Model):
    """The moderation panel's decision on a recommendation."""

    year = models.ForeignKey(
        AssessedYear, on_delete=models.CASCADE, related_name="panel_decisions"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decision = models.CharField(max_length=20, choices=Recommendation.choices)
    note = models.TextField(blank=True)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_at"]

    def __str__(self):
        return f"{self.get_decision_display()} for {self.year}"
