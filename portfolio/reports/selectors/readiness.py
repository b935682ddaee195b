"""CPD readiness across the organisation: who meets Social Work England's
yearly requirement, month by month, and what the others still need.

The rules are the portfolio's own (``readiness_sort``). Only complete entries
can count, and most people meet the requirement within their first few, so
one query fetches each person's first ``PREFIX`` complete entries of the year
(a narrow row each: no reflection text, only a digest of the learning for
duplicate detection); a second fetches the rest for the few people still not
met after them. Two queries whatever the number of practitioners.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import BooleanField, ExpressionWrapper, F, Q, QuerySet, Window
from django.db.models.functions import MD5, RowNumber, TruncDate

from portfolio.evidence.models import Entry, EntryState
from portfolio.evidence.registration_year import RegistrationYear
from portfolio.evidence.selectors import Readiness, readiness_sort
from portfolio.reports.scope import ReportRequest

#: Entries per person fetched in the first pass.
PREFIX = 6


@dataclass(frozen=True)
class EntryFacts:
    """The few facts the yearly rules read about an entry."""

    owner_id: int
    title: str
    activity_date: date
    cpd_type: str
    completed_on: date | None
    learning_digest: str
    has_peer_reflection: bool
    #: Only complete entries are fetched.
    state: str = EntryState.COMPLETE


FIELDS = (
    "owner_id",
    "title",
    "activity_date",
    "cpd_type",
    "completed_on",
    "learning_digest",
    "has_peer_reflection",
)


@dataclass(frozen=True)
class PersonReadiness:
    person_id: int
    name: str
    team_id: int | None
    readiness: Readiness
    #: When the requirement was first met: the day the last entry needed was
    #: both dated and recorded. None while not met.
    met_on: date | None


def met_on_of(readiness: Readiness) -> date | None:
    """With ``stop_when_met`` the counting entries end where it was met."""
    if not readiness.is_met:
        return None
    return max(
        max(filter(None, (entry.activity_date, entry.completed_on)))
        for entry in readiness.counting
    )


def with_facts(entries: QuerySet[Entry]) -> QuerySet[Entry]:
    """``entries`` with the facts the yearly rules read (``FIELDS``), in the
    order the rules take them: by owner, then as they happened."""
    return entries.annotate(
        learning_digest=MD5("learning"),
        has_peer_reflection=ExpressionWrapper(
            ~Q(peer_reflection=""), output_field=BooleanField()
        ),
        completed_on=TruncDate("completed_at"),
    ).order_by("owner_id", "activity_date", "created_at", "pk")


def _complete_entries(request: ReportRequest, year: RegistrationYear):
    return with_facts(
        Entry.objects.filter(
            owner__in=request.population(),
            state=EntryState.COMPLETE,
            activity_date__range=(year.starts, min(year.ends, request.as_at)),
        )
    )


def facts_by_owner(rows) -> dict[int, list[EntryFacts]]:
    found: dict[int, list[EntryFacts]] = {}
    for row in rows:
        found.setdefault(row[0], []).append(EntryFacts(*row))
    return found


def readiness_by_person(
    *, request: ReportRequest, year: RegistrationYear
) -> list[PersonReadiness]:
    """Everyone in the report's population with their readiness for ``year``
    as at ``request.as_at``, worked out from their entries on each call.
    Three queries. The integration API reads it; the report itself reads the
    yearly summaries (``summaries``), and the tests hold the two equal."""
    people = list(
        request.population()
        .order_by("last_name", "first_name", "pk")
        .values_list("pk", "first_name", "last_name", "email", "team_id")
    )
    entries = _complete_entries(request, year)
    first = facts_by_owner(
        entries.annotate(
            position=Window(
                RowNumber(),
                partition_by=[F("owner_id")],
                order_by=[F("activity_date"), F("created_at"), F("pk")],
            )
        )
        .filter(position__lte=PREFIX)
        .values_list(*FIELDS)
    )
    results: dict[int, Readiness] = {}
    unresolved = []
    for pk, *_rest in people:
        facts = first.get(pk, [])
        readiness = readiness_sort(
            readiness=Readiness(year=year, today=request.as_at),
            entries=facts,
            stop_when_met=True,
        )
        results[pk] = readiness
        if not readiness.is_met and len(facts) == PREFIX:
            unresolved.append(pk)
    if unresolved:
        rest = facts_by_owner(
            entries.filter(owner_id__in=unresolved).values_list(*FIELDS)
        )
        for pk in unresolved:
            results[pk] = readiness_sort(
                readiness=Readiness(year=year, today=request.as_at),
                entries=rest.get(pk, []),
                stop_when_met=True,
            )
    return [
        PersonReadiness(
            pk,
            f"{first_name} {last_name}".strip() or email,
            team_id,
            results[pk],
            met_on_of(results[pk]),
        )
        for pk, first_name, last_name, email, team_id in people
    ]


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
