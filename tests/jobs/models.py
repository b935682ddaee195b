"""``Chore``: a job kind that only the tests use. Its work fails on purpose
until a given attempt, and can hold its claim for a while, so the package's
claim, retries, failure record and sweep can be watched."""

from datetime import timedelta

from django.db import models

from jobs.models import DurableJob


class Chore(DurableJob):
    job_task_name = "tests.chore_run"
    job_stale_after = timedelta(minutes=3)
    job_max_attempts = 4

    #: The work raises while ``attempts`` is at most this.
    fail_until_attempt = models.PositiveSmallIntegerField(default=0)
    #: Raise ConnectionError (a service down) rather than ChoreFailed.
    transient = models.BooleanField(default=False)
    #: Seconds the work holds its claim before finishing.
    hold_seconds = models.FloatField(default=0)
    #: Committed runs of the work (a rolled-back attempt does not count).
    runs = models.PositiveSmallIntegerField(default=0)

    def __str__(self):
        return f"Chore {self.pk} ({self.status})"
