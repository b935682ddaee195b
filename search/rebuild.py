"""Rebuild an index from the database without downtime.

A new dated index is created and bulk-loaded while searches keep using the
old one through the alias; the alias then moves to the new index in one atomic
request and the old index is deleted. Changes made during the load are not
lost: every op requested since the rebuild began is marked pending again and
replayed against the new index (external versions keep that idempotent).
"""

import logging
from collections.abc import Callable, Iterator

from django.utils import timezone

from elasticsearch.helpers import streaming_bulk

from search.connection import get_client
from search.documents import alias_name, create_index, forget_ensured, new_index_name
from search.kinds import DocumentKind
from search.models import IndexOperation, IndexOperationStatus
from search.services import index_replay

logger = logging.getLogger(__name__)


def _actions(kind: DocumentKind, index: str) -> Iterator[dict]:
    versions = dict(
        IndexOperation.objects.filter(kind=kind.name).values_list(
            "object_id", "version"
        )
    )
    for obj in kind.all_objects():
        yield {
            "_index": index,
            "_id": f"{kind.name}-{obj.pk}",
            "_source": kind.source(obj),
            "version": versions.get(obj.pk, 0),
            "version_type": "external",
        }


#: Report progress after this many documents (one database write each time).
PROGRESS_EVERY = 500


def index_rebuild(
    *, kind: DocumentKind, progress: Callable[[int], None] | None = None
) -> tuple[str, int]:
    """Rebuild ``kind``'s index; returns the new index name and how many
    documents it holds. ``progress`` is told how many have loaded so far."""
    client = get_client()
    started = timezone.now()
    alias = alias_name(kind.index_suffix)
    name = new_index_name(kind.index_suffix)
    create_index(name=name, document=kind.document)
    loaded = 0
    for ok, item in streaming_bulk(
        client, _actions(kind, name), chunk_size=500, raise_on_error=False
    ):
        if ok:
            loaded += 1
        elif item.get("index", {}).get("status") != 409:
            logger.error("Rebuild could not index %s", item)
        if progress is not None and loaded % PROGRESS_EVERY == 0:
            progress(loaded)
    client.indices.refresh(index=name)
    old = (
        list(client.indices.get_alias(name=alias).keys())
        if client.indices.exists_alias(name=alias)
        else []
    )
    if client.indices.exists(index=alias) and not old:
        # A concrete index squats on the alias's name (left by an old setup).
        client.indices.delete(index=alias)
    actions = [{"remove": {"index": index, "alias": alias}} for index in old]
    actions.append({"add": {"index": name, "alias": alias}})
    client.indices.update_aliases(actions=actions)
    for index in old:
        client.indices.delete(index=index, ignore_unavailable=True)
    forget_ensured()
    # Replay whatever changed while the new index was loading.
    IndexOperation.objects.filter(kind=kind.name, requested_at__gte=started).update(
        status=IndexOperationStatus.PENDING
    )
    index_replay()
    return name, loaded
