"""Decide what a file is from its bytes, never from its name or declared type."""

from enum import Enum


class Kind(Enum):
    JPEG = "jpeg"
    PNG = "png"
    GIF = "gif"
    WEBP = "webp"
    PDF = "pdf"
    ZIP = "zip"  # a .docx candidate; the Word checks decide
    OLE2 = "ole2"  # legacy Office (.doc, .xls, .ppt, .msg)
    TEXT = "text"  # valid UTF-8; may still be markup, SVG or RTF
    BINARY = "binary"  # anything else


IMAGE_KINDS = frozenset({Kind.JPEG, Kind.PNG, Kind.GIF, Kind.WEBP})

# How far into a file a PDF header may start. Readers tolerate leading junk, so
# the polyglot checks in pdf.py look at whatever precedes it.
PDF_HEADER_WINDOW = 1024

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes) -> Kind:
    """Return the kind of ``data`` from its magic bytes.

    Images are matched first and at offset 0 only: they are re-encoded, so
    anything else hidden in them (a PDF header, a ZIP, HTML) does not survive.
    """
    if data.startswith(b"\xff\xd8\xff"):
        return Kind.JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return Kind.PNG
    if data.startswith((b"GIF87a", b"GIF89a")):
        return Kind.GIF
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return Kind.WEBP
    # Checked before ZIP so that a ZIP that is also a PDF is judged (and refused)
    # as a PDF polyglot rather than passing the Word checks.
    if b"%PDF-" in data[:PDF_HEADER_WINDOW]:
        return Kind.PDF
    if data.startswith(b"PK\x03\x04"):
        return Kind.ZIP
    if data.startswith(_OLE2_MAGIC):
        return Kind.OLE2
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return Kind.BINARY
    return Kind.TEXT
