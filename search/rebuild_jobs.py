"""Index rebuilds requested from the admin: recorded first, run by a task,
re-queued by the jobs package's sweep if the task was lost, with progress for
the screen.

Only site admins may rebuild: it touches every organisation's documents.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from jobs.services import job_claim_lease, job_enqueue
from search.connection import elasticsearch_configured
from search.kinds import all_kinds
from search.models import IndexRebuild, RebuildStatus
from search.rebuild import index_rebuild

logger = logging.getLogger(__name__)


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
        job_enqueue(rebuild)
    return rebuild


def rebuild_run(*, rebuild_id: int) -> bool:
    """Run a queued rebuild. Claiming it is one conditional update, so two
    workers given the same id (a redelivery) never both run it."""
    if not job_claim_lease(IndexRebuild, rebuild_id, loaded=0):
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
