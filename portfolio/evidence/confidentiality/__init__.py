"""A guard that spots identifiers of people who use services in CPD writing.

Practitioners reflect on real casework, and sector guidance (and UK GDPR's
data minimisation principle) says those reflections should not carry names,
addresses, dates of birth, case numbers or other identifiers. This package
finds likely identifiers so the writer can take them out before saving.

It uses only the standard library and makes no network calls, so the text
never leaves the server. It errs towards warning: a false alarm costs the
writer a glance, a missed identifier may cost someone their privacy. Ordinary
practice language ("the Local Authority", "Section 47", "Kolb (1984)") is
left alone by an allow-list kept in ``vocabulary``.

``patterns`` holds the compiled regular expressions, ``matching`` the
detector and ``evaluation`` the scoring shared by the tests and
``bench/confidentiality_eval.py``.
"""

from .evaluation import (
    LabelledSentence,
    evaluate,
    read_labelled_sentences,
    recall_by_kind,
)
from .matching import (
    EXPLANATIONS,
    KIND_ADDRESS,
    KIND_CASE_REFERENCE,
    KIND_DATE_OF_BIRTH,
    KIND_EMAIL,
    KIND_NAME,
    KIND_NHS_NUMBER,
    KIND_NI_NUMBER,
    KIND_PHONE,
    KIND_POSTCODE,
    KINDS,
    IdentifierMatch,
    find_identifiers,
)

__all__ = [
    "EXPLANATIONS",
    "KINDS",
    "KIND_ADDRESS",
    "KIND_CASE_REFERENCE",
    "KIND_DATE_OF_BIRTH",
    "KIND_EMAIL",
    "KIND_NAME",
    "KIND_NHS_NUMBER",
    "KIND_NI_NUMBER",
    "KIND_PHONE",
    "KIND_POSTCODE",
    "IdentifierMatch",
    "LabelledSentence",
    "evaluate",
    "find_identifiers",
    "read_labelled_sentences",
    "recall_by_kind",
]
