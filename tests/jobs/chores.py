"""The ``Chore`` kind's service: record one, and do its work."""

import time

from django.db import transaction
from django.utils import timezone

from jobs.services import job_claim, job_enqueue
from tests.jobs.models import Chore


class ChoreFailed(Exception):
    pass


@transaction.atomic
def chore_record(**fields) -> Chore:
    chore = Chore.objects.create(**fields)
    job_enqueue(chore)
    return chore


def chore_run(*, chore_id: int) -> Chore | None:
    with job_claim(Chore, chore_id) as chore:
        if chore is None:
            return None
        time.sleep(chore.hold_seconds)
        if chore.attempts <= chore.fail_until_attempt:
            error = ConnectionError if chore.transient else ChoreFailed
            raise error(f"Failed on attempt {chore.attempts}.")
        chore.status, chore.finished_at = "done", timezone.now()
        chore.runs += 1
        chore.save(update_fields=["status", "finished_at", "runs"])
    return chore
