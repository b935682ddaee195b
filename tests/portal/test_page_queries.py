"""The daily pages ask the database the same number of questions whatever the
size of the portfolio (issue #15): counted at two sizes, on the first request
(nothing cached) and on the next (what is cached is used)."""

import datetime

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from capabilities.selectors import active_pcf, item_by_reference
from portfolio.evidence.models import Entry, EntryMapping
from portfolio.notifications.models import Notification
from tests.auth import sign_in

pytestmark = pytest.mark.django_db

#: Issue #15's ceiling for a daily page.
MAX_QUERIES = 20
SMALL, LARGE = 2, 14


def _grow(owner, count):
    """Top the portfolio up to ``count`` entries, each mapped at a level, a
    third shared, some waiting for review, with as many notifications."""
    level = active_pcf().levels.get(code="social-worker")
    items = [item_by_reference(f"pcf@2018:{code}") for code in ("5", "6", "7")]
    today = timezone.localdate()
    for n in range(owner.entries.count(), count):
        entry = Entry.objects.create(
            owner=owner,
            state="complete" if n % 4 else "draft",
            title=f"Entry {n} about direct work",
            activity_date=today - datetime.timedelta(days=n * 9),
            cpd_type="reading_research",
            hours=1,
            description="What happened.",
            learning=f"What I learnt ({n}).",
            impact="What changed.",
            peer_reflection="With a colleague." if n % 2 else "",
            shared_with_supervisors=bool(n % 4),
            review_state="waiting" if n % 4 and n % 3 == 0 else "",
            review_requested_at=timezone.now() if n % 4 and n % 3 == 0 else None,
        )
        for item in items[: 1 + n % 3]:
            EntryMapping.objects.create(entry=entry, item=item, level=level)
        Notification.objects.create(recipient=owner, text=f"Note {n}", link="/")


def _counts(client, url):
    client.get(url)  # what each process keeps to itself (templates, sites)
    cache.clear()
    found = []
    for _ in range(2):  # cold, then warm
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        found.append(len(captured))
    return found


def _client(person):
    client = Client()
    sign_in(client, person)
    return client


PRACTITIONER_PAGES = {
    "dashboard": lambda entry: reverse("portfolio:dashboard"),
    "entry list": lambda entry: reverse("portfolio:entry_list"),
    "entry page": lambda entry: reverse("portfolio:entry_detail", args=[entry.pk]),
    "career readiness": lambda entry: reverse("career:mine"),
    "notifications": lambda entry: reverse("notifications:list"),
    # Every entry matches: the results, their facets and the pages.
    "search": lambda entry: reverse("search:search") + "?q=direct+work",
    "bare page": lambda entry: reverse("accessibility"),
}
SUPERVISOR_PAGES = {
    "supervisor home": lambda supervision: reverse("supervision:home"),
    "review queue": lambda supervision: reverse("supervision:queue"),
    "supervisee page": lambda supervision: reverse(
        "supervision:supervisee", args=[supervision.pk]
    ),
}


@pytest.mark.parametrize("page", PRACTITIONER_PAGES)
def test_a_practitioners_page_asks_the_same_at_every_size(
    page, practitioner, django_assert_max_num_queries, settings
):
    # The database backend (Elasticsearch's own requests are not queries;
    # bench/portfolio_pages.py measures both).
    settings.ELASTICSEARCH_URL = ""
    practitioner.target_level = active_pcf().levels.get(code="social-worker")
    practitioner.save()
    client = _client(practitioner)
    counts = []
    for size in (SMALL, LARGE):
        _grow(practitioner, size)
        first = practitioner.entries.filter(state="complete").order_by("pk").first()
        url = PRACTITIONER_PAGES[page](first)
        counts.append(_counts(client, url))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(url)


@pytest.mark.parametrize("page", SUPERVISOR_PAGES)
def test_a_supervisors_page_asks_the_same_at_every_size(
    page, practitioner, supervisor, supervision, django_assert_max_num_queries
):
    client = _client(supervisor)
    url = SUPERVISOR_PAGES[page](supervision)
    counts = []
    for size in (SMALL, LARGE):
        _grow(practitioner, size)
        counts.append(_counts(client, url))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(url)


@pytest.mark.parametrize("side", ["supervisee", "appraiser"])
def test_the_appraisal_page_asks_the_same_at_every_size(
    side, practitioner, supervisor, appraisal, django_assert_max_num_queries
):
    """Both sides: the appraiser's page has the supervisee's coverage too."""
    client = _client(practitioner if side == "supervisee" else supervisor)
    url = reverse("appraisal:detail", args=[appraisal.pk])
    counts = []
    for size in (SMALL, LARGE):
        _grow(practitioner, size)
        counts.append(_counts(client, url))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(url)


def test_a_learning_page_asks_the_same_whatever_the_portfolio_size(
    practitioner, learning_page, django_assert_max_num_queries
):
    client = _client(practitioner)
    counts = []
    for size in (SMALL, LARGE):
        _grow(practitioner, size)
        counts.append(_counts(client, learning_page.url))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(learning_page.url)
