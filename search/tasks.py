"""Celery tasks for search: applying the index outbox and running rebuilds.
Retries, final failures and the sweep come from the jobs package."""

from django.db import DatabaseError

from jobs.tasks import TRANSIENT_ERRORS, job_task
from search.backends import SearchUnavailable
from search.models import IndexOperation, IndexRebuild
from search.rebuild_jobs import rebuild_run
from search.services import index_operation_run

#: The first retry's countdown in seconds; doubled each time up to a minute
#: (jobs.tasks.RETRY_BACKOFF_MAX), with full jitter, so an op is tried again
#: within a minute of Elasticsearch or the database returning. 34 retries
#: wait about a quarter of an hour on average, long enough for an ordinary
#: outage; after that the sweep re-queues the op (it never gives up).
RETRY_BACKOFF = 5
MAX_RETRIES = 34


@job_task(
    IndexOperation,
    max_retries=MAX_RETRIES,
    retry_backoff=RETRY_BACKOFF,
    autoretry_for=(SearchUnavailable, DatabaseError),
    transient_errors=(*TRANSIENT_ERRORS, SearchUnavailable),
)
def index_operation_apply_task(op_id: int) -> bool:
    """Write one object's current state (or deletion) to Elasticsearch.
    Idempotent; run in-process (no broker) a failure leaves the op pending
    for the sweep, so a web request never waits through the retries."""
    return index_operation_run(op_id=op_id)


@job_task(IndexRebuild, max_retries=0)
def index_rebuild_task(rebuild_id: int) -> bool:
    """Run a recorded index rebuild (a redelivered copy does nothing)."""
    return rebuild_run(rebuild_id=rebuild_id)
