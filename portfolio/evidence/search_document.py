"""Each entry's PostgreSQL text-search document, kept on the entry.

Database search (the fallback when Elasticsearch does not answer) matched
words against a document it built from every visible entry's texts and
reflection stages on every search: most of the search page's time at 1,000
entries. The document is now written to ``Entry.search_document`` in the
transaction of every save of an entry and every save or delete of one of its
stages, so a search right after a save sees it. Rows without one (never
saved since, or written by a path that bypasses signals) are built at search
time as before: ``entry_search_vector`` is the one definition of both.
"""

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connection
from django.db.models import F, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save

from portfolio.evidence.models import Entry, ReflectionStage

#: What search reads besides the title (weighted below it).
TEXT_FIELDS = ("description", "learning", "impact", "peer_reflection")


def entry_search_vector():
    """The document of the entry in the query's row: its title weighted above
    its texts and its reflection stages."""
    from django.contrib.postgres.aggregates import StringAgg

    stages = Subquery(
        ReflectionStage.objects.filter(entry=OuterRef("pk"))
        .order_by()
        .values("entry")
        .annotate(text=StringAgg("text", " "))
        .values("text")[:1]
    )
    return SearchVector("title", weight="A", config="english") + SearchVector(
        *TEXT_FIELDS,
        Coalesce(stages, Value(""), output_field=TextField()),
        weight="B",
        config="english",
    )


def entry_search_document():
    """The kept document, or one built now where there is none."""
    return Coalesce(
        F("search_document"),
        entry_search_vector(),
        output_field=SearchVectorField(),
    )


def entry_search_document_keep(*, entry_ids) -> None:
    if connection.vendor != "postgresql":
        return
    Entry.objects.filter(pk__in=entry_ids).update(search_document=entry_search_vector())


def _entry_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        entry_search_document_keep(entry_ids=[instance.pk])


def _stage_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        entry_search_document_keep(entry_ids=[instance.entry_id])


def connect_search_document_signals() -> None:
    post_save.connect(_entry_saved, sender=Entry, dispatch_uid="search-document-entry")
    for signal, when in ((post_save, "save"), (post_delete, "delete")):
        signal.connect(
            _stage_changed,
            sender=ReflectionStage,
            dispatch_uid=f"search-document-stage-{when}",
        )
