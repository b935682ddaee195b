"""The index task through Redis and a real Celery worker: a write that fails
while Elasticsearch is unreachable is retried with backoff and lands once the
node answers."""

import os
import time

import pytest

from search.connection import get_client
from search.models import IndexOperation
from search.tasks import RETRY_BACKOFF
from tests.factories.portfolio import EntryFactory
from tests.search.faults import stopped_node

pytestmark = [
    pytest.mark.redis,
    pytest.mark.elasticsearch,
    pytest.mark.django_db(transaction=True),
]


def test_a_failed_index_write_is_retried_by_the_worker(
    redis_celery, settings, practitioner
):
    from celery.contrib.testing.worker import start_worker

    real_node = os.environ["ELASTICSEARCH_URL"]
    with start_worker(redis_celery, perform_ping_check=False, pool="solo"):
        with stopped_node() as down:
            settings.ELASTICSEARCH_URL = down
            # Committed at once (no surrounding transaction): the task is
            # enqueued on commit and fails against the stopped node.
            entry = EntryFactory(owner=practitioner, title="Retried zqretry")
            op = IndexOperation.objects.get(kind="entry", object_id=entry.pk)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                op.refresh_from_db()
                if op.attempts:
                    break
                time.sleep(0.2)
            assert op.attempts >= 1 and op.pending
        settings.ELASTICSEARCH_URL = real_node
        deadline = time.monotonic() + RETRY_BACKOFF * 3 + 10
        while time.monotonic() < deadline:
            op.refresh_from_db()
            if not op.pending:
                break
            time.sleep(0.5)
    assert not op.pending
    document = get_client().get(
        index=f"{settings.SEARCH_INDEX_PREFIX}entries", id=f"entry-{entry.pk}"
    )
    assert document["_source"]["title"] == "Retried zqretry"


def test_with_redis_down_a_save_returns_at_once_and_the_sweep_sends_its_update(
    tmp_path, practitioner
):
    """``.delay()`` used to hold a save ~20 s here (the result backend's
    reconnect loop); the jobs package publishes with no retry and no result."""
    import datetime

    from jobs.services import job_sweep
    from portal.celery import app
    from tests.jobs.faults import celery_on, queue_length
    from tests.portfolio.notifications.worker import PrivateRedis

    redis = PrivateRedis(tmp_path)
    redis.start()
    redis.stop()  # its port is known, and nobody answers there
    previous = app.conf.result_backend
    try:
        with celery_on(redis.url):
            app.conf.result_backend = redis.url
            started = time.monotonic()
            entry = EntryFactory(owner=practitioner, title="Saved zqdown")
            saving = time.monotonic() - started
            op = IndexOperation.objects.get(kind="entry", object_id=entry.pk)
            assert op.pending and op.attempts == 0
            redis.start()
            assert queue_length(redis.url) == 0
            job_sweep(IndexOperation, stale_after=datetime.timedelta(0))
            assert queue_length(redis.url) == 1
    finally:
        app.conf.result_backend = previous
        redis.stop()
    assert saving < 1.0, saving
