"""An organisation's own framework, uploaded through the import service, is
offered on its staff's entry form, counts in coverage through its crosswalk
and shows in the coverage report; other organisations never see it."""

import datetime
import json

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from capabilities.importing import parse
from capabilities.models import Level
from capabilities.selectors import domains_counted_by_item, item_by_reference
from capabilities.services import framework_import
from portfolio.evidence.models import Entry, EntryState, MappingChoice
from portfolio.evidence.selectors import coverage_heatmap
from portfolio.evidence.services import FRAMEWORK_NOT_OFFERED, entry_save
from tests.factories.portfolio import UserFactory
from tests.portfolio.reports.helpers import build, table

pytestmark = pytest.mark.usefixtures("shipped_frameworks")

TODAY = datetime.datetime(2027, 2, 10, 12, tzinfo=datetime.UTC)

LOCAL_FRAMEWORK = {
    "format": "practitioner-portfolio-framework/1",
    "framework": {
        "family": "northmoor-practice",
        "version": "2026",
        "name": "Northmoor practice framework",
        "short_name": "Northmoor",
        "publisher": "Northmoor Borough Council",
        "source_note": "Our own practice model.",
    },
    "items": [
        {"kind": "domain", "code": "1", "name": "Relationship-based practice"},
        {"kind": "domain", "code": "2", "name": "Working with risk"},
    ],
    "mappings": [{"from": "northmoor-practice@2026:1", "to": "pcf@2018:7"}],
}


@pytest.fixture
def local_framework(org_admin):
    document = parse(json.dumps(LOCAL_FRAMEWORK), filename="northmoor.json")
    return framework_import(
        document=document,
        imported_by=org_admin,
        owner_organisation_id=org_admin.organisation_id,
    ).framework


def test_an_imported_framework_is_mapped_counted_and_reported(
    client,
    signed_in,
    practitioner,
    org_admin,
    other_organisation,
    local_framework,
    time_machine,
):
    time_machine.move_to(TODAY)
    level = Level.objects.get(
        framework__family="pcf", framework__is_active=True, code="social-worker"
    )
    relationships = item_by_reference("northmoor-practice@2026:1")
    outsider = UserFactory(organisation=other_organisation, email="kim@example.org")

    signed_in(outsider)
    page = client.get(reverse("portfolio:entry_create")).content.decode()
    assert 'data-testid="map-northmoor-practice-1"' not in page

    signed_in(practitioner)
    page = client.get(reverse("portfolio:entry_create")).content.decode()
    assert 'data-testid="map-northmoor-practice-1"' in page
    client.post(
        reverse("portfolio:entry_create"),
        {
            "title": "Relationship-based practice workshop",
            "activity_date": "2027-02-09",
            "cpd_type": "course",
            "hours": "3",
            "description": "Our practice model's workshop on relationships.",
            "learning": "Consistency matters more than frequency.",
            "impact": "I agree visit patterns with the family now.",
            "mapping_items": [relationships.pk],
            "mapping_level": level.pk,
            "complete": "1",
        },
    )
    entry = Entry.objects.get(owner=practitioner)
    assert entry.state == EntryState.COMPLETE
    assert list(entry.mappings.values_list("item_id", flat=True)) == [relationships.pk]

    # Coverage: the local crosswalk carries it to PCF 7, at the claimed level.
    coverage = coverage_heatmap(user=practitioner)
    row = next(row for row in coverage.rows if row.domain.code == "7")
    assert row.cells[coverage.levels.index(level)].mapped == 1

    report = build("capability-coverage", org_admin, TODAY.date(), year=2027)
    mapped = table(report, "coverage-mapped")
    skills = next(label for label in mapped if label.startswith("7. "))
    # The practitioner and the admin are the organisation's social workers.
    assert mapped["People"][-1] == "2"
    assert mapped[skills][-1] == "50%"

    # The crosswalk works the other way too, for the organisation only:
    # evidence on PCF 7 counts towards the local domain.
    pcf_7 = item_by_reference("pcf@2018:7")
    towards_local = domains_counted_by_item(
        framework=local_framework, organisation=org_admin.organisation
    )
    assert towards_local[pcf_7.pk] == {relationships.pk}
    assert pcf_7.pk not in domains_counted_by_item(framework=local_framework)
    # And the local framework's page shows the link.
    signed_in(org_admin)
    detail = client.get(
        reverse("capabilities:framework_detail", args=["northmoor-practice", "2026"])
    ).content.decode()
    assert "Skills and Interventions" in detail


def test_another_organisations_framework_cannot_take_evidence(
    other_organisation, local_framework
):
    outsider = UserFactory(organisation=other_organisation, email="kim@example.org")
    relationships = item_by_reference("northmoor-practice@2026:1")
    with pytest.raises(ValidationError) as refusal:
        entry_save(
            saved_by=outsider,
            values={"title": "Not ours to map"},
            mappings=[MappingChoice(relationships, None, "")],
        )
    assert refusal.value.message_dict["mappings"] == [
        FRAMEWORK_NOT_OFFERED % {"framework": local_framework}
    ]
    assert not Entry.objects.filter(owner=outsider).exists()
