"""The privacy pages as people use them: the privacy notice from the register,
an import refused with its message, subject access recorded and downloaded,
a legal hold and a two-admin erasure through the forms, and the settings."""

import datetime

from django.urls import reverse
from django.utils.html import escape

import pytest

from portfolio.privacy.archive import MSG_NOT_A_ZIP
from portfolio.privacy.models import (
    ErasureRequest,
    LegalHold,
    PortableImport,
    PrivacySettings,
    SubjectAccessRequest,
)
from portfolio.privacy.register import REGISTER

pytestmark = pytest.mark.django_db


def test_the_privacy_notice_lists_the_register(client):
    response = client.get(reverse("privacy"))
    assert response.status_code == 200
    for entry in REGISTER.values():
        if entry.public:
            assert escape(entry.what) in response.content.decode()
    assert "Social Work England requires CPD records" in response.content.decode()


def test_a_refused_upload_shows_why_and_stores_nothing(signed_in, practitioner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = signed_in(practitioner)
    response = client.post(
        reverse("portfolio:portable_import"),
        {"file": SimpleUploadedFile("portfolio.zip", b"%PDF-1.7 hello")},
    )
    assert response.status_code == 400
    assert MSG_NOT_A_ZIP in response.content.decode()
    assert not PortableImport.objects.exists()


def test_an_admin_records_a_subject_access_request_and_downloads_it(
    signed_in, org_admin, practitioner, django_capture_on_commit_callbacks
):
    client = signed_in(org_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("portfolio:subject_access"),
            {
                "subject": practitioner.pk,
                "received_on_day": "3",
                "received_on_month": "12",
                "received_on_year": "2026",
            },
        )
    assert response.status_code == 302
    request = SubjectAccessRequest.objects.get()
    assert request.due_on == datetime.date(2027, 1, 3)
    page = client.get(reverse("portfolio:subject_access")).content.decode()
    assert "3 January 2027" in page
    download = client.get(
        reverse("portfolio:subject_access_download", args=[request.pk])
    )
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"


def test_a_hold_then_a_two_admin_erasure_through_the_pages(
    signed_in, client, org_admin, deactivated, django_capture_on_commit_callbacks
):
    from tests.conftest import _with_mfa
    from tests.factories.portfolio import EntryFactory, UserFactory

    EntryFactory(owner=deactivated, state="complete")
    second = _with_mfa(
        UserFactory(
            organisation=org_admin.organisation,
            is_org_admin=True,
            email="kim@example.org",
        )
    )
    admin = signed_in(org_admin)
    admin.post(
        reverse("portfolio:legal_hold_place", args=[deactivated.pk]),
        {"hold-reason": "Tribunal"},
    )
    hold = LegalHold.objects.get(person=deactivated)
    page = admin.get(reverse("portfolio:person_personal_data", args=[deactivated.pk]))
    assert b"request-erasure" not in page.content  # not while held
    admin.post(reverse("portfolio:legal_hold_lift", args=[hold.pk]))
    response = admin.post(
        reverse("portfolio:erasure_request", args=[deactivated.pk]),
        {"erasure-reason": ""},
    )
    assert response.status_code == 400 and b"Enter the reason." in response.content
    admin.post(
        reverse("portfolio:erasure_request", args=[deactivated.pk]),
        {"erasure-reason": "Asked in writing."},
    )
    request = ErasureRequest.objects.get()
    page = admin.get(reverse("portfolio:person_personal_data", args=[deactivated.pk]))
    assert b"approve-erasure" not in page.content  # the one who asked
    client.logout()
    other = signed_in(second)
    with django_capture_on_commit_callbacks(execute=True):
        other.post(reverse("portfolio:erasure_approve", args=[request.pk]))
    request.refresh_from_db()
    deactivated.refresh_from_db()
    assert request.state == "done"
    assert deactivated.email.endswith("@erased.invalid")
    assert not deactivated.entries.exists()


def test_an_admin_sets_the_grace_period(signed_in, org_admin):
    client = signed_in(org_admin)
    response = client.post(
        reverse("portfolio:privacy_settings"),
        {
            "leaver_grace_days": "400",
            "keep_appraisals_years": "6",
            "keep_audit_years": "6",
        },
    )
    assert response.status_code == 400
    assert b"Enter 365 days or fewer." in response.content
    assert not PrivacySettings.objects.exists()
    client.post(
        reverse("portfolio:privacy_settings"),
        {
            "leaver_grace_days": "30",
            "keep_appraisals_years": "7",
            "keep_audit_years": "6",
        },
    )
    saved = PrivacySettings.objects.get(organisation=org_admin.organisation)
    assert (saved.leaver_grace_days, saved.keep_appraisals_years) == (30, 7)
