"""Waiting for background work in fault tests: on progress, not a deadline.

A loaded machine is slow, not lossy: a test gives up only when nothing has
changed state for ``idle`` seconds (work that is lost stops changing; work
that is merely slow keeps moving)."""

import time
from collections.abc import Callable, Hashable


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
