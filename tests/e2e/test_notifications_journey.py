"""A practitioner's reminder in Chromium: the unread count in the header, the
notifications page, following the reminder, and it is read; then choosing
which emails to get. axe-core on each page."""

import datetime

import pytest

from tests.e2e.conftest import assert_accessible
from tests.e2e.test_sign_in_journeys import sign_in_through_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_practitioner_follows_a_reminder_and_it_is_marked_read(
    page, live_server, practitioner
):
    from portfolio.notifications.models import Notification
    from portfolio.reminders.services import reminders_plan

    reminders_plan(today=datetime.date(2026, 9, 1))
    reminder = Notification.objects.get(recipient=practitioner)

    sign_in_through_pages(page, practitioner)
    assert page.get_by_test_id("unread-count").inner_text().startswith("1")
    page.get_by_test_id("notifications-link").click()
    assert_accessible(page)
    unread = page.get_by_test_id("notification-unread")
    assert "not complete" in unread.inner_text()
    unread.get_by_role("link").click()
    page.wait_for_url(f"{live_server.url}/portfolio/")
    assert page.get_by_test_id("unread-count").count() == 0
    reminder.refresh_from_db()
    assert reminder.read_at is not None

    page.get_by_test_id("notifications-link").click()
    assert page.get_by_test_id("notification-read").count() == 1
    page.get_by_test_id("email-preferences-link").click()
    assert_accessible(page)
    page.get_by_label("Reminders about your registration year's CPD").uncheck()
    page.get_by_role("button", name="Save choices").click()
    assert (
        page.get_by_label("Reminders about your registration year's CPD").is_checked()
        is False
    )
    assert_accessible(page)


def test_export_progress_updates_on_the_page_then_the_download_appears(
    page, live_server, practitioner, entry, monkeypatch
):
    from django.utils import timezone

    from portfolio.exports.services import (
        export_build,
        export_progress_set,
        export_request,
    )

    # Recorded, but its task never queued (as if lost), so the test drives
    # the build.
    monkeypatch.setattr("portfolio.exports.services.job_enqueue", lambda *args: None)
    export = export_request(
        owner=practitioner,
        kind="zip",
        period_start=datetime.date(2020, 1, 1),
        period_end=timezone.localdate(),
    )
    export_progress_set(export_id=export.pk, percent=10)

    sign_in_through_pages(page, practitioner)
    page.goto("/portfolio/exports/")
    progress = page.get_by_test_id("export-progress")
    assert "10% done" in progress.inner_text()
    assert_accessible(page)
    export_progress_set(export_id=export.pk, percent=60)
    page.wait_for_function(
        "() => document.querySelector('[data-export-progress]')"
        ".textContent.includes('60% done')"
    )
    export_build(export_id=export.pk)
    page.get_by_role("link", name="Download").wait_for()
    assert page.get_by_test_id("unread-count").inner_text().startswith("1")
