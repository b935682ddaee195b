"""Search across the 1 April 2027 change-over of the child and family KSS, on
both backends: evidence mapped before the change is still found as it was,
and evidence mapped to the successor is found and faceted by its area."""

import datetime

import pytest

from capabilities.selectors import item_by_reference
from portfolio.evidence.models import EntryMapping
from tests.factories.capabilities import import_test_successor
from tests.factories.portfolio import EntryFactory

pytestmark = pytest.mark.django_db

LAST_DAY = datetime.datetime(2027, 3, 31, 12, tzinfo=datetime.UTC)
FIRST_DAY = datetime.datetime(2027, 4, 1, 12, tzinfo=datetime.UTC)


def test_evidence_on_either_side_of_the_change_is_found(
    backend, practitioner, find, time_machine
):
    import_test_successor()
    time_machine.move_to(LAST_DAY)
    before = EntryFactory(
        owner=practitioner,
        title="Genogram practice",
        activity_date=datetime.date(2027, 3, 31),
    )
    EntryMapping.objects.create(
        entry=before, item=item_by_reference("kss-cf-practitioner@2018:6")
    )
    assert {hit.object_id for hit in find(practitioner, "genogram").hits} == {before.pk}

    time_machine.move_to(FIRST_DAY)
    after = EntryFactory(
        owner=practitioner,
        title="Genogram workshop",
        activity_date=datetime.date(2027, 4, 1),
    )
    area_a = item_by_reference("test-cf-successor@2027:A")
    EntryMapping.objects.create(entry=after, item=area_a)
    results = find(practitioner, "genogram")
    assert {hit.object_id for hit in results.hits} == {before.pk, after.pk}
    assert dict(results.facets["domains"]) == {str(area_a.pk): 1}
    only_a = find(practitioner, "genogram", domains=[str(area_a.pk)])
    assert {hit.object_id for hit in only_a.hits} == {after.pk}
