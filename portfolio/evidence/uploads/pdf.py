"""PDF checks: structure, active content and polyglots.

This is a scanner, not a parser: it looks for the names a PDF must use to do
anything active, including names written with #xx escapes and names hidden in
compressed object streams. Files it cannot check are refused rather than let
through.
"""

import io
import re
import zipfile
import zlib

from .messages import (
    MSG_PDF_ACTIVE,
    MSG_PDF_DAMAGED,
    MSG_PDF_POLYGLOT,
    AttachmentRejected,
)
from .sniffing import PDF_HEADER_WINDOW

# Inflated object streams, in total. Real ones are a few hundred KB; anything
# far bigger is a zip bomb aimed at the checker.
MAX_INFLATED_BYTES = 64 * 1024 * 1024

_DELIMITER = rb"\x00\t\n\x0c\r /%()<>\[\]{}"
_END = rb"(?=[" + _DELIMITER + rb"]|\Z)"


def _name_regex(*names: bytes) -> re.Pattern[bytes]:
    """Match any of ``names`` as a whole PDF name, however it is #xx-escaped.

    /J#61vaScript is the same name as /JavaScript to a reader. Putting the
    escapes in the pattern (rather than decoding the file first) keeps the scan
    in C, however many "#" an attacker packs into the file.
    """
    alternatives = []
    for name in names:
        pattern = b""
        for byte in name:
            high, low = f"{byte:02x}"
            escaped = f"#[{high}{high.upper()}][{low}{low.upper()}]".encode()
            pattern += b"(?:" + re.escape(bytes([byte])) + b"|" + escaped + b")"
        alternatives.append(pattern)
    return re.compile(b"/(?:" + b"|".join(alternatives) + b")" + _END)


# Names that mean scripts (JavaScript, JS, and Rendition actions, which may
# carry JS), launching programs (Launch), files carried inside the PDF
# (EmbeddedFile(s), EF, FileAttachment, GoToE), Flash (RichMedia) or XFA forms
# (which run their own scripts). OpenAction and AA on their own are harmless
# (they usually open at page 1); what they trigger is caught by these names.
# Every active feature has a long name, so the scan of the whole file (where
# stream boundaries cannot be trusted) does not depend on the short ones.
_LONG = (
    b"JavaScript",
    b"Launch",
    b"EmbeddedFile",
    b"EmbeddedFiles",
    b"FileAttachment",
    b"GoToE",
    b"RichMedia",
    b"XFA",
    b"Rendition",
)
_ACTIVE_ANYWHERE = _name_regex(*_LONG)
# Two-letter names would match by chance in megabytes of compressed data, so
# they are looked for only outside stream bodies and in inflated object streams.
_ACTIVE = _name_regex(*_LONG, b"JS", b"EF")
_OBJECT_STREAM = _name_regex(b"ObjStm")
_FLATE = _name_regex(b"FlateDecode", b"Fl")
# Filters and parameters we do not decode: an object stream using them cannot
# be checked.
_UNDECODED = _name_regex(
    b"ASCIIHexDecode", b"AHx", b"ASCII85Decode", b"A85", b"LZWDecode", b"LZW",
    b"RunLengthDecode", b"RL", b"Crypt", b"CCITTFaxDecode", b"JBIG2Decode",
    b"DCTDecode", b"JPXDecode", b"DecodeParms", b"DP",
)  # fmt: skip
_LEADING_INTEGERS = re.compile(rb"\s*((?:\d+\s+)+)")
_DIRECT_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\d)(?!\s+\d+\s+R)")
_HTML_MARKERS = (
    b"<html",
    b"<script",
    b"<!doctype",
    b"<head",
    b"<body",
    b"<iframe",
    b"<svg",
    b"<object",
    b"<embed",
    b"<meta",
)


def check_pdf(data: bytes) -> None:
    """Refuse ``data`` unless it is a PDF without active content or a second format.

    Raises AttachmentRejected with MSG_PDF_POLYGLOT, MSG_PDF_DAMAGED or
    MSG_PDF_ACTIVE.
    """
    if b"%PDF-" not in data[:PDF_HEADER_WINDOW]:
        raise AttachmentRejected(MSG_PDF_DAMAGED, code="pdf_damaged")
    head = data[:PDF_HEADER_WINDOW].lower()
    # Browsers sniff HTML near the start; ZIP readers look at the start (local
    # header) or the end (central directory), so check both.
    if any(marker in head for marker in _HTML_MARKERS) or _is_zip(data):
        raise AttachmentRejected(MSG_PDF_POLYGLOT, code="pdf_polyglot")
    if b"%%EOF" not in data:
        raise AttachmentRejected(MSG_PDF_DAMAGED, code="pdf_damaged")

    outside, object_streams = _split_streams(data)
    if _ACTIVE_ANYWHERE.search(data) or _ACTIVE.search(b"\n".join(outside)):
        raise AttachmentRejected(MSG_PDF_ACTIVE, code="pdf_active")
    budget = MAX_INFLATED_BYTES
    for body, compressed in object_streams:
        inflated = _inflate(body, budget) if compressed else body
        budget -= len(inflated)
        if _ACTIVE.search(inflated):
            raise AttachmentRejected(MSG_PDF_ACTIVE, code="pdf_active")


def _is_zip(data: bytes) -> bool:
    if data.startswith(b"PK\x03\x04"):
        return True
    if b"PK\x05\x06" not in data[-(65536 + 22) :]:
        return False
    # An end-of-central-directory signature alone could be chance; a central
    # directory that actually lists entries is an archive.
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return bool(archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return False


def _split_streams(data: bytes) -> tuple[list[bytes], list[tuple[bytes, bool]]]:
    """Return the text outside stream bodies and the bodies of object streams.

    Object streams (PDF 1.5+) hold ordinary objects, compressed, so an action
    dictionary can hide in one. Other streams (page content, images, fonts)
    cannot define actions; only their first bytes are inflated, to catch an
    object stream that does not declare /Type /ObjStm (readers find object
    streams through the cross-reference, not the type).
    """
    outside: list[bytes] = []
    object_streams: list[tuple[bytes, bool]] = []
    pos = previous_end = 0
    while (start := data.find(b"stream", pos)) >= 0:
        after = start + len(b"stream")
        before = data[start - 1 : start] if start else b"\n"
        eol = 2 if data[after : after + 2] == b"\r\n" else 1
        # "stream" as the keyword: after whitespace or ">>", before an EOL.
        # Otherwise it is part of "endstream" or of some text.
        if before not in b" \t\r\n\x0c>" or data[after : after + 1] not in (
            b"\r",
            b"\n",
        ):
            outside.append(data[pos:after])
            pos = after
            continue
        body_start = after + eol
        # Never look back past the previous stream: keeps the scan linear.
        dictionary = data[max(previous_end, start - 4096) : start]
        dictionary = dictionary[dictionary.rfind(b"obj") + 1 :]
        end = _stream_end(data, dictionary, body_start)
        outside.append(data[pos:body_start])
        body = data[body_start:end]
        compressed = bool(_FLATE.search(dictionary))
        if _OBJECT_STREAM.search(dictionary):
            if _UNDECODED.search(dictionary):
                raise AttachmentRejected(MSG_PDF_DAMAGED, code="pdf_damaged")
            object_streams.append((body, compressed))
        elif compressed and _starts_like_object_stream(body):
            object_streams.append((body, compressed))
        pos = previous_end = end
    outside.append(data[pos:])
    return outside, object_streams


def _starts_like_object_stream(body: bytes) -> bool:
    """True if the inflated stream starts like an object stream's header.

    That header is pairs of integers "objnum offset", offsets rising from 0.
    Page content starts with operators or a matrix ("1 0 0 1 72 720 cm", whose
    second pair has object number 0); images and fonts are binary.
    """
    try:
        start = zlib.decompressobj().decompress(body, 64)
    except zlib.error:
        return False  # encrypted or not really Flate: nothing we can read
    match = _LEADING_INTEGERS.match(start)
    if not match:
        return False
    numbers = [int(token) for token in match[1].split()]
    rest = start[match.end() :]
    if rest and not rest.isdigit():
        if len(numbers) % 2:
            return False  # the integers end before a full pair
        if not rest.startswith((b"<", b"[", b"(", b"/", b"true", b"false", b"null")):
            return False  # an operator ("5 0 m"), so page content
    pairs = list(zip(numbers[::2], numbers[1::2], strict=False))
    return (
        bool(pairs)
        and pairs[0][1] == 0
        and all(number > 0 for number, _ in pairs)
        and all(a[1] < b[1] for a, b in zip(pairs, pairs[1:], strict=False))
    )


def _stream_end(data: bytes, dictionary: bytes, body_start: int) -> int:
    """Index of the "endstream" keyword closing the stream at ``body_start``."""
    # A direct /Length is what readers use; trust it when "endstream" really
    # follows, because compressed data may contain "endstream" by chance.
    match = _DIRECT_LENGTH.search(dictionary)
    if match:
        end = body_start + int(match[1])
        gap = len(data[end : end + 4]) - len(data[end : end + 4].lstrip())
        if data.startswith(b"endstream", end + gap):
            return end + gap
    end = data.find(b"endstream", body_start)
    if end < 0:
        raise AttachmentRejected(MSG_PDF_DAMAGED, code="pdf_damaged")
    return end


def _inflate(body: bytes, budget: int) -> bytes:
    try:
        inflated = zlib.decompressobj().decompress(body, budget + 1)
    except zlib.error:
        # Encrypted or corrupt: the objects inside cannot be checked.
        raise AttachmentRejected(MSG_PDF_DAMAGED, code="pdf_damaged") from None
    if len(inflated) > budget:
        raise AttachmentRejected(MSG_PDF_DAMAGED, code="pdf_damaged")
    return inflated
