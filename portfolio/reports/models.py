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


class PersonYearSummary(models.Model):
    """One person's CPD figures for one registration year, kept so that the
    organisation reports count a national workforce with SQL aggregates
    instead of applying the yearly rules to everyone's entries on each request.

    Derived data, rebuilt from the person's entries whenever their
    ``portfolio_version`` moves (``portfolio.reports.services.summaries``):
    ``portfolio_version`` here is the version the row was computed from, so a
    row that lags its person is known to be stale and is never read as
    current. A person whose version is 0 has never had an entry and has no
    rows; one with entries has a row for every year they have complete CPD in,
    and at least one row (which marks their summaries as up to date).
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="report_summaries",
    )
    #: The last day of the registration year (30 November).
    year_ends = models.DateField()
    portfolio_version = models.PositiveIntegerField()
    #: Complete entries dated in the year.
    complete_entries = models.PositiveIntegerField(default=0)
    #: Complete entries dated in the year that include peer reflection.
    peer_reflection_entries = models.PositiveIntegerField(default=0)
    #: When Social Work England's yearly requirement was first met (None: not
    #: yet): the day the last entry needed was both dated and recorded.
    met_on = models.DateField(null=True, blank=True)
    #: What is still missing, in the readiness rules' own words.
    still_needed = models.JSONField(default=list, blank=True)
    #: Capability items (id, as a string key) the year's complete entries are
    #: mapped to -> how many entries; and those a supervisor confirmed. Items,
    #: not domains: which domains an item counts towards (crosswalks, earlier
    #: versions) is applied when counting, so a framework change needs no
    #: rebuild. An object rather than a list so that "has any of these
    #: items" is an indexed key test on every database.
    items_mapped = models.JSONField(default=dict, blank=True)
    items_confirmed = models.JSONField(default=dict, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year_ends"], name="summary_person_year"
            )
        ]
        indexes = [
            # The reports read one year for a whole organisation, met or not.
            models.Index(
                fields=["year_ends", "person"],
                include=["met_on", "portfolio_version"],
                name="summary_year_person",
            )
        ]

    def __str__(self):
        return f"{self.person_id} {self.year_ends:%Y}"
