"""Highlighted snippets for the database backend (Elasticsearch makes its own).

Everything is HTML-escaped first; only our <mark> tags are added.
"""

import re

from django.utils.html import escape

SNIPPET_LENGTH = 160


def word_stem(word: str) -> str:
    """A crude English stem for matching words in text ("visits" → "visit")."""
    word = word.lower()
    for suffix in ("ings", "ing", "ies", "ied", "ed", "es", "s"):
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _pattern(terms) -> re.Pattern | None:
    parts = sorted({re.escape(word_stem(t)) for t in terms if t}, key=len, reverse=True)
    if not parts:
        return None
    # A term matches at the start of a word, in any inflection.
    return re.compile(r"\b(?:" + "|".join(parts) + r")\w*", re.IGNORECASE)


def mark(text: str, terms) -> str:
    pattern = _pattern(terms)
    if pattern is None:
        return escape(text)
    out, last = [], 0
    for found in pattern.finditer(text):
        out.append(escape(text[last : found.start()]))
        out.append(f"<mark>{escape(found.group(0))}</mark>")
        last = found.end()
    out.append(escape(text[last:]))
    return "".join(out)


def snippet(text: str, terms, length: int = SNIPPET_LENGTH) -> str:
    """The part of ``text`` around the first match, marked up."""
    text = " ".join(text.split())
    pattern = _pattern(terms)
    found = pattern.search(text) if pattern else None
    start = max(0, found.start() - length // 3) if found else 0
    piece = text[start : start + length]
    prefix = "…" if start else ""
    suffix = "…" if start + length < len(text) else ""
    return prefix + mark(piece, terms) + suffix
