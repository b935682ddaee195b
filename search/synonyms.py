"""Social work terms and the abbreviations people type for them.

Applied at query time, for both backends (the test node's Elasticsearch has no
synonym filter, and PostgreSQL and SQLite have none either): a query that
contains any form of a term matches documents that contain any other form.
"""

import re
from dataclasses import dataclass

#: Each line is one group of equivalent forms, lower case.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("cin", "child in need", "children in need"),
    ("cp", "child protection"),
    (
        "lac",
        "cla",
        "looked after children",
        "looked after child",
        "child looked after",
        "children looked after",
    ),
    ("mca", "mental capacity act"),
    ("dols", "deprivation of liberty safeguards", "deprivation of liberty"),
    ("ehcp", "education health and care plan", "education, health and care plan"),
    ("asye", "assessed and supported year in employment"),
    ("nqsw", "newly qualified social worker", "newly qualified social workers"),
    ("psw", "principal social worker"),
    ("pcf", "professional capabilities framework"),
    ("swe", "social work england"),
    ("cpd", "continuing professional development"),
    ("lado", "local authority designated officer"),
    ("mash", "multi agency safeguarding hub", "multi-agency safeguarding hub"),
    ("amhp", "approved mental health professional"),
    ("sgo", "special guardianship order"),
)


def _normalise(text: str) -> str:
    text = text.lower().replace("-", " ").replace(",", " ")
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text)).strip()


_GROUPS = tuple(
    tuple(dict.fromkeys(_normalise(form) for form in group)) for group in SYNONYM_GROUPS
)
#: Longest forms first, so "child in need" wins over a shorter overlap.
_FORMS = sorted(
    ((form, index) for index, group in enumerate(_GROUPS) for form in group),
    key=lambda pair: -len(pair[0]),
)


@dataclass(frozen=True)
class ExpandedQuery:
    """A query split into free words and synonym groups found in it.

    ``words`` must all match (with stemming and, on Elasticsearch, typo
    tolerance); each of ``alternatives`` must match in at least one form.
    """

    words: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...]

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.alternatives)

    @property
    def all_terms(self) -> tuple[str, ...]:
        return self.words + tuple(f for group in self.alternatives for f in group)


def expand(query: str) -> ExpandedQuery:
    text = f" {_normalise(query)} "
    alternatives = []
    for form, index in _FORMS:
        needle = f" {form} "
        if needle in text:
            text = text.replace(needle, " ")
            if _GROUPS[index] not in alternatives:
                alternatives.append(_GROUPS[index])
    return ExpandedQuery(tuple(text.split()), tuple(alternatives))
