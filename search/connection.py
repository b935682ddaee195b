"""The Elasticsearch client, configured for a portal that must not hang.

The client's defaults (10 s timeout, no retry on timeout) would let one hung
node hold every web worker; searches here time out after a couple of seconds
and callers fall back to the database.
"""

from functools import cache

from django.conf import settings

from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import ConnectionTimeout, TransportError
from elasticsearch import ApiError, Elasticsearch
from elasticsearch.dsl import connections

#: Seconds a request to Elasticsearch may take before we give up on it.
REQUEST_TIMEOUT = 2.0


def elasticsearch_configured() -> bool:
    return bool(settings.ELASTICSEARCH_URL)


def build_client(url: str) -> Elasticsearch:
    """A client with the portal's short timeout and a single retry."""
    # Several nodes, comma-separated: a request that meets a dead node is
    # retried on another (the one retry), so a cluster rides out a lost node.
    nodes = [node.strip() for node in url.split(",") if node.strip()]
    return Elasticsearch(
        nodes, request_timeout=REQUEST_TIMEOUT, max_retries=1, retry_on_timeout=False
    )


@cache
def get_client() -> Elasticsearch:
    """The shared client (also registered as elasticsearch.dsl's default
    connection). Raises RuntimeError when ELASTICSEARCH_URL is not set."""
    if not elasticsearch_configured():
        raise RuntimeError("ELASTICSEARCH_URL is not set.")
    client = build_client(settings.ELASTICSEARCH_URL)
    connections.add_connection("default", client)
    return client


def index_prefix() -> str:
    return getattr(settings, "SEARCH_INDEX_PREFIX", "portfolio-")


def _forget_client(*, setting, **kwargs) -> None:
    # Tests (and the fault tests in particular) point the portal at another
    # node by overriding the setting; the cached client must follow.
    if setting == "ELASTICSEARCH_URL":
        get_client.cache_clear()


def connect_setting_changes() -> None:
    from django.test.signals import setting_changed

    setting_changed.connect(_forget_client, dispatch_uid="search-client-reset")


def is_outage(error: Exception) -> bool:
    """Does ``error`` mean Elasticsearch is unavailable (rather than that we
    sent something wrong)?"""
    if isinstance(error, ConnectionTimeout | TransportConnectionError):
        return True
    if isinstance(error, ApiError):
        return error.meta.status >= 500 or error.meta.status == 429
    return isinstance(error, TransportError)
