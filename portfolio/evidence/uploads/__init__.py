"""Validation and sanitising of evidence attachments.

Use ``clean_attachment`` on every upload before storing it privately, and
``safe_download_headers`` on every response that serves one.
"""

from .cleaning import CleanAttachment, clean_attachment
from .headers import safe_download_headers
from .messages import (
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
)

__all__ = [
    "MAX_ATTACHMENT_BYTES",
    "MAX_IMAGE_PIXELS",
    "MSG_CONTENT_MISMATCH",
    "MSG_EMPTY",
    "MSG_IMAGE_DAMAGED",
    "MSG_IMAGE_TOO_LARGE",
    "MSG_LEGACY_WORD",
    "MSG_NOT_ALLOWED",
    "MSG_PDF_ACTIVE",
    "MSG_PDF_DAMAGED",
    "MSG_PDF_POLYGLOT",
    "MSG_SVG",
    "MSG_TEXT_BINARY",
    "MSG_TEXT_ENCODING",
    "MSG_TEXT_MARKUP",
    "MSG_TOO_LARGE",
    "MSG_WORD_ACTIVE",
    "MSG_WORD_DAMAGED",
    "AttachmentRejected",
    "CleanAttachment",
    "clean_attachment",
    "safe_download_headers",
]
