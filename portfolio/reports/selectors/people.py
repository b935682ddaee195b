"""Appraisal and supervision status of each person, for organisation admins
(the integration API's compliance figures per person). The rules are those of
the per-team counts in ``appraisals``: an annual appraisal overlapping the
registration year, signed when locked; supervision overdue when any current
supervisor's next session is past due (supervision's ``supervision_due_list``).
Figures about single people are never shown to anyone outside the
organisation's admins: the caller checks ``request.exact``.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from portfolio.appraisal.models import Appraisal, AppraisalKind
from portfolio.people.selectors import current_supervisions
from portfolio.reports.scope import ReportRequest
from portfolio.supervision.selectors import supervision_due_list

SIGNED, IN_PROGRESS, NOT_STARTED = "signed", "in_progress", "not_started"
ON_TIME, OVERDUE, NO_SUPERVISOR = "on_time", "overdue", "no_supervisor"


@dataclass(frozen=True)
class PersonStatus:
    appraisal: str
    supervision: str


def status_by_person(*, request: ReportRequest) -> dict[int, PersonStatus]:
    """Each person in the report's population: their annual appraisal for the
    year and their supervision as at ``request.as_at``. Three queries."""
    year = request.year
    for_year = Appraisal.objects.filter(
        supervisee=OuterRef("pk"),
        kind=AppraisalKind.ANNUAL,
        period_start__lte=year.ends,
        period_end__gte=year.starts,
    )
    appraisals = (
        request.population()
        .order_by()
        .annotate(
            signed=Exists(for_year.filter(locked_at__isnull=False)),
            started=Exists(for_year.filter(locked_at__isnull=True)),
        )
        .values_list("pk", "signed", "started")
    )
    supervisions = (
        current_supervisions(today=request.as_at)
        .filter(organisation=request.organisation, supervisee__in=request.population())
        .only(
            "starts_on",
            "supervisor__id",
            "supervisee__started_practice_on",
            "supervisee__team_id",
        )
    )
    overdue: dict[int, bool] = {}
    for due in supervision_due_list(supervisions=supervisions, today=request.as_at):
        person = due.supervision.supervisee_id
        overdue[person] = overdue.get(person, False) or due.overdue
    return {
        pk: PersonStatus(
            SIGNED if signed else IN_PROGRESS if started else NOT_STARTED,
            NO_SUPERVISOR if pk not in overdue else OVERDUE if overdue[pk] else ON_TIME,
        )
        for pk, signed, started in appraisals
    }
