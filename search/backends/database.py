"""Search in the database: PostgreSQL full-text search (English stemming), or
a word match on SQLite. The fallback whenever Elasticsearch cannot answer.

Who may see what comes from each kind's ``db_visible`` queryset (the same
permission policies the rest of the portal uses). The visible ids are taken
first and the text is matched only within them, so the counts and facets only
ever see permitted rows, and PostgreSQL never builds a text vector for a row
the person could not see (which also keeps it fast: measured in
bench/search.py).
"""

from functools import reduce
from operator import and_, or_

from django.core.exceptions import EmptyResultSet
from django.db import connection, connections
from django.db.models import F, Lookup, Q, Value
from django.db.models.expressions import RawSQL

from replica import replica_reads
from search.backends import (
    FACETS,
    Hit,
    SearchRequest,
    SearchResults,
    sorted_facet,
)
from search.highlight import mark, snippet, word_stem
from search.kinds import DocumentKind, Viewer, all_kinds
from search.synonyms import ExpandedQuery, expand


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


class _AnyOf(Lookup):
    """``field = ANY(array)``, the array given as ids or as a subquery.

    Ids travel as one array literal: a thousand ids as a thousand parameters
    cost more to build, bind and parse than PostgreSQL takes to answer. A
    subquery becomes ``ARRAY(subquery)``, which PostgreSQL runs once, first,
    so the rows it names are then read by primary key: the text is matched
    only within them, never over the whole table (issue #15)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        if hasattr(self.rhs, "as_sql"):
            rhs_sql, rhs_params = compiler.compile(self.rhs)
            return f"{lhs_sql} = ANY(ARRAY{rhs_sql})", (*lhs_params, *rhs_params)
        ids = "{" + ",".join(str(int(pk)) for pk in self.rhs) + "}"
        return f"{lhs_sql} = ANY(%s::bigint[])", (*lhs_params, ids)


def _among(queryset, ids):
    """``queryset`` narrowed to the primary keys ``ids`` (a list, or a
    queryset of primary keys)."""
    if _is_postgres():
        return queryset.filter(_AnyOf(F("pk"), ids))
    return queryset.filter(pk__in=ids)


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


#: The SQL (and parameters) of "the ids this viewer may see of this kind,
#: with these filters", by kind.db_visible_key(viewer) and the filters.
#: Compiling the permission policy's query was a fifth of the page's cost
#: (issue #15), and the SQL is the same for every search the person makes
#: until a fact in the key changes; the rows it selects are read afresh by
#: every query that embeds it, so a new entry, share or supervision shows
#: at once. Per process, and cleared when full.
_VISIBLE_SQL: dict[tuple, tuple[str, tuple]] = {}
VISIBLE_SQL_LIMIT = 2048


def _visible_ids(kind: DocumentKind, viewer: Viewer, request: SearchRequest):
    """The primary keys ``viewer`` may see of ``kind`` matching the request's
    filters: a queryset, or the same as raw SQL once compiled for them."""
    facts = kind.db_visible_key(viewer)
    filters = tuple(sorted((f, tuple(v)) for f, v in request.filters.items() if v))
    key = (kind.name, connection.vendor, facts, filters)
    # One lookup: another thread may clear the dictionary between two.
    cached = _VISIBLE_SQL.get(key) if facts is not None else None
    if cached is not None:
        return RawSQL(*cached)  # noqa: S611 - compiled by the ORM
    visible = kind.db_visible(viewer)
    for facet, values in filters:
        visible = kind.db_filter(visible, facet, list(values))
    ids = visible.order_by().values("pk").distinct()
    if facts is None:
        return ids
    try:
        compiled = ids.query.sql_with_params()
    except EmptyResultSet:
        return ids  # a filter this kind does not have: nothing to reuse
    if len(_VISIBLE_SQL) >= VISIBLE_SQL_LIMIT:
        _VISIBLE_SQL.clear()
    _VISIBLE_SQL[key] = compiled
    return RawSQL(*compiled)  # noqa: S611 - compiled by the ORM


def _matches(kind: DocumentKind, viewer: Viewer, request, expanded):
    """(pk, rank, date) of every visible object of ``kind`` that matches."""
    model = kind.db_model
    visible_ids = _visible_ids(kind, viewer, request)
    if not _is_postgres():
        visible_ids = list(
            model._default_manager.filter(pk__in=visible_ids).values_list(
                "pk", flat=True
            )
        )
        if not visible_ids:
            return []
    match = _match_postgres if _is_postgres() else _match_simple
    matched = match(_among(model._default_manager.all(), visible_ids), kind, expanded)
    rows = matched.values_list("pk", "rank", kind.db_date_field)
    if not _is_postgres():
        return list(rows)
    # psycopg's rows as they come (ints, floats, dates: nothing to convert),
    # without the ORM's work per row, which at a thousand matches was a
    # tenth of the page (issue #15). Read where the queryset would be.
    try:
        sql, params = rows.query.get_compiler(rows.db).as_sql()
    except EmptyResultSet:
        return []  # filtered on a facet this kind does not have
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _sort_key(sort: str):
    # Called once per match (a thousand on a full portfolio): the day is
    # worked out once per row.
    def by_date(row):
        pk, _rank, value = row[1]
        day = value.date() if hasattr(value, "date") else value
        return (day is not None, day or 0, pk)

    if sort == "date":
        return by_date

    def by_relevance(row):
        return (row[1][1], *by_date(row))

    return by_relevance


def search(*, request: SearchRequest, viewer: Viewer) -> SearchResults:
    expanded = expand(request.text)
    if expanded.is_empty:
        return SearchResults([], 0, {}, backend="database")
    rows = []
    facets: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    # The heavy part (text matching, counts) may read from the replica.
    with replica_reads():
        for kind in all_kinds():
            matched = _matches(kind, viewer, request, expanded)
            rows += [(kind, row) for row in matched]
            if matched:
                ids = [row[0] for row in matched]
                found = _among(kind.db_model._default_manager.all(), ids)
                for facet, counts in kind.db_facets(found, ids).items():
                    for key, count in counts.items():
                        facets[facet][key] = facets[facet].get(key, 0) + count
    rows.sort(key=_sort_key(request.sort), reverse=True)
    page = rows[request.offset : request.offset + request.page_size]
    terms = expanded.all_terms
    # What is shown is loaded from the primary through the permission check
    # again: a supervision ended a moment ago may not have reached the
    # replica yet, and nothing it no longer allows may be shown.
    loaded = {}
    for kind in {kind for kind, _ in page}:
        wanted = [row[0] for k, row in page if k is kind]
        visible = _visible_ids(kind, viewer, SearchRequest(text=""))
        if isinstance(visible, RawSQL):
            visible = _among(kind.db_model._default_manager.all(), visible)
        else:
            visible = kind.db_visible(viewer)
        for obj in visible.filter(pk__in=wanted):
            loaded[kind.name, obj.pk] = obj
    page = [(kind, row) for kind, row in page if (kind.name, row[0]) in loaded]
    hits = []
    for kind, (pk, _rank, _date) in page:
        fields = kind.db_hit_fields(loaded[kind.name, pk])
        hits.append(
            Hit(
                kind=kind.name,
                object_id=pk,
                title=mark(fields["title"], terms),
                snippet=snippet(fields["text"], terms),
                type=fields["type"],
                date=fields["date"],
                owner_id=fields.get("owner_id"),
            )
        )
    return SearchResults(
        hits=hits,
        total=len(rows),
        facets={facet: sorted_facet(counts) for facet, counts in facets.items()},
        backend="database",
    )
