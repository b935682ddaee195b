"""The Celery app's configuration: what keeps tasks from being lost."""

from django.conf import settings

from celery.utils.time import get_exponential_backoff_interval

from jobs.services import job_kinds
from jobs.tasks import DurableJobTask
from portal.celery import app
from portal.schedule import BEAT_SCHEDULE


def _job_tasks() -> list[DurableJobTask]:
    app.loader.import_default_modules()
    return [task for task in app.tasks.values() if isinstance(task, DurableJobTask)]


def test_tasks_are_acknowledged_late_and_requeued_if_the_worker_dies():
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST
    assert settings.CELERY_TASK_SERIALIZER == "json"
    assert settings.CELERY_ACCEPT_CONTENT == ["json"]
    assert settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT


def test_every_retry_delay_stays_far_below_the_visibility_timeout():
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    tasks = _job_tasks()
    assert tasks
    for task in tasks:
        assert task.retry_backoff and task.retry_jitter
        assert task.retry_backoff_max * 10 <= visibility
        delays = [
            get_exponential_backoff_interval(
                factor=int(task.retry_backoff),
                retries=n,
                maximum=task.retry_backoff_max,
                full_jitter=True,
            )
            for n in range(task.max_retries + 1)
        ]
        assert all(0 <= delay <= task.retry_backoff_max for delay in delays)


def test_every_job_kind_has_its_task_and_a_waiting_row_outlasts_its_retries():
    tasks = {task.name: task for task in _job_tasks()}
    kinds = {kind._meta.label for kind in job_kinds()}
    assert kinds - {"jobs_tests.Chore"} == {
        "portfolio.Export",
        "portfolio.Dispatch",
        "capabilities.FrameworkImportJob",
        "search.IndexOperation",
        "search.IndexRebuild",
        "portfolio.PortableImport",
        "portfolio.SubjectAccessRequest",
        "portfolio.StaffImport",
    }
    for kind in job_kinds():
        task = tasks[kind.job_task_name]
        assert task.job_model is kind
        assert task.acks_late and task.ignore_result
        # The sweep must not queue a second copy of a row whose task is only
        # waiting for its next retry.
        assert kind.job_stale_after.total_seconds() > task.retry_backoff_max


def test_publishing_gives_up_quickly_when_the_broker_is_down():
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    assert options["max_retries"] <= 1 and options["interval_max"] < 1


def test_the_schedule_names_only_registered_tasks():
    app.loader.import_default_modules()
    names = {entry["task"] for entry in BEAT_SCHEDULE.values()}
    assert names == {
        "portfolio.reminders_plan",
        "jobs.sweep",
        "learning.publish_scheduled",
        "jobs.heartbeat",
        "portfolio.retention_run",
        "portfolio.private_file_sweep",
        "api.idempotent_responses_purge",
        "portfolio.report_summaries_refresh",
    }
    assert names <= set(app.tasks)
    assert settings.CELERY_BEAT_SCHEDULE is BEAT_SCHEDULE


def test_each_kind_of_work_has_its_own_queue_and_a_worker_consumes_them_all():
    from jobs.queues import QUEUES

    tasks = {task.name: task for task in _job_tasks()}
    queue_of = {
        kind._meta.label: tasks[kind.job_task_name].queue for kind in job_kinds()
    }
    assert queue_of["search.IndexOperation"] == "index"
    assert queue_of["portfolio.Dispatch"] == "notifications"
    assert queue_of["portfolio.Export"] == "exports"
    assert queue_of["capabilities.FrameworkImportJob"] == "exports"
    assert queue_of["portfolio.StaffImport"] == "exports"
    # A worker started without -Q consumes every declared queue (make
    # worker, the fault tests' worker).
    assert set(queue_of.values()) <= set(app.amqp.queues) == set(QUEUES)
    # Every queue gets a heartbeat from beat (manage.py worker_health).
    beats = {
        entry["options"]["queue"]
        for entry in BEAT_SCHEDULE.values()
        if entry["task"] == "jobs.heartbeat"
    }
    assert beats == set(QUEUES)


def test_index_updates_retry_outages_of_search_and_the_database_for_15_minutes():
    from django.db import DatabaseError, OperationalError

    from search.backends import SearchUnavailable
    from search.models import IndexOperation

    task = {task.name: task for task in _job_tasks()}["search.index_operation_apply"]
    # A database error is retried like an unavailable node, never final.
    for error in (DatabaseError, OperationalError, SearchUnavailable):
        assert issubclass(error, task.autoretry_for)
    assert IndexOperation.job_max_attempts is None
    # The mean wait of the retries (full jitter: half of each countdown).
    mean_wait = sum(
        min(task.retry_backoff * 2**n, task.retry_backoff_max) / 2
        for n in range(task.max_retries)
    )
    assert mean_wait >= 15 * 60
    # …while a node or database back is retried within a minute.
    assert task.retry_backoff_max <= 60
