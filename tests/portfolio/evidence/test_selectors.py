"""Readiness for the registration year, and PCF coverage."""

import datetime

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from capabilities.selectors import item_by_reference
from portfolio.evidence.models import EntryMapping, EntryState
from portfolio.evidence.selectors import (
    THIN_EVIDENCE,
    coverage_heatmap,
    entry_list,
    registration_readiness,
)
from tests.factories.portfolio import EntryFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 20)


def _complete(owner, **fields):
    entry = EntryFactory(owner=owner, state=EntryState.COMPLETE, **fields)
    return entry


def _map(entry, reference, level=None, confirmed_by=None):
    return EntryMapping.objects.create(
        entry=entry,
        item=item_by_reference(reference),
        level=level,
        confirmed_by=confirmed_by,
        confirmed_at=timezone.now() if confirmed_by else None,
    )


def test_two_complete_entries_one_with_peer_reflection_meet_the_year(practitioner):
    _complete(practitioner, activity_date=datetime.date(2026, 3, 1), peer_reflection="")
    assert not registration_readiness(user=practitioner, today=TODAY).is_met
    _complete(practitioner, activity_date=datetime.date(2026, 6, 1), title="Another")
    readiness = registration_readiness(user=practitioner, today=TODAY)
    assert readiness.is_met and readiness.still_needed == []
    assert readiness.days_left == 10


def test_what_does_not_count_is_listed_with_the_reason(practitioner, time_machine):
    # Written this January about something in last year's November.
    time_machine.move_to(datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC))
    late = _complete(
        practitioner, activity_date=datetime.date(2025, 11, 30), title="Last year"
    )
    time_machine.move_to(datetime.datetime(2026, 11, 20, tzinfo=datetime.UTC))
    draft = EntryFactory(owner=practitioner, activity_date=datetime.date(2026, 2, 1))
    first = _complete(
        practitioner, activity_date=datetime.date(2026, 5, 5), title="MCA training day"
    )
    copy = _complete(
        practitioner, activity_date=datetime.date(2026, 5, 5), title="MCA training day."
    )
    readiness = registration_readiness(user=practitioner, today=TODAY)
    assert readiness.counting == [first]
    assert readiness.drafts == [draft]
    assert readiness.duplicates == [copy]
    assert readiness.outside_year == [late]
    assert readiness.still_needed == [
        "1 more complete piece of CPD dated between 1 December 2025 and 30 November 2026."
    ]


def test_peer_reflection_is_asked_for_in_plain_words(practitioner):
    _complete(
        practitioner,
        activity_date=datetime.date(2026, 4, 1),
        peer_reflection="",
        title="A",
    )
    _complete(
        practitioner,
        activity_date=datetime.date(2026, 4, 2),
        peer_reflection="",
        title="B",
    )
    readiness = registration_readiness(user=practitioner, today=TODAY)
    assert readiness.still_needed == [
        "At least 1 piece of CPD that includes peer reflection."
    ]


def test_coverage_counts_direct_crosswalked_and_confirmed_evidence(
    practitioner, supervisor
):
    pcf = item_by_reference("pcf@2018:6").framework
    asye = pcf.levels.get(code="asye")
    practitioner.target_level = asye
    practitioner.save()
    one = _complete(practitioner)
    _map(one, "pcf@2018:6", asye, confirmed_by=supervisor)
    _map(one, "kss-cf-practitioner@2018:7", asye)  # also covers PCF 6: same entry
    two = _complete(practitioner, title="Other")
    _map(two, "swe-standards@2019:4.6", asye)  # Reflection -> PCF 6
    draft = EntryFactory(owner=practitioner)
    _map(draft, "pcf@2018:6", asye)  # drafts do not count
    coverage = coverage_heatmap(user=practitioner)
    column = [level.code for level in coverage.levels].index("asye")
    row = next(row for row in coverage.rows if row.domain.code == "6")
    assert (row.cells[column].mapped, row.cells[column].confirmed) == (2, 1)
    assert not row.is_gap
    assert {domain.code for domain in coverage.gaps} == {
        "1",
        "2",
        "3",
        "4",
        "5",
        "7",
        "8",
        "9",
    }
    assert THIN_EVIDENCE == 2


def test_coverage_query_count_does_not_grow_with_entries(practitioner):
    asye = item_by_reference("pcf@2018:6").framework.levels.get(code="asye")

    def queries():
        # Nothing cached (portfolio.evidence.freshness, capabilities.caching):
        # the count of a read from the database.
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            coverage_heatmap(user=practitioner)
        return len(captured)

    _map(_complete(practitioner), "pcf@2018:5", asye)
    few = queries()
    for n in range(20):
        entry = _complete(practitioner, title=f"Entry {n}")
        _map(entry, "pcf@2018:7", asye)
        _map(entry, "swe-standards@2019:4.2", asye)
    assert queries() == few


def test_nobody_lists_another_persons_entries(
    practitioner, other_practitioner, org_admin
):
    EntryFactory(owner=practitioner, title="Private reflection canary")
    for other in (other_practitioner, org_admin):
        assert (
            not entry_list(fetched_by=other).filter(title__contains="canary").exists()
        )
