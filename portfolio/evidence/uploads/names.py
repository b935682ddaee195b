"""Display names for stored attachments."""

import re
import unicodedata

MAX_NAME_LENGTH = 150
FALLBACK_STEM = "attachment"

# Extensions we accept, by canonical extension of the sniffed type.
ALIASES: dict[str, frozenset[str]] = {
    "jpg": frozenset({"jpg", "jpeg", "jpe", "jfif"}),
    "png": frozenset({"png"}),
    "gif": frozenset({"gif"}),
    "webp": frozenset({"webp"}),
    "pdf": frozenset({"pdf"}),
    "docx": frozenset({"docx"}),
    "txt": frozenset({"txt", "text"}),
}
ALLOWED_EXTENSIONS = frozenset().union(*ALIASES.values())

# Suffixes that count as an extension. Anything else after the last dot is part
# of the name ("Certificate J.Smith", "Notes v2.1"), so it neither triggers a
# mismatch nor survives as the final extension.
KNOWN_EXTENSIONS = ALLOWED_EXTENSIONS | frozenset(
    {
        "7z", "apk", "app", "avif", "bat", "bmp", "cab", "cmd", "com", "cpl",
        "csv", "dll", "dmg", "doc", "docm", "dot", "dotm", "dotx", "eml", "eps",
        "exe", "gz", "hta", "heic", "heif", "htm", "html", "ico", "iso", "jar",
        "js", "json", "jxl", "lnk", "md", "mhtml", "mjs", "mov", "mp3", "mp4",
        "msg", "msi", "odt", "one", "pages", "php", "pif", "potm", "pps",
        "ppsm", "ppt", "pptm", "pptx", "ps", "ps1", "py", "rar", "reg", "rtf",
        "scr", "sh", "shtml", "svg", "svgz", "swf", "tar", "tgz", "tif",
        "tiff", "url", "vbe", "vbs", "wsf", "xht", "xhtml", "xla", "xlam",
        "xls", "xlsb", "xlsm", "xlsx", "xlt", "xltm", "xml", "xps", "zip",
    }
)  # fmt: skip

# Characters Windows refuses in file names, plus quotes and angle brackets that
# only ever cause trouble in headers and HTML.
_UNSAFE = re.compile(r'[<>:"|?*`]')


def _clean(name: str) -> str:
    """Basename without control/format characters, quotes or surplus spaces."""
    name = unicodedata.normalize("NFC", name)
    # Both separators: Windows browsers and old clients send full paths.
    name = re.split(r"[/\\]", name)[-1]
    chars = []
    for char in name:
        category = unicodedata.category(char)
        if char.isspace():
            chars.append(" ")
        # Cc: controls (newlines, NUL). Cf: format characters such as U+202E,
        # which reverses text to disguise "gpj.exe" as "exe.jpg". Cs: lone
        # surrogates that cannot be encoded.
        elif category not in {"Cc", "Cf", "Cs"}:
            chars.append(char)
    name = _UNSAFE.sub("", "".join(chars))
    name = re.sub(r" +", " ", name)
    # Leading dots hide files on Unix; trailing dots and spaces are dropped by
    # Windows, which would change the extension we checked.
    return name.lstrip(". ").rstrip(". ")


def split_name(name: str) -> tuple[str, str]:
    """Return the cleaned stem and the lower-case extension ("" if none)."""
    cleaned = _clean(name)
    stem, dot, suffix = cleaned.rpartition(".")
    if dot and suffix.lower() in KNOWN_EXTENSIONS:
        return stem.rstrip(". "), suffix.lower()
    return cleaned, ""


def display_name(stem: str, extension: str) -> str:
    """Join ``stem`` and ``extension``, fitting MAX_NAME_LENGTH."""
    room = MAX_NAME_LENGTH - len(extension) - 1
    stem = stem[:room].rstrip(". ") or FALLBACK_STEM
    return f"{stem}.{extension}"


def clean_download_name(name: str) -> str:
    """Path-free, control-free name kept with whatever extension it has."""
    cleaned = _clean(name)[:MAX_NAME_LENGTH]
    return cleaned or FALLBACK_STEM
