from django.core.management import call_command

import pytest

pytestmark = pytest.mark.django_db


def test_service_status_reports_the_embedded_defaults(capsys, settings):
    settings.CELERY_BROKER_URL = settings.REDIS_URL = settings.ELASTICSEARCH_URL = ""
    call_command("service_status")
    output = capsys.readouterr().out
    assert "database" in output and "sqlite" in output or "postgresql" in output
    assert "eager (in-process)" in output
    assert "database search" in output
    assert "FAILING" not in output


@pytest.mark.redis
@pytest.mark.elasticsearch
@pytest.mark.django_db(transaction=True)
def test_service_status_reaches_every_real_service(capsys, redis_celery):
    from celery.contrib.testing.worker import start_worker

    # Celery's Django fix-up closes database connections as a worker starts,
    # hence a transactional test that may reconnect.
    from jobs.models import QueueHeartbeat
    from jobs.queues import QUEUES
    from jobs.tasks import heartbeat_task
    from tests.jobs.faults import wait_on_progress

    with start_worker(redis_celery, perform_ping_check=False, pool="solo"):
        # What beat sends each minute: a heartbeat on every queue, which the
        # worker (consuming them all) records.
        for queue in QUEUES:
            heartbeat_task.apply_async(args=(queue,), queue=queue)
        assert wait_on_progress(
            lambda: QueueHeartbeat.objects.count() == len(QUEUES),
            state=lambda: QueueHeartbeat.objects.count(),
        )
        call_command("service_status", "--task-timeout", "20")
    output = capsys.readouterr().out
    assert "worker answered" in output
    assert "every queue has a heartbeat" in output
    assert "elasticsearch" in output
    assert "FAILING" not in output
