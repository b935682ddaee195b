"""CPD readiness and capability coverage across the organisation, counted
from the people's yearly summaries (``PersonYearSummary``): SQL aggregates
over one indexed row per person and year, a fixed number of queries whatever
the size of the workforce, and the list of who is not yet complete read a
page at a time.

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
from portfolio.reports.selectors.coverage import GroupCoverage, group_field


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


def coverage_from_summaries(
    *, request: ReportRequest, domains: list, towards: dict[int, set[int]]
) -> list[GroupCoverage]:
    """People per group (team or level) with evidence mapped to, and
    confirmed for, each domain in the report's registration year: the
    summaries' items that count towards the domain (``towards``, crosswalks
    included). One query."""
    field = group_field(request)
    aggregates = {}
    for domain in domains:
        keys = sorted(str(item) for item in towards[domain.pk])
        for kind in ("mapped", "confirmed"):
            aggregates[f"{kind}_{domain.pk}"] = Count(
                "pk",
                filter=Q(**{f"summary__items_{kind}__has_any_keys": keys})
                if keys
                else Q(pk__isnull=True),
            )
    rows = (
        _with_summary(request.population(), request.year)
        .order_by()
        .values(field)
        .annotate(size=Count("pk"), **aggregates)
    )
    return [
        GroupCoverage(
            row[field],
            row["size"],
            {d.pk: row[f"mapped_{d.pk}"] for d in domains},
            {d.pk: row[f"confirmed_{d.pk}"] for d in domains},
        )
        for row in rows
    ]
