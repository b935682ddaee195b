"""Faults with a real Redis and a real worker process: nothing that was
recorded is lost, nothing is done twice (emails at most once per kill).

Run against the project's services, e.g.
``DATABASE_URL=postgres://… CELERY_BROKER_URL=redis://…/4 pytest -s
tests/portfolio/notifications/test_faults.py`` (``-s`` shows the figures)."""

import datetime
import time
from collections import Counter

from django.db import transaction

import pytest

from tests.factories.portfolio import EntryFactory, UserFactory
from tests.jobs.faults import celery_on, queue_length, wait_on_progress
from tests.portfolio.notifications.outbox import FAILING_DOMAIN, read_outbox
from tests.portfolio.notifications.worker import PrivateRedis, Worker

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


def _wait_until(done, *, state, broker_url) -> bool:
    """Wait for ``done()`` while anything still changes (``state()``);
    whenever the queue is empty and work remains, run the jobs package's
    sweep, as beat would (with no grace period, to keep the test short)."""
    return wait_on_progress(
        done,
        state=state,
        nudge=_sweep_everything,
        quiet=lambda: queue_length(broker_url) == 0,
    )


def _sweep_everything():
    from jobs.services import job_sweep
    from portfolio.exports.models import Export
    from portfolio.notifications.models import Dispatch

    job_sweep(Dispatch, stale_after=datetime.timedelta(0))
    job_sweep(Export, stale_after=datetime.timedelta(0))


def _counts(model) -> tuple:
    """Each status's count and the total attempts: changes while work moves."""
    from django.db.models import Sum

    return (
        tuple(sorted(Counter(model.objects.values_list("status", flat=True)).items())),
        model.objects.aggregate(Sum("attempts"))["attempts__sum"],
    )


@pytest.fixture
def worker(tmp_path, settings):
    started = Worker(
        broker_url=settings.CELERY_BROKER_URL,
        outbox=tmp_path / "outbox.txt",
        log=tmp_path / "worker.log",
    )
    yield started
    started.stop()


def test_killing_pool_processes_and_workers_loses_nothing(
    worker, tmp_path, settings, organisation
):
    from portfolio.exports.models import Export, ExportStatus
    from portfolio.exports.services import export_request
    from portfolio.notifications.models import Dispatch, DispatchStatus, Notification
    from portfolio.notifications.services import dispatch_record

    people = [UserFactory(organisation=organisation) for _ in range(50)]
    for person in people[:10]:
        EntryFactory(owner=person, activity_date=datetime.date(2026, 1, 5))
    broker = settings.CELERY_BROKER_URL
    with celery_on(broker) as app:
        app.control.purge()  # nothing left over from an earlier run
        worker.start()
        started = time.monotonic()
        with transaction.atomic():
            for n in range(1000):
                dispatch_record(
                    kind="renewal",
                    recipient=people[n % len(people)],
                    key=f"fault-test:{n}",
                    text=f"Reminder {n}",
                )
            for n in range(50):
                export_request(
                    owner=people[n % 10],
                    kind="zip",
                    period_start=datetime.date(2025, 12, 1),
                    period_end=datetime.date(2026, 11, 1),
                )
        kills = {"pool process": 0, "whole worker": 0}
        in_flight = []  # dispatches and exports still pending at each kill
        for round_ in range(6):
            time.sleep(1.5)
            in_flight.append(
                Dispatch.objects.filter(status=DispatchStatus.PENDING).count()
                + Export.objects.filter(status=ExportStatus.PENDING).count()
            )
            if round_ % 2 == 0 and worker.kill_pool_process():
                kills["pool process"] += 1
            elif round_ % 2 == 1:
                worker.kill()
                kills["whole worker"] += 1
                worker.start()

        def done():
            return (
                not Dispatch.objects.filter(status=DispatchStatus.PENDING).exists()
                and not Export.objects.filter(status=ExportStatus.PENDING).exists()
            )

        finished = _wait_until(
            done,
            state=lambda: (_counts(Dispatch), _counts(Export)),
            broker_url=broker,
        )
        seconds = time.monotonic() - started

    emails = read_outbox(tmp_path / "outbox.txt")
    per_dispatch = Counter(emails)
    total_kills = sum(kills.values())
    duplicates = len(emails) - len(per_dispatch)
    statuses = Counter(Dispatch.objects.values_list("status", flat=True))
    exports = Counter(Export.objects.values_list("status", flat=True))
    ready_notices = Dispatch.objects.filter(kind="export_ready")
    print(  # noqa: T201 - the figures for the note
        f"\nFAULT kills: {kills} ({worker.starts} worker starts), pending at "
        f"each kill {in_flight}; dispatches "
        f"{dict(statuses)}; exports {dict(exports)}; emails {len(emails)} for "
        f"{len(per_dispatch)} dispatches, duplicates {duplicates}; "
        f"{seconds:.1f} s"
    )
    assert finished, (statuses, exports)
    assert statuses == {DispatchStatus.SENT: 1050}  # 1,000 reminders + 50 exports
    assert exports == {ExportStatus.READY: 50}
    assert ready_notices.count() == 50
    assert set(per_dispatch) == {
        str(pk) for pk in Dispatch.objects.values_list("pk", flat=True)
    }
    assert Notification.objects.count() == 1050
    assert duplicates <= total_kills
    assert in_flight[0] > 0  # the kills really hit work in progress


def test_with_redis_down_every_follow_up_still_runs(
    tmp_path, practitioner, supervisor, supervision
):
    from portfolio.notifications.models import Dispatch, DispatchStatus
    from portfolio.supervision.services import entry_request_review

    redis = PrivateRedis(tmp_path)
    redis.start()
    worker = Worker(
        broker_url=redis.url, outbox=tmp_path / "outbox.txt", log=tmp_path / "w.log"
    )
    entries = [
        EntryFactory(owner=practitioner, state="complete", title=f"Entry {n}")
        for n in range(200)
    ]
    try:
        with celery_on(redis.url):
            worker.start()
            redis.stop()
            started = time.monotonic()
            for entry in entries:
                with transaction.atomic():
                    entry_request_review(owner=practitioner, entry=entry)
            saving = time.monotonic() - started
            waiting = Dispatch.objects.filter(status=DispatchStatus.PENDING).count()
            redis.start()  # same port: the worker reconnects

            def done():
                return not Dispatch.objects.filter(
                    status=DispatchStatus.PENDING
                ).exists()

            finished = _wait_until(
                done, state=lambda: _counts(Dispatch), broker_url=redis.url
            )
            recovery = time.monotonic() - started - saving
    finally:
        worker.stop()
        redis.stop()
    emails = Counter(read_outbox(tmp_path / "outbox.txt"))
    print(  # noqa: T201 - the figures for the note
        f"\nFAULT redis down: 200 reviews requested in {saving:.1f} s, {waiting} "
        f"waiting; after restart all sent in {recovery:.1f} s; "
        f"{sum(emails.values())} emails for {len(emails)} dispatches"
    )
    assert waiting == 200
    assert finished
    assert Dispatch.objects.filter(status=DispatchStatus.SENT).count() == 200
    assert len(emails) == 200 and max(emails.values()) == 1
    assert supervisor.notifications.count() == 200


def test_a_task_that_always_crashes_is_recorded_failed_without_blocking_others(
    worker, tmp_path, settings, organisation
):
    from portfolio.notifications.models import Dispatch, DispatchStatus
    from portfolio.notifications.services import dispatch_record

    doomed = UserFactory(organisation=organisation, email=f"x{FAILING_DOMAIN}")
    others = [UserFactory(organisation=organisation) for _ in range(20)]
    broker = settings.CELERY_BROKER_URL
    with celery_on(broker) as app:
        app.control.purge()
        worker.start()
        started = time.monotonic()
        with transaction.atomic():
            bad = dispatch_record(
                kind="renewal", recipient=doomed, key="crash", text="Never sent"
            )
            for n, person in enumerate(others):
                dispatch_record(
                    kind="renewal", recipient=person, key=f"ok:{n}", text="Sent"
                )

        def failed():
            bad.refresh_from_db()
            return bad.status != DispatchStatus.PENDING

        wait_on_progress(failed, state=lambda: _counts(Dispatch), poll=0.3)
        seconds = time.monotonic() - started
    sent = Dispatch.objects.filter(status=DispatchStatus.SENT).count()
    print(  # noqa: T201 - the figures for the note
        f"\nFAULT crashing task: {bad.status} after {bad.attempts} attempts in "
        f"{seconds:.1f} s; {sent} others sent"
    )
    assert bad.status == DispatchStatus.FAILED
    assert bad.attempts == 4  # the first try and three retries
    assert "Recipient refused" in bad.error
    assert sent == 20
