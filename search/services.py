"""Writes for search: the index outbox and applying it to Elasticsearch.

``index_operation_record`` is called from signal receivers inside the
transaction that changes an object, so the row commits or rolls back with the
change, and queues its task through the jobs package after commit (never
blocking the request when the broker is down: the sweep sends it later).
``index_operation_apply`` (run by that task, and by ``index_replay``) writes
the object's current state, or its deletion, to Elasticsearch; it is
idempotent, and safe to run twice or out of order.
"""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from elasticsearch import ConflictError, NotFoundError

from jobs.services import job_enqueue, job_touch
from search import breaker
from search.backends import SearchUnavailable
from search.connection import elasticsearch_configured, get_client, is_outage
from search.documents import ensure_index
from search.kinds import get_kind
from search.models import IndexOperation, IndexOperationStatus

logger = logging.getLogger(__name__)

#: Ops a replay looks at in one run.
REPLAY_BATCH = 500
PENDING = IndexOperationStatus.PENDING


def _refresh():
    # Tests ask for every write to be searchable at once; production relies
    # on the normal one-second refresh.
    return "true" if getattr(settings, "SEARCH_REFRESH_ON_WRITE", False) else None


def index_operation_record(*, kind: str, object_id: int, action: str) -> None:
    """Note that the document for ``kind``/``object_id`` must be rewritten.

    Call inside the transaction that makes the change. Bumps the version of an
    existing row (one row per object however often it changes) and, once the
    transaction commits, enqueues the task that applies it.
    """
    if not elasticsearch_configured():
        return
    now = timezone.now()
    with transaction.atomic():
        updated = IndexOperation.objects.filter(kind=kind, object_id=object_id).update(
            version=F("version") + 1, status=PENDING, action=action, requested_at=now
        )
        if not updated:
            try:
                with transaction.atomic():
                    IndexOperation.objects.create(
                        kind=kind, object_id=object_id, action=action, requested_at=now
                    )
            except IntegrityError:
                # Created by a concurrent transaction since our update.
                IndexOperation.objects.filter(kind=kind, object_id=object_id).update(
                    version=F("version") + 1,
                    status=PENDING,
                    action=action,
                    requested_at=now,
                )
    job_enqueue(IndexOperation.objects.only("pk").get(kind=kind, object_id=object_id))


def _write(kind, object_id: int, version: int) -> None:
    client = get_client()
    alias = ensure_index(suffix=kind.index_suffix, document=kind.document)
    obj = kind.load(object_id)
    doc_id = f"{kind.name}-{object_id}"
    try:
        if obj is None:
            client.delete(
                index=alias,
                id=doc_id,
                version=version,
                version_type="external",
                refresh=_refresh(),
            )
        else:
            client.index(
                index=alias,
                id=doc_id,
                document=kind.source(obj),
                version=version,
                version_type="external",
                refresh=_refresh(),
            )
    except NotFoundError:
        pass  # already deleted, or never indexed
    except ConflictError:
        pass  # a newer version is already there: nothing to do


def index_operation_apply(*, kind: str, object_id: int) -> bool:
    """Bring one document up to date. Returns True if the op is now applied
    (or there was nothing to do); raises SearchUnavailable if Elasticsearch
    cannot be reached, leaving the op pending."""
    op = IndexOperation.objects.filter(kind=kind, object_id=object_id).first()
    if op is None or not op.pending:
        return True
    # Counted and stamped first, so the sweep sees a task still at work.
    job_touch(IndexOperation, op.pk)
    if not breaker.allow_request():
        raise SearchUnavailable("The circuit breaker is open.")
    try:
        _write(get_kind(kind), object_id, op.version)
    except Exception as error:
        outage = is_outage(error)
        if outage:
            breaker.record_failure()
        IndexOperation.objects.filter(pk=op.pk).update(error=str(error)[:500])
        if outage:
            raise SearchUnavailable(str(error)) from error
        raise
    breaker.record_success()
    # Only this version is applied: a change committed meanwhile keeps the op
    # pending (its own task, or the sweep, writes it).
    IndexOperation.objects.filter(pk=op.pk, version=op.version).update(
        status=IndexOperationStatus.DONE,
        applied_version=op.version,
        finished_at=timezone.now(),
        error="",
    )
    return True


def index_operation_run(*, op_id: int) -> bool:
    """``index_operation_apply`` for the op with this primary key (what its
    task is given); True if there is nothing left to do."""
    found = IndexOperation.objects.filter(pk=op_id).values_list("kind", "object_id")
    if not found:
        return True
    kind, object_id = found[0]
    return index_operation_apply(kind=kind, object_id=object_id)


def index_replay(*, limit: int = REPLAY_BATCH) -> int:
    """Apply pending operations now, in this process, oldest first (after a
    rebuild's load, and ``manage.py search_replay``; the periodic sweep of
    the jobs package queues their tasks instead). Stops at the first sign
    that Elasticsearch is unavailable. Returns how many were applied."""
    if not elasticsearch_configured():
        return 0
    applied = 0
    pending = IndexOperation.objects.filter(status=PENDING).order_by("requested_at")
    for kind, object_id in pending.values_list("kind", "object_id")[:limit]:
        try:
            index_operation_apply(kind=kind, object_id=object_id)
        except SearchUnavailable:
            logger.warning("Index replay stopped: Elasticsearch is unavailable.")
            break
        except Exception:
            logger.exception("Index update failed for %s %s", kind, object_id)
            continue
        applied += 1
    return applied
