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
    # Re-queue dispatches whose task was lost (Redis or a worker died after the
    # row was written). Every 5 minutes: https://crontab.guru/#*/5_*_*_*_*
    "dispatch-sweep": {
        "task": "portfolio.dispatch_sweep",
        "schedule": crontab(minute="*/5"),
    },
    # Re-queue exports whose task was lost. Every 10 minutes:
    # https://crontab.guru/#*/10_*_*_*_*
    "export-sweep": {
        "task": "portfolio.export_sweep",
        "schedule": crontab(minute="*/10"),
    },
    # Re-queue framework imports whose task was lost. Every 10 minutes:
    # https://crontab.guru/#*/10_*_*_*_*
    "framework-import-sweep": {
        "task": "capabilities.import_job_sweep",
        "schedule": crontab(minute="*/10"),
    },
    # Replay search index updates whose task was lost or failed while
    # Elasticsearch was down. Every minute: https://crontab.guru/#*_*_*_*_*
    "search-index-sweep": {
        "task": "search.index_sweep",
        "schedule": crontab(minute="*"),
    },
}
