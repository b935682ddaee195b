"""Attack tests for evidence attachment uploads (RELIABILITY.md, Uploads row).

Every attack file is generated in memory by upload_samples; nothing binary is
committed. No database is used.
"""

import io
import time
import warnings
import zipfile

import pytest
from PIL import Image, ImageCms, ImageFile

from portfolio.evidence import uploads
from portfolio.evidence.uploads import (
    MAX_ATTACHMENT_BYTES,
    MAX_IMAGE_PIXELS,
    MSG_CONTENT_MISMATCH,
    MSG_EMPTY,
    MSG_IMAGE_DAMAGED,
    MSG_IMAGE_TOO_LARGE,
    MSG_LEGACY_WORD,
    MSG_NOT_ALLOWED,
    MSG_PDF_ACTIVE,
    MSG_PDF_DAMAGED,
    MSG_PDF_POLYGLOT,
    MSG_SVG,
    MSG_TEXT_BINARY,
    MSG_TEXT_ENCODING,
    MSG_TEXT_MARKUP,
    MSG_TOO_LARGE,
    MSG_WORD_ACTIVE,
    MSG_WORD_DAMAGED,
    AttachmentRejected,
    CleanAttachment,
    clean_attachment,
    cleaning,
    safe_download_headers,
)

from . import upload_samples as samples

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" '
    b'height="10"><script>alert(document.cookie)</script></svg>'
)


def refused(name: str, data: bytes, **kwargs) -> str:
    """Run clean_attachment expecting a refusal; return its message."""
    with pytest.raises(AttachmentRejected) as excinfo:
        clean_attachment(name=name, data=data, **kwargs)
    assert len(excinfo.value.messages) == 1
    return excinfo.value.message


@pytest.fixture
def decoded_images(monkeypatch):
    """Record every attempt to decode pixels."""
    calls = []
    original = ImageFile.ImageFile.load

    def load(self):
        calls.append(self.size)
        return original(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    return calls


# Messages -----------------------------------------------------------------


def test_every_message_is_a_full_british_sentence():
    messages = [value for key, value in vars(uploads).items() if key.startswith("MSG_")]
    assert len(messages) == 16
    for message in messages:
        assert message[0].isupper() and message.endswith(".")
    assert "10 MB" in MSG_TOO_LARGE
    assert "25 megapixels" in MSG_IMAGE_TOO_LARGE
    assert "content does not match its name" in MSG_CONTENT_MISMATCH
    assert "SVG images are not accepted because they can carry scripts" in MSG_SVG
    assert "PNG or PDF" in MSG_SVG
    assert "save the document as .docx or pdf" in MSG_LEGACY_WORD.lower()
    assert "active content" in MSG_PDF_ACTIVE


def test_the_limits_are_the_agreed_ones():
    assert MAX_ATTACHMENT_BYTES == 10 * 1024 * 1024
    assert MAX_IMAGE_PIXELS == 25_000_000
    assert MAX_IMAGE_PIXELS < Image.MAX_IMAGE_PIXELS


def test_a_refusal_is_a_django_validation_error():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as excinfo:
        clean_attachment(name="x.txt", data=b"")
    assert excinfo.value.code == "empty"


# Size ---------------------------------------------------------------------


def test_an_empty_file_is_refused():
    assert refused("notes.txt", b"") == MSG_EMPTY


def test_an_oversized_file_is_refused_without_reading_its_content(monkeypatch):
    def must_not_sniff(data):
        raise AssertionError("the content of an oversized file was examined")

    monkeypatch.setattr(cleaning, "sniff", must_not_sniff)
    assert refused("scan.pdf", b"%PDF-" + b"\0" * MAX_ATTACHMENT_BYTES) == MSG_TOO_LARGE


def test_a_file_of_exactly_the_limit_is_judged_on_its_content():
    data = b"a" * (MAX_ATTACHMENT_BYTES - 1) + b"\n"
    assert clean_attachment(name="long.txt", data=data).size == MAX_ATTACHMENT_BYTES


# Image bombs --------------------------------------------------------------


def test_a_decompression_bomb_png_is_refused(decoded_images):
    bomb = samples.png_declaring(11_000, 11_000)  # 121 megapixels
    assert len(bomb) < 64 * 1024
    pixel_limit, filters = Image.MAX_IMAGE_PIXELS, list(warnings.filters)

    started = time.perf_counter()
    message = refused("certificate.png", bomb)
    elapsed = time.perf_counter() - started

    assert message == MSG_IMAGE_TOO_LARGE
    assert elapsed < 1.0
    assert decoded_images == []
    # The protection was local: Pillow's global limit and the warning filters
    # are as they were.
    assert Image.MAX_IMAGE_PIXELS == pixel_limit
    assert warnings.filters == filters


def test_an_image_over_our_pixel_cap_but_under_pillows_is_refused(decoded_images):
    # 30 Mpx: Pillow itself would not even warn (its threshold is ~89 Mpx).
    assert refused("scan.png", samples.png_declaring(6_000, 5_000)) == (
        MSG_IMAGE_TOO_LARGE
    )
    assert decoded_images == []


def test_an_image_at_a_normal_size_is_decoded(decoded_images):
    clean_attachment(name="photo.png", data=samples.image_bytes("PNG"))
    assert decoded_images  # the guard is not simply refusing everything


# EXIF, orientation, re-encoding ---------------------------------------------


def test_a_jpeg_with_gps_is_accepted_and_its_exif_is_gone():
    original = samples.jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as image:
        assert image.getexif().get_ifd(samples.GPS_IFD)  # the sample has GPS

    result = clean_attachment(name="visit.jpg", data=original)

    assert (result.content_type, result.extension) == ("image/jpeg", "jpg")
    with Image.open(io.BytesIO(result.content)) as image:
        assert image.format == "JPEG"
        assert len(image.getexif()) == 0
        assert image.getexif().get_ifd(samples.GPS_IFD) == {}
        assert not {"exif", "xmp", "icc_profile", "comment"} & set(image.info)
    # No header segment carries the GPS IFD tag (either byte order), and no
    # APP1 (EXIF/XMP), APP2 (ICC), APP13 (Photoshop) or comment segment exists.
    segments = samples.jpeg_header_segments(result.content)
    assert segments and segments[-1][0] == 0xDA
    for marker, payload in segments:
        assert marker not in {0xE1, 0xE2, 0xED, 0xFE}
        assert b"\x88\x25" not in payload and b"\x25\x88" not in payload
    assert b"Exif\x00\x00" not in result.content
    assert samples.CANARY not in result.content


@pytest.mark.parametrize("profile", ["srgb", "junk"])
def test_an_embedded_colour_profile_is_applied_and_dropped(profile):
    icc = (
        ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
        if profile == "srgb"
        else b"not a profile " + samples.CANARY
    )
    data = samples.image_bytes("JPEG", icc_profile=icc)
    result = clean_attachment(name="p.jpg", data=data)
    with Image.open(io.BytesIO(result.content)) as image:
        assert "icc_profile" not in image.info
        red, green, blue = image.getpixel((6, 2))
        assert red > green + 60  # the red squares are still red
    assert samples.CANARY not in result.content


def test_a_rotated_photo_stays_upright_after_re_encoding():
    result = clean_attachment(name="whiteboard.jpg", data=samples.rotated_jpeg())
    with Image.open(io.BytesIO(result.content)) as image:
        assert image.size == (40, 80)  # portrait, as the camera meant
        assert samples.ORIENTATION not in image.getexif()
        red, green, blue = image.convert("RGB").getpixel((20, 10))
        assert red > 200 and blue < 60  # red half on top
        red, green, blue = image.convert("RGB").getpixel((20, 70))
        assert blue > 200 and red < 60


def test_a_png_is_re_encoded_as_png():
    result = clean_attachment(name="diagram.png", data=samples.image_bytes("PNG"))
    assert (result.content_type, result.extension) == ("image/png", "png")
    assert result.original_name == "diagram.png"
    assert result.size == len(result.content)
    with Image.open(io.BytesIO(result.content)) as image:
        assert (image.format, image.size) == ("PNG", (32, 24))


def test_a_transparent_png_keeps_its_transparency():
    data = samples.image_bytes("PNG", mode="RGBA")
    with Image.open(
        io.BytesIO(clean_attachment(name="a.png", data=data).content)
    ) as im:
        assert im.mode == "RGBA"
        assert im.getpixel((4, 0))[3] == 128


def test_an_animated_gif_keeps_only_its_first_frame_as_png():
    result = clean_attachment(name="wave.gif", data=samples.animated_gif())
    assert (result.content_type, result.extension) == ("image/png", "png")
    assert result.original_name == "wave.png"
    with Image.open(io.BytesIO(result.content)) as image:
        assert getattr(image, "n_frames", 1) == 1
        assert image.convert("RGB").getpixel((0, 0)) == (255, 0, 0)


def test_a_webp_photo_becomes_jpeg_and_a_transparent_webp_becomes_png():
    photo = clean_attachment(name="p.webp", data=samples.image_bytes("WEBP"))
    assert (photo.content_type, photo.original_name) == ("image/jpeg", "p.jpg")
    cutout = samples.image_bytes("WEBP", mode="RGBA", lossless=True)
    result = clean_attachment(name="c.webp", data=cutout)
    assert (result.content_type, result.original_name) == ("image/png", "c.png")


def test_an_image_named_as_another_image_type_is_accepted_and_renamed():
    result = clean_attachment(name="screenshot.png", data=samples.image_bytes("JPEG"))
    assert (result.content_type, result.original_name) == (
        "image/jpeg",
        "screenshot.jpg",
    )


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_a_truncated_image_is_refused(fmt):
    data = samples.image_bytes(fmt, (64, 64))
    assert refused(f"cut.{fmt.lower()}", data[: len(data) // 2]) == MSG_IMAGE_DAMAGED


def test_an_image_with_only_a_header_is_refused():
    assert refused("x.jpg", b"\xff\xd8\xff\xe0garbage") == MSG_IMAGE_DAMAGED


# Polyglot images ------------------------------------------------------------


def test_a_jpeg_zip_polyglot_is_accepted_with_the_zip_removed():
    payload = samples.zip_bytes({"evil.html": samples.HTML_PAYLOAD})
    polyglot = samples.image_bytes("JPEG") + payload
    assert zipfile.is_zipfile(io.BytesIO(polyglot))  # both formats, as uploaded

    result = clean_attachment(name="photo.jpg", data=polyglot)

    assert not zipfile.is_zipfile(io.BytesIO(result.content))
    assert b"PK\x03\x04" not in result.content and b"PK\x05\x06" not in result.content
    assert b"evil.html" not in result.content


def test_a_jpeg_html_polyglot_is_accepted_with_the_html_removed():
    polyglot = samples.image_bytes("JPEG") + samples.HTML_PAYLOAD
    result = clean_attachment(name="photo.jpg", data=polyglot)
    assert samples.CANARY not in result.content
    assert b"<script" not in result.content.lower()
    assert result.content.endswith(b"\xff\xd9")


def test_a_script_in_a_png_text_chunk_is_removed():
    data = samples.png_with_text_chunk(samples.HTML_PAYLOAD)
    with Image.open(io.BytesIO(data)) as image:
        assert "Comment" in image.info  # Pillow reads the chunk
    result = clean_attachment(name="chart.png", data=data)
    assert samples.CANARY not in result.content
    assert b"tEXt" not in result.content


# SVG ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["logo.svg", "logo.png", "logo"])
def test_an_svg_with_a_script_is_refused_whatever_its_name(name):
    assert refused(name, SVG_WITH_SCRIPT) == MSG_SVG


def test_an_svg_with_leading_whitespace_and_no_xml_declaration_is_refused():
    assert refused("x.txt", b"\n\n  <svg onload=alert(1)/>") == MSG_SVG


def test_a_file_named_svg_is_refused_with_the_svg_message():
    assert refused("drawing.svg", samples.image_bytes("PNG")) == MSG_SVG


# Wrong extension or MIME type ---------------------------------------------


def test_html_renamed_pdf_is_refused_as_not_matching_its_name():
    page = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
    assert refused("certificate.pdf", page) == MSG_CONTENT_MISMATCH


def test_an_exe_renamed_jpg_is_refused_as_not_allowed():
    assert refused("photo.jpg", samples.windows_exe()) == MSG_NOT_ALLOWED


def test_an_exe_declared_as_an_image_is_still_refused():
    data = samples.windows_exe()
    assert refused("photo.jpg", data, declared_content_type="image/jpeg") == (
        MSG_NOT_ALLOWED
    )


def test_a_real_pdf_named_jpg_is_refused_as_not_matching_its_name():
    assert refused("photo.jpg", samples.minimal_pdf()) == MSG_CONTENT_MISMATCH


def test_a_jpeg_named_exe_is_refused_as_not_allowed():
    assert refused("setup.exe", samples.image_bytes("JPEG")) == MSG_NOT_ALLOWED


def test_a_web_page_named_html_is_refused_as_not_allowed():
    assert refused("page.html", b"<html></html>") == MSG_NOT_ALLOWED


def test_the_declared_content_type_is_ignored():
    result = clean_attachment(
        name="cert.pdf", data=samples.minimal_pdf(), declared_content_type="text/html"
    )
    assert result.content_type == "application/pdf"


def test_a_name_without_extension_takes_the_sniffed_one():
    assert clean_attachment(name="scan", data=samples.minimal_pdf()).original_name == (
        "scan.pdf"
    )


# PDF ----------------------------------------------------------------------


def test_a_minimal_valid_pdf_is_accepted_unchanged():
    data = samples.minimal_pdf()
    result = clean_attachment(name="Certificate.PDF", data=data)
    assert result == CleanAttachment(
        content=data,
        content_type="application/pdf",
        extension="pdf",
        original_name="Certificate.pdf",
        size=len(data),
    )


def test_a_pdf_that_opens_at_a_page_is_accepted():
    data = samples.minimal_pdf(b" /OpenAction [3 0 R /Fit]")
    assert clean_attachment(name="a.pdf", data=data).content == data


@pytest.mark.parametrize(
    "name",
    [b"/JavaScript", b"/J#61vaScript", b"/#4A#61#76#61#53#63#72#69#70#74"],
    ids=["plain", "one-escape", "all-escaped"],
)
def test_a_pdf_with_javascript_is_refused(name):
    assert refused("form.pdf", samples.pdf_with_javascript(name)) == MSG_PDF_ACTIVE


@pytest.mark.parametrize(
    "extra",
    [
        b"<< /Type /Action /S /Launch /F (cmd.exe) >>",
        b"<< /Type /EmbeddedFile /Length 0 >>",
        b"<< /Names << /EmbeddedFiles 7 0 R >> >>",
        b"<< /Type /Annot /Subtype /FileAttachment /FS 7 0 R >>",
        b"<< /Type /Filespec /F (a.exe) /EF << /F 8 0 R >> >>",
        b"<< /S /Rendition /JS (x) >>",
        b"<< /AcroForm << /XFA 9 0 R >> >>",
        b"<< /Type /Annot /Subtype /RichMedia >>",
    ],
    ids=["launch", "embedded-file", "embedded-files", "attachment", "ef", "js",
         "xfa", "rich-media"],
)  # fmt: skip
def test_a_pdf_with_other_active_content_is_refused(extra):
    data = samples.minimal_pdf(extra_objects=(extra,))
    assert refused("form.pdf", data) == MSG_PDF_ACTIVE


def test_javascript_hidden_in_a_compressed_object_stream_is_refused():
    data = samples.pdf_with_javascript_in_object_stream()
    assert b"JavaScript" not in data  # only visible once inflated
    assert refused("form.pdf", data) == MSG_PDF_ACTIVE


def test_javascript_in_an_object_stream_that_hides_its_type_is_refused():
    data = samples.pdf_with_javascript_in_object_stream(declared=False)
    assert b"ObjStm" not in data and b"JavaScript" not in data
    assert refused("form.pdf", data) == MSG_PDF_ACTIVE


def test_a_script_behind_a_fake_stream_keyword_is_refused():
    assert refused("form.pdf", samples.pdf_with_masked_rendition()) == MSG_PDF_ACTIVE


def test_an_object_stream_we_cannot_decode_is_refused():
    data = samples.pdf_with_javascript_in_object_stream(b"/ASCIIHexDecode")
    assert refused("form.pdf", data) == MSG_PDF_DAMAGED


def test_short_names_inside_compressed_page_data_are_not_mistaken_for_scripts():
    data = samples.pdf_with_binary_stream(b"\x93/JS\x00\x17/EF(\xff" * 50)
    assert clean_attachment(name="scan.pdf", data=data).content == data


def test_a_pdf_without_an_end_marker_is_refused():
    data = samples.minimal_pdf().replace(b"%%EOF", b"")
    assert refused("cut.pdf", data) == MSG_PDF_DAMAGED


def test_a_pdf_zip_polyglot_is_refused():
    archive = samples.zip_bytes({"evil.html": samples.HTML_PAYLOAD})
    polyglot = samples.minimal_pdf() + archive
    assert zipfile.is_zipfile(io.BytesIO(polyglot))
    assert refused("cert.pdf", polyglot) == MSG_PDF_POLYGLOT


def test_a_zip_that_carries_a_pdf_header_is_refused_as_a_polyglot():
    stored = io.BytesIO()
    with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.pdf", samples.minimal_pdf())
    assert refused("cert.pdf", stored.getvalue()) == MSG_PDF_POLYGLOT


def test_a_pdf_that_is_also_a_web_page_is_refused():
    polyglot = samples.build_pdf(
        [b"<< /Type /Catalog >>"], before=b"<html><script>alert(1)</script>\n"
    )
    assert refused("cert.pdf", polyglot) == MSG_PDF_POLYGLOT


# Word ---------------------------------------------------------------------


def test_a_minimal_docx_is_accepted_unchanged():
    data = samples.docx()
    result = clean_attachment(name="Reflection.docx", data=data)
    assert (result.content, result.content_type) == (data, DOCX_TYPE)
    assert (result.extension, result.original_name) == ("docx", "Reflection.docx")


def test_a_docx_with_an_ordinary_hyperlink_is_accepted():
    data = samples.docx(
        {"word/_rels/document.xml.rels": samples.EXTERNAL_HYPERLINK_RELS}
    )
    assert clean_attachment(name="a.docx", data=data).content == data


def test_a_docx_with_a_vba_project_is_refused():
    data = samples.docx({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro"})
    assert refused("Reflection.docx", data) == MSG_WORD_ACTIVE


def test_a_docx_with_a_macro_enabled_content_type_is_refused():
    data = samples.docx(content_types=samples.MACRO_CONTENT_TYPES)
    assert refused("Reflection.docx", data) == MSG_WORD_ACTIVE


def test_a_docx_with_a_remote_template_is_refused():
    data = samples.docx(
        {"word/_rels/settings.xml.rels": samples.EXTERNAL_TEMPLATE_RELS}
    )
    assert refused("Reflection.docx", data) == MSG_WORD_ACTIVE


def test_a_docx_with_an_embedded_ole_object_is_refused():
    data = samples.docx({"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0"})
    assert refused("Reflection.docx", data) == MSG_WORD_ACTIVE


def test_a_legacy_doc_is_refused_with_the_save_as_message():
    assert refused("Reflection.doc", samples.OLE2_DOC) == MSG_LEGACY_WORD
    assert refused("Reflection.docx", samples.OLE2_DOC) == MSG_LEGACY_WORD


def test_a_docx_renamed_doc_or_docm_gets_the_helpful_message():
    assert refused("Reflection.doc", samples.docx()) == MSG_LEGACY_WORD
    assert refused("Reflection.docm", samples.docx()) == MSG_WORD_ACTIVE


def test_a_zip_that_is_not_a_word_document_is_refused():
    data = samples.zip_bytes({"xl/workbook.xml": b"<workbook/>"})
    assert refused("Reflection.docx", data) == MSG_NOT_ALLOWED
    assert refused("files.zip", data) == MSG_NOT_ALLOWED


def test_a_docx_with_a_web_page_appended_is_refused():
    assert refused("a.docx", samples.docx() + samples.HTML_PAYLOAD) == MSG_WORD_DAMAGED


def test_a_truncated_docx_is_refused():
    data = samples.docx()
    assert refused("a.docx", data[: len(data) - 30]) == MSG_WORD_DAMAGED


# Plain text ---------------------------------------------------------------


def test_plain_utf8_text_is_accepted_unchanged():
    data = "Reflection: supervision on 3 March – café meeting, 5 < 6.\n".encode()
    result = clean_attachment(name="notes.txt", data=data)
    assert (result.content, result.content_type, result.extension) == (
        data,
        "text/plain",
        "txt",
    )


def test_a_placeholder_in_angle_brackets_is_not_markup():
    data = b"Discussed with <head of service> and <team manager>.\n"
    assert clean_attachment(name="notes.txt", data=data).content == data


def test_text_with_nul_bytes_is_refused():
    assert refused("notes.txt", b"hello\x00world") == MSG_TEXT_BINARY


def test_text_that_is_not_utf8_is_refused():
    assert refused("notes.txt", "café".encode("latin-1")) == MSG_TEXT_ENCODING
    assert refused("notes.txt", "notes".encode("utf-16")) == MSG_TEXT_ENCODING


@pytest.mark.parametrize(
    "data",
    [
        b"Notes\n<script>alert(1)</script>",
        b"  \n<p>hello</p>",
        b"Hi <HTML> there",
        b"<?xml version='1.0'?><a/>",
        b'Hello <img src=x onerror="alert(1)">',
    ],
)
def test_text_that_looks_like_markup_is_refused(data):
    assert refused("notes.txt", data) == MSG_TEXT_MARKUP


def test_rtf_is_refused_even_when_named_txt():
    assert refused("notes.txt", b"{\\rtf1\\ansi hello}") == MSG_NOT_ALLOWED


# Names --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("../../etc/passwd.txt", b"root\n", "passwd.txt"),
        ("C:\\Users\\x\\cert.JPG", "jpeg", "cert.jpg"),
        ("My\nreport\r\n.pdf", "pdf", "My report.pdf"),
        ('Say "hello" <b>.txt', b"hi\n", "Say hello b.txt"),
        ("...hidden.txt", b"hi\n", "hidden.txt"),
        ("  spaced   out   .txt  ", b"hi\n", "spaced out.txt"),
        ("photo\u202egnp.jpg", "jpeg", "photognp.jpg"),
        ("Certificate J.Smith", "pdf", "Certificate J.Smith.pdf"),
        ("../", b"hi\n", "attachment.txt"),
        ("Décision – résumé.pdf", "pdf", "Décision – résumé.pdf"),
    ],
)
def test_the_display_name_is_sanitised(name, data, expected):
    data = {"jpeg": samples.image_bytes("JPEG"), "pdf": samples.minimal_pdf()}.get(
        data, data
    )
    assert clean_attachment(name=name, data=data).original_name == expected


def test_a_long_name_is_cut_to_150_characters_keeping_the_extension():
    result = clean_attachment(name="a" * 300 + ".pdf", data=samples.minimal_pdf())
    assert len(result.original_name) == 150
    assert result.original_name.endswith("a.pdf")


# Download headers -----------------------------------------------------------


def test_download_headers_for_a_non_ascii_name():
    headers = safe_download_headers("Décision – résumé.pdf", "application/pdf")
    assert headers == {
        "Content-Type": "application/pdf",
        "Content-Disposition": (
            "attachment; filename=\"Decision - resume.pdf\"; filename*=UTF-8''"
            "D%C3%A9cision%20%E2%80%93%20r%C3%A9sum%C3%A9.pdf"
        ),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, no-store",
        "Cross-Origin-Resource-Policy": "same-origin",
    }


def test_download_headers_cannot_be_split_or_given_a_second_filename():
    headers = safe_download_headers(
        'report"; filename="evil.exe\r\nSet-Cookie: a=b;\\x.pdf', "application/pdf"
    )
    disposition = headers["Content-Disposition"]
    assert disposition.count('filename="') == 1
    assert disposition.count("filename*=") == 1
    assert all("\r" not in value and "\n" not in value for value in headers.values())
    fallback = disposition.split('filename="')[1].split('"')[0]
    assert "\\" not in fallback and fallback.endswith(".pdf")


def test_download_headers_for_a_name_with_no_ascii_letters():
    disposition = safe_download_headers("证书.pdf", "application/pdf")[
        "Content-Disposition"
    ]
    assert disposition.startswith('attachment; filename="attachment.pdf"; ')
    assert disposition.endswith("filename*=UTF-8''%E8%AF%81%E4%B9%A6.pdf")


@pytest.mark.parametrize(
    ("declared", "served"),
    [
        ("text/plain", "text/plain; charset=utf-8"),
        ("image/png", "image/png"),
        ("text/html", "application/octet-stream"),
        ("image/svg+xml", "application/octet-stream"),
    ],
)
def test_download_headers_only_serve_types_we_produce(declared, served):
    assert safe_download_headers("a.txt", declared)["Content-Type"] == served


def test_a_truncated_image_is_refused_even_after_weasyprint_loosened_pillow():
    # WeasyPrint turns Pillow's truncated-image tolerance on for the whole
    # process when imported (PDF exports do import it).
    import weasyprint  # noqa: F401
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
    data = samples.image_bytes("PNG", (64, 64))
    assert refused("cut.png", data[: len(data) // 2]) == MSG_IMAGE_DAMAGED
