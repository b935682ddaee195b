"""Every periodic task, in one place (Celery beat reads CELERY_BEAT_SCHEDULE).

Times are in CELERY_TIMEZONE (Europe/London)."""

from datetime import timedelta

from celery.schedules import crontab

from jobs.queues import QUEUES

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
    # Erase or anonymise what each organisation's retention rules say is due
    # (never anyone under a legal hold), in batches, with a report.
    # 02:30 every day: https://crontab.guru/#30_2_*_*_*
    "privacy-retention": {
        "task": "portfolio.retention_run",
        "schedule": crontab(minute="30", hour="2"),
    },
    # The organisation reports' yearly summaries that lag their person (a
    # refresh at commit that failed; a release that marked them all): the
    # reports would otherwise work them out on first read.
    # 01:40 every day: https://crontab.guru/#40_1_*_*_*
    "report-summaries-refresh": {
        "task": "portfolio.report_summaries_refresh",
        "schedule": crontab(minute="40", hour="1"),
        "options": {"expires": 60 * 60},
    },
    # Re-queue durable jobs of every kind (dispatches, exports, framework
    # imports, index updates and rebuilds) whose task was lost, and record
    # those tried too often as failed; each kind decides when a row counts as
    # lost (see jobs/services.py). Every 20 seconds, so a row whose publish
    # failed while the broker was down is sent within a minute of its return
    # (and a run lost to an outage costs only 20 s); a pass is a few indexed
    # queries per kind. Expires rather than piling up behind an outage.
    "jobs-sweep": {
        "task": "jobs.sweep",
        "schedule": timedelta(seconds=20),
        "options": {"expires": 20},
    },
    # Private files that no row refers to (an upload whose transaction rolled
    # back, a worker killed before commit): on a shared object store they
    # would pile up for ever. Hourly; a file younger than an hour is left.
    "private-file-sweep": {
        "task": "portfolio.private_file_sweep",
        "schedule": crontab(minute="17"),
        "options": {"expires": 30 * 60},
    },
    # Kept answers to API POSTs (Idempotency-Key) older than a day: a retry
    # comes within minutes, and the answers may name people.
    # 03:10 every day: https://crontab.guru/#10_3_*_*_*
    "api-idempotent-responses-purge": {
        "task": "api.idempotent_responses_purge",
        "schedule": crontab(minute="10", hour="3"),
    },
    # One heartbeat a minute on each queue, so `manage.py worker_health`
    # notices a queue nobody consumes (jobs/selectors.py).
    **{
        f"jobs-heartbeat-{queue}": {
            "task": "jobs.heartbeat",
            "schedule": timedelta(minutes=1),
            "args": (queue,),
            "options": {"queue": queue, "expires": 60},
        }
        for queue in QUEUES
    },
}
