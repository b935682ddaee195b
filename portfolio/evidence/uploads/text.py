"""Plain-text checks: UTF-8, no binary data, no markup."""

import re

from .messages import (
    MSG_NOT_ALLOWED,
    MSG_TEXT_BINARY,
    MSG_TEXT_ENCODING,
    MSG_TEXT_MARKUP,
    AttachmentRejected,
)

# Tags a browser, an XML parser or a mail client would act on. Text is served
# as a download with nosniff, but a note that is really a web page has no
# business being evidence, and refusing it keeps stored files boring.
_MARKUP = re.compile(
    # Refused wherever they appear, as the policy says.
    r"<\s*(?:script|html|svg|iframe|object|embed|frameset|!doctype|\?xml)\b"
    # Refused only when shaped like a tag, so that a placeholder such as
    # "<head of service>" in a note is still fine.
    r"|<(?:a|base|body|button|form|head|img|input|link|math|meta|style|video)"
    r"(?:\s*/?>|\s+[\w:-]+\s*=)",
    re.IGNORECASE,
)
_SVG = re.compile(r"<\s*svg\b", re.IGNORECASE)
# C0 controls other than tab, line feed, form feed and carriage return. NUL is
# the usual sign of a binary or UTF-16 file; the rest have no place in a note
# and escape sequences can spoof terminal output.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def looks_like_svg(data: bytes) -> bool:
    """True if the bytes contain an ``<svg`` element (whatever the file's name)."""
    return _SVG.search(data.decode("utf-8", errors="replace")) is not None


def check_text(data: bytes) -> None:
    """Refuse ``data`` unless it is plain UTF-8 text without markup.

    Raises AttachmentRejected with MSG_TEXT_ENCODING, MSG_TEXT_BINARY,
    MSG_TEXT_MARKUP or (for RTF, which Word would open) MSG_NOT_ALLOWED.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise AttachmentRejected(MSG_TEXT_ENCODING, code="text_encoding") from None
    if _CONTROL.search(text):
        raise AttachmentRejected(MSG_TEXT_BINARY, code="text_binary")
    start = text.lstrip("\ufeff \t\r\n\f")
    if start.startswith("<") or _MARKUP.search(text):
        raise AttachmentRejected(MSG_TEXT_MARKUP, code="text_markup")
    if start.startswith("{\\rtf"):
        # RTF is text on the wire but Word parses it, and it is a common exploit
        # carrier; a .txt name would not stop Word opening it as RTF.
        raise AttachmentRejected(MSG_NOT_ALLOWED, code="not_allowed")
