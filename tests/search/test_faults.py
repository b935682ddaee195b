"""Elasticsearch stopped, hanging and answering 503 while people search and
edit: no server errors, database results with a notice, and once the node is
back every update and delete is applied; replaying again changes nothing."""

import datetime
import os
import time

from django.urls import reverse

import pytest

from portfolio.evidence.models import Entry
from search.connection import get_client
from search.models import IndexOperation
from search.selectors import FALLBACK_NOTICE
from search.services import index_replay
from tests.factories.portfolio import EntryFactory
from tests.search.faults import FAULTS

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


def _draft_form(title: str) -> dict:
    return {
        "title": title,
        "activity_date": (
            datetime.date.today() - datetime.timedelta(days=3)
        ).isoformat(),
        "cpd_type": "reading_research",
        "hours": "2",
        "description": "Reading about analytical assessment zqshared.",
        "learning": "Hypotheses should be tested with the family.",
        "impact": "I list competing explanations in my assessments now.",
        "reflective_model": "",
    }


def _documents(alias: str) -> dict:
    client = get_client()
    client.indices.refresh(index=alias)
    hits = client.search(index=alias, query={"match_all": {}}, size=100, version=True)[
        "hits"
    ]["hits"]
    return {hit["_id"]: (hit["_version"], hit["_source"]) for hit in hits}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_search_and_edits_survive_a_broken_node_and_nothing_is_lost(
    fault,
    settings,
    client,
    signed_in,
    practitioner,
    index_now,
    django_capture_on_commit_callbacks,
):
    real_node = os.environ["ELASTICSEARCH_URL"]
    settings.SEARCH_BREAKER_OPEN_SECONDS = 1
    kept = EntryFactory(owner=practitioner, title="Original wording zqkept")
    doomed = EntryFactory(owner=practitioner, title="Soon deleted zqdoomed")
    index_now()
    signed_in(practitioner)
    search_url = reverse("search:search")
    assert b"zqdoomed" in client.get(search_url, {"q": "zqdoomed"}).content

    statuses = []
    with FAULTS[fault]() as broken:
        settings.ELASTICSEARCH_URL = broken
        started = time.monotonic()
        for _ in range(4):
            response = client.get(search_url, {"q": "zqkept"})
            statuses.append(response.status_code)
            assert "Original wording" in response.content.decode()
            assert FALLBACK_NOTICE in response.content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("portfolio:entry_edit", args=[kept.pk]),
                {**_draft_form("Changed wording zqchanged")},
            )
            statuses.append(response.status_code)
            response = client.post(reverse("portfolio:entry_delete", args=[doomed.pk]))
            statuses.append(response.status_code)
        response = client.get(search_url, {"q": "zqchanged"})
        statuses.append(response.status_code)
        assert "Changed wording" in response.content.decode()
        response = client.get(search_url, {"q": "zqdoomed"})
        statuses.append(response.status_code)
        assert "Soon deleted" not in response.content.decode()
        elapsed = time.monotonic() - started
    assert all(status < 500 for status in statuses), statuses
    assert not Entry.objects.filter(pk=doomed.pk).exists()
    # The breaker stopped a hung node from costing a timeout per request.
    assert elapsed < 20
    assert IndexOperation.objects.filter(status="pending").count() == 2

    # The node is back; the breaker lets a probe through after its pause.
    settings.ELASTICSEARCH_URL = real_node
    time.sleep(1.2)
    assert index_replay() == 2
    assert not IndexOperation.objects.filter(status="pending").exists()
    alias = f"{settings.SEARCH_INDEX_PREFIX}entries"
    documents = _documents(alias)
    assert documents[f"entry-{kept.pk}"][1]["title"] == "Changed wording zqchanged"
    assert f"entry-{doomed.pk}" not in documents

    response = client.get(search_url, {"q": "zqdoomed"})
    assert "Soon deleted" not in response.content.decode()
    assert FALLBACK_NOTICE not in response.content.decode()
    response = client.get(search_url, {"q": "zqchanged"})
    assert "Changed wording" in response.content.decode()

    # Replaying again, twice, changes nothing.
    assert index_replay() == 0
    IndexOperation.objects.update(status="pending")
    assert index_replay() == 2
    assert _documents(alias) == documents


def test_a_hung_node_opens_the_breaker_and_later_searches_do_not_wait(
    settings, practitioner, find
):
    from search.backends import SearchRequest
    from search.selectors import search_for_user
    from tests.search.faults import hung_node

    EntryFactory(owner=practitioner, title="Breaker zqbreaker")
    with hung_node() as hung:
        settings.ELASTICSEARCH_URL = hung
        request = SearchRequest(text="zqbreaker")
        for _ in range(settings.SEARCH_BREAKER_FAILURES):
            assert search_for_user(user=practitioner, request=request).total == 1
        started = time.monotonic()
        results = search_for_user(user=practitioner, request=request)
        assert time.monotonic() - started < 0.5
    assert results.backend == "database" and results.total == 1
    assert results.notice
