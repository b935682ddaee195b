"""Published learning pages (research summaries, training events, pathways)
as searchable documents.

Every signed-in person may read published, unrestricted learning content, so
that is all the index holds: unpublishing or deleting a page deletes its
document, and the query still asks for ``live`` as a second guard.
"""

from django.db.models import Count, F, IntegerField, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.html import strip_tags

from wagtail.search import index

from elasticsearch.dsl import Q as EsQ
from elasticsearch.dsl.query import Query

from capabilities.models import ItemKind
from learning.models import LearningContentPage, Topic
from learning.selectors import live_content
from search.documents import LearningPageDocument
from search.kinds.base import DocumentKind, Viewer


def _texts(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [text for part in value for text in _texts(part)]
    return [strip_tags(str(value))]


def _domain_id(item) -> int | None:
    if item.kind == ItemKind.DOMAIN:
        return item.pk
    if item.parent_id and item.parent.kind == ItemKind.DOMAIN:
        return item.parent_id
    return None


class LearningPageKind(DocumentKind):
    name = "learning_page"
    index_suffix = "learning"
    document = LearningPageDocument

    def _live(self) -> QuerySet:
        return live_content()

    def load(self, object_id: int):
        page = self._live().filter(pk=object_id).first()
        return page.specific if page is not None else None

    def all_objects(self):
        yield from self._live().order_by("pk").specific().iterator(chunk_size=200)

    def count_objects(self) -> int:
        return self._live().count()

    def source(self, page) -> dict:
        texts = []
        # The page type's own Wagtail search fields (summary, body, findings…):
        # each knows how to turn its field, StreamFields included, into text.
        for field in page.get_search_fields():
            if isinstance(field, index.SearchField) and field.field_name != "title":
                try:
                    texts += _texts(field.get_value(page))
                except AttributeError:
                    continue
        topics = list(page.topics.all())
        texts += [topic.name for topic in topics]
        items = list(page.supported_items.select_related("parent"))
        published = page.first_published_at or page.last_published_at
        return {
            "kind": self.name,
            "object_id": page.pk,
            "title": page.title,
            "body": "\n".join(text for text in texts if text),
            "type": f"{self.name}:{page.specific_class._meta.model_name}",
            "domains": sorted(
                {str(d) for item in items if (d := _domain_id(item)) is not None}
            ),
            "levels": sorted(str(level.pk) for level in page.levels.all()),
            "topics": sorted(str(topic.pk) for topic in topics),
            "year": published.year if published else None,
            "date": published.date() if published else None,
            "url": page.get_url() or "",
            "live": page.live,
        }

    def es_visibility(self, viewer: Viewer) -> Query | None:
        if viewer.user_id is None:
            return None
        return EsQ("term", kind=self.name) & EsQ("term", live=True)

    def db_visible(self, viewer: Viewer) -> QuerySet:
        if viewer.user_id is None:
            return self._live().none()
        return self._live()

    # -- database backend hooks ---------------------------------------------
    db_date_field = "first_published_at"
    #: Not keyed: which pages are public depends on the view restrictions'
    #: rows, which Wagtail reads while building the query.
    db_model = LearningContentPage

    def db_vector(self):
        from django.contrib.postgres.search import SearchVector

        return SearchVector("title", weight="A", config="english") + SearchVector(
            "summary", "search_description", weight="B", config="english"
        )

    def db_term_q(self, term: str) -> Q:
        return (
            Q(title__icontains=term)
            | Q(summary__icontains=term)
            | Q(search_description__icontains=term)
        )

    def _through(self, name: str):
        return getattr(LearningContentPage, name).through.objects

    def db_filter(self, queryset, facet: str, values: list[str]):
        ids = [int(v) for v in values if v.isdigit()]
        if facet == "type":
            prefix = f"{self.name}:"
            models = [v.removeprefix(prefix) for v in values if v.startswith(prefix)]
            return queryset.filter(
                content_type__app_label="learning", content_type__model__in=models
            )
        if facet == "domains":
            return queryset.filter(
                pk__in=self._through("supported_items")
                .filter(Q(item_id__in=ids) | Q(item__parent_id__in=ids))
                .values("learningcontentpage_id")
            )
        if facet == "levels":
            return queryset.filter(
                pk__in=self._through("levels")
                .filter(level_id__in=ids)
                .values("learningcontentpage_id")
            )
        if facet == "topics":
            return queryset.filter(
                pk__in=self._through("topics")
                .filter(topic_id__in=ids)
                .values("learningcontentpage_id")
            )
        if facet == "year":
            return queryset.filter(first_published_at__year__in=ids)
        return queryset.none()

    def db_facets(self, queryset, ids: list[int]) -> dict[str, dict[str, int]]:
        from django.db.models import Case, When

        ids = queryset.values("pk")
        supported = self._through("supported_items").filter(
            learningcontentpage_id__in=ids
        )
        domains = supported.annotate(
            domain_id=Case(
                When(item__kind=ItemKind.DOMAIN, then=F("item_id")),
                When(item__parent__kind=ItemKind.DOMAIN, then=F("item__parent_id")),
                default=None,
                output_field=IntegerField(),
            )
        ).filter(domain_id__isnull=False)

        def counts(rows, key):
            return {str(row[key]): row["n"] for row in rows}

        return {
            "type": {
                f"{self.name}:{row['content_type__model']}": row["n"]
                for row in queryset.order_by()
                .values("content_type__model")
                .annotate(n=Count("pk", distinct=True))
            },
            "year": counts(
                queryset.order_by()
                .exclude(first_published_at=None)
                .annotate(y=ExtractYear("first_published_at"))
                .values("y")
                .annotate(n=Count("pk", distinct=True)),
                "y",
            ),
            "domains": counts(
                domains.values("domain_id").annotate(
                    n=Count("learningcontentpage_id", distinct=True)
                ),
                "domain_id",
            ),
            "levels": counts(
                self._through("levels")
                .filter(learningcontentpage_id__in=ids)
                .values("level_id")
                .annotate(n=Count("learningcontentpage_id", distinct=True)),
                "level_id",
            ),
            "topics": counts(
                self._through("topics")
                .filter(learningcontentpage_id__in=ids)
                .values("topic_id")
                .annotate(n=Count("learningcontentpage_id", distinct=True)),
                "topic_id",
            ),
        }

    def db_hit_fields(self, page) -> dict:
        published = page.first_published_at
        return {
            "title": page.title,
            "text": page.summary,
            "type": f"{self.name}:{page.content_type.model}",
            "date": published.date() if published else None,
        }

    def type_label(self, code: str) -> str:
        from django.apps import apps

        model_name = code.removeprefix(f"{self.name}:")
        try:
            model = apps.get_model("learning", model_name)
        except LookupError:
            return model_name
        return str(model._meta.verbose_name).capitalize()

    def topic_labels(self, ids: list[int]) -> dict[str, str]:
        return {str(topic.pk): topic.name for topic in Topic.objects.filter(pk__in=ids)}

    def url_for(self, *, kind_fields: dict, viewer: Viewer) -> str:
        page = self._live().filter(pk=kind_fields["object_id"]).first()
        return (page.get_url() or "") if page else ""
