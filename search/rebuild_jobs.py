"""Index rebuilds requested from the admin: recorded first, run by a task,
re-queued by the sweep if the task was lost, with progress for the screen.

Only site admins may rebuild: it touches every organisation's documents.
"""

import logging
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from search.connection import elasticsearch_configured
from search.kinds import all_kinds
from search.models import IndexRebuild, RebuildStatus
from search.rebuild import index_rebuild

logger = logging.getLogger(__name__)

#: A queued rebuild whose task has not started by then is queued again; a
#: running one that has not finished by then is presumed dead with its worker.
QUEUED_STALE = timedelta(minutes=5)
RUNNING_STALE = timedelta(hours=1)
MAX_ATTEMPTS = 3


def can_rebuild(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


def rebuild_request(*, requested_by) -> IndexRebuild:
    """Record a rebuild and queue it once the record is committed. While one
    is waiting or running, asking again returns that one."""
    if not can_rebuild(requested_by):
        raise PermissionDenied
    with transaction.atomic():
        current = (
            IndexRebuild.objects.select_for_update()
            .filter(status__in=[RebuildStatus.QUEUED, RebuildStatus.RUNNING])
            .first()
        )
        if current is not None:
            return current
        rebuild = IndexRebuild.objects.create(requested_by=requested_by)
        _enqueue_on_commit(rebuild.pk)
    return rebuild


def _enqueue_on_commit(rebuild_id: int) -> None:
    from search.tasks import index_rebuild_task

    def enqueue():
        try:
            index_rebuild_task.delay(rebuild_id)
        except Exception:  # noqa: BLE001 - the row is durable; the sweep retries
            logger.warning("Could not queue index rebuild %s", rebuild_id)

    transaction.on_commit(enqueue)


def rebuild_run(*, rebuild_id: int) -> bool:
    """Run a queued rebuild. Claiming it is one conditional update, so two
    workers given the same id (a redelivery) never both run it."""
    claimed = IndexRebuild.objects.filter(
        pk=rebuild_id, status=RebuildStatus.QUEUED
    ).update(
        status=RebuildStatus.RUNNING,
        started_at=timezone.now(),
        attempts=F("attempts") + 1,
        loaded=0,
    )
    if not claimed:
        return False
    rebuild = IndexRebuild.objects.get(pk=rebuild_id)
    if not elasticsearch_configured():
        _finish(rebuild, RebuildStatus.FAILED, "Elasticsearch is not configured.")
        return False
    kinds = all_kinds()
    rebuild.total = sum(kind.count_objects() for kind in kinds)
    rebuild.save(update_fields=["total"])
    done_before = 0
    try:
        for kind in kinds:
            _name, loaded = index_rebuild(
                kind=kind,
                progress=lambda count, base=done_before: IndexRebuild.objects.filter(
                    pk=rebuild_id
                ).update(loaded=base + count),
            )
            done_before += loaded
    except Exception as error:
        logger.exception("Index rebuild %s failed", rebuild_id)
        rebuild.refresh_from_db(fields=["loaded"])
        _finish(rebuild, RebuildStatus.FAILED, str(error)[:300])
        return False
    rebuild.loaded = done_before
    _finish(rebuild, RebuildStatus.DONE, "")
    return True


def _finish(rebuild: IndexRebuild, status: str, error: str) -> None:
    rebuild.status, rebuild.error = status, error
    rebuild.finished_at = timezone.now()
    rebuild.save(update_fields=["status", "error", "finished_at", "loaded"])


def rebuild_sweep(*, now=None) -> int:
    """Queue again rebuilds whose task was lost (never started, or its worker
    died mid-run); give up after MAX_ATTEMPTS. Returns how many were queued."""
    now = now or timezone.now()
    stale = IndexRebuild.objects.filter(
        status=RebuildStatus.QUEUED, created_at__lt=now - QUEUED_STALE
    ) | IndexRebuild.objects.filter(
        status=RebuildStatus.RUNNING, started_at__lt=now - RUNNING_STALE
    )
    queued = 0
    for rebuild in stale:
        if rebuild.attempts >= MAX_ATTEMPTS:
            _finish(rebuild, RebuildStatus.FAILED, "Gave up after repeated attempts.")
            continue
        IndexRebuild.objects.filter(pk=rebuild.pk).update(status=RebuildStatus.QUEUED)
        with transaction.atomic():
            _enqueue_on_commit(rebuild.pk)
        queued += 1
    return queued
