"""Appraisals and supervision across the organisation, counted per team.

Appraisal states are the appraisal cycle's own (signed means locked); the
supervision frequency rules are supervision's (``supervision_due_list``).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, Max, OuterRef, Q

from portfolio.appraisal.models import Appraisal, AppraisalKind
from portfolio.people.selectors import current_supervisions
from portfolio.reports.scope import ReportRequest
from portfolio.supervision.selectors import (
    supervision_frequencies,
    supervision_interval,
)


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


#: Not a team id: a supervisee outside the population.
_NOBODY = object()


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


@dataclass(frozen=True)
class _Supervisee:
    """What supervision's frequency rules read about a supervisee."""

    started_practice_on: date | None
    organisation_id: int


def supervision_overdue_by_person(*, request: ReportRequest) -> dict[int, bool]:
    """Each person in the report's population who has a current supervisor:
    whether any of their current supervisions is overdue as at
    ``request.as_at``. One query.

    The same reckoning as supervision's ``supervision_due_list`` (the next
    session is due one interval of the organisation's policy after the last,
    or after the relationship began; the interval is supervision's own
    ``supervision_interval``), read as plain values: building three model
    instances per supervisee was most of the report's time at 20,000 people.
    A test holds the two equal."""
    today = request.as_at
    rules = supervision_frequencies(organisation=request.organisation)
    rows = (
        current_supervisions(today=today)
        .filter(organisation=request.organisation, supervisee__in=request.population())
        .order_by()
        .values_list(
            "pk",
            "supervisee_id",
            "supervisee__started_practice_on",
            "starts_on",
        )
        .annotate(last_held_on=Max("sessions__held_on"))
    )
    overdue: dict[int, bool] = {}
    for _pk, person, started, starts_on, last_held_on in rows:
        base = last_held_on or starts_on
        due = base + supervision_interval(
            supervisee=_Supervisee(started, request.organisation.pk),
            on=base,
            rules=rules,
        )
        overdue[person] = overdue.get(person, False) or due < today
    return overdue


def supervision_counts(*, request: ReportRequest) -> list[SupervisionCounts]:
    """Per team, as things stand today: people whose supervision is on time,
    overdue (any current supervisor's next session is past due) or who have
    no current supervisor. Two queries."""
    teams = dict(
        request.population().order_by().values_list("pk", "team_id").iterator()
    )
    counts: dict = {}
    for team_id in teams.values():
        row = counts.setdefault(team_id, SupervisionCounts(team_id, 0))
        row.people += 1
    for person, overdue in supervision_overdue_by_person(request=request).items():
        row = counts.get(teams.get(person, _NOBODY))
        if row is None:
            continue
        if overdue:
            row.overdue += 1
        else:
            row.on_time += 1
    return list(counts.values())
