"""Word (.docx) checks. The file is stored as uploaded, so it must be inert."""

import io
import re
import zipfile
import zlib

from .messages import (
    MSG_NOT_ALLOWED,
    MSG_WORD_ACTIVE,
    MSG_WORD_DAMAGED,
    AttachmentRejected,
)

MAX_ENTRIES = 2000
# Declared, uncompressed. A 10 MB .docx of text and photos inflates to tens of
# MB at most; hundreds is a zip bomb aimed at whatever indexes it later.
MAX_UNCOMPRESSED_BYTES = 250 * 1024 * 1024
MAX_PART_READ = 2 * 1024 * 1024  # for the XML parts we read

_REQUIRED = ("[content_types].xml", "word/document.xml")
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>", re.IGNORECASE)
# Relationships that fetch and run or render remote content when the document
# opens: remote template injection, remote OLE objects (CVE-2017-0199), frames.
_REMOTE_ACTIVE = re.compile(
    rb"/(?:attachedTemplate|oleObject|frame|subDocument)\"", re.IGNORECASE
)


def check_docx(data: bytes) -> None:
    """Refuse ``data`` unless it is a .docx without macros or active content.

    Raises AttachmentRejected with MSG_WORD_DAMAGED, MSG_NOT_ALLOWED (a ZIP
    that is not a Word document) or MSG_WORD_ACTIVE.
    """
    if not _ends_with_central_directory(data):
        raise AttachmentRejected(MSG_WORD_DAMAGED, code="word_damaged")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_archive(archive)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        RuntimeError,  # encrypted entry
        NotImplementedError,  # unsupported compression
        OSError,
        EOFError,
        ValueError,
        KeyError,
        zlib.error,
    ):
        raise AttachmentRejected(MSG_WORD_DAMAGED, code="word_damaged") from None


def _ends_with_central_directory(data: bytes) -> bool:
    """True if the end-of-central-directory record (and comment) ends the file.

    Zip readers tolerate trailing bytes, which is how a .docx becomes a
    .docx-and-web-page polyglot. Word never writes any.
    """
    eocd = data.rfind(b"PK\x05\x06", max(0, len(data) - 65536 - 22))
    if eocd < 0 or len(data) < eocd + 22:
        return False
    comment_length = int.from_bytes(data[eocd + 20 : eocd + 22], "little")
    return eocd + 22 + comment_length == len(data)


def _check_archive(archive: zipfile.ZipFile) -> None:
    entries = archive.infolist()
    names = [entry.filename.lower() for entry in entries]
    if len(entries) > MAX_ENTRIES or len(set(names)) != len(names):
        # Duplicate names let two readers see two different documents.
        raise AttachmentRejected(MSG_WORD_DAMAGED, code="word_damaged")
    if any(
        name.startswith("/") or "\\" in name or ".." in name.split("/")
        for name in names
    ):
        raise AttachmentRejected(MSG_WORD_DAMAGED, code="word_damaged")
    if sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED_BYTES:
        raise AttachmentRejected(MSG_WORD_DAMAGED, code="word_damaged")
    if not all(required in names for required in _REQUIRED):
        # A spreadsheet, an OpenDocument file, a plain archive.
        raise AttachmentRejected(MSG_NOT_ALLOWED, code="not_allowed")

    for name in names:
        if (
            name.endswith(("vbaproject.bin", "vbadata.xml"))
            or name.startswith("word/activex/")
            # OLE objects (Packager shells, Equation Editor); embedded Office
            # files such as charts are .xlsx/.docx parts and are fine.
            or (name.startswith("word/embeddings/") and name.endswith(".bin"))
        ):
            raise AttachmentRejected(MSG_WORD_ACTIVE, code="word_active")

    content_types = _read(archive, entries[names.index("[content_types].xml")])
    if re.search(rb"macroenabled|vbaproject", content_types, re.IGNORECASE):
        raise AttachmentRejected(MSG_WORD_ACTIVE, code="word_active")

    for entry, name in zip(entries, names, strict=True):
        if name.endswith(".rels"):
            for relationship in _RELATIONSHIP.findall(_read(archive, entry)):
                if re.search(
                    rb"TargetMode\s*=\s*[\"']External", relationship, re.IGNORECASE
                ) and _REMOTE_ACTIVE.search(relationship.replace(b"'", b'"')):
                    raise AttachmentRejected(MSG_WORD_ACTIVE, code="word_active")


def _read(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
    # Bounded: the declared size can lie, so never read more than we allow.
    with archive.open(entry) as part:
        content = part.read(MAX_PART_READ + 1)
    if len(content) > MAX_PART_READ:
        raise AttachmentRejected(MSG_WORD_DAMAGED, code="word_damaged")
    return content
