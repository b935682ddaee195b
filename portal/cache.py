"""The cache backend: Redis, optional for everything except signing in.

Nothing the portal shows depends on the cache (export progress, the search
breaker's state): with Redis down those reads find nothing and writes are
dropped, so a page never fails because of it (RELIABILITY.md #12). Two uses
must fail closed instead, because "nothing found" there would let an
attacker through: allauth's rate limits (a missing history allows every
attempt) and its record of used authenticator codes (a missing marker lets a
code be replayed). Their keys raise ``CacheUnavailable``, which
``portal.middleware.CacheUnavailableMiddleware`` turns into a refused sign-in
with a clear message.

allauth reads Django's default cache directly, so the rule goes by key rather
than by cache alias.
"""

import logging

from django_redis.cache import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

#: Keys that must fail closed: allauth's rate limits ("allauth:rl:…", and
#: their locks) and its used-code markers ("allauth.mfa.totp.used?…").
STRICT_KEY_PREFIXES = ("allauth:rl:", "allauth.mfa.")

REDIS_DOWN = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)


class CacheUnavailable(ConnectionError):
    """A fail-closed use of the cache (signing in) met a Redis outage."""


def _keys(args, kwargs, *, many: bool) -> list[str]:
    if many:
        found = args[0] if args else kwargs.get("keys", kwargs.get("data", ()))
        return [str(key) for key in found]
    key = args[0] if args else kwargs.get("key", "")
    return [str(key)]


def _degrading(name: str, *, fallback, many: bool = False):
    def method(self, *args, **kwargs):
        try:
            return getattr(super(OptionalRedisCache, self), name)(*args, **kwargs)
        except REDIS_DOWN as error:
            keys = _keys(args, kwargs, many=many)
            if any(key.startswith(STRICT_KEY_PREFIXES) for key in keys):
                raise CacheUnavailable(str(error)) from error
            # One line, not a traceback per request while Redis is down.
            logger.warning("Cache unavailable for %s (%s); carrying on", name, error)
            return fallback(args, kwargs)

    method.__name__ = name
    return method


def _default(args, kwargs):
    return args[1] if len(args) > 1 else kwargs.get("default")


class OptionalRedisCache(RedisCache):
    """django-redis's cache, but a Redis outage reads as "nothing cached"
    (writes are dropped) except for the fail-closed keys above."""

    get = _degrading("get", fallback=_default)
    get_many = _degrading("get_many", fallback=lambda args, kwargs: {}, many=True)
    has_key = _degrading("has_key", fallback=lambda args, kwargs: False)
    set = _degrading("set", fallback=lambda args, kwargs: False)
    # add: False ("someone else holds it") is the safe answer for a lock.
    add = _degrading("add", fallback=lambda args, kwargs: False)
    set_many = _degrading(
        "set_many",
        fallback=lambda args, kwargs: list(args[0]) if args else [],
        many=True,
    )
    touch = _degrading("touch", fallback=lambda args, kwargs: False)
    delete = _degrading("delete", fallback=lambda args, kwargs: False)
    delete_many = _degrading("delete_many", fallback=lambda args, kwargs: 0, many=True)
    incr = _degrading("incr", fallback=lambda args, kwargs: 0)
