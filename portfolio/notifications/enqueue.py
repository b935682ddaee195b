"""Publishing a task once the transaction that recorded its work commits.

The database row is the record of what must happen; the message on the broker
is only a prompt. If the broker is down at that moment, the publish fails fast
(no retry loop holding the web request), the failure is logged, and the
periodic sweep finds the row and publishes again.
"""

import logging
from functools import partial

from django.db import transaction

logger = logging.getLogger(__name__)


def _publish(task, args: tuple) -> None:
    try:
        # Results are never read (the row is the result), and not asking for
        # one keeps the publish from touching the result backend at all.
        task.apply_async(args=args, retry=False, ignore_result=True)
    except Exception:
        if task.app.conf.task_always_eager:
            raise
        logger.exception("Could not queue %s%r; the sweep will retry", task.name, args)


def enqueue_on_commit(task, *args) -> None:
    """Queue ``task(*args)`` after the current transaction commits."""
    transaction.on_commit(partial(_publish, task, args))
