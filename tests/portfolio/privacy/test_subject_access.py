"""Subject access: an organisation admin asks for everything held about one
person; a job builds the ZIP (rows of every register entry, their files,
audit rows, notifications, report views, search documents) and the request's
one-month due date is tracked."""

import datetime
import io
import json
import zipfile

import pytest

from portfolio.privacy.models import SubjectAccessRequest
from portfolio.privacy.selectors import subject_access_list
from portfolio.privacy.services import subject_access_request
from portfolio.privacy.services.subject_access import one_month_after

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (datetime.date(2026, 1, 15), datetime.date(2026, 2, 15)),
        (datetime.date(2026, 1, 31), datetime.date(2026, 2, 28)),
        (datetime.date(2026, 12, 3), datetime.date(2027, 1, 3)),
    ],
)
def test_the_answer_is_due_one_calendar_month_after_receipt(received, due):
    assert one_month_after(received) == due


def test_the_zip_holds_everything_about_the_person(
    practitioner,
    org_admin,
    full_year,
    notification,
    django_capture_on_commit_callbacks,
):
    from portfolio.people.audit import audit_record
    from portfolio.reports.models import ReportView

    audit_record(action="person.changed", actor=org_admin, subject=practitioner)
    ReportView.objects.create(
        viewer=practitioner,
        organisation=practitioner.organisation,
        report="coverage",
        format="page",
    )
    with django_capture_on_commit_callbacks(execute=True):
        request = subject_access_request(
            requested_by=org_admin,
            subject=practitioner,
            received_on=datetime.date(2026, 11, 20),
        )
    request.refresh_from_db()
    assert request.status == SubjectAccessRequest.READY, request.error
    assert request.due_on == datetime.date(2026, 12, 20)
    with request.file.open("rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    names = set(archive.namelist())
    for label in (
        "portfolio.User",
        "portfolio.Entry",
        "portfolio.Attachment",
        "portfolio.EntryMapping",
        "portfolio.Appraisal",
        "portfolio.SupervisionSession",
        "portfolio.LevelChange",
        "portfolio.AssessedYear",
        "portfolio.Notification",
        "portfolio.AuditEvent",
        "portfolio.ReportView",
        "account.EmailAddress",
    ):
        assert f"data/{label}.json" in names, label
    users = json.loads(archive.read("data/portfolio.User.json"))
    assert users[0]["fields"]["email"] == practitioner.email
    assert users[0]["fields"]["password"] == "(withheld: a secret)"
    entries = json.loads(archive.read("data/portfolio.Entry.json"))
    assert {e["fields"]["title"] for e in entries} == {e.title for e in full_year}
    assert any(name.startswith("files/attachments/") for name in names)
    readme = json.loads(archive.read("README.json"))
    assert readme["contents"]["portfolio.Entry"] == 3
    assert "search" in readme["also_held"]
    # Only what is about them: the supervisor's own account is not in it.
    assert "priya@example.org" not in archive.read("data/portfolio.User.json").decode()


def test_the_request_is_tracked_with_its_due_date(practitioner, org_admin):
    request = subject_access_request(
        requested_by=org_admin,
        subject=practitioner,
        received_on=datetime.date(2020, 1, 1),
    )
    SubjectAccessRequest.objects.filter(pk=request.pk).update(status="pending")
    listed = subject_access_list(organisation=org_admin.organisation)
    assert [r.pk for r in listed] == [request.pk]
    assert listed[0].overdue


def test_only_their_organisations_admins_may_ask(
    practitioner, other_org_admin, supervisor
):
    from django.core.exceptions import PermissionDenied

    for someone in (other_org_admin, supervisor, practitioner):
        with pytest.raises(PermissionDenied):
            subject_access_request(requested_by=someone, subject=practitioner)


@pytest.mark.elasticsearch
def test_the_zip_holds_the_search_index_documents_about_them(
    search_index, practitioner, org_admin, full_year, django_capture_on_commit_callbacks
):
    from search.services import index_replay

    index_replay(limit=1000)
    with django_capture_on_commit_callbacks(execute=True):
        request = subject_access_request(requested_by=org_admin, subject=practitioner)
    request.refresh_from_db()
    with request.file.open("rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    documents = json.loads(archive.read("data/search-index.json"))
    assert sorted(d["id"] for d in documents) == sorted(
        f"entry-{e.pk}" for e in full_year
    )
    assert all(d["owner_id"] == practitioner.pk for d in documents)
