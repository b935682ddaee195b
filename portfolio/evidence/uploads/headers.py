"""Response headers for serving a private attachment."""

import re
import unicodedata
from urllib.parse import quote

from .names import FALLBACK_STEM, clean_download_name

# Types clean_attachment produces, plus the portfolio export ZIP, are served as
# themselves; anything else (an old row, a typo) is served as opaque bytes.
SERVABLE_CONTENT_TYPES = frozenset(
    {
        "application/zip",
        "image/jpeg",
        "image/png",
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "text/plain",
    }
)
_ASCII_LOOKALIKES = str.maketrans(
    {
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": "",  # double quotes are dropped anyway
        "\u201d": "",
        "\u2026": "...",
    }
)


def safe_download_headers(attachment_name: str, content_type: str) -> dict[str, str]:
    """Headers that make the browser download the file, never render or run it.

    ``Content-Disposition`` carries an ASCII ``filename`` (RFC 6266) for old
    clients and the exact name as ``filename*`` (RFC 5987). The other headers
    stop MIME sniffing, scripts, caching by shared caches and cross-origin
    embedding.
    """
    name = clean_download_name(attachment_name)
    content_type = content_type.split(";")[0].strip().lower()
    if content_type not in SERVABLE_CONTENT_TYPES:
        content_type = "application/octet-stream"
    elif content_type == "text/plain":
        content_type = "text/plain; charset=utf-8"
    return {
        "Content-Type": content_type,
        "Content-Disposition": (
            f'attachment; filename="{_ascii_fallback(name)}"; '
            f"filename*=UTF-8''{quote(name, safe='')}"
        ),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, no-store",
        "Cross-Origin-Resource-Policy": "same-origin",
    }


def _ascii_fallback(name: str) -> str:
    """ASCII version of ``name`` safe inside a quoted-string."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_ASCII_LOOKALIKES))
    ascii_name = decomposed.encode("ascii", "ignore").decode("ascii")
    # Quotes and backslashes would end or escape the quoted-string; % is
    # percent-decoded by some clients; controls cannot appear in headers.
    ascii_name = re.sub(r'["\\%\x00-\x1f\x7f]', "", ascii_name)
    stem, dot, extension = ascii_name.rpartition(".")
    if not dot:
        stem, extension = ascii_name, ""
    stem = re.sub(r" +", " ", stem).strip(" .") or FALLBACK_STEM
    extension = extension.strip()
    return f"{stem}.{extension}" if extension else stem
