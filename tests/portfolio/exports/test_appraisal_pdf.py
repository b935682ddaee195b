"""The PDF of a signed appraisal: asked for from the appraisal page, built by
the export task (eager here), downloaded by the requester only, until expiry."""

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from jobs.services import job_sweep
from portfolio.evidence.models import AccessEvent
from portfolio.exports.models import Export, ExportKind, ExportStatus
from portfolio.exports.services import (
    APPRAISAL_ACCESS_LOST,
    export_request,
    export_request_appraisal,
)
from portfolio.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _ask(client, appraisal, capture, *, execute=True):
    with capture(execute=execute):
        return client.post(reverse("portfolio:appraisal_pdf", args=[appraisal.pk]))


def _download(client, export):
    return client.get(reverse("portfolio:export_download", args=[export.pk]))


@pytest.mark.parametrize("party", ["practitioner", "supervisor"])
def test_either_party_asks_for_the_pdf_and_downloads_it(
    party, request, client, signed_in, signed_appraisal,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    user = request.getfixturevalue(party)
    signed_in(user)
    response = _ask(client, signed_appraisal, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == reverse("portfolio:export_list")
    export = Export.objects.get()
    assert (export.owner, export.kind, export.appraisal) == (
        user,
        ExportKind.APPRAISAL,
        signed_appraisal,
    )
    assert export.status == ExportStatus.READY
    page = client.get(reverse("portfolio:export_list")).content.decode()
    assert "Signed appraisal (PDF)" in page
    assert reverse("portfolio:export_download", args=[export.pk]) in page
    download = _download(client, export)
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert download["Content-Type"] == "application/pdf"
    assert f"appraisal-{signed_appraisal.pk}.pdf" in download["Content-Disposition"]
    assert download["Cache-Control"] == "private, no-store"
    [note] = Notification.objects.filter(recipient=user)
    assert "PDF of the signed appraisal is ready" in note.text


def test_the_row_is_written_before_the_task_runs(
    client, signed_in, practitioner, signed_appraisal,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    signed_in(practitioner)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("portfolio:appraisal_pdf", args=[signed_appraisal.pk]))
    export = Export.objects.get()
    assert export.status == ExportStatus.PENDING
    assert not export.file
    assert len(callbacks) == 1  # the build, queued after commit
    # Until it is built there is nothing to download.
    assert _download(client, export).status_code == 404
    callbacks[0]()
    export.refresh_from_db()
    assert export.status == ExportStatus.READY
    assert _download(client, export).status_code == 200


@pytest.mark.parametrize(
    "intruder", ["other_practitioner", "other_team_supervisor", "org_admin"]
)
def test_nobody_else_can_ask_for_it(
    intruder, request, client, signed_in, signed_appraisal,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    signed_in(request.getfixturevalue(intruder))
    response = _ask(client, signed_appraisal, django_capture_on_commit_callbacks)
    assert response.status_code == 404
    assert not Export.objects.exists()


def test_an_unsigned_appraisal_has_no_pdf(
    client, signed_in, practitioner, appraisal, django_capture_on_commit_callbacks
):
    signed_in(practitioner)
    response = _ask(client, appraisal, django_capture_on_commit_callbacks)
    assert response.status_code == 404
    assert not Export.objects.exists()


def test_asking_needs_a_post(client, signed_in, practitioner, signed_appraisal):
    signed_in(practitioner)
    response = client.get(
        reverse("portfolio:appraisal_pdf", args=[signed_appraisal.pk])
    )
    assert response.status_code == 405
    assert not Export.objects.exists()


def test_only_the_requester_downloads_it(
    client, signed_in, practitioner, supervisor, other_practitioner, org_admin,
    signed_appraisal, django_capture_on_commit_callbacks,
):  # fmt: skip
    signed_in(practitioner)
    _ask(client, signed_appraisal, django_capture_on_commit_callbacks)
    export = Export.objects.get()
    # The appraiser is a party to the appraisal, but this copy is not theirs.
    for intruder in (supervisor, other_practitioner, org_admin):
        signed_in(intruder)
        assert _download(client, export).status_code == 404
        listed = client.get(reverse("portfolio:export_status")).json()["exports"]
        assert export.pk not in [item["id"] for item in listed]
    signed_in(practitioner)
    assert _download(client, export).status_code == 200


def test_the_link_expires(
    client, signed_in, practitioner, signed_appraisal, time_machine,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    signed_in(practitioner)
    _ask(client, signed_appraisal, django_capture_on_commit_callbacks)
    export = Export.objects.get()
    time_machine.move_to(export.expires_at - datetime.timedelta(minutes=1))
    signed_in(practitioner)
    assert _download(client, export).status_code == 200
    time_machine.move_to(export.expires_at + datetime.timedelta(minutes=1))
    signed_in(practitioner)
    assert _download(client, export).status_code == 404


def test_a_lost_task_is_requeued_by_the_sweep_and_built_once(
    supervisor, signed_appraisal, time_machine, django_capture_on_commit_callbacks
):
    # Its on_commit task never runs: as if Redis was down at that moment.
    export = export_request_appraisal(
        requester=supervisor, appraisal_id=signed_appraisal.pk
    )
    time_machine.move_to(timezone.now() + datetime.timedelta(minutes=30))
    with django_capture_on_commit_callbacks(execute=True):
        assert job_sweep(Export) == 1
    export.refresh_from_db()
    assert export.status == ExportStatus.READY
    assert export.attempts == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert job_sweep(Export) == 0
    export.refresh_from_db()
    assert export.attempts == 1
    assert Notification.objects.filter(recipient=supervisor).count() == 1


def test_asking_again_while_it_waits_gives_the_same_export(
    practitioner, signed_appraisal
):
    first = export_request_appraisal(
        requester=practitioner, appraisal_id=signed_appraisal.pk
    )
    again = export_request_appraisal(
        requester=practitioner, appraisal_id=signed_appraisal.pk
    )
    assert again.pk == first.pk
    assert Export.objects.count() == 1


def test_the_appraisers_copy_is_logged_as_access_to_the_supervisees_record(
    client, signed_in, supervisor, practitioner, signed_appraisal,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    signed_in(supervisor)
    _ask(client, signed_appraisal, django_capture_on_commit_callbacks)
    event = AccessEvent.objects.get(viewer=supervisor)
    assert (event.owner, event.action) == (practitioner, "exported")


def test_an_appraiser_who_no_longer_supervises_loses_the_copy(
    client, signed_in, supervisor, supervision, signed_appraisal,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    signed_in(supervisor)
    _ask(client, signed_appraisal, django_capture_on_commit_callbacks)
    ready = Export.objects.get()
    pending = export_request_appraisal(
        requester=supervisor, appraisal_id=signed_appraisal.pk
    )
    supervision.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    supervision.save()
    assert _download(client, ready).status_code == 404
    from portfolio.exports.services import export_build

    built = export_build(export_id=pending.pk)
    assert built.status == ExportStatus.FAILED
    assert built.error == APPRAISAL_ACCESS_LOST
    assert not built.file


def test_the_portfolio_export_form_does_not_offer_an_appraisal(
    client, signed_in, practitioner
):
    signed_in(practitioner)
    page = client.get(reverse("portfolio:export_list")).content.decode()
    assert 'value="appraisal"' not in page
    with pytest.raises(ValidationError):
        export_request(
            owner=practitioner,
            kind=ExportKind.APPRAISAL,
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 2, 1),
        )


def test_an_appraisal_export_must_name_its_appraisal(practitioner):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Export.objects.create(
            owner=practitioner,
            kind=ExportKind.APPRAISAL,
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 2, 1),
        )
