"""Organisation reports a page at a time (issue #15): at most 50 people on a
page, every one of them reachable through the pages, all of them in the CSV."""

import io
import zipfile

from django.urls import reverse

import pytest

from portfolio.reports.paging import ROWS_PER_PAGE
from tests.auth import sign_in
from tests.factories.portfolio import UserFactory
from tests.portfolio.reports.helpers import parse_report_page

pytestmark = pytest.mark.django_db
PEOPLE = ROWS_PER_PAGE + 7


@pytest.fixture
def crowd(org_admin, team):
    # Nobody has any CPD yet: everyone is on "not yet complete".
    return [
        UserFactory(
            organisation=org_admin.organisation,
            team=team,
            email=f"crowd{n:02d}@example.org",
            last_name=f"Crowd{n:02d}",
        )
        for n in range(PEOPLE)
    ]


def _names(response) -> list[str]:
    table = parse_report_page(response.content).tables_by_key["readiness-missing"]
    return [row[0] for row in table[1:]]


def test_the_not_yet_complete_list_comes_fifty_to_a_page(client, org_admin, crowd):
    sign_in(client, org_admin)
    url = reverse("reports:cpd-readiness")
    first = client.get(url)
    assert first.status_code == 200
    assert len(_names(first)) == ROWS_PER_PAGE
    assert b'data-testid="pagination-readiness-missing"' in first.content
    second = client.get(url, {"readiness-missing-page": "2"})
    rest = _names(second)
    assert set(_names(first)).isdisjoint(rest)
    expected = {str(person) for person in crowd}
    assert expected <= set(_names(first)) | set(rest)
    # A page number that is not one shows the first page, not an error.
    assert _names(client.get(url, {"readiness-missing-page": "x"})) == _names(first)


def test_the_csv_carries_every_page(client, org_admin, crowd):
    sign_in(client, org_admin)
    response = client.get(
        reverse("reports:cpd-readiness-csv"), {"table": "readiness-missing"}
    )
    assert response.streaming
    lines = b"".join(response.streaming_content).decode().splitlines()
    names = {line.split(",")[0] for line in lines[1:]}
    assert {str(person) for person in crowd} <= names
    download = client.get(reverse("reports:cpd-readiness-csv"))
    assert download.streaming
    content = b"".join(download.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        missing = next(n for n in archive.namelist() if "readiness-missing" in n)
        assert len(archive.read(missing).decode().splitlines()) == len(lines)
