"""Images for learning pages go through Wagtail's library with safe limits."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.images.models import Image as WagtailImage

import pytest
from PIL import Image

from portfolio.people.groups import staff_member_sync_groups

pytestmark = pytest.mark.django_db


def _png(size, mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


@pytest.fixture
def editor_client(signed_in, training_editor):
    staff_member_sync_groups(user=training_editor)
    return signed_in(training_editor)


def _upload(client, name, content, content_type):
    return client.post(
        "/admin/images/add/",
        {"title": name, "file": SimpleUploadedFile(name, content, content_type)},
    )


def test_an_editor_can_add_an_ordinary_image(editor_client):
    response = _upload(editor_client, "team.png", _png((640, 480)), "image/png")
    assert response.status_code == 302
    assert WagtailImage.objects.filter(title="team.png").exists()


def test_a_decompression_bomb_is_refused(editor_client):
    bomb = _png((11_000, 11_000), mode="1")  # 121 megapixels in a few KiB
    assert len(bomb) < 100_000
    response = _upload(editor_client, "bomb.png", bomb, "image/png")
    assert response.status_code == 200
    assert "too many pixels" in response.content.decode().lower()
    assert not WagtailImage.objects.exists()


def test_svg_is_not_accepted(editor_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = _upload(editor_client, "logo.svg", svg, "image/svg+xml")
    assert response.status_code == 200
    assert not WagtailImage.objects.exists()


def test_practitioners_cannot_upload_images(signed_in, practitioner):
    response = _upload(signed_in(practitioner), "x.png", _png((10, 10)), "image/png")
    # Signed in without admin access: refused outright (a 403 page, not a
    # redirect to the login page that sends them back; issue 14, item 2).
    assert response.status_code == 403
    assert not WagtailImage.objects.exists()
