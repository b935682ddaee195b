"""Issue 14, item 6: drafts have not been through the confidentiality check
(autosave keeps whatever was typed), so exports leave them out unless the
owner ticks "Include drafts"; then the check runs on each draft and the export
marks what it flags."""

import datetime
import io
import json
import zipfile

from django.urls import reverse
from django.utils import timezone

import pytest

from portfolio.evidence.models import EntryState
from portfolio.exports.models import Export
from tests.factories.portfolio import EntryFactory

pytestmark = pytest.mark.django_db

RISKY = "When I visited Mrs Pearson at LS6 2QR I saw how hypotheses help."


@pytest.fixture
def entries(practitioner):
    EntryFactory(
        owner=practitioner, title="Completed course", state=EntryState.COMPLETE
    )
    EntryFactory(
        owner=practitioner,
        title="Half-written visit",
        state=EntryState.DRAFT,
        learning=RISKY,
    )


def _zip(client, django_capture_on_commit_callbacks, **extra) -> zipfile.ZipFile:
    start = (timezone.localdate() - datetime.timedelta(days=60)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("portfolio:export_list"),
            {
                "kind": "zip",
                "period_start": start,
                "period_end": timezone.localdate().isoformat(),
                **extra,
            },
        )
    export = Export.objects.latest("created_at")
    download = client.get(reverse("portfolio:export_download", args=[export.pk]))
    return zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))


def test_the_export_page_leaves_drafts_out_unless_ticked(
    client, signed_in, practitioner
):
    signed_in(practitioner)
    page = client.get(reverse("portfolio:export_list")).content.decode()
    assert 'name="include_drafts"' in page
    assert 'name="include_drafts" checked' not in page
    assert "Include drafts" in page


def test_a_zip_leaves_drafts_out_by_default(
    client, signed_in, practitioner, entries, django_capture_on_commit_callbacks
):
    signed_in(practitioner)
    archive = _zip(client, django_capture_on_commit_callbacks)
    raw = archive.read("portfolio.json")
    record = json.loads(raw)
    assert [entry["title"] for entry in record["entries"]] == ["Completed course"]
    assert b"Pearson" not in raw and b"LS6 2QR" not in raw


def test_drafts_asked_for_carry_the_checks_findings(
    client, signed_in, practitioner, entries, django_capture_on_commit_callbacks
):
    signed_in(practitioner)
    archive = _zip(client, django_capture_on_commit_callbacks, include_drafts="on")
    record = json.loads(archive.read("portfolio.json"))
    by_title = {entry["title"]: entry for entry in record["entries"]}
    assert set(by_title) == {"Completed course", "Half-written visit"}
    assert "confidentiality_check" not in by_title["Completed course"]
    check = by_title["Half-written visit"]["confidentiality_check"]
    flagged = {(found["field"], found["text"]) for found in check["flagged"]}
    assert ("learning", "LS6 2QR") in flagged
    assert any("Pearson" in text for field, text in flagged if field == "learning")
    assert all(found["explanation"] for found in check["flagged"])


def test_a_pdf_with_drafts_is_built(
    client, signed_in, practitioner, entries, django_capture_on_commit_callbacks
):
    from portfolio.exports.rendering import _with_findings, entries_for_export

    signed_in(practitioner)
    start = (timezone.localdate() - datetime.timedelta(days=60)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("portfolio:export_list"),
            {
                "kind": "pdf",
                "period_start": start,
                "period_end": timezone.localdate().isoformat(),
                "include_drafts": "on",
            },
        )
    export = Export.objects.get()
    assert export.include_drafts and export.status == "ready"
    draft = next(
        entry
        for entry in _with_findings(entries_for_export(export))
        if not entry.is_complete
    )
    assert "LS6 2QR" in [found["text"] for found in draft.identifiers]
