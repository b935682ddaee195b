"""Search in Chromium on the real Elasticsearch node: a practitioner searches
from the header, narrows by a facet and opens a result; a supervisor finds a
supervisee's shared entry and not an unshared one. axe-core on every page."""

import pytest

from capabilities.selectors import item_by_reference
from portfolio.evidence.models import EntryMapping
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_sign_in_journeys import sign_in_through_pages
from tests.factories.portfolio import EntryFactory
from tests.search.conftest import search_isolation  # noqa: F401 - own indices

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.elasticsearch,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def searchable(practitioner, shared_entry):
    """Entries saved (and so indexed, on commit) the way the portal saves them."""
    course = EntryFactory(
        owner=practitioner,
        title="Direct work with a child in need",
        cpd_type="course",
        state="complete",
    )
    EntryMapping.objects.create(entry=course, item=item_by_reference("pcf@2018:6"))
    EntryFactory(
        owner=practitioner,
        title="CIN planning meeting",
        cpd_type="reading_research",
    )
    EntryFactory(
        owner=practitioner,
        title="Private reflection on a home visit",
        state="complete",
        shared_with_supervisors=False,
    )
    return {"course": course, "shared": shared_entry}


def _search_from_header(page, words):
    page.get_by_test_id("header-search-input").fill(words)
    page.get_by_test_id("header-search-submit").click()
    page.get_by_test_id("search-total").wait_for()


def test_a_practitioner_searches_filters_and_opens_a_result(
    page, practitioner, searchable
):
    sign_in_through_pages(page, practitioner)
    _search_from_header(page, "CIN")
    assert page.get_by_test_id("search-total").inner_text() == "2 results"
    assert page.get_by_test_id("search-notice").count() == 0
    assert page.locator("mark").count() >= 2
    assert_accessible(page)

    page.get_by_label("Course or training (1)").check()
    page.get_by_test_id("apply-filters").click()
    page.get_by_test_id("search-total").wait_for()
    assert page.get_by_test_id("search-total").inner_text() == "1 result"
    assert_accessible(page)

    page.get_by_test_id("search-result-link").click()
    page.wait_for_url(f"**/portfolio/entries/{searchable['course'].pk}/")
    assert "Direct work with a child in need" in page.locator("h1").inner_text()


def test_a_supervisor_finds_shared_work_and_not_the_rest(
    page, supervisor, supervision, searchable
):
    sign_in_through_pages(page, supervisor)
    _search_from_header(page, "reflection")
    results = page.get_by_test_id("search-results").inner_text()
    assert "Shared reflection" in results
    assert "Private reflection" not in results
    assert page.get_by_test_id("search-total").inner_text() == "1 result"
    assert_accessible(page)
    page.get_by_test_id("search-result-link").click()
    page.wait_for_url(f"**/supervision/entries/{searchable['shared'].pk}/")
    assert "Shared reflection" in page.content()
