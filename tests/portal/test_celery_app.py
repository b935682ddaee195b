"""The Celery app's configuration: what keeps tasks from being lost."""

from django.conf import settings

from portal.celery import app
from portal.schedule import BEAT_SCHEDULE
from portfolio.notifications.tasks import MAX_RETRY_DELAY, retry_delay


def test_tasks_are_acknowledged_late_and_requeued_if_the_worker_dies():
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST
    assert settings.CELERY_TASK_SERIALIZER == "json"
    assert settings.CELERY_ACCEPT_CONTENT == ["json"]
    assert settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT


def test_every_retry_delay_stays_far_below_the_visibility_timeout():
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert MAX_RETRY_DELAY * 10 <= visibility
    assert all(0 <= retry_delay(n) <= MAX_RETRY_DELAY for n in range(20))


def test_publishing_gives_up_quickly_when_the_broker_is_down():
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    assert options["max_retries"] <= 1 and options["interval_max"] < 1


def test_the_schedule_names_only_registered_tasks():
    app.loader.import_default_modules()
    names = {entry["task"] for entry in BEAT_SCHEDULE.values()}
    assert names == {
        "portfolio.reminders_plan",
        "portfolio.dispatch_sweep",
        "portfolio.export_sweep",
        "capabilities.import_job_sweep",
        "learning.publish_scheduled",
        "search.index_sweep",
    }
    assert names <= set(app.tasks)
    assert settings.CELERY_BEAT_SCHEDULE is BEAT_SCHEDULE
