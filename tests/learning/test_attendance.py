"""The training team records who attended; each attendee gets a draft entry."""

import pytest

from learning.models import EventAttendance
from portfolio.evidence.models import Entry, EntryState
from portfolio.notifications.models import Notification
from tests.factories.portfolio import UserFactory

pytestmark = pytest.mark.django_db


def _url(event):
    return f"/learning/pages/{event.pk}/attendance/"


def test_recording_attendance_gives_each_attendee_a_draft(
    signed_in, training_editor, practitioner, other_practitioner, training_event
):
    client = signed_in(training_editor)
    response = client.post(
        _url(training_event), {"attendees": [practitioner.pk, other_practitioner.pk]}
    )
    assert response.status_code == 302
    for person in (practitioner, other_practitioner):
        entry = Entry.objects.get(owner=person)
        assert entry.state == EntryState.DRAFT
        assert entry.source_page_id == training_event.pk
        assert entry.cpd_type == "course"
        assert entry.description.startswith("I attended this training on ")
        notification = Notification.objects.get(recipient=person)
        assert notification.link == f"/portfolio/entries/{entry.pk}/edit/"
    html = client.get(_url(training_event)).content.decode()
    assert practitioner.get_full_name() in html


def test_recording_someone_twice_changes_nothing(
    signed_in, training_editor, practitioner, training_event
):
    from learning.services import attendance_record

    client = signed_in(training_editor)
    client.post(_url(training_event), {"attendees": [practitioner.pk]})
    again = attendance_record(
        event=training_event,
        attendees=[practitioner],
        recorded_by=training_editor,
        event_url="",
    )
    assert again == 0
    assert EventAttendance.objects.count() == 1
    assert Entry.objects.filter(owner=practitioner).count() == 1


def test_people_of_another_organisation_cannot_be_chosen(
    signed_in, training_editor, other_organisation, training_event
):
    outsider = UserFactory(
        organisation=other_organisation, email="outsider@example.org"
    )
    response = signed_in(training_editor).post(
        _url(training_event), {"attendees": [outsider.pk]}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Entry.objects.exists()


def test_choosing_nobody_is_a_clear_error(
    signed_in, training_editor, practitioner, training_event
):
    response = signed_in(training_editor).post(_url(training_event), {})
    assert response.status_code == 200
    assert "Choose at least one person who attended." in response.content.decode()


@pytest.mark.parametrize(
    "role", ["practitioner", "supervisor", "org_admin", "other_org_admin"]
)
def test_only_the_training_team_records_attendance(
    role, request, signed_in, training_event, practitioner
):
    client = signed_in(request.getfixturevalue(role))
    assert client.get(_url(training_event)).status_code == 404
    assert (
        client.post(_url(training_event), {"attendees": [practitioner.pk]}).status_code
        == 404
    )
    assert not EventAttendance.objects.exists()


def test_the_event_page_links_the_training_team_to_attendance(
    signed_in, training_editor, practitioner, training_event
):
    assert (
        "Record who attended"
        in signed_in(training_editor).get(training_event.url).content.decode()
    )
    assert (
        "Record who attended"
        not in signed_in(practitioner).get(training_event.url).content.decode()
    )
