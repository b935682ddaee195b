"""Holes found in review, each closed and kept closed."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from portfolio.evidence.models import AccessEvent
from portfolio.evidence.selectors import coverage_heatmap, entry_get
from portfolio.evidence.services import entry_save
from portfolio.people.models import Supervision
from portfolio.supervision import services
from tests.factories.portfolio import AttachmentFactory, EntryFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_rewriting_a_confirmed_entry_withdraws_the_confirmation(
    supervisor, practitioner, shared_entry
):
    services.review_decide(
        reviewer=supervisor, entries=[shared_entry], kind="confirmed"
    )
    values = {
        name: getattr(shared_entry, name)
        for name in (
            "title",
            "activity_date",
            "cpd_type",
            "hours",
            "description",
            "impact",
        )
    }
    entry_save(
        saved_by=practitioner,
        entry=shared_entry,
        values={**values, "learning": "Something else entirely."},
        complete=True,
    )
    shared_entry.refresh_from_db()
    assert shared_entry.review_state == "waiting"
    assert shared_entry.mappings.get().confirmed_at is None


def test_stopping_sharing_ends_a_supervisors_access(
    supervisor, practitioner, shared_entry
):
    services.entry_share(owner=practitioner, entry=shared_entry, shared=False)
    assert entry_get(fetched_by=supervisor, pk=shared_entry.pk) is None


def test_a_new_supervisor_does_not_inherit_an_old_review(
    org_admin, practitioner, supervision, shared_entry, organisation, time_machine
):
    services.supervision_end(
        ended_by=org_admin, supervision=supervision, ends_on=timezone.localdate()
    )
    time_machine.move_to(timezone.now() + datetime.timedelta(days=1))
    newcomer = UserFactory(organisation=organisation, is_supervisor=True)
    Supervision.objects.create(
        organisation=organisation,
        supervisor=newcomer,
        supervisee=practitioner,
        kind="line_manager",
        starts_on=timezone.localdate(),
    )
    assert entry_get(fetched_by=newcomer, pk=shared_entry.pk) is None
    # Shared with "my supervisors" means whoever supervises them now.
    services.entry_share(owner=practitioner, entry=shared_entry, shared=True)
    assert entry_get(fetched_by=newcomer, pk=shared_entry.pk) is not None


def test_a_former_supervisor_cannot_copy_session_notes(
    client,
    signed_in,
    org_admin,
    supervisor,
    supervision,
    supervision_session,
    time_machine,
):
    services.supervision_end(
        ended_by=org_admin, supervision=supervision, ends_on=timezone.localdate()
    )
    time_machine.move_to(timezone.now() + datetime.timedelta(days=1))
    signed_in(supervisor)
    response = client.post(
        reverse("supervision:session_entry", args=[supervision_session.pk])
    )
    assert response.status_code == 404
    assert not supervisor.entries.exists()


def test_a_supervisor_cannot_remove_an_attachment_and_is_told_it_is_missing(
    client, signed_in, supervisor, shared_entry
):
    attachment = AttachmentFactory(entry=shared_entry)
    signed_in(supervisor)
    assert (
        client.post(
            reverse("portfolio:attachment_delete", args=[attachment.pk])
        ).status_code
        == 404
    )
    assert shared_entry.attachments.exists()


def test_a_supervisors_download_is_in_the_owners_record(
    client, signed_in, supervisor, practitioner, shared_entry
):
    attachment = AttachmentFactory(entry=shared_entry)
    signed_in(supervisor)
    assert (
        client.get(
            reverse("portfolio:attachment_download", args=[attachment.pk])
        ).status_code
        == 200
    )
    assert AccessEvent.objects.filter(
        owner=practitioner, viewer=supervisor, action="downloaded"
    ).exists()


def test_the_supervisor_heatmap_counts_only_what_was_shared(
    supervisor, practitioner, shared_entry
):
    from capabilities.selectors import item_by_reference
    from portfolio.evidence.models import EntryMapping

    asye = item_by_reference("pcf@2018:6").framework.levels.get(code="asye")
    shared_entry.mappings.update(level=asye)
    private = EntryFactory(owner=practitioner, state="complete", title="Private")
    EntryMapping.objects.create(
        entry=private, item=item_by_reference("pcf@2018:9"), level=asye
    )

    def total(coverage, code):
        row = next(r for r in coverage.rows if r.domain.code == code)
        return sum(cell.mapped for cell in row.cells)

    own = coverage_heatmap(user=practitioner)
    seen = coverage_heatmap(user=practitioner, viewer=supervisor)
    assert (total(own, "6"), total(own, "9")) == (1, 1)
    assert (total(seen, "6"), total(seen, "9")) == (1, 0)


def test_an_org_admin_without_an_organisation_manages_nobody(organisation):
    from portfolio.people.selectors import staff_member_list

    stray = UserFactory(organisation=None, team=None, is_org_admin=True)
    UserFactory(organisation=None, team=None, email="other-stray@example.org")
    assert list(staff_member_list(fetched_by=stray)) == []


def test_invitation_links_ignore_a_forged_host(
    client, signed_in, org_admin, settings, django_capture_on_commit_callbacks
):
    from django.core import mail

    settings.WAGTAILADMIN_BASE_URL = "https://portfolio.example.gov.uk"
    signed_in(org_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("portfolio:person_invite"),
            {
                "first_name": "Nia",
                "last_name": "Jones",
                "email": "nia@example.org",
                "roles": ["practitioner"],
            },
            HTTP_HOST="evil.example.com",
        )
    assert "https://portfolio.example.gov.uk/invitation/" in mail.outbox[0].body
    assert "evil.example.com" not in mail.outbox[0].body


def test_signed_in_pages_are_not_cached(client, signed_in, practitioner):
    signed_in(practitioner)
    cache_control = client.get(reverse("portfolio:dashboard"))["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control


@pytest.mark.parametrize(
    ("method", "name", "data"),
    [
        ("post", "supervision:queue", {"entries": "abc"}),
        ("post", "supervision:mine", {"supervision": "abc"}),
        ("get", "portfolio:entry_list", {"year": "99999"}),
    ],
)
def test_malformed_input_is_a_client_error_not_a_crash(
    client, signed_in, supervisor, method, name, data
):
    signed_in(supervisor)
    response = getattr(client, method)(reverse(name), data)
    assert response.status_code < 500
