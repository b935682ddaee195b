"""Appraisals and supervision across the organisation, counted per team.

Appraisal states are the appraisal cycle's own (signed means locked); the
supervision frequency rules are supervision's (``supervision_due_list``).
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from portfolio.appraisal.models import Appraisal, AppraisalKind
from portfolio.people.selectors import current_supervisions
from portfolio.reports.scope import ReportRequest
from portfolio.supervision.selectors import supervision_due_list


@dataclass
class AppraisalCounts:
    team_id: int | None
    people: int
    signed: int
    in_progress: int

    @property
    def not_started(self) -> int:
        return self.people - self.signed - self.in_progress


@dataclass
class SupervisionCounts:
    team_id: int | None
    people: int
    on_time: int = 0
    overdue: int = 0

    @property
    def no_supervisor(self) -> int:
        return self.people - self.on_time - self.overdue


@dataclass
class _Person:
    overdue: bool = False
    team_id: int | None = None


def appraisal_counts(*, request: ReportRequest) -> list[AppraisalCounts]:
    """Per team: people whose annual appraisal for the registration year is
    signed, in progress, or not started (due). One query."""
    year = request.year
    for_year = Appraisal.objects.filter(
        supervisee=OuterRef("pk"),
        kind=AppraisalKind.ANNUAL,
        period_start__lte=year.ends,
        period_end__gte=year.starts,
    )
    signed = Exists(for_year.filter(locked_at__isnull=False))
    started = Exists(for_year.filter(locked_at__isnull=True))
    rows = (
        request.population()
        .order_by()
        .values("team_id")
        .annotate(
            people=Count("pk"),
            signed=Count("pk", filter=Q(signed)),
            in_progress=Count("pk", filter=Q(started) & ~Q(signed)),
        )
    )
    return [
        AppraisalCounts(
            row["team_id"], row["people"], row["signed"], row["in_progress"]
        )
        for row in rows
    ]


def supervision_counts(*, request: ReportRequest) -> list[SupervisionCounts]:
    """Per team, as things stand today: people whose supervision is on time,
    overdue (any current supervisor's next session is past due) or who have
    no current supervisor. Two queries."""
    today = request.as_at
    team_sizes = {
        row["team_id"]: row["people"]
        for row in request.population()
        .order_by()
        .values("team_id")
        .annotate(people=Count("pk"))
    }
    people: dict[int, _Person] = {}
    supervisions = (
        current_supervisions(today=today)
        .filter(organisation=request.organisation, supervisee__in=request.population())
        # Only what the frequency rules and the team need: no names, no notes
        # (the organisation too: reading a deferred field is a query a row).
        .only(
            "starts_on",
            "organisation_id",
            "supervisor__id",
            "supervisee__started_practice_on",
            "supervisee__organisation_id",
            "supervisee__team_id",
        )
    )
    for due in supervision_due_list(supervisions=supervisions, today=today):
        person = people.setdefault(
            due.supervision.supervisee_id,
            _Person(team_id=due.supervision.supervisee.team_id),
        )
        person.overdue = person.overdue or due.overdue
    counts = {
        team_id: SupervisionCounts(team_id, size)
        for team_id, size in team_sizes.items()
    }
    for person in people.values():
        row = counts.get(person.team_id)
        if row is None:
            continue
        if person.overdue:
            row.overdue += 1
        else:
            row.on_time += 1
    return list(counts.values())
