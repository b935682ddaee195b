"""CPD readiness across the organisation, counted from the people's yearly
summaries (``PersonYearSummary``): SQL aggregates over one indexed row per
person and year, a fixed number of queries whatever the size of the
workforce, and the list of who is not yet complete read a page at a time.

A person with no summary for the year has no complete CPD dated in it. The
view refreshes any summary that lags its person before it reads
(``summaries_stale``), so these figures are never older than the last save.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, FilteredRelation, OuterRef, Q, QuerySet

from portfolio.evidence.registration_year import RegistrationYear
from portfolio.people.models import User
from portfolio.reports.models import PersonYearSummary
from portfolio.reports.scope import ReportRequest


def summaries_stale(*, people: QuerySet[User]) -> QuerySet[User]:
    """Those of ``people`` whose summaries lag their portfolio: they have had
    an entry written (their ``portfolio_version`` moved from 0) and no summary
    has been worked out from their current version. One query."""
    return people.filter(portfolio_version__gt=0).exclude(
        Exists(
            PersonYearSummary.objects.filter(
                person=OuterRef("pk"), portfolio_version=OuterRef("portfolio_version")
            )
        )
    )


def _with_summary(people: QuerySet[User], year: RegistrationYear) -> QuerySet[User]:
    return people.annotate(
        summary=FilteredRelation(
            "report_summaries", condition=Q(report_summaries__year_ends=year.ends)
        )
    )


@dataclass(frozen=True)
class TeamReadiness:
    team_id: int | None
    people: int
    #: People who have met the year's requirement (as at the report's day).
    met: int
    #: People who had met it by each of the month ends asked for.
    met_by: tuple[int, ...]


def readiness_by_team(
    *, request: ReportRequest, month_ends: list[date]
) -> list[TeamReadiness]:
    """Per team: people, people complete, and people complete by the end of
    each month. One query."""
    by_month = {
        f"by_{index}": Count("pk", filter=Q(summary__met_on__lte=end))
        for index, end in enumerate(month_ends)
    }
    rows = (
        _with_summary(request.population(), request.year)
        .order_by()
        .values("team_id")
        .annotate(people=Count("pk"), met=Count("summary__met_on"), **by_month)
    )
    return [
        TeamReadiness(
            row["team_id"],
            row["people"],
            row["met"],
            tuple(row[f"by_{index}"] for index in range(len(month_ends))),
        )
        for row in rows
    ]


def not_yet_met(*, request: ReportRequest) -> QuerySet:
    """The people not yet complete for the year, by name: ``(first name, last
    name, email, team id, what they still need)`` rows, the last None when
    they have no CPD in the year at all. Lazy: read a page, or streamed."""
    return (
        _with_summary(request.population(), request.year)
        .filter(summary__met_on__isnull=True)
        .order_by("last_name", "first_name", "pk")
        .values_list(
            "first_name", "last_name", "email", "team_id", "summary__still_needed"
        )
    )
