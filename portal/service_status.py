"""Whether each backing service the portal is configured for answers."""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from jobs.selectors import queue_health
from portal.tasks import broker_round_trip
from search.connection import elasticsearch_configured, get_client


@dataclass(frozen=True)
class ServiceStatus:
    name: str
    configured: bool
    healthy: bool
    detail: str


def _database() -> ServiceStatus:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return ServiceStatus("database", True, True, connection.vendor)
    except Exception as error:  # noqa: BLE001 - a status report shows any failure
        return ServiceStatus("database", True, False, str(error))


def _cache() -> ServiceStatus:
    configured = bool(settings.REDIS_URL)
    key, value = "service-status-probe", secrets.token_hex(8)
    try:
        cache.set(key, value, 10)
        healthy = cache.get(key) == value
        return ServiceStatus(
            "cache", configured, healthy, "redis" if configured else "local memory"
        )
    except Exception as error:  # noqa: BLE001
        return ServiceStatus("cache", configured, False, str(error))


def _task_queue(timeout: float) -> ServiceStatus:
    configured = bool(settings.CELERY_BROKER_URL)
    if not configured:
        return ServiceStatus("task queue", False, True, "eager (in-process)")
    nonce = secrets.token_hex(8)
    try:
        result = broker_round_trip.delay(nonce).get(timeout=timeout)
        return ServiceStatus("task queue", True, result == nonce, "worker answered")
    except Exception as error:  # noqa: BLE001
        return ServiceStatus("task queue", True, False, f"no worker answered: {error}")


def _workers() -> ServiceStatus:
    """Whether every queue has a worker consuming it (its heartbeat, sent by
    beat each minute, is recent): a worker can be alive and consume nothing."""
    if not settings.CELERY_BROKER_URL:
        return ServiceStatus("workers", False, True, "eager (in-process)")
    try:
        health = queue_health()
    except Exception as error:  # noqa: BLE001
        return ServiceStatus("workers", True, False, str(error))
    stale = [item.queue for item in health if not item.healthy]
    if stale:
        return ServiceStatus(
            "workers", True, False, f"no recent heartbeat on: {', '.join(stale)}"
        )
    return ServiceStatus("workers", True, True, "every queue has a heartbeat")


def _search() -> ServiceStatus:
    if not elasticsearch_configured():
        return ServiceStatus("search", False, True, "database search")
    try:
        health = get_client().cluster.health()
        return ServiceStatus(
            "search",
            True,
            health["status"] in ("green", "yellow"),
            f"elasticsearch {health['status']}",
        )
    except Exception as error:  # noqa: BLE001
        return ServiceStatus("search", True, False, str(error))


def service_statuses(*, task_timeout: float = 5.0) -> list[ServiceStatus]:
    return [
        _database(),
        _cache(),
        _task_queue(task_timeout),
        _workers(),
        _search(),
    ]
