"""Writes for reports: the audit row every report request leaves, and the
people's yearly summaries the reports count (kept fresh by every write that
changes a person's portfolio)."""

from collections.abc import Iterable
from functools import lru_cache, partial

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from portfolio.evidence.freshness import portfolio_changed_connect
from portfolio.evidence.models import Entry, EntryMapping, EntryState
from portfolio.evidence.registration_year import registration_year_containing
from portfolio.evidence.selectors import Readiness, readiness_sort
from portfolio.people.audit import audit_record
from portfolio.people.models import Organisation, User
from portfolio.reports.models import PersonYearSummary, ReportFormat, ReportView
from portfolio.reports.selectors.readiness import (
    FIELDS,
    facts_by_owner,
    met_on_of,
    with_facts,
)
from portfolio.reports.selectors.summaries import summaries_stale

#: The registration year of a day, remembered (a rebuild asks millions of
#: times about a few thousand days).
_year_of = lru_cache(maxsize=4096)(registration_year_containing)

#: People whose summaries are worked out in one transaction.
SUMMARY_BATCH = 500
_UPDATED = (
    "portfolio_version",
    "complete_entries",
    "peer_reflection_entries",
    "met_on",
    "still_needed",
    "items_mapped",
    "items_confirmed",
    "computed_at",
)


def report_view_record(
    *,
    viewer: User,
    organisation: Organisation,
    report: str,
    format: str = ReportFormat.PAGE,
    filters: dict,
) -> ReportView:
    """Record that ``viewer`` saw (or downloaded) ``report`` with ``filters``.
    Called before any figures are sent, so nothing is shown unaudited."""
    row = ReportView.objects.create(
        viewer=viewer,
        organisation=organisation,
        report=report,
        format=format,
        filters=filters,
    )
    # The organisation's one audit log shows report views beside its admin
    # changes; ReportView keeps the reports' own detail.
    audit_record(
        action="report.viewed" if format == ReportFormat.PAGE else "report.downloaded",
        actor=viewer,
        organisation=organisation,
        target=row,
        after={"report": report, "filters": filters},
    )
    return row


def summaries_refresh(*, person_ids: Iterable[int]) -> int:
    """Work out again, from their complete entries, the yearly summaries of
    ``person_ids``: a row for each registration year they have complete CPD
    dated in (at least one row, for this year, so that the rows say which
    portfolio version they were worked out from), and none for other years;
    none at all for someone deactivated.
    ``SUMMARY_BATCH`` people per transaction. Returns how many people."""
    ids = list(person_ids)
    for start in range(0, len(ids), SUMMARY_BATCH):
        _refresh_batch(ids[start : start + SUMMARY_BATCH])
    return len(ids)


@transaction.atomic
def _refresh_batch(ids: list[int]) -> None:
    # The versions first: an entry saved while this runs raises the version
    # after the one read here, so at worst the rows are stale, never wrongly
    # fresh, and the next check works them out again.
    versions = dict(
        User.objects.filter(pk__in=ids, is_active=True).values_list(
            "pk", "portfolio_version"
        )
    )
    # Nobody deactivated or erased is in a report: their rows go (an erasure
    # deletes entries, and must not leave a fresh summary behind). Should
    # they return, their rows lag their version and are worked out again.
    PersonYearSummary.objects.filter(person_id__in=ids).exclude(
        person_id__in=versions
    ).delete()
    facts = facts_by_owner(
        with_facts(
            Entry.objects.filter(owner_id__in=versions, state=EntryState.COMPLETE)
        ).values_list(*FIELDS)
    )
    items = _items_by_year(versions)
    this_year = registration_year_containing(timezone.localdate())
    rows, years_of = [], {}
    for pk, version in versions.items():
        by_year: dict = {}
        for fact in facts.get(pk, []):
            year = _year_of(fact.activity_date)
            by_year.setdefault(year, []).append(fact)
        for year, entries in (by_year or {this_year: []}).items():
            readiness = readiness_sort(
                readiness=Readiness(year=year, today=year.ends),
                entries=entries,
                stop_when_met=True,
            )
            rows.append(
                PersonYearSummary(
                    person_id=pk,
                    year_ends=year.ends,
                    portfolio_version=version,
                    complete_entries=len(entries),
                    peer_reflection_entries=sum(
                        1 for entry in entries if entry.has_peer_reflection
                    ),
                    met_on=met_on_of(readiness),
                    still_needed=readiness.still_needed,
                    items_mapped=items.get((pk, year, True), {}),
                    items_confirmed=items.get((pk, year, False), {}),
                )
            )
        years = frozenset(year.ends for year in by_year or {this_year: []})
        years_of.setdefault(years, []).append(pk)
    # Years whose entries were all deleted or moved lose their rows.
    for years, pks in years_of.items():
        PersonYearSummary.objects.filter(person_id__in=pks).exclude(
            year_ends__in=years
        ).delete()
    PersonYearSummary.objects.bulk_create(
        rows,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["person", "year_ends"],
        update_fields=_UPDATED,
    )


def _items_by_year(person_ids) -> dict[tuple, dict[str, int]]:
    """(person, registration year, True) -> {item id: complete entries mapped
    to it}; with False, only the mappings a supervisor confirmed."""
    found: dict[tuple, dict[str, int]] = {}
    for owner, day, item, confirmed in EntryMapping.objects.filter(
        entry__owner_id__in=person_ids, entry__state=EntryState.COMPLETE
    ).values_list("entry__owner_id", "entry__activity_date", "item_id", "confirmed_at"):
        year = _year_of(day)
        for key in [(owner, year, True)] + (
            [(owner, year, False)] if confirmed else []
        ):
            counts = found.setdefault(key, {})
            counts[str(item)] = counts.get(str(item), 0) + 1
    return found


def summaries_refresh_stale(*, people: QuerySet[User]) -> int:
    """Refresh the summaries of those of ``people`` whose summaries lag their
    portfolio (``summaries_stale``). Returns how many there were."""
    return summaries_refresh(
        person_ids=list(summaries_stale(people=people).values_list("pk", flat=True))
    )


def summaries_rebuild(*, people: QuerySet[User] | None = None) -> int:
    """Work out every summary again for ``people`` (everyone with an entry if
    None): after loading data that bypassed the portfolio's writes, or to
    check nothing drifted. Returns how many people."""
    people = User.objects.all() if people is None else people
    with_entries = people.filter(Exists(Entry.objects.filter(owner=OuterRef("pk"))))
    return summaries_refresh(
        person_ids=list(with_entries.order_by("pk").values_list("pk", flat=True))
    )


def _refresh_person(person_id: int) -> None:
    summaries_refresh_stale(people=User.objects.filter(pk=person_id))


def _person_changed(person_id: int) -> None:
    # At commit, so one refresh sees the whole save (an entry and its
    # mappings raise the version several times; the later callbacks find the
    # rows fresh and stop after one query). Robust: a failure here must not
    # turn a saved entry into an error page; the rows stay stale, the
    # reports refresh stale rows before reading, and the daily sweep does too.
    transaction.on_commit(partial(_refresh_person, person_id), robust=True)


def summaries_connect() -> None:
    """Keep the yearly summaries fresh from every write that raises a
    person's ``portfolio_version`` (``PortfolioConfig.ready()`` calls this)."""
    portfolio_changed_connect(_person_changed)
