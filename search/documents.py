"""The Elasticsearch documents (elasticsearch.dsl) and their indices.

Every kind of document lives in its own index, reached through an alias
``<SEARCH_INDEX_PREFIX><kind suffix>`` that points at a dated index
``…-<timestamp>``; ``search_rebuild`` fills a new dated index and swaps the
alias, so searches never see a half-built index.
"""

from django.conf import settings
from django.utils import timezone

from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Long,
    Text,
)

from search.connection import get_client, index_prefix

#: English stemming and stop words on every text field.
ENGLISH = "english"


def index_settings() -> dict:
    """One shard; a replica of it on another node when the cluster has one
    (SEARCH_INDEX_REPLICAS), so losing a node loses no data or searches."""
    return {
        "number_of_shards": 1,
        "number_of_replicas": getattr(settings, "SEARCH_INDEX_REPLICAS", 0),
    }


class SearchDocument(Document):
    """Fields every kind shares: the text, and the facets."""

    kind = Keyword()
    object_id = Long()
    title = Text(analyzer=ENGLISH)
    body = Text(analyzer=ENGLISH)
    #: "<kind>:<type>", such as "entry:course" or "learning_page:researchsummarypage".
    type = Keyword()
    #: Capability framework item ids (PCF domains) and level ids, as strings.
    domains = Keyword(multi=True)
    levels = Keyword(multi=True)
    topics = Keyword(multi=True)
    year = Integer()
    date = Date()


class EntryDocument(SearchDocument):
    """A CPD entry. Who may see it is decided at query time from these fields
    (see search/kinds/entries.py), so supervision changes need no reindex."""

    owner_id = Long()
    state = Keyword()
    shared = Boolean()
    has_review = Boolean()
    review_requested_on = Date()


class LearningPageDocument(SearchDocument):
    """A published learning page; unpublished pages are deleted from the index."""

    url = Keyword(index=False)
    live = Boolean()


def alias_name(suffix: str) -> str:
    return f"{index_prefix()}{suffix}"


def new_index_name(suffix: str) -> str:
    return f"{alias_name(suffix)}-{timezone.now():%Y%m%d%H%M%S%f}"


def create_index(*, name: str, document: type[Document], alias: str | None = None):
    index = Index(name)
    index.settings(**index_settings())
    index.document(document)
    if alias:
        index.aliases(**{alias: {}})
    index.create(using=get_client())
    return index


_ensured: set[tuple[str, str]] = set()


def ensure_index(*, suffix: str, document: type[Document]) -> str:
    """The alias for ``suffix``, created with a first dated index if missing."""
    alias = alias_name(suffix)
    key = (settings.ELASTICSEARCH_URL, alias)
    if key in _ensured:
        return alias
    client = get_client()
    if not client.indices.exists_alias(name=alias):
        from elasticsearch import BadRequestError

        try:
            # A fixed first name, so two workers racing here cannot leave the
            # alias pointing at two indices.
            create_index(name=f"{alias}-initial", document=document, alias=alias)
        except BadRequestError as error:
            # Another worker created it at the same moment.
            if "already exists" not in str(error):
                raise
    _ensured.add(key)
    return alias


def forget_ensured() -> None:
    _ensured.clear()
