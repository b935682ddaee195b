"""CPD readiness across the organisation: who meets Social Work England's
yearly requirement, month by month, and what the others still need.

The rules are the portfolio's own (``readiness_sort``): everyone's entries for
the year come back in one narrow query (no reflection text, only a digest of
the learning for duplicate detection) and are sorted per person in Python, so
the query count does not grow with the number of practitioners.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.db.models.functions import MD5

from portfolio.evidence.models import Entry
from portfolio.evidence.registration_year import RegistrationYear
from portfolio.evidence.selectors import Readiness, readiness_sort
from portfolio.reports.scope import ReportRequest

ENTRY_FIELDS = (
    "owner_id",
    "title",
    "activity_date",
    "state",
    "cpd_type",
    "completed_at",
    "created_at",
)


@dataclass(frozen=True)
class _EntryFacts:
    """The few facts the yearly rules read about an entry."""

    owner_id: int
    title: str
    activity_date: date
    state: str
    cpd_type: str
    completed_at: object
    created_at: object
    learning_digest: str
    has_peer_reflection: bool


@dataclass(frozen=True)
class PersonReadiness:
    person_id: int
    name: str
    team_id: int | None
    readiness: Readiness
    #: When the requirement was first met: the day the last entry needed was
    #: both dated and recorded. None while not met.
    met_on: date | None


def _recorded_on(entry: _EntryFacts) -> date:
    completed = entry.completed_at.date() if entry.completed_at else None
    return max(filter(None, (entry.activity_date, completed)))


def _met_on(readiness: Readiness) -> date | None:
    if not readiness.is_met:
        return None
    seen_peer, latest = False, None
    for index, entry in enumerate(readiness.counting, start=1):
        day = _recorded_on(entry)
        latest = day if latest is None else max(latest, day)
        seen_peer = seen_peer or entry.has_peer_reflection
        if index >= 2 and seen_peer:
            return latest
    return latest


def readiness_by_person(
    *, request: ReportRequest, year: RegistrationYear
) -> list[PersonReadiness]:
    """Every person in the report's population with their readiness for
    ``year`` as at ``request.as_at``. Two queries."""
    people = list(
        request.population()
        .order_by("last_name", "first_name", "pk")
        .values_list("pk", "first_name", "last_name", "email", "team_id")
    )
    facts: dict[int, list[_EntryFacts]] = {pk: [] for pk, *_rest in people}
    rows = (
        Entry.objects.filter(
            owner__in=request.population(),
            activity_date__range=(year.starts, min(year.ends, request.as_at)),
        )
        .annotate(
            learning_digest=MD5("learning"),
            has_peer_reflection=ExpressionWrapper(
                ~Q(peer_reflection=""), output_field=BooleanField()
            ),
        )
        .order_by("owner_id", "activity_date", "created_at")
        .values_list(*ENTRY_FIELDS, "learning_digest", "has_peer_reflection")
    )
    for row in rows.iterator(chunk_size=5000):
        facts[row[0]].append(_EntryFacts(*row))
    result = []
    for pk, first, last, email, team_id in people:
        readiness = readiness_sort(
            readiness=Readiness(year=year, today=request.as_at), entries=facts[pk]
        )
        name = f"{first} {last}".strip() or email
        result.append(PersonReadiness(pk, name, team_id, readiness, _met_on(readiness)))
    return result


def month_ends(year: RegistrationYear, as_at: date) -> list[date]:
    """The last day of each month of ``year`` up to ``as_at`` (the current
    month ends at ``as_at``)."""
    ends = []
    month, calendar_year = year.starts.month, year.starts.year
    while True:
        following = (
            date(calendar_year + 1, 1, 1)
            if month == 12
            else date(calendar_year, month + 1, 1)
        )
        end = min(following.fromordinal(following.toordinal() - 1), as_at)
        ends.append(end)
        if end >= as_at or end >= year.ends:
            return ends
        month, calendar_year = following.month, following.year
