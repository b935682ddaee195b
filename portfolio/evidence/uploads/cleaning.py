"""The single entry point: turn an upload into something safe to store."""

from dataclasses import dataclass

from .images import reencode_image
from .messages import (
    MAX_ATTACHMENT_BYTES,
    MSG_CONTENT_MISMATCH,
    MSG_EMPTY,
    MSG_LEGACY_WORD,
    MSG_NOT_ALLOWED,
    MSG_SVG,
    MSG_TOO_LARGE,
    MSG_WORD_ACTIVE,
    AttachmentRejected,
)
from .names import ALIASES, ALLOWED_EXTENSIONS, display_name, split_name
from .pdf import check_pdf
from .sniffing import IMAGE_KINDS, Kind, sniff
from .text import check_text, looks_like_svg
from .word import check_docx

# Extensions a name may have for each sniffed kind. Images are one family: a
# JPEG saved as "photo.png" is common, harmless (it is re-encoded and renamed)
# and not a disguise.
_IMAGE_EXTENSIONS = ALIASES["jpg"] | ALIASES["png"] | ALIASES["gif"] | ALIASES["webp"]
_NAME_EXTENSIONS = {
    Kind.JPEG: _IMAGE_EXTENSIONS,
    Kind.PNG: _IMAGE_EXTENSIONS,
    Kind.GIF: _IMAGE_EXTENSIONS,
    Kind.WEBP: _IMAGE_EXTENSIONS,
    Kind.PDF: ALIASES["pdf"],
    Kind.ZIP: ALIASES["docx"],
    Kind.TEXT: ALIASES["txt"],
}
# Extensions whose refusal deserves a more helpful message than "not accepted".
_REFUSED_EXTENSIONS = {
    "doc": (MSG_LEGACY_WORD, "legacy_word"),
    "dot": (MSG_LEGACY_WORD, "legacy_word"),
    "docm": (MSG_WORD_ACTIVE, "word_active"),
    "dotm": (MSG_WORD_ACTIVE, "word_active"),
}
DOCX_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)


@dataclass(frozen=True)
class CleanAttachment:
    content: bytes  # what we store: re-encoded for images, original bytes otherwise
    content_type: str  # from the sniffed content, never from the client
    extension: str  # canonical: "jpg", "png", "pdf", "docx" or "txt"
    original_name: str  # sanitised display name ending in .extension
    size: int


def clean_attachment(
    *, name: str, data: bytes, declared_content_type: str = ""
) -> CleanAttachment:
    """Check an uploaded evidence file and return what may be stored.

    The type is decided from the content (magic bytes), never from ``name`` or
    ``declared_content_type`` (accepted for the caller's convenience and
    ignored). Images are decoded and re-encoded without metadata; PDFs, Word
    documents and text files are checked and kept byte for byte. The name's
    extension must agree with the content; the returned name is sanitised and
    ends with the canonical extension.

    Raises AttachmentRejected (a django ValidationError) whose message is one
    of the MSG_* constants in this package.
    """
    del declared_content_type  # never trusted; see docstring
    # Size first, so an oversized upload is refused without looking inside it.
    if not data:
        raise AttachmentRejected(MSG_EMPTY, code="empty")
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise AttachmentRejected(MSG_TOO_LARGE, code="too_large")

    stem, name_extension = split_name(name)
    kind = sniff(data)
    # Refusals that hold whatever the file is called.
    if kind is Kind.OLE2:
        raise AttachmentRejected(MSG_LEGACY_WORD, code="legacy_word")
    if name_extension in {"svg", "svgz"} or (
        kind is Kind.TEXT and looks_like_svg(data)
    ):
        raise AttachmentRejected(MSG_SVG, code="svg")
    if kind is Kind.BINARY:
        if name_extension in ALIASES["txt"]:
            check_text(data)  # says what is wrong with the "text" file
        raise AttachmentRejected(MSG_NOT_ALLOWED, code="not_allowed")

    if name_extension and name_extension not in _NAME_EXTENSIONS[kind]:
        if name_extension not in ALLOWED_EXTENSIONS:
            message, code = _REFUSED_EXTENSIONS.get(
                name_extension, (MSG_NOT_ALLOWED, "not_allowed")
            )
            raise AttachmentRejected(message, code=code)
        # e.g. a web page called "certificate.pdf".
        raise AttachmentRejected(MSG_CONTENT_MISMATCH, code="content_mismatch")

    if kind in IMAGE_KINDS:
        image = reencode_image(data, kind)
        content, content_type, extension = (
            image.content,
            image.content_type,
            image.extension,
        )
    elif kind is Kind.PDF:
        check_pdf(data)
        content, content_type, extension = data, "application/pdf", "pdf"
    elif kind is Kind.ZIP:
        check_docx(data)
        content, content_type, extension = data, DOCX_CONTENT_TYPE, "docx"
    else:
        check_text(data)
        content, content_type, extension = data, "text/plain", "txt"

    return CleanAttachment(
        content=content,
        content_type=content_type,
        extension=extension,
        original_name=display_name(stem, extension),
        size=len(content),
    )
