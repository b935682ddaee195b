"""Every periodic task, in one place (Celery beat reads CELERY_BEAT_SCHEDULE).

Times are in CELERY_TIMEZONE (Europe/London)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Publish learning pages whose scheduled time has come: every 5 minutes.
    "learning-publish-scheduled": {
        "task": "learning.publish_scheduled",
        "schedule": crontab(minute="*/5"),
    },
    # Record today's reminders (renewal, appraisal, objectives, supervision;
    # the supervisors' digest on Mondays) as dispatches, then deliver them.
    # 07:00 every day: https://crontab.guru/#0_7_*_*_*
    "reminders-plan": {
        "task": "portfolio.reminders_plan",
        "schedule": crontab(minute="0", hour="7"),
    },
    # Re-queue durable jobs of every kind (dispatches, exports, framework
    # imports, index updates and rebuilds) whose task was lost, and record
    # those tried too often as failed; each kind decides when a row counts as
    # lost (see jobs/tasks.py). Every minute: https://crontab.guru/#*_*_*_*_*
    "jobs-sweep": {
        "task": "jobs.sweep",
        "schedule": crontab(minute="*"),
    },
}
