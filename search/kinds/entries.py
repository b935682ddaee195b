"""Portfolio entries as searchable documents.

Visibility mirrors portfolio.evidence.policies exactly: the owner sees all of
their entries (drafts too); a current supervisor sees a supervisee's complete
entries that are shared with supervisors, or were sent for review since the
relationship began. The document stores the facts (owner, state, shared, the
review date); the viewer's current supervisions come from the database at
query time.
"""

from datetime import UTC

from django.db import connection
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    QuerySet,
    Value,
    When,
)
from django.db.models import Q as DjangoQ
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone

from elasticsearch.dsl import Q
from elasticsearch.dsl.query import Query

from capabilities.models import Item, ItemKind
from portfolio.evidence.models import CPDType, Entry, EntryMapping, ReflectionStage
from portfolio.evidence.policies import entry_policy
from portfolio.evidence.search_document import TEXT_FIELDS, entry_search_document
from search.documents import EntryDocument
from search.kinds.base import DocumentKind, Viewer


def _is_small_number(value: str) -> bool:
    """A facet value that is a plain number PostgreSQL's integers can hold:
    ``isdigit`` alone lets "²" (which ``int`` refuses) and 30 digits through."""
    return value.isascii() and value.isdigit() and len(value) <= 9


def _domain_id(item) -> int | None:
    if item.kind == ItemKind.DOMAIN:
        return item.pk
    parent = item.parent
    if parent is not None and parent.kind == ItemKind.DOMAIN:
        return parent.pk
    return None


_FACETS_SQL = f"""
WITH found AS (
    SELECT id, cpd_type, activity_date FROM {Entry._meta.db_table}
    WHERE id = ANY(%s::bigint[])
), mapped AS (
    SELECT m.entry_id,
           CASE WHEN i.kind = %s THEN i.id WHEN p.kind = %s THEN p.id END
               AS domain_id,
           COALESCE(m.level_id, i.level_id) AS level_key
    FROM {EntryMapping._meta.db_table} m
    JOIN found ON found.id = m.entry_id
    JOIN {Item._meta.db_table} i ON i.id = m.item_id
    LEFT JOIN {Item._meta.db_table} p ON p.id = i.parent_id
)
SELECT 'type', cpd_type, COUNT(*) FROM found
    WHERE COALESCE(cpd_type, '') <> '' GROUP BY cpd_type
UNION ALL
SELECT 'year', EXTRACT(YEAR FROM activity_date)::int::text, COUNT(*) FROM found
    WHERE activity_date IS NOT NULL GROUP BY 2
UNION ALL
SELECT 'domains', domain_id::text, COUNT(DISTINCT entry_id) FROM mapped
    WHERE domain_id IS NOT NULL GROUP BY domain_id
UNION ALL
SELECT 'levels', level_key::text, COUNT(DISTINCT entry_id) FROM mapped
    WHERE level_key IS NOT NULL GROUP BY level_key
"""  # noqa: S608 - table names from the models, values as parameters


class EntryKind(DocumentKind):
    name = "entry"
    index_suffix = "entries"
    document = EntryDocument

    def _queryset(self):
        return Entry.objects.prefetch_related(
            "stages", "mappings__item__parent", "mappings__item__level"
        )

    def load(self, object_id: int):
        return self._queryset().filter(pk=object_id).first()

    def all_objects(self):
        return self._queryset().order_by("pk").iterator(chunk_size=500)

    def count_objects(self) -> int:
        return Entry.objects.count()

    def source(self, entry) -> dict:
        mappings = list(entry.mappings.all())
        texts = [getattr(entry, name) for name in TEXT_FIELDS]
        texts += [stage.text for stage in entry.stages.all()]
        texts += [mapping.justification for mapping in mappings]
        levels = {
            mapping.level_id or mapping.item.level_id
            for mapping in mappings
            if mapping.level_id or mapping.item.level_id
        }
        requested = entry.review_requested_at
        return {
            "kind": self.name,
            "object_id": entry.pk,
            "title": entry.title,
            "body": "\n".join(text for text in texts if text),
            "type": f"{self.name}:{entry.cpd_type}" if entry.cpd_type else None,
            "domains": sorted(
                {str(d) for m in mappings if (d := _domain_id(m.item)) is not None}
            ),
            "levels": sorted(str(level) for level in levels),
            "topics": [],
            "year": entry.activity_date.year if entry.activity_date else None,
            "date": entry.activity_date,
            "owner_id": entry.owner_id,
            "state": entry.state,
            "shared": entry.shared_with_supervisors,
            "has_review": bool(entry.review_state),
            # The policy compares the UTC date the review was requested with
            # the day the supervision started; so do we.
            "review_requested_on": requested.astimezone(UTC).date()
            if requested
            else None,
        }

    def es_visibility(self, viewer: Viewer) -> Query | None:
        if viewer.user_id is None:
            return None
        allowed = Q("term", owner_id=viewer.user_id)
        if viewer.supervisions:
            complete = Q("term", state="complete")
            allowed |= (
                complete
                & Q("term", shared=True)
                & Q("terms", owner_id=viewer.supervisee_ids)
            )
            for supervisee_id, starts_on in viewer.supervisions:
                allowed |= (
                    complete
                    & Q("term", owner_id=supervisee_id)
                    & Q("term", has_review=True)
                    & Q("range", review_requested_on={"gte": starts_on.isoformat()})
                )
        return Q("term", kind=self.name) & allowed

    def db_visible(self, viewer: Viewer) -> QuerySet:
        if viewer.user_id is None:
            return Entry.objects.none()
        return entry_policy().instances_user_has_any_permission_for(
            viewer.user, ["view"]
        )

    # -- database backend hooks ---------------------------------------------
    db_date_field = "activity_date"
    db_model = Entry

    def db_visible_key(self, viewer: Viewer):
        # The entry policy's query is built from the person, their
        # organisation and today's date (which supervisions are current);
        # the supervisions themselves are read by the query when it runs.
        # They are in the key all the same, so that a change to them can
        # never be served a query built before it.
        user = viewer.user
        if viewer.user_id is None:
            return None
        return (
            viewer.user_id,
            user.organisation_id,
            user.is_active,
            timezone.localdate(),
            viewer.supervisions,
        )

    def db_vector(self):
        """PostgreSQL's document: the title weighted above the rest, as kept
        on the entry (portfolio.evidence.search_document)."""
        return entry_search_document()

    def db_term_q(self, term: str) -> DjangoQ:
        """SQLite's match: the term anywhere in the entry's text."""

        condition = DjangoQ(title__icontains=term)
        for name in TEXT_FIELDS:
            condition |= DjangoQ(**{f"{name}__icontains": term})
        return condition | DjangoQ(
            pk__in=ReflectionStage.objects.filter(text__icontains=term).values(
                "entry_id"
            )
        )

    def db_filter(self, queryset, facet: str, values: list[str]):
        if facet == "type":
            prefix = f"{self.name}:"
            codes = [v.removeprefix(prefix) for v in values if v.startswith(prefix)]
            return queryset.filter(cpd_type__in=codes)
        if facet == "domains":
            ids = [int(v) for v in values if _is_small_number(v)]
            return queryset.filter(
                pk__in=self._mappings_with_domain()
                .filter(domain_id__in=ids)
                .values("entry_id")
            )
        if facet == "levels":
            ids = [int(v) for v in values if _is_small_number(v)]
            return queryset.filter(
                pk__in=self._mappings_with_level()
                .filter(level_key__in=ids)
                .values("entry_id")
            )
        if facet == "year":
            years = [int(v) for v in values if _is_small_number(v)]
            return queryset.filter(activity_date__year__in=years)
        return queryset.none()

    def _mappings_with_domain(self):
        return EntryMapping.objects.annotate(
            domain_id=Case(
                When(item__kind=ItemKind.DOMAIN, then=F("item_id")),
                When(item__parent__kind=ItemKind.DOMAIN, then=F("item__parent_id")),
                default=None,
                output_field=IntegerField(),
            )
        )

    def _mappings_with_level(self):
        return EntryMapping.objects.annotate(
            level_key=Case(
                When(level__isnull=False, then=F("level_id")),
                default=F("item__level_id"),
                output_field=IntegerField(),
            )
        )

    def db_facets(self, queryset, ids: list[int]) -> dict[str, dict[str, int]]:
        if connection.vendor == "postgresql":
            return self._facets_postgres(ids)
        # Two queries rather than one per facet. Each entry has one type and
        # one year, so counts grouped by both add up to each facet's counts.
        types: dict[str, int] = {}
        years: dict[str, int] = {}
        for cpd_type, year, count in (
            queryset.order_by()
            .annotate(y=ExtractYear("activity_date"))
            .values("cpd_type", "y")
            .annotate(n=Count("pk", distinct=True))
            .values_list("cpd_type", "y", "n")
        ):
            if cpd_type:
                key = f"{self.name}:{cpd_type}"
                types[key] = types.get(key, 0) + count
            if year is not None:
                years[str(year)] = years.get(str(year), 0) + count
        # An entry can map to several domains and levels: distinct entries
        # are counted per domain and per level, in one round trip.
        ids = queryset.values("pk")
        domains = (
            self._mappings_with_domain()
            .filter(entry_id__in=ids, domain_id__isnull=False)
            .values("domain_id")
            .annotate(facet=Value("domains"), n=Count("entry_id", distinct=True))
            .values_list("facet", "domain_id", "n")
        )
        levels = (
            self._mappings_with_level()
            .filter(entry_id__in=ids, level_key__isnull=False)
            .values("level_key")
            .annotate(facet=Value("levels"), n=Count("entry_id", distinct=True))
            .values_list("facet", "level_key", "n")
        )
        facets = {"type": types, "year": years, "domains": {}, "levels": {}}
        for facet, key, count in domains.union(levels, all=True):
            facets[facet][str(key)] = count
        return facets

    def _facets_postgres(self, ids: list[int]) -> dict[str, dict[str, int]]:
        """All four facets in one plain SQL statement: building the same from
        querysets (a union, two CASE annotations) cost the search page about
        ten million instructions in the ORM alone (issue #15). The same rules
        as the querysets above: an entry's level is its mapping's level, else
        the item's; its domain is the item, or the item's parent, that is a
        domain; distinct entries are counted per domain and per level."""
        array = "{" + ",".join(str(int(pk)) for pk in ids) + "}"
        facets: dict[str, dict[str, int]] = {
            "type": {},
            "year": {},
            "domains": {},
            "levels": {},
        }
        with connection.cursor() as cursor:
            cursor.execute(_FACETS_SQL, [array, *[ItemKind.DOMAIN.value] * 2])
            for facet, key, count in cursor.fetchall():
                if facet == "type":
                    key = f"{self.name}:{key}"
                facets[facet][str(key)] = count
        return facets

    def db_hit_fields(self, entry) -> dict:
        return {
            "title": entry.title,
            "text": "\n".join(getattr(entry, name) for name in TEXT_FIELDS),
            "type": f"{self.name}:{entry.cpd_type}" if entry.cpd_type else "",
            "date": entry.activity_date,
            "owner_id": entry.owner_id,
        }

    def type_label(self, code: str) -> str:
        value = code.removeprefix(f"{self.name}:")
        try:
            return str(CPDType(value).label)
        except ValueError:
            return value

    def url_for(self, *, kind_fields: dict, viewer: Viewer) -> str:
        object_id = kind_fields["object_id"]
        if kind_fields.get("owner_id") == viewer.user_id:
            return reverse("portfolio:entry_detail", args=[object_id])
        return reverse("supervision:entry_review", args=[object_id])
