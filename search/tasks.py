"""Celery tasks that apply the index outbox (search/services.py)."""

from celery import shared_task

#: Seconds before the n-th retry: 5, 10, 20, 40, 80, then the sweep takes over.
#: Far below the broker's visibility timeout (an hour).
RETRY_BACKOFF = 5
MAX_RETRIES = 5


@shared_task(bind=True, name="search.index_operation_apply", max_retries=MAX_RETRIES)
def index_operation_apply_task(self, kind: str, object_id: int) -> bool:
    """Write one object's current state (or deletion) to Elasticsearch.

    Idempotent. While Elasticsearch is unavailable it retries with backoff;
    run in-process (no broker) it leaves the op pending for the sweep instead,
    so a web request never waits through the retries.
    """
    from search.backends import SearchUnavailable
    from search.services import index_operation_apply

    try:
        return index_operation_apply(kind=kind, object_id=object_id)
    except SearchUnavailable as error:
        if self.request.is_eager:
            return False
        raise self.retry(
            exc=error, countdown=RETRY_BACKOFF * 2**self.request.retries
        ) from error


@shared_task(name="search.index_sweep")
def index_sweep_task() -> int:
    """Replay index updates that are still pending (periodic)."""
    from search.rebuild_jobs import rebuild_sweep
    from search.services import index_sweep

    # Rebuilds whose task was lost are re-queued here too (rarely any).
    rebuild_sweep()
    return index_sweep()


@shared_task(name="search.index_rebuild", acks_late=True)
def index_rebuild_task(rebuild_id: int) -> bool:
    """Run a recorded index rebuild (a redelivered copy does nothing)."""
    from search.rebuild_jobs import rebuild_run

    return rebuild_run(rebuild_id=rebuild_id)
