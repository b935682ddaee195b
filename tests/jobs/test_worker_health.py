"""``manage.py worker_health``: a queue whose heartbeat is old has no worker
consuming it."""

import datetime

from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest

from jobs.models import QueueHeartbeat
from jobs.queues import QUEUES
from jobs.selectors import HEARTBEAT_STALE_AFTER
from jobs.services import queue_heartbeat_record

pytestmark = pytest.mark.django_db


def test_every_queue_with_a_recent_heartbeat_is_healthy(capsys):
    for queue in QUEUES:
        queue_heartbeat_record(queue=queue, worker=f"{queue}@host")
    call_command("worker_health")
    output = capsys.readouterr().out
    assert "STALE" not in output
    assert "index@host" in output


def test_a_queue_whose_worker_stopped_consuming_is_reported(capsys):
    for queue in QUEUES:
        queue_heartbeat_record(queue=queue)
    QueueHeartbeat.objects.filter(queue="exports").update(
        beat_at=timezone.now() - HEARTBEAT_STALE_AFTER - datetime.timedelta(seconds=1)
    )
    with pytest.raises(CommandError, match="No worker is consuming: exports"):
        call_command("worker_health")
    assert "exports        STALE" in capsys.readouterr().out


def test_a_queue_never_heard_from_is_reported():
    with pytest.raises(CommandError, match="celery, index, notifications, exports"):
        call_command("worker_health")
