"""The search page, driven through the Django test client."""

from django.urls import reverse

import pytest

from capabilities.selectors import item_by_reference
from portfolio.evidence.models import EntryMapping
from search.forms import QUERY_TOO_LONG
from tests.factories.portfolio import EntryFactory

pytestmark = pytest.mark.django_db

URL = reverse("search:search")


@pytest.fixture
def database_search(settings):
    settings.ELASTICSEARCH_URL = ""


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get(URL, {"q": "anything"})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_header_has_a_search_box(client, signed_in, practitioner):
    signed_in(practitioner)
    content = client.get(reverse("home")).content.decode()
    assert 'data-testid="header-search"' in content
    assert f'action="{URL}"' in content


def test_results_facets_and_a_link_that_opens(
    backend, client, signed_in, practitioner, index_now
):
    entry = EntryFactory(
        owner=practitioner, title="Direct work zqview", cpd_type="course"
    )
    EntryMapping.objects.create(entry=entry, item=item_by_reference("pcf@2018:6"))
    EntryFactory(
        owner=practitioner, title="Reading zqview", cpd_type="reading_research"
    )
    index_now()
    signed_in(practitioner)
    content = client.get(URL, {"q": "zqview"}).content.decode()
    assert "2 results" in content
    assert "<mark>zqview</mark>" in content
    assert 'data-testid="facet-type-entry:course"' in content
    assert "Course or training <span" in content
    assert "PCF 6 Critical Reflection and Analysis" in content
    filtered = client.get(URL, {"q": "zqview", "type": "entry:course"})
    content = filtered.content.decode()
    assert "1 result" in content and "Reading" not in content
    link = reverse("portfolio:entry_detail", args=[entry.pk])
    assert f'href="{link}"' in content
    assert client.get(link).status_code == 200


def test_a_supervisors_result_opens_the_review_page(
    database_search, client, signed_in, supervisor, shared_entry
):
    signed_in(supervisor)
    content = client.get(URL, {"q": "Shared reflection"}).content.decode()
    link = reverse("supervision:entry_review", args=[shared_entry.pk])
    assert f'href="{link}"' in content
    assert client.get(link).status_code == 200


def test_a_too_long_query_is_explained(
    database_search, client, signed_in, practitioner
):
    signed_in(practitioner)
    response = client.get(URL, {"q": "x" * 201})
    assert response.status_code == 200
    assert QUERY_TOO_LONG in response.content.decode()


def test_nonsense_parameters_are_harmless(
    database_search, client, signed_in, practitioner
):
    EntryFactory(owner=practitioner, title="Nonsense zqodd")
    signed_in(practitioner)
    for params in (
        {"q": "zqodd", "page": "-4"},
        {"q": "zqodd", "page": "banana"},
        {"q": "zqodd", "sort": "evil"},
        {"q": "zqodd", "domains": "not-a-number", "year": "x"},
        {"q": "zqodd", "levels": ["1"] * 50},
    ):
        assert client.get(URL, params).status_code == 200


def test_pages_of_results(database_search, client, signed_in, practitioner):
    for n in range(12):
        EntryFactory(owner=practitioner, title=f"Paged zqpaged {n}")
    signed_in(practitioner)
    first = client.get(URL, {"q": "zqpaged"}).content.decode()
    assert "Page 1 of 2" in first and 'rel="next"' in first
    second = client.get(URL, {"q": "zqpaged", "page": "2"}).content.decode()
    assert second.count('data-testid="search-result"') == 2


def test_the_page_follows_each_save_at_once(
    database_search, client, signed_in, practitioner
):
    """Nothing on the results page is kept between requests but the
    frameworks' names (issue #15): a new entry, a new mapping and a renamed
    domain all show on the very next search."""
    signed_in(practitioner)
    first = EntryFactory(owner=practitioner, title="Fresh zqfresh", cpd_type="course")
    content = client.get(URL, {"q": "zqfresh"}).content.decode()
    assert "1 result" in content and "Critical Reflection" not in content
    domain = item_by_reference("pcf@2018:6")
    level = domain.framework.levels.get(code="social-worker")
    EntryMapping.objects.create(entry=first, item=domain, level=level)
    second = EntryFactory(owner=practitioner, title="Again zqfresh", cpd_type="course")
    EntryMapping.objects.create(entry=second, item=domain, level=level)
    EntryMapping.objects.create(
        entry=second, item=item_by_reference("pcf@2018:5"), level=level
    )
    content = client.get(URL, {"q": "zqfresh"}).content.decode()
    assert "2 results" in content
    # Each entry counted once per domain and per level, however many of its
    # mappings share them.
    assert f'data-testid="facet-domains-{domain.pk}"' in content
    assert "PCF 6 Critical Reflection and Analysis <span" in content
    assert f"{level.name} <span" in content
    level_count = content.split(f"{level.name} <span")[1].split(")")[0]
    assert level_count.endswith("(2"), level_count
    domain.name = "Critical Reflection, renamed"
    domain.save()
    content = client.get(URL, {"q": "zqfresh"}).content.decode()
    assert "PCF 6 Critical Reflection, renamed <span" in content


@pytest.mark.parametrize(
    "facet", [{"domains": "²"}, {"levels": "9" * 30}, {"year": "١٢"}, {"domains": "-1"}]
)
def test_a_crafted_facet_value_finds_nothing_rather_than_failing(
    client, signed_in, practitioner, database_search, facet
):
    EntryFactory(owner=practitioner, title="Direct work with a family")
    response = signed_in(practitioner).get(URL, {"q": "family", **facet})
    assert response.status_code == 200
