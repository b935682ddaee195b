"""The supervisor's journey in Chromium: an entry in the queue, a request for
changes, the practitioner's fix, confirmation, and the confirmed evidence in
the practitioner's heatmap. axe-core on every page."""

import pytest

from tests.e2e.conftest import assert_accessible
from tests.e2e.test_sign_in_journeys import sign_in_through_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_review_round_trip(
    browser, live_server, supervisor, practitioner, supervision, shared_entry
):
    from capabilities.models import Level

    level = Level.objects.get(
        framework__family="pcf", framework__version="2018", code="social-worker"
    )
    shared_entry.mappings.update(level=level)
    practitioner.target_level = level
    practitioner.save()

    contexts = [
        browser.new_context(base_url=live_server.url, bypass_csp=True) for _ in range(2)
    ]
    try:
        _round_trip(
            *(context.new_page() for context in contexts), supervisor, practitioner
        )
    finally:
        for context in contexts:
            context.close()


def _round_trip(boss, worker, supervisor, practitioner):
    sign_in_through_pages(boss, supervisor)
    boss.get_by_test_id("nav-supervision").click()
    assert_accessible(boss)
    boss.get_by_test_id("queue-link").click()
    assert_accessible(boss)
    boss.get_by_test_id("queue-entry").click()
    boss.get_by_label("Asked for changes").check()
    boss.get_by_label("Comment or the changes needed").fill(
        "Please add what changed for the family."
    )
    assert_accessible(boss)
    boss.get_by_test_id("send-decision").click()
    boss.get_by_test_id("queue-empty").wait_for()

    sign_in_through_pages(worker, practitioner)
    worker.get_by_test_id("notifications-link").click()
    assert_accessible(worker)
    worker.get_by_role("link", name="asked for changes").first.click()
    assert "Changes requested" in worker.get_by_test_id("sharing-state").inner_text()
    assert (
        "Please add what changed for the family."
        in worker.get_by_test_id("review-history").inner_text()
    )
    assert_accessible(worker)
    worker.get_by_role("link", name="Edit").click()
    worker.get_by_label(
        "What impact has it had on your practice, and on the people you work with?"
    ).fill("The family now receives a short written plan after every visit.")
    worker.get_by_test_id("complete").click()
    assert "Waiting for review" in worker.get_by_test_id("sharing-state").inner_text()

    boss.get_by_test_id("nav-supervision").click()
    boss.get_by_test_id("queue-link").click()
    boss.get_by_label("Confirm Shared reflection").check()
    boss.get_by_test_id("confirm-selected").click()
    boss.get_by_test_id("queue-empty").wait_for()

    worker.get_by_test_id("nav-portfolio").click()
    cell = worker.get_by_test_id("heatmap-domain-6").get_by_role("cell").nth(5)
    assert cell.inner_text() == "1 (1)"
    assert_accessible(worker)


def test_a_long_supervisee_page_pages_accessibly(
    browser, live_server, supervisor, practitioner, supervision
):
    """More shared entries than a page holds (issue #15): the supervisee page
    and the next page pass axe, and the last entry is reached by 'Next'."""
    import datetime

    from django.urls import reverse
    from django.utils import timezone

    from portfolio.supervision.selectors import ENTRIES_PER_PAGE
    from tests.factories.portfolio import EntryFactory

    today = timezone.localdate()
    for n in range(ENTRIES_PER_PAGE + 2):
        EntryFactory(
            owner=practitioner,
            state="complete",
            title=f"Shared entry {n:02d}",
            activity_date=today - datetime.timedelta(days=n),
            shared_with_supervisors=True,
        )
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    try:
        page = context.new_page()
        sign_in_through_pages(page, supervisor)
        page.goto(reverse("supervision:supervisee", args=[supervision.pk]))
        assert_accessible(page)
        pages = page.get_by_test_id("shared-pagination")
        assert "Page 1 of 2" in pages.inner_text()
        pages.get_by_role("link", name="Next page").click()
        page.get_by_text("Page 2 of 2").wait_for()
        last = f"Shared entry {ENTRIES_PER_PAGE + 1:02d}"
        assert last in page.get_by_test_id("shared-entries").inner_text()
        assert_accessible(page)
    finally:
        context.close()
