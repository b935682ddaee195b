"""Recovery within a minute, against a private Redis and real worker
processes: a worker SIGKILLed in the middle of a job is restarted by
scripts/supervise and the job is finished (the starting worker re-sends what
the dead one held); a job whose publish failed while Redis was down is sent
by the next sweep as soon as its queue is empty, not minutes later."""

import datetime
import os
import signal
import subprocess
from pathlib import Path

from django.utils import timezone

import pytest

from jobs.services import UNSENT_AFTER, job_sweep
from tests.jobs.chores import chore_record
from tests.jobs.faults import celery_on, wait_on_progress
from tests.jobs.models import Chore
from tests.jobs.test_faults import _state
from tests.portfolio.notifications.worker import CELERY, ROOT, PrivateRedis, Worker

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]

SUPERVISE = ROOT / "scripts" / "supervise"


def _children(pid: int) -> list[int]:
    try:
        return [
            int(child)
            for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        ]
    except FileNotFoundError:
        return []


def _celery_with_pool(supervisor: subprocess.Popen) -> int | None:
    """The supervised celery process, once its pool is up."""
    for pid in _children(supervisor.pid):
        if len(_children(pid)) >= 2:
            return pid
    return None


@pytest.fixture
def redis(tmp_path):
    started = PrivateRedis(tmp_path)
    started.start()
    yield started
    started.stop()


def test_a_worker_killed_mid_job_is_restarted_and_finishes_the_job(tmp_path, redis):
    env = Worker(broker_url=redis.url, outbox=tmp_path / "o", log=tmp_path / "l").env
    log = open(tmp_path / "supervised.log", "w")
    supervisor = subprocess.Popen(
        [
            str(SUPERVISE),
            "--",
            str(CELERY),
            "-A",
            "portal",
            "worker",
            "--concurrency=2",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        with celery_on(redis.url):
            assert wait_on_progress(
                lambda: _celery_with_pool(supervisor) is not None,
                state=lambda: tuple(_children(supervisor.pid)),
            )
            first = _celery_with_pool(supervisor)
            chore = chore_record(hold_seconds=3)
            # In the middle of its work: the attempt is counted, not done.
            assert wait_on_progress(
                lambda: Chore.objects.filter(pk=chore.pk, attempts=1).exists(),
                state=_state,
            )
            # The whole worker, pool and all, as a crashed host would.
            os.killpg(first, signal.SIGKILL)
            assert wait_on_progress(
                lambda: Chore.objects.filter(pk=chore.pk, status="done").exists(),
                state=lambda: (_state(), tuple(_children(supervisor.pid))),
                idle=60,
            )
            second = _celery_with_pool(supervisor)
        chore.refresh_from_db()
        assert second is not None and second != first
        # Done once: the killed attempt rolled back with its claim.
        assert (chore.status, chore.runs, chore.attempts) == ("done", 1, 2)

        # SIGTERM reaches the worker (a warm shutdown) and nothing restarts.
        supervisor.send_signal(signal.SIGTERM)
        assert supervisor.wait(timeout=60) == 0
        assert not _children(supervisor.pid)
    finally:
        if supervisor.poll() is None:
            for pid in _children(supervisor.pid):
                os.killpg(pid, signal.SIGKILL)
            supervisor.kill()
            supervisor.wait(timeout=10)
        log.close()
    output = (tmp_path / "supervised.log").read_text()
    assert "restarting in 1 s" in output
    assert "not restarting" in output


def test_a_job_whose_publish_failed_is_sent_by_the_next_sweep(tmp_path, redis):
    worker = Worker(broker_url=redis.url, outbox=tmp_path / "o", log=tmp_path / "w.log")
    try:
        with celery_on(redis.url):
            redis.stop()
            chores = [chore_record() for _ in range(5)]  # publishing fails
            redis.start()
            worker.start()  # declares its queues, which are empty
            now = timezone.now()
            # Still inside the pause for a publish in flight: not yet.
            assert job_sweep(Chore, now=now) == 0
            # Past it, long before the kind counts a row lost (3 minutes).
            later = now + UNSENT_AFTER + datetime.timedelta(seconds=1)
            assert later - chores[0].created_at < Chore.job_stale_after
            assert job_sweep(Chore, now=later) == 5
            assert wait_on_progress(
                lambda: not Chore.objects.exclude(status="done").exists(),
                state=_state,
            )
    finally:
        worker.stop()
    assert list(Chore.objects.values_list("runs", flat=True)) == [1] * 5


def test_a_started_job_whose_task_died_silently_is_sent_again_at_once(redis):
    """Started, no error noted (a retry notes one), nothing in its queue:
    its task died with a worker or a broker connection."""
    import base64
    import json

    import redis as redis_client

    with celery_on(redis.url):
        redis.stop()
        died, retrying = chore_record(), chore_record()  # nothing published
        redis.start()
        started = timezone.now()
        Chore.objects.filter(pk__in=[died.pk, retrying.pk]).update(
            attempts=1, started_at=started
        )
        Chore.objects.filter(pk=retrying.pk).update(
            error="ConnectionError: Failed on attempt 1."
        )
        # Within the pause, nothing; after it, only the silent one.
        assert job_sweep(Chore, now=started) == 0
        later = started + UNSENT_AFTER + datetime.timedelta(seconds=1)
        assert job_sweep(Chore, now=later) == 1
    messages = redis_client.Redis.from_url(redis.url).lrange("celery", 0, -1)
    sent = [
        json.loads(base64.b64decode(json.loads(message)["body"]))[0]
        for message in messages
    ]
    assert sent == [[died.pk]]
