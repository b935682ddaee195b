"""Search in the database: PostgreSQL full-text search (English stemming), or
a word match on SQLite. The fallback whenever Elasticsearch cannot answer.

Who may see what comes from each kind's ``db_visible`` queryset (the same
permission policies the rest of the portal uses), so the text match, the
counts and the facets only ever see permitted rows.
"""

from functools import reduce
from operator import and_, or_

from django.db import connection
from django.db.models import F, Q, Value

from search.backends import (
    FACETS,
    Hit,
    SearchRequest,
    SearchResults,
    sorted_facet,
)
from search.highlight import mark, snippet, word_stem
from search.kinds import Viewer, all_kinds
from search.synonyms import ExpandedQuery, expand


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _match_postgres(queryset, kind, expanded: ExpandedQuery):
    from django.contrib.postgres.search import SearchQuery, SearchRank

    parts = []
    if expanded.words:
        parts.append(
            SearchQuery(" ".join(expanded.words), config="english", search_type="plain")
        )
    for group in expanded.alternatives:
        parts.append(
            reduce(
                or_,
                (
                    SearchQuery(form, config="english", search_type="phrase")
                    for form in group
                ),
            )
        )
    query = reduce(and_, parts)
    return (
        queryset.annotate(search_vector=kind.db_vector())
        .filter(search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query))
    )


def _match_simple(queryset, kind, expanded: ExpandedQuery):
    conditions = [kind.db_term_q(word_stem(word)) for word in expanded.words]
    # A form matches when each of its words does (so "looked-after" in the
    # text still matches "looked after").
    conditions += [
        reduce(
            or_,
            (
                reduce(and_, (kind.db_term_q(word) for word in form.split()))
                for form in group
            ),
        )
        for group in expanded.alternatives
    ]
    return queryset.filter(reduce(and_, conditions, Q())).annotate(rank=Value(1.0))


def _matching(kind, viewer: Viewer, request: SearchRequest, expanded):
    queryset = kind.db_visible(viewer)
    match = _match_postgres if _is_postgres() else _match_simple
    queryset = match(queryset, kind, expanded)
    for facet, values in request.filters.items():
        if values:
            queryset = kind.db_filter(queryset, facet, list(values))
    return queryset


def search(*, request: SearchRequest, viewer: Viewer) -> SearchResults:
    expanded = expand(request.text)
    if expanded.is_empty:
        return SearchResults([], 0, {}, backend="database")
    matched = [
        (kind, _matching(kind, viewer, request, expanded)) for kind in all_kinds()
    ]
    total = sum(queryset.count() for _, queryset in matched)
    facets: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    for kind, queryset in matched:
        for facet, counts in kind.db_facets(queryset).items():
            for key, count in counts.items():
                facets[facet][key] = facets[facet].get(key, 0) + count
    wanted = request.offset + request.page_size
    candidates = []
    for kind, queryset in matched:
        date_field = kind.db_date_field
        order = (
            [F(date_field).desc(nulls_last=True), "-pk"]
            if request.sort == "date"
            else ["-rank", F(date_field).desc(nulls_last=True), "-pk"]
        )
        for obj in queryset.order_by(*order)[:wanted]:
            candidates.append((kind, obj, kind.db_hit_fields(obj)))
    if request.sort == "date":
        candidates.sort(
            key=lambda c: (c[2]["date"] is not None, c[2]["date"] or 0), reverse=True
        )
    else:
        candidates.sort(key=lambda c: -c[1].rank)
    terms = expanded.all_terms
    hits = [
        Hit(
            kind=kind.name,
            object_id=obj.pk,
            title=mark(fields["title"], terms),
            snippet=snippet(fields["text"], terms),
            type=fields["type"],
            date=fields["date"],
            owner_id=fields.get("owner_id"),
            url=fields.get("url", ""),
        )
        for kind, obj, fields in candidates[request.offset : wanted]
    ]
    return SearchResults(
        hits=hits,
        total=total,
        facets={facet: sorted_facet(counts) for facet, counts in facets.items()},
        backend="database",
    )
