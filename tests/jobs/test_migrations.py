"""Moving the index outbox onto the jobs package keeps its rows: the
``pending`` flag becomes the status, the last error and the time it was
applied keep their values under their new names."""

import datetime

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

import pytest

BEFORE = ("search", "0002_index_rebuild")
AFTER = ("search", "0003_outbox_and_rebuilds_are_durable_jobs")


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


@pytest.mark.django_db(transaction=True)
def test_the_outbox_migration_keeps_every_row():
    old = _migrate(BEFORE).get_model("search", "IndexOperation")
    requested = timezone.now() - datetime.timedelta(days=2)
    applied = requested + datetime.timedelta(seconds=3)
    old.objects.create(
        kind="entry",
        object_id=1,
        version=4,
        applied_version=4,
        pending=False,
        requested_at=requested,
        applied_at=applied,
        attempts=2,
        last_error="",
    )
    old.objects.create(
        kind="entry",
        object_id=2,
        version=2,
        applied_version=1,
        pending=True,
        requested_at=requested,
        attempts=7,
        last_error="ConnectionTimeout",
    )
    try:
        new = _migrate(AFTER).get_model("search", "IndexOperation")
        done, waiting = new.objects.order_by("object_id")
        assert (done.status, done.finished_at, done.version) == ("done", applied, 4)
        assert (waiting.status, waiting.error, waiting.attempts) == (
            "pending",
            "ConnectionTimeout",
            7,
        )
        assert done.created_at == waiting.created_at == requested
    finally:
        # Back to the latest state for the tests that follow.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
