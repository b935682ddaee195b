"""The yearly summaries the CPD readiness report counts (issue #15): equal to
the rules applied to everyone's entries on each request, and never stale
after a save.

Each write path a person's readiness depends on (saving, completing, dating,
deleting an entry; a supervisor's confirmation; a bump from a bulk write) is
committed as a request would commit it (``django_capture_on_commit_callbacks``
runs what waits for the commit), and the person's rows are then checked
against the rules worked out afresh."""

import datetime
import os

from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

import pytest

from capabilities.selectors import active_pcf, item_by_reference
from portfolio.evidence.freshness import portfolio_version_bump
from portfolio.evidence.models import Entry, MappingChoice
from portfolio.evidence.registration_year import registration_year_containing
from portfolio.evidence.services import entry_delete, entry_save
from portfolio.people.models import User
from portfolio.reports.models import PersonYearSummary
from portfolio.reports.scope import report_request_for
from portfolio.reports.selectors.coverage import coverage_by_group, pcf_domains
from portfolio.reports.selectors.readiness import readiness_by_person
from portfolio.reports.selectors.summaries import (
    coverage_from_summaries,
    summaries_stale,
)
from portfolio.reports.services import summaries_rebuild, summaries_refresh_stale
from portfolio.reports.tasks import report_summaries_refresh_task
from portfolio.supervision import services as supervision_services
from tests.auth import sign_in
from tests.factories.portfolio import COMPLETE_ANSWERS, EntryFactory, UserFactory
from tests.portfolio.reports.helpers import build, parse_report_page, table

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 20)
YEAR = registration_year_containing(TODAY)
LAST_YEAR = registration_year_containing(YEAR.starts - datetime.timedelta(days=1))
ANSWERS = COMPLETE_ANSWERS


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC))


@pytest.fixture
def level():
    return active_pcf().levels.get(code="social-worker")


def _bulk_complete(owner, title, count):
    """Complete entries written as a bulk load does: no signals."""
    Entry.objects.bulk_create(
        EntryFactory.build(
            owner=owner,
            title=f"{title} {n}",
            activity_date=TODAY - datetime.timedelta(days=n),
            state="complete",
            completed_at=timezone.now(),
        )
        for n in range(count)
    )


def _save(user, level, *, entry=None, complete=True, **values):
    return entry_save(
        saved_by=User.objects.get(pk=user.pk),
        entry=entry,
        values={**ANSWERS, **values},
        mappings=[MappingChoice(item_by_reference("pcf@2018:6"), level)],
        complete=complete,
        expected_version=entry.version if entry else None,
    )


def _committed(capture, write):
    """Run ``write`` and then what waits for its commit, as a request would."""
    with capture(execute=True):
        return write()


def _oracle(person, year) -> tuple:
    """(met on, still needed) by the rules applied to the person's entries now."""
    request = report_request_for(
        viewer=UserFactory(organisation=person.organisation, is_org_admin=True),
        report_key="cpd-readiness",
        filters={"year": year.ends.year},
        today=TODAY,
    )
    found = next(
        row
        for row in readiness_by_person(request=request, year=request.year)
        if row.person_id == person.pk
    )
    return found.met_on, found.readiness.still_needed


def _summary(person, year=YEAR) -> tuple | None:
    """(met on, still needed) from the person's summary row, None if none;
    and the row must be worked out from the person's current version."""
    assert not summaries_stale(people=User.objects.filter(pk=person.pk)).exists()
    row = PersonYearSummary.objects.filter(person=person, year_ends=year.ends).first()
    return None if row is None else (row.met_on, row.still_needed)


def _agrees(person, year=YEAR) -> tuple | None:
    found = _summary(person, year)
    met_on, still_needed = _oracle(person, year)
    if found is None:
        # No summary: no complete CPD dated in the year, so nothing is met.
        assert met_on is None
    else:
        assert found == (met_on, still_needed)
    return found


def test_saving_and_completing_entries_updates_the_summary_at_commit(
    practitioner, level, django_capture_on_commit_callbacks
):
    draft = _committed(
        django_capture_on_commit_callbacks,
        lambda: _save(practitioner, level, complete=False, peer_reflection=""),
    )
    # A draft counts for nothing, but the rows now say they are up to date.
    assert _agrees(practitioner) == (None, _oracle(practitioner, YEAR)[1])
    _committed(
        django_capture_on_commit_callbacks,
        lambda: _save(
            practitioner,
            level,
            entry=Entry.objects.get(pk=draft.pk),
            peer_reflection="",
        ),
    )
    assert _agrees(practitioner)[0] is None
    assert PersonYearSummary.objects.get(person=practitioner).complete_entries == 1
    _committed(
        django_capture_on_commit_callbacks,
        lambda: _save(practitioner, level, title="A second piece", activity_date=TODAY),
    )
    met_on, still_needed = _agrees(practitioner)
    assert met_on == TODAY
    assert still_needed == []


def test_deleting_an_entry_updates_the_summary_at_commit(
    practitioner, level, django_capture_on_commit_callbacks
):
    first = _committed(
        django_capture_on_commit_callbacks, lambda: _save(practitioner, level)
    )
    _committed(
        django_capture_on_commit_callbacks,
        lambda: _save(practitioner, level, title="Another piece", activity_date=TODAY),
    )
    assert _agrees(practitioner)[0] == TODAY
    _committed(
        django_capture_on_commit_callbacks,
        lambda: entry_delete(
            entry=Entry.objects.get(pk=first.pk),
            deleted_by=User.objects.get(pk=practitioner.pk),
        ),
    )
    assert _agrees(practitioner)[0] is None
    assert PersonYearSummary.objects.get(person=practitioner).complete_entries == 1


def test_redating_an_entry_into_another_year_moves_it_between_rows(
    practitioner, level, django_capture_on_commit_callbacks
):
    entry = _committed(
        django_capture_on_commit_callbacks, lambda: _save(practitioner, level)
    )
    assert _agrees(practitioner) is not None
    _committed(
        django_capture_on_commit_callbacks,
        lambda: _save(
            practitioner,
            level,
            entry=Entry.objects.get(pk=entry.pk),
            activity_date=LAST_YEAR.ends,
        ),
    )
    assert _agrees(practitioner) is None
    assert _agrees(practitioner, LAST_YEAR) is not None
    assert list(
        PersonYearSummary.objects.filter(person=practitioner).values_list(
            "year_ends", flat=True
        )
    ) == [LAST_YEAR.ends]


def test_a_supervisors_confirmation_leaves_the_summary_up_to_date(
    practitioner, supervisor, supervision, level, django_capture_on_commit_callbacks
):
    entry = _committed(
        django_capture_on_commit_callbacks, lambda: _save(practitioner, level)
    )
    Entry.objects.filter(pk=entry.pk).update(shared_with_supervisors=True)
    version = User.objects.get(pk=practitioner.pk).portfolio_version
    _committed(
        django_capture_on_commit_callbacks,
        lambda: supervision_services.review_decide(
            reviewer=supervisor,
            entries=[Entry.objects.get(pk=entry.pk)],
            kind="confirmed",
        ),
    )
    assert User.objects.get(pk=practitioner.pk).portfolio_version > version
    assert _agrees(practitioner) is not None


def test_a_bulk_write_that_bumps_the_version_refreshes_the_summary(
    practitioner, django_capture_on_commit_callbacks
):
    # Writes that bypass the signals (bulk_create, update()) must bump: the
    # summary follows the bump.
    def bulk():
        _bulk_complete(practitioner, "Imported", 2)
        portfolio_version_bump(owner_id=practitioner.pk)

    _committed(django_capture_on_commit_callbacks, bulk)
    met_on, still_needed = _agrees(practitioner)
    assert met_on == TODAY
    assert PersonYearSummary.objects.get(person=practitioner).complete_entries == 2


def test_a_rolled_back_save_leaves_the_summary_alone(
    practitioner, level, django_capture_on_commit_callbacks
):
    _committed(django_capture_on_commit_callbacks, lambda: _save(practitioner, level))
    before = list(PersonYearSummary.objects.values_list("complete_entries", "met_on"))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            _save(practitioner, level, title="Never saved", activity_date=TODAY)
            raise RuntimeError
    assert callbacks == []
    assert (
        list(PersonYearSummary.objects.values_list("complete_entries", "met_on"))
        == before
    )
    assert _agrees(practitioner) is not None


def test_the_report_refreshes_a_stale_summary_before_it_counts(
    client, org_admin, team, level
):
    # The test's transaction never commits, so the save's own refresh never
    # runs: the report must notice the lagging row and work it out itself.
    person = UserFactory(organisation=org_admin.organisation, team=team)
    _save(person, level)
    _save(person, level, title="Another piece", activity_date=TODAY)
    assert summaries_stale(people=User.objects.filter(pk=person.pk)).exists()
    sign_in(client, org_admin)
    response = client.get(reverse("reports:cpd-readiness"))
    tables = parse_report_page(response.content).tables_by_key
    names = [row[0] for row in tables["readiness-missing"][1:]]
    assert str(person) not in names
    assert tables["readiness-by-team"][1][1:3] == ["1", "1"]
    assert not summaries_stale(people=User.objects.filter(pk=person.pk)).exists()


def test_summaries_equal_the_rules_applied_afresh_across_a_varied_team(
    org_admin, team, level
):
    """The oracle: the old per-request computation over people whose
    entries cover each rule (drafts, duplicates, no peer reflection, entries
    either side of the year's start, entries completed after the year)."""
    people = [
        UserFactory(organisation=org_admin.organisation, team=team, last_name=f"P{n}")
        for n in range(8)
    ]
    now = timezone.now()
    shapes = {
        0: [],
        1: [(10, True, "complete")],
        2: [(10, True, "complete"), (20, False, "complete")],
        3: [(10, False, "complete"), (20, False, "complete")],
        4: [(10, True, "draft"), (20, False, "complete"), (30, True, "complete")],
        # The same title and learning twice: a duplicate does not count.
        5: [(10, True, "complete", "Same"), (12, False, "complete", "Same")],
        6: [(-30, True, "complete"), (5, False, "complete"), (40, True, "complete")],
        7: [(n * 3, n % 4 == 0, "complete") for n in range(12)],
    }
    for index, person in enumerate(people):
        for n, (offset, peer, state, *title) in enumerate(shapes[index]):
            EntryFactory(
                owner=person,
                title=title[0] if title else f"Piece {n} of {person.last_name}",
                activity_date=YEAR.starts + datetime.timedelta(days=offset),
                peer_reflection="With a colleague." if peer else "",
                state=state,
                completed_at=now if state == "complete" else None,
            )
    assert summaries_refresh_stale(people=User.objects.filter(team=team)) >= 7
    for year in (YEAR, LAST_YEAR):
        for person in people:
            _agrees(person, year)
    # And the report's tables equal the old computation's figures.
    result = build("cpd-readiness", org_admin, TODAY, year=YEAR.ends.year)
    request = report_request_for(
        viewer=org_admin,
        report_key="cpd-readiness",
        filters={"year": YEAR.ends.year},
        today=TODAY,
    )
    old = readiness_by_person(request=request, year=request.year)
    met = sum(1 for person in old if person.met_on)
    assert table(result, "readiness-by-team")["All"][:2] == [str(len(old)), str(met)]
    assert set(table(result, "readiness-missing")) == {
        person.name for person in old if person.met_on is None
    }
    for name, (_team, still) in table(result, "readiness-missing").items():
        person = next(p for p in old if p.name == name)
        assert still == " ".join(person.readiness.still_needed)
    months = list(table(result, "readiness-by-month").values())
    assert months[-1][0] == str(
        sum(1 for person in old if person.met_on and person.met_on <= TODAY)
    )


def test_rebuilding_works_out_rows_for_data_loaded_around_the_writes(org_admin, team):
    person = UserFactory(organisation=org_admin.organisation, team=team)
    _bulk_complete(person, "Loaded", 3)
    # Loaded without a bump: nothing marks the person stale.
    assert not PersonYearSummary.objects.filter(person=person).exists()
    assert summaries_rebuild(people=User.objects.filter(pk=person.pk)) == 1
    assert _agrees(person)[0] == TODAY


def test_the_daily_sweep_and_the_command_work_out_lagging_rows(org_admin, team, level):
    person = UserFactory(organisation=org_admin.organisation, team=team)
    _save(person, level)
    assert summaries_stale(people=User.objects.filter(pk=person.pk)).exists()
    assert report_summaries_refresh_task() == 1
    assert _agrees(person) is not None
    # A rerun finds nothing to do.
    assert report_summaries_refresh_task() == 0
    PersonYearSummary.objects.all().delete()
    call_command("report_summaries_rebuild", stdout=open(os.devnull, "w"))
    assert _agrees(person) is not None


@pytest.mark.parametrize("compare_by", ["team", "level"])
def test_coverage_from_summaries_equals_the_count_over_mappings(
    org_admin, team, other_team, level, compare_by
):
    """The oracle for the coverage report: people per group and domain with
    mapped and confirmed evidence, counted over the entries and mappings."""
    now = timezone.now()
    levels = list(active_pcf().levels.all()[:2])
    references = ["pcf@2018:1", "pcf@2018:5", "pcf@2018:6", "pcf@2018:9"]
    for n in range(10):
        person = UserFactory(
            organisation=org_admin.organisation,
            team=(team, other_team, None)[n % 3],
            career_level=levels[n % 2] if n % 4 else None,
        )
        for k in range(n % 4 + 1):
            entry = EntryFactory(
                owner=person,
                title=f"Piece {k}",
                activity_date=(YEAR if k % 3 else LAST_YEAR).starts
                + datetime.timedelta(days=k * 5 + n),
                state="complete" if (n + k) % 5 else "draft",
                completed_at=now,
            )
            for j in range(k % 3 + 1):
                entry.mappings.create(
                    item=item_by_reference(references[(n + j) % len(references)]),
                    level=level,
                    confirmed_at=now if (n + k + j) % 2 else None,
                )
    summaries_refresh_stale(people=User.objects.all())
    for year in (YEAR, LAST_YEAR):
        request = report_request_for(
            viewer=org_admin,
            report_key="capability-coverage",
            filters={"year": year.ends.year, "compare_by": compare_by},
            today=TODAY,
        )
        domains, towards = pcf_domains(organisation=org_admin.organisation)
        found = coverage_from_summaries(
            request=request, domains=domains, towards=towards
        )
        expected = coverage_by_group(request=request, domains=domains, towards=towards)
        key = lambda group: str(group.group_id)  # noqa: E731
        assert sorted(found, key=key) == sorted(expected, key=key)
        # Some evidence in every year, so the comparison can tell.
        assert any(any(group.mapped.values()) for group in found)
        assert any(any(group.confirmed.values()) for group in found)


def test_a_confirmation_shows_in_the_summarys_confirmed_items(
    practitioner, supervisor, supervision, level, django_capture_on_commit_callbacks
):
    entry = _committed(
        django_capture_on_commit_callbacks, lambda: _save(practitioner, level)
    )
    item = str(item_by_reference("pcf@2018:6").pk)
    row = PersonYearSummary.objects.get(person=practitioner)
    assert (row.items_mapped, row.items_confirmed) == ({item: 1}, {})
    Entry.objects.filter(pk=entry.pk).update(shared_with_supervisors=True)
    _committed(
        django_capture_on_commit_callbacks,
        lambda: supervision_services.review_decide(
            reviewer=supervisor,
            entries=[Entry.objects.get(pk=entry.pk)],
            kind="confirmed",
        ),
    )
    row.refresh_from_db()
    assert (row.items_mapped, row.items_confirmed) == ({item: 1}, {item: 1})


def test_someone_deactivated_or_erased_keeps_no_summary(
    practitioner, level, django_capture_on_commit_callbacks
):
    entry = _committed(
        django_capture_on_commit_callbacks, lambda: _save(practitioner, level)
    )
    assert PersonYearSummary.objects.filter(person=practitioner).exists()
    User.objects.filter(pk=practitioner.pk).update(is_active=False)
    # Deleting their entries (as erasure does) leaves nothing behind at commit.
    _committed(
        django_capture_on_commit_callbacks,
        lambda: Entry.objects.filter(pk=entry.pk).delete(),
    )
    assert not PersonYearSummary.objects.filter(person=practitioner).exists()
