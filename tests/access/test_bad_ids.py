"""Issue 14, item 4: an id in a query string or form that is too big, negative
or not a number is never a server error; it gets the same answer as an id
that does not exist. Every list, report and search filter, and every form
that takes an id, is probed here."""

from django.urls import reverse

import pytest

from portfolio.reports.registry import report_list
from tests.auth import sign_in

pytestmark = pytest.mark.django_db

BAD_IDS = (
    "9223372036854775808",  # one past the largest 64-bit integer
    "99999999999999999999999999999",
    "-9223372036854775809",
    "-1",
    "0",
    "abc",
    "1.5",
    "1e3",
    "",
)

#: (who, method, url name, parameter names) — every id or number taken from a
#: query string or a form.
PROBES = [
    ("practitioner", "get", "portfolio:entry_list", ("domain", "year", "page")),
    (
        "practitioner",
        "get",
        "search:search",
        ("page", "type", "domains", "levels", "year"),
    ),
    ("practitioner", "get", "capabilities:framework_detail", ("level",)),
    ("practitioner", "get", "learning_section", ("page", "topic")),
    ("practitioner", "post", "portfolio:entry_create", ("mapping_items", "version")),
    ("practitioner", "post", "portfolio:entry_autosave_new", ("version",)),
    ("practitioner", "post", "portfolio:entry_autosave_new", ("mapping_level",)),
    ("practitioner", "post", "supervision:mine", ("supervision",)),
    ("supervisor", "post", "supervision:queue", ("entries",)),
    ("supervisor", "post", "appraisal:list", ("supervision",)),
    ("supervisor", "post", "appraisal:detail", ("version",)),
    ("practitioner", "post", "appraisal:objective_evidence", ("entry",)),
    *[
        ("org_admin", "get", f"reports:{report.key}", ("team", "level", "year"))
        for report in report_list()
    ],
    *[
        ("org_admin", "get", f"reports:{report.key}-csv", ("team", "level", "year"))
        for report in report_list()
    ],
]


#: URLs that need an object of the fixtures' (its pk from this attribute).
URL_OBJECTS = {
    "appraisal:detail": "appraisal",
    "appraisal:objective_evidence": "appraisal",
}


def _url(name, request):
    if name == "capabilities:framework_detail":
        return reverse(name, args=["pcf", "2018"])
    if name == "learning_section":
        # The section the fixture's research summary is filed under.
        return request.getfixturevalue("learning_page").get_parent().url
    fixture = URL_OBJECTS.get(name)
    if fixture is None:
        return reverse(name)
    return reverse(name, args=[request.getfixturevalue(fixture).pk])


@pytest.mark.parametrize(
    ("role", "method", "name", "parameters"),
    PROBES,
    ids=[f"{probe[2]}-{'+'.join(probe[3])}" for probe in PROBES],
)
def test_bad_ids_in_filters_and_forms_are_never_a_server_error(
    client, request, shipped_frameworks, role, method, name, parameters
):
    sign_in(client, request.getfixturevalue(role))
    client.raise_request_exception = False
    for value in BAD_IDS:
        for parameter in parameters:
            data = {parameter: value, "q": "reflection", "title": "Probe"}
            response = getattr(client, method)(_url(name, request), data)
            assert response.status_code < 500, (name, parameter, value)


def test_an_impossible_domain_lists_the_same_entries_as_an_unknown_one(
    client, signed_in, practitioner, shipped_frameworks
):
    from tests.factories.portfolio import EntryFactory

    EntryFactory(owner=practitioner, title="Canary entry")
    signed_in(practitioner)
    url = reverse("portfolio:entry_list")
    unknown = client.get(url, {"domain": "424242"}).content.decode()
    for value in ("9223372036854775808", "-3", "abc"):
        page = client.get(url, {"domain": value}).content.decode()
        assert ("Canary entry" in page) == ("Canary entry" in unknown), value
