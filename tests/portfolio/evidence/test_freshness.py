"""Cached coverage and readiness: read once, and never stale after a save.

Each write path that changes what the dashboard shows (saving, completing,
re-mapping and deleting an entry; a supervisor's confirmation; a framework
change) is followed by a fresh request, as the next page would be.
"""

import datetime

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from capabilities.caching import frameworks_stamp
from capabilities.models import Item
from capabilities.selectors import active_pcf, item_by_reference
from portfolio.evidence.models import Entry, EntryState, MappingChoice
from portfolio.evidence.selectors import coverage_heatmap, registration_readiness
from portfolio.evidence.services import entry_delete, entry_save
from portfolio.people.models import User
from portfolio.supervision import services as supervision_services
from tests.factories.portfolio import COMPLETE_ANSWERS

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 20)
ANSWERS = COMPLETE_ANSWERS


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC))


@pytest.fixture
def level():
    return active_pcf().levels.get(code="social-worker")


def _fresh(user) -> User:
    """The person as the next request loads them."""
    return User.objects.get(pk=user.pk)


def _mapped(user, level, *, code="6") -> int:
    coverage = coverage_heatmap(user=_fresh(user))
    row = next(r for r in coverage.rows if r.domain.code == code)
    return row.cells[coverage.levels.index(level)].mapped


def _confirmed(user, level, *, code="6") -> int:
    coverage = coverage_heatmap(user=_fresh(user))
    row = next(r for r in coverage.rows if r.domain.code == code)
    return row.cells[coverage.levels.index(level)].confirmed


def _counting(user) -> int:
    return len(registration_readiness(user=_fresh(user), today=TODAY).counting)


def _save(user, level, *, entry=None, reference="pcf@2018:6", complete=True, **values):
    return entry_save(
        saved_by=user,
        entry=entry,
        values={**ANSWERS, **values},
        mappings=[MappingChoice(item_by_reference(reference), level)],
        complete=complete,
        expected_version=entry.version if entry else None,
    )


def test_a_second_read_comes_from_the_cache(practitioner, level):
    _save(practitioner, level)
    person = _fresh(practitioner)
    first = coverage_heatmap(user=person)
    readiness = registration_readiness(user=person, today=TODAY)
    with CaptureQueriesContext(connection) as captured:
        again = coverage_heatmap(user=person)
        readiness_again = registration_readiness(user=person, today=TODAY)
    # Nothing asked of the database: the active PCF is cached as well
    # (capabilities.caching).
    assert len(captured) == 0
    assert [r.cells for r in again.rows] == [r.cells for r in first.rows]
    assert readiness_again.counting == readiness.counting


def test_creating_and_completing_an_entry_shows_at_once(practitioner, level):
    assert (_mapped(practitioner, level), _counting(practitioner)) == (0, 0)
    entry = _save(practitioner, level, complete=False)
    assert (_mapped(practitioner, level), _counting(practitioner)) == (0, 0)
    _save(practitioner, level, entry=Entry.objects.get(pk=entry.pk))
    assert (_mapped(practitioner, level), _counting(practitioner)) == (1, 1)


def test_returning_an_entry_to_draft_takes_it_out_at_once(practitioner, level):
    entry = _save(practitioner, level)
    assert (_mapped(practitioner, level), _counting(practitioner)) == (1, 1)
    _save(practitioner, level, entry=Entry.objects.get(pk=entry.pk), complete=False)
    assert (_mapped(practitioner, level), _counting(practitioner)) == (0, 0)


def test_remapping_an_entry_moves_its_evidence_at_once(practitioner, level):
    entry = _save(practitioner, level)
    assert _mapped(practitioner, level, code="6") == 1
    _save(
        practitioner,
        level,
        entry=Entry.objects.get(pk=entry.pk),
        reference="pcf@2018:5",
    )
    assert _mapped(practitioner, level, code="6") == 0
    assert _mapped(practitioner, level, code="5") == 1


def test_deleting_an_entry_takes_it_out_at_once(practitioner, level):
    entry = _save(practitioner, level)
    assert (_mapped(practitioner, level), _counting(practitioner)) == (1, 1)
    entry_delete(entry=Entry.objects.get(pk=entry.pk), deleted_by=_fresh(practitioner))
    assert (_mapped(practitioner, level), _counting(practitioner)) == (0, 0)


def test_a_supervisors_confirmation_shows_on_the_practitioners_heatmap(
    practitioner, supervisor, supervision, level
):
    entry = _save(practitioner, level)
    Entry.objects.filter(pk=entry.pk).update(shared_with_supervisors=True)
    assert _confirmed(practitioner, level) == 0
    supervision_services.review_decide(
        reviewer=supervisor, entries=[Entry.objects.get(pk=entry.pk)], kind="confirmed"
    )
    assert _confirmed(practitioner, level) == 1


def test_a_write_in_the_same_request_is_seen_by_the_rest_of_it(practitioner, level):
    # entry_save is given request.user: the in-memory person moves on too.
    assert _counting(practitioner) == 0
    registration_readiness(user=practitioner, today=TODAY)
    _save(practitioner, level)
    assert len(registration_readiness(user=practitioner, today=TODAY).counting) == 1


def test_a_rolled_back_save_leaves_the_version_alone(practitioner, level):
    before = _fresh(practitioner).portfolio_version
    with pytest.raises(RuntimeError), transaction.atomic():
        _save(practitioner, level)
        raise RuntimeError
    assert _fresh(practitioner).portfolio_version == before
    assert _counting(practitioner) == 0


def test_a_framework_change_drops_every_cached_heatmap(practitioner, level):
    _save(practitioner, level)
    stamp = frameworks_stamp()
    domain = Item.objects.get(framework=active_pcf(), kind="domain", code="6")
    domain.name = "Knowledge, renamed"
    domain.save()
    assert frameworks_stamp() != stamp
    coverage = coverage_heatmap(user=_fresh(practitioner))
    assert "Knowledge, renamed" in [row.domain.name for row in coverage.rows]


def test_the_dashboard_shows_a_save_made_just_before(practitioner, level, signed_in):
    client = signed_in(practitioner)
    url = reverse("portfolio:dashboard")
    page = client.get(url)
    assert len(page.context["readiness"].counting) == 0
    _save(_fresh(practitioner), level)
    page = client.get(url)
    assert len(page.context["readiness"].counting) == 1
    coverage = page.context["coverage"]
    row = next(r for r in coverage.rows if r.domain.code == "6")
    assert row.cells[coverage.levels.index(level)].mapped == 1
    assert Entry.objects.get().state == EntryState.COMPLETE
