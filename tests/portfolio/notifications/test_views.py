"""The notifications page, following one, email choices and unsubscribing, as
a user drives them, and for the wrong user."""

from django.core import mail
from django.test import Client
from django.urls import reverse

import pytest

from portfolio.notifications.email import unsubscribe_token
from portfolio.notifications.models import EmailOptOut
from portfolio.notifications.services import dispatch_deliver, dispatch_record

pytestmark = pytest.mark.django_db


def test_the_header_counts_unread_and_the_page_lists_them_unread_first(
    signed_in, practitioner, notification
):
    from portfolio.notifications.services import notification_create

    read = notification_create(recipient=practitioner, text="Old news.")
    read.read_at = read.created_at
    read.save()
    client = signed_in(practitioner)
    page = client.get(reverse("notifications:list")).content.decode()
    assert 'data-testid="unread-count">1<' in page
    assert page.index("Something for you.") < page.index("Old news.")


def test_following_a_notification_marks_it_read_and_goes_to_its_link(
    signed_in, practitioner, notification
):
    response = signed_in(practitioner).get(
        reverse("notifications:open", args=[notification.pk])
    )
    assert response.status_code == 302 and response["Location"] == "/portfolio/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_nobody_else_can_open_or_mark_a_notification(
    signed_in, supervisor, notification, client
):
    url = reverse("notifications:open", args=[notification.pk])
    assert client.get(url).status_code == 302  # to sign in
    assert signed_in(supervisor).get(url).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_link_off_the_site_is_never_followed(signed_in, practitioner):
    from portfolio.notifications.services import notification_create

    odd = notification_create(
        recipient=practitioner, text="x", link="https://evil.example/"
    )
    response = signed_in(practitioner).get(reverse("notifications:open", args=[odd.pk]))
    assert response["Location"] == reverse("notifications:list")


def test_choosing_emails_turns_kinds_off_and_on(signed_in, practitioner):
    client = signed_in(practitioner)
    url = reverse("notifications:preferences")
    assert "Exports ready to download" in client.get(url).content.decode()
    client.post(url, {"wanted": ["export_ready"]})
    assert "renewal" in set(
        EmailOptOut.objects.filter(user=practitioner).values_list("kind", flat=True)
    )
    client.post(url, {"wanted": ["export_ready", "renewal"]})
    assert not EmailOptOut.objects.filter(user=practitioner, kind="renewal").exists()
    response = client.post(url, {"wanted": ["not-a-kind"]})
    assert response.status_code == 200 and "govuk-error-message" in (
        response.content.decode()
    )


def _email_to(practitioner):
    dispatch = dispatch_record(
        kind="renewal", recipient=practitioner, key="k", text="Reminder."
    )
    dispatch_deliver(dispatch_id=dispatch.pk)
    return mail.outbox[-1]


def test_the_link_in_an_email_unsubscribes_without_a_login(practitioner):
    email = _email_to(practitioner)
    link = next(
        line
        for line in email.body.splitlines()
        if "/notifications/unsubscribe/" in line
    )
    path = link[link.index("/notifications/") :]
    client = Client(enforce_csrf_checks=True)
    page = client.get(path)
    assert page.status_code == 200 and not EmailOptOut.objects.exists()
    assert client.post(path).status_code == 200
    assert EmailOptOut.objects.get().kind == "renewal"
    again = dispatch_record(
        kind="renewal", recipient=practitioner, key="k2", text="Again."
    )
    dispatch_deliver(dispatch_id=again.pk)
    assert len(mail.outbox) == 1


def test_one_click_unsubscribe_from_the_mail_client_header(practitioner):
    email = _email_to(practitioner)
    url = email.extra_headers["List-Unsubscribe"].strip("<>")
    path = url[url.index("/notifications/") :]
    response = Client(enforce_csrf_checks=True).post(
        path, {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert EmailOptOut.objects.filter(user=practitioner, kind="renewal").exists()


def test_a_forged_or_altered_unsubscribe_token_is_not_found(practitioner, client):
    token = unsubscribe_token(user_id=practitioner.pk, kind="renewal")
    for bad in (
        "not-a-token",
        token[:-2] + "xx",
        unsubscribe_token(user_id=practitioner.pk, kind="nope"),
    ):
        url = reverse("notifications:unsubscribe", args=[bad])
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert not EmailOptOut.objects.exists()


def test_the_page_is_paged_and_follows_marking_read(signed_in, practitioner):
    """25 to a page, unread first; marking them read shows at once, on the
    page and in the header (issue #15)."""
    from portfolio.notifications.services import notification_create
    from portfolio.notifications.views import NOTIFICATIONS_PER_PAGE

    for n in range(NOTIFICATIONS_PER_PAGE + 5):
        notification_create(recipient=practitioner, text=f"Number {n:02d}.")
    client = signed_in(practitioner)
    first = client.get(reverse("notifications:list")).content.decode()
    assert first.count('data-testid="notification-unread"') == NOTIFICATIONS_PER_PAGE
    assert "Page 1 of 2" in first and 'rel="next"' in first
    assert f'data-testid="unread-count">{NOTIFICATIONS_PER_PAGE + 5}<' in first
    second = client.get(reverse("notifications:list"), {"page": "2"})
    assert second.content.decode().count('data-testid="notification-unread"') == 5
    junk = client.get(reverse("notifications:list"), {"page": "9" * 30})
    assert junk.status_code == 200 and "Page 2 of 2" in junk.content.decode()

    client.post(reverse("notifications:mark_read"))
    after = client.get(reverse("notifications:list")).content.decode()
    assert 'data-testid="notification-unread"' not in after
    assert 'data-testid="unread-count"' not in after
