"""The jobs package against a real Redis (a private one) and a real worker
process: retries by Celery's backoff then the final failure on the row, and
an enqueue that returns at once while Redis is down, sent later by the
sweep."""

import datetime
import time
from collections import Counter

from django.db.models import Sum

import pytest

from jobs.models import GAVE_UP
from jobs.services import job_sweep
from tests.jobs.chores import chore_record
from tests.jobs.faults import celery_on, queue_length, wait_on_progress
from tests.jobs.models import Chore
from tests.portfolio.notifications.worker import PrivateRedis, Worker

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


def _state() -> tuple:
    statuses = Counter(Chore.objects.values_list("status", flat=True))
    attempts = Chore.objects.aggregate(Sum("attempts"))["attempts__sum"]
    return tuple(sorted(statuses.items())), attempts


def _waiting() -> bool:
    return Chore.objects.filter(status=Chore.PENDING).exists()


@pytest.fixture
def redis(tmp_path):
    started = PrivateRedis(tmp_path)
    yield started
    started.stop()


@pytest.fixture
def worker(tmp_path, redis):
    started = Worker(
        broker_url=redis.url, outbox=tmp_path / "outbox.txt", log=tmp_path / "w.log"
    )
    yield started
    started.stop()


def test_a_failing_job_is_retried_then_its_final_failure_recorded(redis, worker):
    redis.start()
    with celery_on(redis.url):
        worker.start()
        flaky = chore_record(fail_until_attempt=2)
        doomed = chore_record(fail_until_attempt=99)
        started = time.monotonic()
        assert wait_on_progress(lambda: not _waiting(), state=_state)
        seconds = time.monotonic() - started
    flaky.refresh_from_db()
    doomed.refresh_from_db()
    print(  # noqa: T201 - the figures for the note
        f"\nJOBS retries: flaky {flaky.status} after {flaky.attempts} attempts, "
        f"doomed {doomed.status} after {doomed.attempts}, in {seconds:.1f} s"
    )
    assert (flaky.status, flaky.attempts, flaky.runs) == ("done", 3, 1)
    # The first try and max_retries (2) retries, then recorded on the row.
    assert (doomed.status, doomed.attempts, doomed.runs) == ("failed", 3, 0)
    assert doomed.error == "ChoreFailed: Failed on attempt 3."


def test_an_outage_outlasting_the_retries_is_left_to_the_sweep_until_the_limit(
    redis, worker
):
    redis.start()
    with celery_on(redis.url):
        worker.start()
        chore = chore_record(fail_until_attempt=99, transient=True)

        def tried(count):
            """The attempt ``count`` failed and its error was noted."""
            chore.refresh_from_db()
            return chore.error == f"ConnectionError: Failed on attempt {count}."

        # The task's own retries: the first try and two more.
        assert wait_on_progress(lambda: tried(3), state=_state)
        assert (chore.status, chore.attempts) == ("pending", 3)
        assert chore.error == "ConnectionError: Failed on attempt 3."
        # The sweep (as beat, every few minutes) tries it again…
        assert job_sweep(Chore, stale_after=datetime.timedelta(0)) == 1
        assert wait_on_progress(lambda: tried(6), state=_state)
        # …and gives up once the kind's limit (4 attempts) is reached.
        assert job_sweep(Chore, stale_after=datetime.timedelta(0)) == 0
    chore.refresh_from_db()
    assert (chore.status, chore.error) == ("failed", GAVE_UP)


def test_with_redis_down_enqueue_returns_at_once_and_the_sweep_sends_it(redis, worker):
    redis.start()
    redis.stop()  # its port is known, and nobody answers there
    with celery_on(redis.url):
        timings = []
        for _ in range(20):
            started = time.monotonic()
            chore_record()  # commits, then publishing fails at once
            timings.append(time.monotonic() - started)
        waiting = Chore.objects.filter(status=Chore.PENDING, attempts=0).count()
        redis.start()
        worker.start()
        started = time.monotonic()
        finished = wait_on_progress(
            lambda: not _waiting(),
            state=_state,
            nudge=lambda: job_sweep(Chore, stale_after=datetime.timedelta(0)),
            quiet=lambda: queue_length(redis.url) == 0,
        )
        recovery = time.monotonic() - started
    print(  # noqa: T201 - the figures for the note
        f"\nJOBS redis down: 20 recorded, slowest {max(timings) * 1000:.0f} ms, "
        f"median {sorted(timings)[10] * 1000:.0f} ms; {waiting} waiting; "
        f"all done {recovery:.1f} s after Redis returned"
    )
    assert max(timings) < 1.0
    assert waiting == 20
    assert finished
    assert list(Chore.objects.values_list("runs", flat=True)) == [1] * 20
