"""Supervision pages through the test client."""

from django.urls import reverse
from django.utils import timezone

import pytest

from portfolio.evidence.models import AccessEvent
from portfolio.people.models import Supervision

pytestmark = pytest.mark.django_db


def test_opening_a_shared_entry_is_recorded_and_shown_to_its_owner(
    client, signed_in, supervisor, practitioner, shared_entry
):
    signed_in(supervisor)
    page = client.get(reverse("supervision:entry_review", args=[shared_entry.pk]))
    assert "Shared reflection" in page.content.decode()
    assert AccessEvent.objects.filter(viewer=supervisor, action="opened").count() == 1
    signed_in(practitioner)
    log = client.get(reverse("supervision:who_viewed")).content.decode()
    assert str(supervisor) in log and "opened" in log


def test_the_queue_shows_a_count_and_confirms_in_bulk(
    client, signed_in, supervisor, shared_entry
):
    signed_in(supervisor)
    home = client.get(reverse("supervision:home")).content.decode()
    assert "1 entry waiting for your review" in home
    client.post(reverse("supervision:queue"), {"entries": [shared_entry.pk]})
    shared_entry.refresh_from_db()
    assert shared_entry.review_state == "confirmed"


def test_confirming_passes_over_entries_not_in_the_queue(
    client, signed_in, supervisor, shared_entry, other_practitioner
):
    from tests.factories.portfolio import EntryFactory

    foreign = EntryFactory(
        owner=other_practitioner, state="complete", review_state="waiting"
    )
    signed_in(supervisor)
    client.post(
        reverse("supervision:queue"), {"entries": [foreign.pk, shared_entry.pk, "x"]}
    )
    shared_entry.refresh_from_db()
    foreign.refresh_from_db()
    assert (shared_entry.review_state, foreign.review_state) == ("confirmed", "waiting")
    nothing = client.post(
        reverse("supervision:queue"), {"entries": [foreign.pk]}, follow=True
    )
    assert "Choose at least one entry to confirm." in nothing.content.decode()


def test_asking_for_changes_without_a_reason_re_renders_with_the_message(
    client, signed_in, supervisor, shared_entry
):
    signed_in(supervisor)
    response = client.post(
        reverse("supervision:entry_review", args=[shared_entry.pk]),
        {"kind": "changes_requested", "text": ""},
    )
    assert response.status_code == 200
    assert "Say what needs to change" in response.content.decode()


def test_the_practitioner_is_notified_and_sees_the_unread_count(
    client, signed_in, supervisor, practitioner, shared_entry
):
    signed_in(supervisor)
    client.post(
        reverse("supervision:entry_review", args=[shared_entry.pk]),
        {"kind": "comment", "text": "Good link to research."},
    )
    signed_in(practitioner)
    home = client.get(reverse("home")).content.decode()
    assert 'data-testid="unread-count">1' in home
    detail = client.get(
        reverse("portfolio:entry_detail", args=[shared_entry.pk])
    ).content.decode()
    assert "Good link to research." in detail
    client.post(reverse("notifications:mark_read"))
    assert (
        'data-testid="unread-count"' not in client.get(reverse("home")).content.decode()
    )


def test_private_notes_never_reach_the_supervisee(
    client, signed_in, practitioner, supervision_session
):
    signed_in(practitioner)
    assert (
        "seemed tired" not in client.get(reverse("supervision:mine")).content.decode()
    )


def test_org_admin_adds_and_ends_a_supervision(
    client, signed_in, org_admin, supervisor, practitioner
):
    signed_in(org_admin)
    response = client.post(
        reverse("supervision:relationships"),
        {
            "supervisor": supervisor.pk,
            "supervisee": practitioner.pk,
            "kind": "line_manager",
            "starts_on": timezone.localdate().isoformat(),
            "organisation": "999",
        },
    )
    assert response.status_code == 302
    supervision = Supervision.objects.get()
    assert supervision.organisation == org_admin.organisation
    client.post(
        reverse("supervision:relationship_end", args=[supervision.pk]),
        {"ends_on": timezone.localdate().isoformat()},
    )
    supervision.refresh_from_db()
    assert supervision.ends_on == timezone.localdate()


def test_practitioner_sends_an_entry_for_review(
    client, signed_in, practitioner, supervision
):
    from tests.factories.portfolio import EntryFactory

    entry = EntryFactory(owner=practitioner, state="complete")
    signed_in(practitioner)
    client.post(reverse("supervision:request_review", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.review_state == "waiting"
    assert supervision.supervisor.notifications.filter(text__contains="sent").exists()
