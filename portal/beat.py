"""Celery beat that runs on one host at a time, however many are started.

Two beats would send every periodic task twice (twice the sweeps, two sets
of reminders planned). Deployments start one beat per machine for
resilience, so each holds off until it owns a lock in Redis (the broker): the
owner renews it every tick; if it dies, the lock expires and another beat
takes over within PORTFOLIO_BEAT_LOCK_SECONDS.

    celery -A portal beat -S portal.beat.SingleBeatScheduler
"""

import logging
import uuid

from django.conf import settings

import redis
from celery.beat import PersistentScheduler

logger = logging.getLogger(__name__)

LOCK_KEY = "portfolio:beat:leader"

# Renew if we hold it, take it if nobody does; atomically.
_TAKE_OR_RENEW = """
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return 1
end
if not holder then
    redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
    return 1
end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('DEL', KEYS[1])
end
return 0
"""


class SingleBeatScheduler(PersistentScheduler):
    def __init__(self, *args, **kwargs):
        self.lock_seconds = settings.PORTFOLIO_BEAT_LOCK_SECONDS
        self.token = uuid.uuid4().hex
        self.leading = False
        self.redis = redis.Redis.from_url(
            settings.CELERY_BROKER_URL, socket_timeout=2, socket_connect_timeout=2
        )
        super().__init__(*args, **kwargs)

    def _lead(self) -> bool:
        try:
            held = self.redis.eval(
                _TAKE_OR_RENEW, 1, LOCK_KEY, self.token, int(self.lock_seconds * 1000)
            )
        except redis.RedisError as error:
            # No broker, nothing could be sent anyway; and never send twice.
            logger.warning("Beat cannot reach Redis for its lock: %s", error)
            held = 0
        if bool(held) != self.leading:
            logger.info(
                "Beat %s: %s",
                self.token[:8],
                "now the one that sends" if held else "another beat sends; standing by",
            )
        self.leading = bool(held)
        return self.leading

    def tick(self, *args, **kwargs):
        # Renew well inside the lock's lifetime.
        renew_in = self.lock_seconds / 3
        if not self._lead():
            return renew_in
        return min(super().tick(*args, **kwargs), renew_in)

    def close(self):
        super().close()
        if self.leading:
            try:
                self.redis.eval(_RELEASE, 1, LOCK_KEY, self.token)
            except redis.RedisError:
                pass  # it expires by itself
