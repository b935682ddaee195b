"""One search interface, two backends.

``database`` (PostgreSQL full-text, or a simple word match on SQLite) is the
default and the fallback; ``elasticsearch`` is used when ELASTICSEARCH_URL is
set and the circuit breaker is closed. Both take a SearchRequest and a Viewer
and return SearchResults; the same contract tests run against each.
"""

from dataclasses import dataclass, field
from datetime import date

#: Facets in the order they are shown; each is a document field.
FACETS = ("type", "domains", "levels", "topics", "year")
SORTS = ("relevance", "date")
PAGE_SIZE = 10


class SearchUnavailable(Exception):
    """Elasticsearch did not answer (down, hung, erroring, or the breaker is open)."""


@dataclass(frozen=True)
class SearchRequest:
    text: str
    #: facet name → selected values (any of them matches)
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = PAGE_SIZE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    title: str
    #: HTML-escaped text with the matches wrapped in <mark>.
    snippet: str
    type: str
    date: date | None
    owner_id: int | None = None
    url: str = ""


@dataclass
class SearchResults:
    hits: list[Hit]
    total: int
    #: facet → [(value, count)], most frequent first
    facets: dict[str, list[tuple[str, int]]]
    backend: str
    #: Shown on the page when the results come from the fallback.
    notice: str = ""


def sorted_facet(counts: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(
        ((key, count) for key, count in counts.items() if count),
        key=lambda p: (-p[1], p[0]),
    )
