"""A circuit breaker for Elasticsearch, shared by every web worker.

After ``SEARCH_BREAKER_FAILURES`` failures in a row the breaker opens for
``SEARCH_BREAKER_OPEN_SECONDS``: searches go straight to the database and index
writes stay pending in the outbox, so a hung node costs each worker at most a
few timeouts rather than one per request. Then one probe is let through
(half-open); its success closes the breaker, its failure opens it again.

State lives in Django's cache (Redis when REDIS_URL is set, so all workers
share it). If the cache itself fails, the breaker stays closed: the short
client timeout still bounds every request.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

_FAILURES = "search:breaker:failures"
_OPEN_UNTIL = "search:breaker:open-until"
_PROBE = "search:breaker:probe"


def _failure_threshold() -> int:
    return getattr(settings, "SEARCH_BREAKER_FAILURES", 3)


def _open_seconds() -> float:
    return getattr(settings, "SEARCH_BREAKER_OPEN_SECONDS", 30)


def is_open() -> bool:
    """True while requests should not be sent (open, or half-open with the
    probe already taken). Does not take the probe."""
    try:
        open_until = cache.get(_OPEN_UNTIL)
    except Exception:  # noqa: BLE001 - a broken cache must not break search
        return False
    return open_until is not None and time.time() < open_until


def allow_request() -> bool:
    """May a request go to Elasticsearch now? In the half-open state only the
    first caller gets a yes (the probe)."""
    try:
        open_until = cache.get(_OPEN_UNTIL)
        if open_until is None:
            return True
        if time.time() < open_until:
            return False
        # The probe slot expires by itself in case the prober dies.
        return cache.add(_PROBE, 1, timeout=10)
    except Exception:  # noqa: BLE001
        logger.warning("Search breaker: cache unavailable; allowing the request.")
        return True


def record_success() -> None:
    try:
        if cache.get(_OPEN_UNTIL) is not None or cache.get(_FAILURES):
            cache.delete_many([_FAILURES, _OPEN_UNTIL, _PROBE])
            logger.info("Search breaker closed: Elasticsearch answers again.")
    except Exception:  # noqa: BLE001
        logger.warning("Search breaker: cache unavailable.")


def record_failure() -> None:
    try:
        cache.add(_FAILURES, 0, timeout=300)
        failures = cache.incr(_FAILURES)
        half_open = cache.get(_OPEN_UNTIL) is not None
        if half_open or failures >= _failure_threshold():
            seconds = _open_seconds()
            cache.set(_OPEN_UNTIL, time.time() + seconds, timeout=int(seconds) + 600)
            cache.delete(_PROBE)
            logger.warning(
                "Search breaker open for %ss after %s failures.", seconds, failures
            )
    except Exception:  # noqa: BLE001
        logger.warning("Search breaker: cache unavailable.")


def reset() -> None:
    """Close the breaker (after an operator fixed the node, and in tests)."""
    try:
        cache.delete_many([_FAILURES, _OPEN_UNTIL, _PROBE])
    except Exception:  # noqa: BLE001
        logger.warning("Search breaker: cache unavailable.")
