"""Helpers for fault tests with a real broker: pointing this process's
Celery app at it, and waiting for background work on progress, not a
deadline.

A loaded machine is slow, not lossy: a test gives up only when nothing has
changed state for ``idle`` seconds (work that is lost stops changing; work
that is merely slow keeps moving)."""

import contextlib
import time
from collections.abc import Callable, Hashable


@contextlib.contextmanager
def celery_on(broker_url: str):
    """Point the portal's Celery app (this process) at ``broker_url``, not
    eager, with fresh connection pools; restore it afterwards."""
    from portal.celery import app

    def reset_pools():
        app._pool = None
        with contextlib.suppress(KeyError):
            app.__dict__["amqp"]._producer_pool = None

    previous = (
        app.conf.task_always_eager,
        app.conf.broker_read_url,
        app.conf.broker_write_url,
    )
    app.conf.task_always_eager = False
    # ``broker_url`` itself cannot be overridden once Django's settings set
    # it (the namespaced key wins); the read and write URLs can.
    app.conf.broker_read_url = app.conf.broker_write_url = broker_url
    reset_pools()
    try:
        yield app
    finally:
        reset_pools()
        (
            app.conf.task_always_eager,
            app.conf.broker_read_url,
            app.conf.broker_write_url,
        ) = previous


def queue_length(broker_url: str, queues=None) -> int:
    """Messages waiting on the broker, over every queue (jobs/queues.py)
    unless ``queues`` names some."""
    import redis

    from jobs.queues import QUEUES

    client = redis.Redis.from_url(broker_url)
    return sum(client.llen(queue) for queue in queues or QUEUES)


def wait_on_progress(
    done: Callable[[], bool],
    *,
    state: Callable[[], Hashable],
    idle: float = 30,
    nudge: Callable[[], None] | None = None,
    quiet: Callable[[], bool] | None = None,
    poll: float = 0.5,
) -> bool:
    """Wait until ``done()``; False once ``state()`` has not changed for
    ``idle`` seconds. When ``quiet()`` says nothing is queued, ``nudge()``
    runs (a sweep, as beat would) after a short pause for tasks in progress."""
    last, changed = state(), time.monotonic()
    while not done():
        if time.monotonic() - changed > idle:
            return done()
        if nudge is not None and (quiet is None or quiet()):
            time.sleep(1.0)  # let tasks in progress finish before sweeping
            if done():
                return True
            nudge()
        time.sleep(poll)
        now = state()
        if now != last:
            last, changed = now, time.monotonic()
    return True
