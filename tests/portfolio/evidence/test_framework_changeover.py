"""The child and family KSS closes on 31 March 2027 and its successor takes
over on 1 April: the entry form, the service, coverage, career readiness and
the coverage report, with the clock set on either side of the change."""

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from capabilities.models import Level
from capabilities.selectors import domains_counted_by_item, item_by_reference
from portfolio.career.selectors import career_readiness
from portfolio.evidence.models import Entry, EntryState, MappingChoice
from portfolio.evidence.selectors import coverage_heatmap
from portfolio.evidence.services import FRAMEWORK_CLOSED, entry_save
from tests.factories.capabilities import import_test_successor
from tests.portfolio.reports.helpers import build, table

pytestmark = pytest.mark.usefixtures("shipped_frameworks")

LAST_DAY = datetime.datetime(2027, 3, 31, 12, tzinfo=datetime.UTC)
FIRST_DAY = datetime.datetime(2027, 4, 1, 12, tzinfo=datetime.UTC)


@pytest.fixture
def successor(db):
    return import_test_successor()


@pytest.fixture
def social_worker_level():
    return Level.objects.get(
        framework__family="pcf", framework__is_active=True, code="social-worker"
    )


def _form(item, level, **overrides):
    return {
        "title": "Reading on analysis in assessments",
        "activity_date": "2027-03-30",
        "cpd_type": "reading_research",
        "hours": "2",
        "description": "A research summary on analysis in child and family work.",
        "learning": "Hypotheses should be tested with the family.",
        "impact": "I list competing explanations in my assessments now.",
        "mapping_items": [item.pk],
        "mapping_level": level.pk,
        "complete": "1",
        **overrides,
    }


def _domain_6_at(coverage, level):
    row = next(row for row in coverage.rows if row.domain.code == "6")
    return row.cells[coverage.levels.index(level)].mapped


def test_the_entry_form_changes_over_on_1_april_2027(
    client, signed_in, practitioner, successor, social_worker_level, time_machine
):
    kss_6 = item_by_reference("kss-cf-practitioner@2018:6")
    area_a = item_by_reference("test-cf-successor@2027:A")
    time_machine.move_to(LAST_DAY)
    signed_in(practitioner)
    page = client.get(reverse("portfolio:entry_create")).content.decode()
    assert 'data-testid="map-kss-cf-practitioner-6"' in page
    assert 'data-testid="map-test-cf-successor-A"' not in page
    client.post(reverse("portfolio:entry_create"), _form(kss_6, social_worker_level))
    old = Entry.objects.get(owner=practitioner)
    assert old.state == EntryState.COMPLETE

    time_machine.move_to(FIRST_DAY)
    signed_in(practitioner)  # a day later: yesterday's session has timed out
    page = client.get(reverse("portfolio:entry_create")).content.decode()
    assert 'data-testid="map-kss-cf-practitioner-6"' not in page
    assert 'data-testid="map-test-cf-successor-A"' in page
    # The closed framework takes no new evidence, through the form …
    refused = client.post(
        reverse("portfolio:entry_create"),
        _form(kss_6, social_worker_level, title="Too late", activity_date="2027-04-01"),
    )
    assert refused.status_code == 200
    assert not Entry.objects.filter(title="Too late").exists()
    # … or the service.
    with pytest.raises(ValidationError) as refusal:
        entry_save(
            saved_by=practitioner,
            values={"title": "Straight to the service"},
            mappings=[MappingChoice(kss_6, None, "")],
        )
    assert refusal.value.message_dict["mappings"] == [
        FRAMEWORK_CLOSED % {"framework": kss_6.framework}
    ]
    # The old entry keeps its mapping when edited and saved again …
    edit = client.get(reverse("portfolio:entry_edit", args=[old.pk])).content.decode()
    assert 'data-testid="map-kss-cf-practitioner-6"' in edit
    assert 'data-testid="framework-closed"' in edit
    client.post(
        reverse("portfolio:entry_edit", args=[old.pk]),
        _form(kss_6, social_worker_level, impact="I now test my hypotheses."),
    )
    old.refresh_from_db()
    assert old.impact == "I now test my hypotheses."
    assert list(old.mappings.values_list("item_id", flat=True)) == [kss_6.pk]
    # … and shows what it now counts towards.
    detail = client.get(reverse("portfolio:entry_detail", args=[old.pk]))
    assert "Now counts towards: Test successor A Test area A" in detail.content.decode()
    # New evidence goes to the successor.
    client.post(
        reverse("portfolio:entry_create"),
        _form(area_a, social_worker_level, title="New", activity_date="2027-04-01"),
    )
    new = Entry.objects.get(title="New")
    assert new.state == EntryState.COMPLETE
    assert list(new.mappings.values_list("item_id", flat=True)) == [area_a.pk]


def _complete(owner, item, level, day):
    return entry_save(
        saved_by=owner,
        values={
            "title": f"Evidence on {day}",
            "activity_date": day,
            "cpd_type": "reading_research",
            "hours": 1,
            "description": "Reading.",
            "learning": "Learning.",
            "impact": "Impact.",
        },
        mappings=[MappingChoice(item, level, "")],
        complete=True,
        confirm_anonymised=True,
    )


def test_coverage_readiness_and_reports_count_both_sides_of_the_change(
    practitioner,
    other_practitioner,
    org_admin,
    successor,
    social_worker_level,
    time_machine,
):
    kss_6 = item_by_reference("kss-cf-practitioner@2018:6")
    area_a = item_by_reference("test-cf-successor@2027:A")
    for person in (practitioner, other_practitioner):
        person.target_level = social_worker_level
        person.save()

    time_machine.move_to(LAST_DAY)
    _complete(practitioner, kss_6, social_worker_level, datetime.date(2027, 3, 31))
    coverage = coverage_heatmap(user=practitioner)
    assert _domain_6_at(coverage, social_worker_level) == 1
    report = build(
        "capability-coverage", org_admin, datetime.date(2027, 3, 31), year=2027
    )
    domain_6 = next(
        label for label in table(report, "coverage-mapped") if label.startswith("6. ")
    )
    # Three people in the organisation (the admin included); one has evidence.
    assert table(report, "coverage-mapped")["People"][-1] == "3"
    assert table(report, "coverage-mapped")[domain_6][-1] == "33%"

    time_machine.move_to(FIRST_DAY)
    _complete(practitioner, area_a, social_worker_level, datetime.date(2027, 4, 1))
    _complete(
        other_practitioner, area_a, social_worker_level, datetime.date(2027, 4, 1)
    )
    # On the PCF, evidence before and after the change counts alike.
    assert _domain_6_at(coverage_heatmap(user=practitioner), social_worker_level) == 2
    readiness = career_readiness(user=practitioner)
    row = next(row for row in readiness.domains if row.domain.code == "6")
    assert row.mapped == 2
    report = build(
        "capability-coverage", org_admin, datetime.date(2027, 4, 1), year=2027
    )
    assert table(report, "coverage-mapped")[domain_6][-1] == "67%"
    # The old statement's evidence counts towards the successor's area too.
    assert domains_counted_by_item(framework=successor)[kss_6.pk] == {area_a.pk}
