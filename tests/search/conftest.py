"""Search test fixtures: a fresh index prefix per test, and both backends."""

import secrets

import pytest

from tests.search.indices import RUN_PREFIX, delete_indices


@pytest.fixture(autouse=True)
def search_isolation(settings):
    """Each test writes to its own indices, sees every write at once, and
    starts with the circuit breaker closed."""
    from search import breaker
    from search.connection import get_client
    from search.documents import forget_ensured

    prefix = f"{RUN_PREFIX}{secrets.token_hex(3)}-"
    settings.SEARCH_INDEX_PREFIX = prefix
    settings.SEARCH_REFRESH_ON_WRITE = True
    settings.SEARCH_BREAKER_OPEN_SECONDS = 30
    breaker.reset()
    forget_ensured()
    get_client.cache_clear()
    yield prefix
    breaker.reset()
    forget_ensured()
    get_client.cache_clear()
    delete_indices(prefix)


@pytest.fixture(
    params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)]
)
def backend(request, settings):
    """Run the test once on the database backend and once on Elasticsearch."""
    if request.param == "database":
        settings.ELASTICSEARCH_URL = ""
    return request.param


@pytest.fixture
def index_now():
    """Apply every pending index update (what the sweep does), so documents
    created in the test are searchable."""
    from search.services import index_replay

    def _index():
        return index_replay(limit=10_000)

    return _index


@pytest.fixture
def find(index_now):
    """``find(user, "words", **filters)`` → SearchResults after indexing."""
    from search.backends import SearchRequest
    from search.selectors import search_for_user

    def _find(user, text, *, sort="relevance", page=1, page_size=10, **filters):
        index_now()
        request = SearchRequest(
            text=text,
            filters={key: tuple(values) for key, values in filters.items()},
            sort=sort,
            page=page,
            page_size=page_size,
        )
        return search_for_user(user=user, request=request)

    return _find
