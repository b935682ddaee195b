"""Search on Elasticsearch through elasticsearch.dsl.

Visibility is a filter inside the query (each kind's ``es_visibility``), so
hits, the total, facet counts and highlights are all computed over permitted
documents only. Any failure to get an answer raises SearchUnavailable; the
caller falls back to the database.
"""

from datetime import date

from elasticsearch.dsl import Q, Search

from search.backends import (
    FACETS,
    Hit,
    SearchRequest,
    SearchResults,
    SearchUnavailable,
    sorted_facet,
)
from search.connection import get_client
from search.documents import alias_name
from search.kinds import Viewer, all_kinds
from search.synonyms import ExpandedQuery, expand

TEXT_FIELDS = ["title^3", "body"]
FACET_SIZE = 30
SOURCE_FIELDS = ["kind", "object_id", "title", "type", "date", "owner_id", "url"]


def text_query(expanded: ExpandedQuery, *, fuzzy: bool = True):
    """Every free word must match (stemmed, typos allowed); each synonym group
    must match in one of its forms, as a phrase."""
    must = []
    if expanded.words:
        # One typo allowed from 4 letters, two from 8, none in the first
        # letter; few expansions per word keep it cheap (bench/search.py).
        typos = (
            {"fuzziness": "AUTO:4,8", "prefix_length": 1, "max_expansions": 10}
            if fuzzy
            else {}
        )
        must.append(
            Q(
                "multi_match",
                query=" ".join(expanded.words),
                fields=TEXT_FIELDS,
                operator="and" if fuzzy else "or",
                **typos,
            )
        )
    for group in expanded.alternatives:
        must.append(
            Q(
                "bool",
                should=[
                    Q("multi_match", query=form, type="phrase", fields=TEXT_FIELDS)
                    for form in group
                ],
                minimum_should_match=1,
            )
        )
    return must


def visibility_filter(viewer: Viewer):
    allowed = [q for kind in all_kinds() if (q := kind.es_visibility(viewer))]
    if not allowed:
        return None
    return Q("bool", should=allowed, minimum_should_match=1)


def build_search(*, request: SearchRequest, viewer: Viewer) -> Search | None:
    expanded = expand(request.text)
    visible = visibility_filter(viewer)
    if expanded.is_empty or visible is None:
        return None
    filters = [visible]
    for facet, values in request.filters.items():
        if values and facet in FACETS:
            filters.append(Q("terms", **{facet: list(values)}))
    indices = [alias_name(kind.index_suffix) for kind in all_kinds()]
    search = (
        Search(using=get_client(), index=indices)
        .query(Q("bool", must=text_query(expanded), filter=filters))
        .source(SOURCE_FIELDS)
        .params(ignore_unavailable=True, allow_no_indices=True)
        .highlight_options(
            # Marking fuzzy matches costs the highlighter far more than the
            # search itself (measured: 6x); the words as typed and their stems
            # are marked, a corrected typo is found but not marked.
            highlight_query=Q(
                "bool", should=text_query(expanded, fuzzy=False)
            ).to_dict(),
            encoder="html",
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            fragment_size=160,
            number_of_fragments=1,
        )
        .highlight("title", number_of_fragments=0)
        .highlight("body", no_match_size=160)
        .extra(track_total_hits=True)
    )
    for facet in FACETS:
        search.aggs.bucket(facet, "terms", field=facet, size=FACET_SIZE)
    if request.sort == "date":
        search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
    return search[request.offset : request.offset + request.page_size]


def _hit(raw) -> Hit:
    highlight = getattr(raw.meta, "highlight", None)
    title_marked = highlight and "title" in highlight
    body = highlight["body"][0] if highlight and "body" in highlight else ""
    day = getattr(raw, "date", None)
    if isinstance(day, str):
        day = date.fromisoformat(day[:10])
    elif day is not None and hasattr(day, "date"):
        day = day.date()
    return Hit(
        kind=raw.kind,
        object_id=int(raw.object_id),
        title=highlight["title"][0] if title_marked else _escaped(raw.title),
        snippet=body,
        type=getattr(raw, "type", "") or "",
        date=day,
        owner_id=getattr(raw, "owner_id", None),
        url=getattr(raw, "url", "") or "",
    )


def _escaped(text) -> str:
    from django.utils.html import escape

    return escape(text or "")


def search(*, request: SearchRequest, viewer: Viewer) -> SearchResults:
    built = build_search(request=request, viewer=viewer)
    if built is None:
        return SearchResults([], 0, {}, backend="elasticsearch")
    try:
        response = built.execute()
    except Exception as error:
        raise SearchUnavailable(str(error)) from error
    # Before anything has been indexed there are no indices and so no
    # aggregations in the answer: that is no facets, not an error.
    aggregations = response.to_dict().get("aggregations", {})
    facets = {
        facet: sorted_facet(
            {
                str(bucket["key"]): bucket["doc_count"]
                for bucket in aggregations.get(facet, {}).get("buckets", [])
            }
        )
        for facet in FACETS
    }
    return SearchResults(
        hits=[_hit(raw) for raw in response],
        total=response.hits.total.value,
        facets=facets,
        backend="elasticsearch",
    )
