"""A new deployment searches before anything has been indexed."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


def test_searching_before_any_index_exists_finds_nothing_without_error(
    signed_in, practitioner
):
    from search.backends import SearchRequest
    from search.selectors import search_for_user

    results = search_for_user(
        user=practitioner,
        request=SearchRequest(text="supervision", filters={}, sort="relevance", page=1),
    )
    assert results.backend == "elasticsearch"
    assert (results.hits, results.total) == ([], 0)
    assert all(values == [] for values in results.facets.values())
    response = signed_in(practitioner).get("/search/", {"q": "supervision"})
    assert response.status_code == 200
