"""The jobs package by itself, on the tests' own kind (``Chore``): the claim
is exclusive, a redelivered copy does nothing, a failure rolls the claim
back, a failure in-process is recorded rather than raised, and the sweep
re-queues lost rows and gives up after the kind's limit."""

import datetime
import threading
import time

from django.db import connection
from django.utils import timezone

import pytest

from jobs.models import GAVE_UP
from jobs.services import job_sweep, jobs_sweep
from tests.jobs.chores import ChoreFailed, chore_record, chore_run
from tests.jobs.models import Chore


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_claim_is_exclusive_a_second_copy_waits_then_does_nothing():
    chore = Chore.objects.create(hold_seconds=1.5)
    results = []

    def run():
        try:
            results.append(chore_run(chore_id=chore.pk))
        finally:
            connection.close()

    first, second = (threading.Thread(target=run) for _ in range(2))
    first.start()
    # The second copy arrives while the first holds its claim (two arriving
    # in the same instant may both count an attempt; only one ever runs).
    deadline = time.monotonic() + 10
    while not Chore.objects.filter(pk=chore.pk, attempts=1).exists():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(0.3)
    second.start()
    for thread in (first, second):
        thread.join(timeout=30)
    assert [result is None for result in results] == [False, True]
    chore.refresh_from_db()
    assert (chore.status, chore.runs, chore.attempts) == ("done", 1, 1)


@pytest.mark.django_db
def test_a_redelivered_copy_does_nothing():
    chore = Chore.objects.create()
    assert chore_run(chore_id=chore.pk).status == "done"
    assert chore_run(chore_id=chore.pk) is None
    chore.refresh_from_db()
    assert (chore.runs, chore.attempts) == (1, 1)
    assert chore.started_at and chore.finished_at


@pytest.mark.django_db
def test_a_failed_attempt_rolls_its_claim_back_but_still_counts():
    chore = Chore.objects.create(fail_until_attempt=1)
    with pytest.raises(ChoreFailed):
        chore_run(chore_id=chore.pk)
    chore.refresh_from_db()
    assert (chore.status, chore.runs, chore.attempts) == ("pending", 0, 1)
    assert chore_run(chore_id=chore.pk).status == "done"
    chore.refresh_from_db()
    assert (chore.runs, chore.attempts) == (1, 2)


@pytest.mark.django_db
def test_in_process_a_failure_is_recorded_and_the_request_goes_on(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as published:
        chore = chore_record(fail_until_attempt=99)
    assert len(published) == 1
    chore.refresh_from_db()
    assert (chore.status, chore.attempts) == ("failed", 1)
    assert chore.error == "ChoreFailed: Failed on attempt 1."
    assert chore.finished_at is not None


@pytest.mark.django_db
def test_the_sweep_requeues_lost_rows_and_gives_up_after_the_limit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False):
        lost = chore_record()  # its task never ran: as if Redis was down
        stuck = chore_record()
        busy = chore_record()
    Chore.objects.filter(pk=stuck.pk).update(attempts=Chore.job_max_attempts)
    now = timezone.now()
    later = now + Chore.job_stale_after + datetime.timedelta(seconds=1)
    # A task that started an attempt a moment ago is alive (retrying).
    Chore.objects.filter(pk=busy.pk).update(
        attempts=1, started_at=later - datetime.timedelta(minutes=1)
    )
    assert job_sweep(Chore, now=now) == 0  # not lost yet
    with django_capture_on_commit_callbacks(execute=True) as published:
        assert job_sweep(Chore, now=later) == 1
    assert len(published) == 1
    for chore in (lost, stuck, busy):
        chore.refresh_from_db()
    assert (lost.status, lost.runs) == ("done", 1)
    assert (stuck.status, stuck.error, stuck.runs) == ("failed", GAVE_UP, 0)
    assert busy.status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs_sweep(now=later)["jobs_tests.Chore"] == 0
