"""Staff CSV uploads: checked by line, previewed, applied as a background job,
idempotent by email and employee number; bad files change nothing."""

from django.urls import reverse

import pytest

from portfolio.identity.models import StaffImport, StaffImportStatus
from portfolio.identity.staff_import import (
    DUPLICATE,
    UNKNOWN_COLUMNS,
    staff_import_check,
    staff_import_confirm,
)
from portfolio.people.models import AuditEvent, User
from tests.auth import sign_in

pytestmark = pytest.mark.django_db

HEADER = "email,first_name,last_name,employee_number,team,roles,active\n"


def check(org_admin, body: str):
    return staff_import_check(
        uploaded_by=org_admin,
        organisation=org_admin.organisation,
        filename="staff.csv",
        data=(HEADER + body).encode(),
    )


def apply(org_admin, checked, capture):
    with capture(execute=True):
        staff_import_confirm(confirmed_by=org_admin, staff_import=checked)
    checked.refresh_from_db()
    return checked


def test_preview_lists_every_change_by_line_and_writes_nothing(
    org_admin, practitioner, team
):
    checked = check(
        org_admin,
        f"ann@example.org,Ann,New,E1,{team.name},supervisor,yes\n"
        f"{practitioner.email},{practitioner.first_name},{practitioner.last_name},"
        f"E2,{team.name},practitioner,no\n",
    )
    assert [c["line"] for c in checked.changes] == [2, 3]
    assert "Add ann@example.org" in checked.changes[0]["text"]
    assert "deactivate" in checked.changes[1]["text"]
    assert checked.problems == []
    assert not User.objects.filter(email="ann@example.org").exists()
    practitioner.refresh_from_db()
    assert practitioner.is_active


def test_applying_runs_as_a_job_and_a_second_upload_changes_nothing(
    org_admin, practitioner, team, django_capture_on_commit_callbacks
):
    body = (
        f"ann@example.org,Ann,New,E1,{team.name},supervisor,yes\n"
        f"{practitioner.email},{practitioner.first_name},{practitioner.last_name},"
        f",{team.name},practitioner,no\n"
    )
    done = apply(org_admin, check(org_admin, body), django_capture_on_commit_callbacks)
    assert done.status == StaffImportStatus.DONE, done.problems
    assert done.summary.startswith("1 added, 1 changed")
    ann = User.objects.get(email="ann@example.org")
    assert ann.is_supervisor and ann.team == team
    practitioner.refresh_from_db()
    assert not practitioner.is_active
    assert AuditEvent.objects.filter(action="person.deactivated", subject=practitioner)
    again = check(org_admin, body)
    assert again.changes == []
    again = apply(org_admin, again, django_capture_on_commit_callbacks)
    assert again.summary.startswith("0 added, 0 changed, 2 unchanged")


def test_employee_number_matches_before_email(
    org_admin, team, django_capture_on_commit_callbacks
):
    apply(
        org_admin,
        check(org_admin, "old@example.org,Bo,Moved,E9,,practitioner,yes\n"),
        django_capture_on_commit_callbacks,
    )
    checked = check(org_admin, "new@example.org,Bo,Moved,E9,,practitioner,yes\n")
    assert "email to new@example.org" in checked.changes[0]["text"]
    apply(org_admin, checked, django_capture_on_commit_callbacks)
    assert User.objects.filter(email="new@example.org").count() == 1
    assert not User.objects.filter(email="old@example.org").exists()


def test_a_duplicate_email_is_a_problem_on_its_line_and_blocks_applying(org_admin):
    checked = check(
        org_admin,
        "dup@example.org,A,One,,,,\ndup@example.org,A,Two,,,,\n",
    )
    assert checked.problems == [
        {"line": 3, "text": DUPLICATE % {"value": "dup@example.org", "line": 2}}
    ]
    with pytest.raises(Exception, match="Fix the problems"):
        staff_import_confirm(confirmed_by=org_admin, staff_import=checked)
    assert not User.objects.filter(email="dup@example.org").exists()


def test_problems_name_their_line(org_admin, other_org_admin):
    checked = check(
        org_admin,
        "not-an-email,A,B,,,,\n"
        "c@example.org,C,D,,No such team,,\n"
        "e@example.org,E,F,,,wizard,\n"
        f"{other_org_admin.email},G,H,,,,\n",
    )
    assert [p["line"] for p in checked.problems] == [2, 3, 4, 5]


def test_a_wrong_column_is_refused_on_the_page(client, org_admin):
    sign_in(client, org_admin)
    upload = ("staff.csv", b"email,first_name,last_name,shoe_size\n")
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("portfolio:staff_upload"),
        {"file": SimpleUploadedFile(*upload, content_type="text/csv")},
    )
    assert response.status_code == 200
    assert "shoe_size" in response.content.decode()
    assert (UNKNOWN_COLUMNS.split("%")[0]) in response.content.decode()
    assert not StaffImport.objects.exists()


def test_the_upload_page_previews_and_applies(
    client, org_admin, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    sign_in(client, org_admin)
    response = client.post(
        reverse("portfolio:staff_upload"),
        {
            "file": SimpleUploadedFile(
                "staff.csv",
                b"email,first_name,last_name\nzed@example.org,Zed,Joiner\n",
                content_type="text/csv",
            )
        },
    )
    checked = StaffImport.objects.get()
    assert response["Location"] == reverse("portfolio:staff_import", args=[checked.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Add zed@example.org" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("portfolio:staff_import", args=[checked.pk]))
    assert (
        User.objects.get(email="zed@example.org").organisation == org_admin.organisation
    )
