"""Learning pages in search, on both backends: published only, with facets."""

import pytest

from capabilities.selectors import item_by_reference
from learning.models import Topic
from tests.factories.learning import research_summary, training_event
from tests.factories.portfolio import EntryFactory

pytestmark = pytest.mark.django_db


def _ids(results, kind="learning_page"):
    return {hit.object_id for hit in results.hits if hit.kind == kind}


def test_published_pages_are_found_and_drafts_are_not(backend, practitioner, find):
    published = research_summary(
        title="Relationship-based practice zqpage",
        summary="What helps families trust their social worker zqpage.",
    )
    research_summary(
        title="Unpublished draft zqpage", summary="Not yet zqpage.", live=False
    )
    results = find(practitioner, "zqpage")
    assert _ids(results) == {published.pk}
    [hit] = results.hits
    assert hit.type == "learning_page:researchsummarypage"


def test_unpublishing_or_deleting_a_page_removes_it(backend, practitioner, find):
    page = research_summary(title="Trauma-informed practice zqgone")
    other = research_summary(title="Second page zqgone", summary="Another zqgone.")
    assert _ids(find(practitioner, "zqgone")) == {page.pk, other.pk}
    page.unpublish()
    assert _ids(find(practitioner, "zqgone")) == {other.pk}
    other.delete()
    assert _ids(find(practitioner, "zqgone")) == set()


def test_pages_and_entries_share_facets(backend, practitioner, find):
    topic, _ = Topic.objects.get_or_create(slug="neglect", defaults={"name": "Neglect"})
    domain = item_by_reference("pcf@2018:7")
    page = research_summary(
        title="Child in need planning zqmix",
        summary="Plans that work zqmix.",
        items=[domain],
        topics=[topic],
    )
    event = training_event(title="CIN workshop zqmix", summary="A workshop zqmix.")
    entry = EntryFactory(owner=practitioner, title="My CIN visits zqmix")
    results = find(practitioner, "zqmix")
    assert {(hit.kind, hit.object_id) for hit in results.hits} == {
        ("learning_page", page.pk),
        ("learning_page", event.pk),
        ("entry", entry.pk),
    }
    facets = {name: dict(values) for name, values in results.facets.items()}
    assert facets["type"] == {
        "learning_page:researchsummarypage": 1,
        "learning_page:trainingeventpage": 1,
        "entry:peer_discussion": 1,
    }
    assert facets["topics"] == {str(topic.pk): 1}
    assert facets["domains"] == {str(domain.pk): 1}
    only_topic = find(practitioner, "zqmix", topics=[str(topic.pk)])
    assert {hit.object_id for hit in only_topic.hits} == {page.pk}
    # "CIN" finds "child in need" in the page and "CIN" in the rest.
    synonyms = find(practitioner, "child in need zqmix")
    assert len(synonyms.hits) == 3


@pytest.mark.elasticsearch
def test_the_whole_page_text_is_searchable_on_elasticsearch(practitioner, find):
    page = research_summary(
        title="Analysis in assessments",
        key_findings="<p>Practitioners who wrote <b>hypotheses</b> zqfinding.</p>",
        implications="<p>Use a genogram zqimplication.</p>",
    )
    for words in ("zqfinding hypothesis", "zqimplication genograms"):
        results = find(practitioner, words)
        assert [hit.object_id for hit in results.hits] == [page.pk]
        assert "<b>" not in results.hits[0].snippet
