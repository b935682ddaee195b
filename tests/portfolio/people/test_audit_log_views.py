"""The audit log page: an organisation admin's own rows, filtered and as CSV;
a site admin's all; nobody else; no way to change a row."""

import csv
import io

from django.urls import reverse

import pytest

from portfolio.people.audit import audit_record
from portfolio.people.models import AuditEvent
from portfolio.people.services import staff_member_set_active
from tests.auth import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(org_admin, other_org_admin, practitioner):
    audit_record(action="person.deactivated", actor=org_admin, subject=practitioner)
    audit_record(action="sso.configured", actor=org_admin, after={"enabled": True})
    audit_record(action="person.invited", actor=other_org_admin, after={"x": 1})


def table(response) -> str:
    return response.content.decode().split('data-testid="audit-table"')[1]


def test_an_org_admin_sees_only_their_organisations_rows(client, org_admin, rows):
    sign_in(client, org_admin)
    page = table(client.get(reverse("portfolio:audit_log")))
    assert "person.deactivated" in page and "sso.configured" in page
    assert "person.invited" not in page


def test_filtering_by_action(client, org_admin, rows):
    sign_in(client, org_admin)
    page = table(
        client.get(reverse("portfolio:audit_log"), {"action": "sso.configured"})
    )
    assert "sso.configured" in page and "person.deactivated" not in page


def test_a_bad_filter_is_ignored_with_an_error_not_a_crash(client, org_admin, rows):
    sign_in(client, org_admin)
    response = client.get(reverse("portfolio:audit_log"), {"days": "forever"})
    assert response.status_code == 200


def test_csv_download_has_the_filtered_rows(client, org_admin, rows, practitioner):
    sign_in(client, org_admin)
    response = client.get(
        reverse("portfolio:audit_log"),
        {"action": "person.deactivated", "download": "csv"},
    )
    assert response["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert lines[0][:4] == ["When", "Organisation", "Done by", "What happened"]
    assert [line[3] for line in lines[1:]] == ["person.deactivated"]
    assert lines[1][4] == str(practitioner)


def test_csv_cells_cannot_run_as_formulas(client, org_admin):
    audit_record(action="person.invited", actor=org_admin, after={"n": 1})
    AuditEvent.objects.update(actor_label="=HYPERLINK(1)")
    sign_in(client, org_admin)
    body = client.get(reverse("portfolio:audit_log"), {"download": "csv"})
    assert "'=HYPERLINK(1)" in body.content.decode()


def test_a_site_admin_sees_every_organisation(client, site_admin, rows):
    sign_in(client, site_admin)
    page = table(client.get(reverse("portfolio:audit_log")))
    assert "person.invited" in page and "person.deactivated" in page


def test_nobody_else_sees_it(client, supervisor, rows):
    sign_in(client, supervisor)
    assert client.get(reverse("portfolio:audit_log")).status_code == 404


def test_the_page_offers_no_way_to_change_a_row(client, org_admin, rows):
    sign_in(client, org_admin)
    response = client.post(reverse("portfolio:audit_log"), {"action": "x"})
    assert response.status_code == 405
    assert AuditEvent.objects.count() == 3


def test_deactivating_by_hand_is_recorded_and_tells_the_person(
    org_admin, practitioner, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        staff_member_set_active(changed_by=org_admin, member=practitioner, active=False)
    row = AuditEvent.objects.get(action="person.deactivated")
    assert (row.actor, row.subject, row.before, row.after["is_active"]) == (
        org_admin,
        practitioner,
        {"is_active": True},
        False,
    )
    assert mailoutbox[-1].to == [practitioner.email]
    assert "take a copy" in mailoutbox[-1].body
    assert reverse("account_login") in mailoutbox[-1].body
    practitioner.refresh_from_db()
    assert not practitioner.is_active and practitioner.email


def test_turning_two_factor_on_is_recorded(practitioner):
    from allauth.mfa import signals

    from tests.auth import enrol_totp

    authenticator = enrol_totp(practitioner)
    signals.authenticator_added.send(
        sender=type(authenticator),
        request=None,
        user=practitioner,
        authenticator=authenticator,
    )
    row = AuditEvent.objects.get(action="mfa.added")
    assert (row.subject, row.after) == (practitioner, {"type": "totp"})
