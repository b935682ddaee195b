"""The portfolio pages, driven through the Django test client."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from PIL import Image

from capabilities.selectors import item_by_reference
from portfolio.evidence.models import Entry, EntryState
from tests.factories.portfolio import AttachmentFactory, EntryFactory

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "title": "Reading: working with uncertainty",
        "activity_date": (
            datetime.date.today() - datetime.timedelta(days=3)
        ).isoformat(),
        "cpd_type": "reading_research",
        "hours": "2",
        "description": "I read a research summary on analytical assessment.",
        "learning": "Hypotheses should be tested with the family.",
        "impact": "I list competing explanations in my assessments now.",
        "peer_reflection": "",
        "reflective_model": "gibbs",
        "stage_feelings": "Uneasy, then curious.",
        "mapping_items": [
            item_by_reference("pcf@2018:6").pk,
            item_by_reference("pcf@2018:5").pk,
            item_by_reference("swe-standards@2019:4.3").pk,
        ],
    }
    data.update(overrides)
    return data


def test_practitioner_records_and_completes_an_entry(client, signed_in, practitioner):
    signed_in(practitioner)
    response = client.post(
        reverse("portfolio:entry_create"), {**_form(), "complete": "1"}
    )
    entry = Entry.objects.get(owner=practitioner)
    assert response["Location"] == reverse("portfolio:entry_detail", args=[entry.pk])
    assert entry.state == EntryState.COMPLETE
    assert entry.mappings.count() == 3
    assert entry.stages.get(stage="feelings").text == "Uneasy, then curious."
    page = client.get(response["Location"]).content.decode()
    assert "Uneasy, then curious." in page and "Feelings" in page
    dashboard = client.get(reverse("portfolio:dashboard")).content.decode()
    assert 'data-testid="readiness-counting">1<' in dashboard


def test_a_failed_save_keeps_everything_typed(client, signed_in, practitioner):
    signed_in(practitioner)
    future = (datetime.date.today() + datetime.timedelta(days=5)).isoformat()
    response = client.post(
        reverse("portfolio:entry_create"),
        {**_form(activity_date=future, hours="900"), "complete": "1"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "The date cannot be in the future." in content
    assert "Hypotheses should be tested with the family." in content
    assert "Uneasy, then curious." in content
    assert not Entry.objects.exists()


def test_the_confidentiality_warning_highlights_and_can_be_confirmed(
    client, signed_in, practitioner
):
    signed_in(practitioner)
    risky = _form(learning="I visited Mrs Pearson at LS6 2QR with her son.")
    response = client.post(
        reverse("portfolio:entry_create"), {**risky, "complete": "1"}
    )
    content = response.content.decode()
    assert 'data-testid="confidentiality-warning"' in content
    assert '<mark data-testid="identifier">LS6 2QR</mark>' in content
    assert not Entry.objects.exists()
    fixed = _form(learning="I visited a mother in the north of the city with her son.")
    client.post(reverse("portfolio:entry_create"), {**fixed, "complete": "1"})
    assert Entry.objects.get().state == EntryState.COMPLETE


def test_autosave_creates_then_updates_a_draft(client, signed_in, practitioner):
    signed_in(practitioner)
    first = client.post(
        reverse("portfolio:entry_autosave_new"), {"title": "Half", "version": ""}
    )
    assert first.status_code == 200 and first.json()["saved"]
    entry = Entry.objects.get()
    second = client.post(
        first.json()["autosave_url"],
        {"title": "Half a thought", "version": first.json()["version"]},
    )
    assert second.json()["version"] == 2
    stale = client.post(
        first.json()["autosave_url"], {"title": "Old tab", "version": 1}
    )
    assert stale.status_code == 409
    entry.refresh_from_db()
    assert entry.title == "Half a thought"


@pytest.mark.parametrize("sent", ["9223372036854775808", "-1", "two", "1e3"])
def test_a_version_that_cannot_be_one_is_treated_as_unknown(
    client, signed_in, practitioner, sent
):
    """The editor's version is read through the form: anything that is not a
    version saves as if none was sent, never a server error."""
    signed_in(practitioner)
    entry = EntryFactory(owner=practitioner, title="Before")
    response = client.post(
        reverse("portfolio:entry_edit", args=[entry.pk]),
        _form(title="After", version=sent),
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "After" and entry.state == EntryState.DRAFT


def test_a_stale_version_on_the_form_is_a_conflict_that_keeps_the_text(
    client, signed_in, practitioner
):
    signed_in(practitioner)
    entry = EntryFactory(owner=practitioner, title="Saved elsewhere", version=3)
    response = client.post(
        reverse("portfolio:entry_edit", args=[entry.pk]),
        _form(title="Typed here", version="2", complete="1"),
    )
    assert response.status_code == 200
    assert "Typed here" in response.content.decode()
    entry.refresh_from_db()
    assert entry.title == "Saved elsewhere" and entry.state == EntryState.DRAFT


def test_autosave_reports_bad_values_without_saving(client, signed_in, practitioner):
    signed_in(practitioner)
    response = client.post(reverse("portfolio:entry_autosave_new"), {"hours": "lots"})
    assert response.status_code == 400
    assert "hours" in response.json()["errors"]
    assert not Entry.objects.exists()


def _photo_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), "teal")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_attaching_a_photo_strips_its_location_and_only_the_owner_downloads_it(
    client, signed_in, practitioner, other_practitioner, org_admin
):
    entry = EntryFactory(owner=practitioner)
    signed_in(practitioner)
    upload = SimpleUploadedFile(
        "certificate.jpg", _photo_with_gps(), content_type="image/jpeg"
    )
    response = client.post(
        reverse("portfolio:attachment_upload", args=[entry.pk]), {"file": upload}
    )
    assert response.status_code == 302
    attachment = entry.attachments.get()
    download = client.get(
        reverse("portfolio:attachment_download", args=[attachment.pk])
    )
    body = b"".join(download.streaming_content)
    assert Image.open(io.BytesIO(body)).getexif().get(0x8825) is None
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment;")
    for intruder in (other_practitioner, org_admin):
        signed_in(intruder)
        assert (
            client.get(
                reverse("portfolio:attachment_download", args=[attachment.pk])
            ).status_code
            == 404
        )


def test_a_disguised_upload_is_refused_with_a_message(client, signed_in, practitioner):
    entry = EntryFactory(owner=practitioner)
    signed_in(practitioner)
    upload = SimpleUploadedFile("report.pdf", b"<html><script>alert(1)</script></html>")
    response = client.post(
        reverse("portfolio:attachment_upload", args=[entry.pk]), {"file": upload}
    )
    assert response.status_code == 400
    assert "govuk-error-message" in response.content.decode()
    assert not entry.attachments.exists()


def test_another_persons_entry_is_a_404_everywhere(
    client, signed_in, practitioner, other_practitioner, supervisor
):
    entry = EntryFactory(owner=practitioner, title="Canary reflection")
    attachment = AttachmentFactory(entry=entry)
    for intruder in (other_practitioner, supervisor):
        signed_in(intruder)
        for name in ("entry_detail", "entry_edit", "entry_swe", "entry_delete"):
            response = client.get(reverse(f"portfolio:{name}", args=[entry.pk]))
            assert response.status_code == 404
            assert "Canary" not in response.content.decode()
        assert (
            client.post(reverse("portfolio:entry_delete", args=[entry.pk])).status_code
            == 404
        )
        assert (
            client.post(
                reverse("portfolio:entry_autosave", args=[entry.pk]), {"title": "x"}
            ).status_code
            == 404
        )
        assert (
            client.post(
                reverse("portfolio:attachment_delete", args=[attachment.pk])
            ).status_code
            == 404
        )
    assert Entry.objects.get().title == "Canary reflection"


def test_the_social_work_england_view_follows_its_questions(
    client, signed_in, practitioner
):
    entry = EntryFactory(owner=practitioner)
    signed_in(practitioner)
    content = client.get(
        reverse("portfolio:entry_swe", args=[entry.pk])
    ).content.decode()
    assert content.index("What did you learn?") < content.index(
        "What impact has it had"
    )
    assert entry.learning in content


def test_filters_narrow_the_list(client, signed_in, practitioner):
    EntryFactory(owner=practitioner, title="A course", cpd_type="course")
    EntryFactory(owner=practitioner, title="A podcast", cpd_type="podcast_video")
    signed_in(practitioner)
    content = client.get(
        reverse("portfolio:entry_list"), {"type": "course"}
    ).content.decode()
    assert "A course" in content and "A podcast" not in content


def test_autosave_returns_the_confidentiality_checks_findings(
    client, signed_in, practitioner
):
    """Issue 14, item 6: the writer sees what the check flags while writing,
    not only when completing."""
    signed_in(practitioner)
    response = client.post(
        reverse("portfolio:entry_autosave_new"),
        {"title": "Visit", "learning": "I visited Mrs Pearson at LS6 2QR today."},
    )
    assert response.status_code == 200
    [finding] = response.json()["identifiers"]
    assert finding["field"] == "learning"
    assert finding["label"] == "What did you learn?"
    assert "LS6 2QR" in finding["flagged"]
    assert finding["explanations"]
    clean = client.post(
        response.json()["autosave_url"],
        {"title": "Visit", "learning": "I visited a parent.", "version": 1},
    )
    assert clean.json()["identifiers"] == []


def test_the_list_and_the_dashboard_link_each_entry_and_show_a_save_at_once(
    client, signed_in, practitioner
):
    """The tables link each entry's own page (the address is built once per
    table, issue #15), and a new or renamed entry shows on the next view."""
    first = EntryFactory(owner=practitioner, title="First entry zqlist")
    signed_in(practitioner)
    for url in (reverse("portfolio:entry_list"), reverse("portfolio:dashboard")):
        content = client.get(url).content.decode()
        link = reverse("portfolio:entry_detail", args=[first.pk])
        assert f'href="{link}">First entry zqlist</a>' in content, url
        assert client.get(link).status_code == 200
    second = EntryFactory(owner=practitioner, title="Second entry zqlist")
    first.title = "First entry renamed zqlist"
    first.save()
    content = client.get(reverse("portfolio:entry_list")).content.decode()
    assert "Second entry zqlist" in content
    assert "First entry renamed zqlist" in content
    assert reverse("portfolio:entry_detail", args=[second.pk]) in content
