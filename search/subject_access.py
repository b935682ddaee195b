"""What the search index holds about a person, for a subject access ZIP:
every entry document they own, read back from Elasticsearch as stored.
Plugged into portfolio.privacy.sources from SearchConfig.ready() (search sits
above portfolio, so privacy never imports it). With the database backend the
index is the database itself, already in the ZIP: nothing extra to add."""

from django.conf import settings

from search.connection import get_client
from search.documents import alias_name
from search.kinds.entries import EntryKind


def search_documents_about(person) -> list[dict]:
    if not settings.ELASTICSEARCH_URL:
        return []
    client = get_client()
    alias = alias_name(EntryKind.index_suffix)
    if not client.indices.exists_alias(name=alias):
        return []
    found = client.search(
        index=alias, query={"term": {"owner_id": person.pk}}, size=10_000
    )
    return [{"id": hit["_id"], **hit["_source"]} for hit in found["hits"]["hits"]]
