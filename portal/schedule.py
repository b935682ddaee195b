"""Every periodic task, in one place (Celery beat reads CELERY_BEAT_SCHEDULE)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Publish learning pages whose scheduled time has come: every 5 minutes.
    "learning-publish-scheduled": {
        "task": "learning.publish_scheduled",
        "schedule": crontab(minute="*/5"),
    },
    # Re-queue exports whose task was lost (Redis or a worker died after the
    # row was written). Every 10 minutes: https://crontab.guru/#*/10_*_*_*_*
    "export-sweep": {
        "task": "portfolio.export_sweep",
        "schedule": crontab(minute="*/10"),
    },
    # Replay search index updates whose task was lost or failed while
    # Elasticsearch was down. Every minute: https://crontab.guru/#*_*_*_*_*
    "search-index-sweep": {
        "task": "search.index_sweep",
        "schedule": crontab(minute="*"),
    },
}
