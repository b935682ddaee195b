"""Exporting a portfolio as PDF and ZIP through Celery (eager here; the real
broker and worker are exercised in tests/services)."""

import datetime
import io
import json
import zipfile
from unittest import mock

from django.urls import reverse
from django.utils import timezone

import pytest

from jobs.services import job_sweep
from portfolio.evidence.models import EntryState
from portfolio.exports.models import Export, ExportStatus
from portfolio.exports.services import export_build, export_request
from tests.factories.portfolio import AttachmentFactory, EntryFactory

pytestmark = pytest.mark.django_db


def _request(client, kind, django_capture_on_commit_callbacks):
    start = (timezone.localdate() - datetime.timedelta(days=60)).isoformat()
    end = timezone.localdate().isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            reverse("portfolio:export_list"),
            {"kind": kind, "period_start": start, "period_end": end},
        )


def test_practitioner_exports_a_pdf(
    client, signed_in, practitioner, django_capture_on_commit_callbacks
):
    EntryFactory(owner=practitioner, title="Court skills course")
    signed_in(practitioner)
    response = _request(client, "pdf", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    export = Export.objects.get()
    assert export.status == ExportStatus.READY
    download = client.get(reverse("portfolio:export_download", args=[export.pk]))
    body = b"".join(download.streaming_content)
    assert body.startswith(b"%PDF-")
    assert download["Cache-Control"] == "private, no-store"


def test_the_zip_holds_a_json_record_and_every_attachment(
    client, signed_in, practitioner, django_capture_on_commit_callbacks
):
    entry = EntryFactory(
        owner=practitioner, title="Observed visit", state=EntryState.COMPLETE
    )
    AttachmentFactory(entry=entry, original_name="feedback.txt")
    signed_in(practitioner)
    _request(client, "zip", django_capture_on_commit_callbacks)
    export = Export.objects.get()
    body = b"".join(
        client.get(
            reverse("portfolio:export_download", args=[export.pk])
        ).streaming_content
    )
    archive = zipfile.ZipFile(io.BytesIO(body))
    record = json.loads(archive.read("portfolio.json"))
    [exported] = record["entries"]
    assert exported["title"] == "Observed visit"
    assert (
        archive.read(exported["attachments"][0]["path"])
        == b"Certificate of attendance."
    )


def test_only_the_requester_downloads_and_only_until_expiry(
    client, signed_in, export, other_practitioner, org_admin, time_machine
):
    url = reverse("portfolio:export_download", args=[export.pk])
    for intruder in (other_practitioner, org_admin):
        signed_in(intruder)
        assert client.get(url).status_code == 404
    signed_in(export.owner)
    assert client.get(url).status_code == 200
    time_machine.move_to(export.expires_at + datetime.timedelta(minutes=1))
    signed_in(export.owner)
    assert client.get(url).status_code == 404


def test_a_period_that_ends_before_it_starts_is_explained(
    client, signed_in, practitioner
):
    signed_in(practitioner)
    response = client.post(
        reverse("portfolio:export_list"),
        {"kind": "pdf", "period_start": "2026-06-01", "period_end": "2026-01-01"},
    )
    assert (
        "The end of the period must be on or after its start."
        in response.content.decode()
    )
    assert not Export.objects.exists()


def test_building_twice_builds_once(practitioner):
    export = export_request(
        owner=practitioner,
        kind="zip",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 2, 1),
    )
    assert export_build(export_id=export.pk).status == ExportStatus.READY
    assert export_build(export_id=export.pk) is None
    export.refresh_from_db()
    assert export.attempts == 1


def test_the_sweep_requeues_an_export_whose_task_was_lost(
    practitioner, time_machine, django_capture_on_commit_callbacks
):
    export = export_request(
        owner=practitioner,
        kind="pdf",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 2, 1),
    )  # its on_commit task never ran: as if Redis was down
    time_machine.move_to(timezone.now() + datetime.timedelta(minutes=30))
    with django_capture_on_commit_callbacks(execute=True):
        assert job_sweep(Export) == 1
    export.refresh_from_db()
    assert export.status == ExportStatus.READY


def test_a_build_that_keeps_failing_is_marked_failed(
    practitioner, django_capture_on_commit_callbacks
):
    with (
        mock.patch(
            "portfolio.exports.services.render_pdf", side_effect=OSError("disk full")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        export = export_request(
            owner=practitioner,
            kind="pdf",
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 2, 1),
        )
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED
    assert "disk full" in export.error
