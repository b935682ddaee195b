"""Long lists on the supervisor's pages come a page at a time (issue #15):
every entry stays reachable, and each page is one query."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from portfolio.evidence.models import Entry
from portfolio.supervision.paging import page_of
from portfolio.supervision.selectors import ENTRIES_PER_PAGE
from tests.factories.portfolio import EntryFactory

pytestmark = pytest.mark.django_db
MORE_THAN_A_PAGE = ENTRIES_PER_PAGE + 3


def _shared(owner, count, **values):
    today = timezone.localdate()
    return [
        EntryFactory(
            owner=owner,
            state="complete",
            title=f"Shared entry {n:02d}",
            activity_date=today - datetime.timedelta(days=n),
            shared_with_supervisors=True,
            **values,
        )
        for n in range(count)
    ]


def _titles(html: str) -> list[str]:
    return re.findall(r"Shared entry \d\d", html)


def test_the_supervisee_page_shows_every_shared_entry_a_page_at_a_time(
    client, signed_in, supervisor, practitioner, supervision
):
    _shared(practitioner, MORE_THAN_A_PAGE)
    signed_in(supervisor)
    url = reverse("supervision:supervisee", args=[supervision.pk])

    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()

    assert _titles(first) == [f"Shared entry {n:02d}" for n in range(ENTRIES_PER_PAGE)]
    assert _titles(second) == [
        f"Shared entry {n:02d}" for n in range(ENTRIES_PER_PAGE, MORE_THAN_A_PAGE)
    ]
    assert f"{MORE_THAN_A_PAGE} entries, newest first." in first
    assert "Page 1 of 2" in first and 'href="?page=2"' in first
    assert "Page 2 of 2" in second and 'href="?page=1"' in second


@pytest.mark.parametrize("asked", ["x", "0", "-1", "9" * 40, ""])
def test_a_page_number_that_is_not_one_shows_the_first_page(
    asked, client, signed_in, supervisor, practitioner, supervision
):
    _shared(practitioner, MORE_THAN_A_PAGE)
    signed_in(supervisor)
    url = reverse("supervision:supervisee", args=[supervision.pk])
    page = client.get(url, {"page": asked})
    assert page.status_code == 200
    assert "Shared entry 00" in page.content.decode()


def test_a_page_past_the_end_shows_the_last(
    client, signed_in, supervisor, practitioner, supervision
):
    _shared(practitioner, MORE_THAN_A_PAGE)
    signed_in(supervisor)
    url = reverse("supervision:supervisee", args=[supervision.pk])
    for asked in ("3", str(2**63 - 1)):
        html = client.get(url, {"page": asked}).content.decode()
        assert "Page 2 of 2" in html
        assert f"Shared entry {MORE_THAN_A_PAGE - 1:02d}" in html


def test_the_queue_pages_and_confirms_from_any_page(
    client, signed_in, supervisor, practitioner, supervision
):
    now = timezone.now()
    waiting = [
        EntryFactory(
            owner=practitioner,
            state="complete",
            title=f"Waiting entry {n:02d}",
            review_state="waiting",
            review_requested_at=now - datetime.timedelta(minutes=MORE_THAN_A_PAGE - n),
        )
        for n in range(MORE_THAN_A_PAGE)
    ]
    signed_in(supervisor)
    url = reverse("supervision:queue")
    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    assert f"{MORE_THAN_A_PAGE} entries waiting." in first
    assert "Waiting entry 00" in first and "Waiting entry 00" not in second
    assert f"Waiting entry {MORE_THAN_A_PAGE - 1:02d}" in second
    assert 'data-testid="queue-pagination"' in first

    last = waiting[-1]
    client.post(url, {"entries": [last.pk]})
    last.refresh_from_db()
    assert last.review_state == "confirmed"
    assert (
        f"{MORE_THAN_A_PAGE - 1} entries waiting." in client.get(url).content.decode()
    )


def test_a_page_is_one_query_whether_the_list_is_empty_or_long(practitioner):
    entries = Entry.objects.filter(owner=practitioner).order_by("pk")
    with CaptureQueriesContext(connection) as empty:
        page = page_of(entries, "1", per_page=10)
        assert (list(page), page.paginator.count, page.has_other_pages()) == (
            [],
            0,
            False,
        )
    _shared(practitioner, 12)
    with CaptureQueriesContext(connection) as long:
        page = page_of(entries, "2", per_page=10)
        assert len(page) == 2
        assert (page.paginator.count, page.paginator.num_pages) == (12, 2)
        assert page.has_previous() and not page.has_next()
    assert len(empty) == len(long) == 1
