"""Liveness and readiness for a load balancer.

Readiness asks each backing service one quick question. Only the database
is essential: without it the portal can show nothing, so the instance is
taken out of rotation (503). Every other service degrades what depends on it
and nothing more (search falls back to the database, jobs wait as rows, a
file store outage fails only uploads and downloads), so the instance stays
in rotation and the response says which part is degraded. No error text is
returned: the endpoint is public, and the details are in the logs.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import storages
from django.db import connection

from portal.celery import app
from portal.service_status import _cache
from search.connection import elasticsearch_configured, get_client

logger = logging.getLogger(__name__)

#: The one dependency whose loss makes an instance not ready.
ESSENTIAL = frozenset({"database"})
#: Each probe's own budget: a hung service must not hold the balancer.
PROBE_TIMEOUT = 1.5


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    configured: bool
    milliseconds: int


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache_probe() -> None:
    status = _cache()
    if not status.healthy:
        raise RuntimeError(status.detail)


def _broker() -> None:
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=PROBE_TIMEOUT)


def _storage() -> None:
    # One HEAD (object store) or stat (file system); a missing name is fine.
    storages["private"].exists("health/probe")


def _search() -> None:
    health = get_client().options(request_timeout=PROBE_TIMEOUT).cluster.health()
    if health["status"] not in ("green", "yellow"):
        raise RuntimeError(f"cluster {health['status']}")


def _probes() -> list[tuple[str, bool, Callable[[], None]]]:
    return [
        ("database", True, _database),
        ("cache", bool(settings.REDIS_URL), _cache_probe),
        ("broker", bool(settings.CELERY_BROKER_URL), _broker),
        ("storage", True, _storage),
        ("search", elasticsearch_configured(), _search),
    ]


def readiness() -> list[Check]:
    checks = []
    for name, configured, probe in _probes():
        started = time.monotonic()
        ok = True
        if configured:
            try:
                probe()
            except Exception:
                logger.warning("Readiness: %s is unavailable", name, exc_info=True)
                ok = False
        elapsed = round((time.monotonic() - started) * 1000)
        checks.append(Check(name, ok, configured, elapsed))
    return checks


def readiness_report() -> tuple[int, dict]:
    """The HTTP status and JSON body of the readiness endpoint."""
    checks = readiness()
    essential_down = any(not c.ok for c in checks if c.name in ESSENTIAL)
    degraded = any(not c.ok for c in checks)
    status = "unavailable" if essential_down else "degraded" if degraded else "ok"
    body = {
        "status": status,
        "checks": {
            c.name: {
                "ok": c.ok,
                "configured": c.configured,
                "essential": c.name in ESSENTIAL,
                "ms": c.milliseconds,
            }
            for c in checks
        },
    }
    return (503 if essential_down else 200), body
