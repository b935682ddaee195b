"""Writes for search: the index outbox and applying it to Elasticsearch.

``index_operation_record`` is called from signal receivers inside the
transaction that changes an object, so the row commits or rolls back with the
change. ``index_operation_apply`` (run by a Celery task after commit, and by
the periodic sweep) writes the object's current state, or its deletion, to
Elasticsearch; it is idempotent, and safe to run twice or out of order.
"""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from elasticsearch import ConflictError, NotFoundError

from search import breaker
from search.backends import SearchUnavailable
from search.connection import elasticsearch_configured, get_client, is_outage
from search.documents import ensure_index
from search.kinds import get_kind
from search.models import IndexOperation

logger = logging.getLogger(__name__)

#: Ops the sweep looks at in one run.
SWEEP_BATCH = 500


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
            version=F("version") + 1, pending=True, action=action, requested_at=now
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
                    pending=True,
                    action=action,
                    requested_at=now,
                )
    _enqueue_on_commit(kind, object_id)


def _enqueue_on_commit(kind: str, object_id: int) -> None:
    from search.tasks import index_operation_apply_task

    def enqueue():
        try:
            index_operation_apply_task.delay(kind, object_id)
        except Exception:  # noqa: BLE001 - the row is durable; the sweep retries
            logger.warning("Could not enqueue index update for %s %s", kind, object_id)

    transaction.on_commit(enqueue)


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
    if not breaker.allow_request():
        raise SearchUnavailable("The circuit breaker is open.")
    try:
        _write(get_kind(kind), object_id, op.version)
    except Exception as error:
        outage = is_outage(error)
        if outage:
            breaker.record_failure()
        IndexOperation.objects.filter(pk=op.pk).update(
            attempts=F("attempts") + 1, last_error=str(error)[:500]
        )
        if outage:
            raise SearchUnavailable(str(error)) from error
        raise
    breaker.record_success()
    # Only this version is applied: a change committed meanwhile keeps the op
    # pending (its own task, or the sweep, writes it).
    IndexOperation.objects.filter(pk=op.pk, version=op.version).update(
        pending=False,
        applied_version=op.version,
        applied_at=timezone.now(),
        last_error="",
    )
    return True


def index_sweep(*, limit: int = SWEEP_BATCH) -> int:
    """Apply pending operations, oldest first. Stops at the first sign that
    Elasticsearch is unavailable. Returns how many were applied."""
    if not elasticsearch_configured():
        return 0
    applied = 0
    pending = IndexOperation.objects.filter(pending=True).order_by("requested_at")
    for kind, object_id in pending.values_list("kind", "object_id")[:limit]:
        try:
            index_operation_apply(kind=kind, object_id=object_id)
        except SearchUnavailable:
            logger.warning("Index sweep stopped: Elasticsearch is unavailable.")
            break
        except Exception:
            logger.exception("Index update failed for %s %s", kind, object_id)
            continue
        applied += 1
    return applied
