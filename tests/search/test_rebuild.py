"""search_rebuild: a new index, loaded from the database, then an alias swap."""

import io

from django.core.management import call_command

import pytest

from search.connection import get_client
from tests.factories.learning import research_summary
from tests.factories.portfolio import EntryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


def _indices_behind(alias):
    return set(get_client().indices.get_alias(name=alias))


def test_rebuild_swaps_to_a_fresh_index_and_drops_what_the_database_lacks(
    settings, practitioner, index_now, find
):
    kept = EntryFactory(owner=practitioner, title="Kept zqrebuild")
    lost = EntryFactory(owner=practitioner, title="Deleted unseen zqrebuild")
    page = research_summary(title="Page zqrebuild")
    index_now()
    alias = f"{settings.SEARCH_INDEX_PREFIX}entries"
    before = _indices_behind(alias)
    # Deleted while nothing recorded it (say, before search existed).
    elasticsearch_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = ""
    lost.delete()
    settings.ELASTICSEARCH_URL = elasticsearch_url

    output = io.StringIO()
    call_command("search_rebuild", stdout=output)

    after = _indices_behind(alias)
    assert after and after.isdisjoint(before)
    assert not any(get_client().indices.exists(index=name) for name in before)
    assert "entry: 1 documents" in output.getvalue()
    assert "learning_page: 1 documents" in output.getvalue()
    results = find(practitioner, "zqrebuild")
    assert results.backend == "elasticsearch"
    assert {(hit.kind, hit.object_id) for hit in results.hits} == {
        ("entry", kept.pk),
        ("learning_page", page.pk),
    }


def test_rebuilding_an_unknown_kind_is_an_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("search_rebuild", "nonsense")
