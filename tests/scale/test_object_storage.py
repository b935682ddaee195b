"""Files in an S3-compatible object store (S3Proxy, started by
scripts/services.sh): stored privately, served only through the portal's
permission-checked views, and never left behind by a failed transaction."""

import datetime
import os
import subprocess
import sys
import urllib.error
import urllib.request

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

import pytest
from storages.backends.s3 import S3Storage

from portfolio.evidence.attachments import attachment_add
from portfolio.evidence.models import Attachment
from portfolio.exports.orphans import private_file_sweep
from tests.factories.portfolio import EntryFactory

s3 = pytest.mark.s3

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _object_url(name: str) -> str:
    storage = storages["private"]
    key = storage._normalize_name(name)
    return f"{os.environ['S3_ENDPOINT_URL']}/{os.environ['S3_BUCKET']}/{key}"


def _status(url: str) -> int:
    try:
        # An http:// URL built from the test settings, never user input.
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@s3
@pytest.mark.django_db
def test_the_private_storage_is_the_bucket_and_its_objects_are_not_public(
    client, signed_in, practitioner, other_practitioner
):
    assert isinstance(storages["private"], S3Storage)
    entry = EntryFactory(owner=practitioner)
    signed_in(practitioner)
    response = client.post(
        reverse("portfolio:attachment_upload", args=[entry.pk]),
        {"file": SimpleUploadedFile("notes.pdf", PDF, content_type="application/pdf")},
    )
    assert response.status_code == 302
    attachment = entry.attachments.get()
    client_s3 = storages["private"].connection.meta.client
    key = storages["private"]._normalize_name(attachment.file.name)
    head = client_s3.head_object(Bucket=os.environ["S3_BUCKET"], Key=key)
    assert head["ContentLength"] == attachment.size
    # Straight to the object store without a signature: refused.
    assert _status(_object_url(attachment.file.name)) == 403
    # Through the portal, after the policy: the owner gets the bytes.
    download = client.get(
        reverse("portfolio:attachment_download", args=[attachment.pk])
    )
    assert b"".join(download.streaming_content) == PDF
    signed_in(other_practitioner)
    assert (
        client.get(
            reverse("portfolio:attachment_download", args=[attachment.pk])
        ).status_code
        == 404
    )


@s3
@pytest.mark.django_db
def test_an_upload_whose_transaction_rolls_back_is_swept_and_kept_files_stay(
    practitioner, time_machine
):
    kept = attachment_add(
        entry=EntryFactory(owner=practitioner),
        added_by=practitioner,
        name="kept.pdf",
        data=PDF,
    )
    entry = EntryFactory(owner=practitioner)
    with pytest.raises(RuntimeError), transaction.atomic():
        lost = attachment_add(
            entry=entry, added_by=practitioner, name="lost.pdf", data=PDF
        )
        orphan_name = lost.file.name
        raise RuntimeError("the request failed after the upload")
    storage = storages["private"]
    assert not Attachment.objects.filter(pk=lost.pk).exists()
    assert storage.exists(orphan_name)
    # Within the grace period the file may belong to a live transaction.
    # (Other tests' rolled-back uploads are real orphans too: counted, not
    # pinned.)
    private_file_sweep()
    assert storage.exists(orphan_name)
    time_machine.move_to(
        datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=2)
    )
    assert private_file_sweep() >= 1
    assert not storage.exists(orphan_name)
    assert storage.exists(kept.file.name)
    with kept.file.open("rb") as stored:
        assert stored.read() == PDF


@s3
@pytest.mark.django_db
def test_wagtail_images_get_short_lived_signed_links(practitioner):
    storage = storages["default"]
    assert isinstance(storage, S3Storage)
    name = storage.save("original_images/pixel.txt", ContentFile(b"not secret"))
    url = storage.url(name)
    assert "X-Amz-Expires=300" in url
    assert _status(url) == 200
    storage.delete(name)


def test_without_s3_settings_the_file_system_is_the_default(tmp_path):
    """What another engineer's or a small organisation's machine runs."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("S3_")}
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.base"
    env["PORTFOLIO_PRIVATE_MEDIA_ROOT"] = str(tmp_path)
    script = (
        "import django; django.setup();"
        "from django.core.files.storage import storages;"
        "from django.core.files.base import ContentFile;"
        "s = storages['private']; n = s.save('attachments/1/x', ContentFile(b'ok'));"
        "print(type(s).__name__, type(storages['default']).__name__, s.path(n))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    kind, default_kind, path = result.stdout.split()
    assert kind == default_kind == "FileSystemStorage"
    assert path.startswith(str(tmp_path))
    assert open(path, "rb").read() == b"ok"
