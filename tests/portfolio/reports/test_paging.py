"""Organisation reports a page at a time (issue #15): at most 50 people on a
page, every one of them reachable through the pages, all of them in the CSV."""

import io
import zipfile

from django.urls import reverse

import pytest

from portfolio.reports.paging import COLUMNS_PER_PAGE, ROWS_PER_PAGE
from tests.auth import sign_in
from tests.factories.portfolio import TeamFactory, UserFactory
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


@pytest.fixture
def many_teams(org_admin):
    """More teams than fit side by side on one page, one social worker each."""
    teams = [
        TeamFactory(organisation=org_admin.organisation, name=f"Team {n:02d}")
        for n in range(COLUMNS_PER_PAGE + 3)
    ]
    for n, team in enumerate(teams):
        UserFactory(
            organisation=org_admin.organisation,
            team=team,
            email=f"member{n:02d}@example.org",
        )
    return teams


def test_a_column_per_team_comes_twenty_teams_to_a_page(client, org_admin, many_teams):
    sign_in(client, org_admin)
    url = reverse("reports:capability-coverage")
    first = client.get(url)
    table = parse_report_page(first.content).tables_by_key["coverage-confirmed"]
    # The domains' column, the page's teams, and "All".
    assert table[0] == ["PCF domain", *[f"Team {n:02d}" for n in range(20)], "All"]
    assert b'data-testid="column-pagination-coverage-confirmed"' in first.content
    # The heatmap shows the same teams as the table.
    section = first.content.split(b'data-testid="section-coverage-confirmed"')[1]
    chart = section.split(b"</figure>")[0]
    assert b"Team 19" in chart
    assert b"Team 20" not in section
    second = client.get(url, {"coverage-confirmed-columns": "2"})
    table = parse_report_page(second.content).tables_by_key["coverage-confirmed"]
    # The rest, then people in no team (the organisation admin's own
    # practitioner account is one), then "All".
    assert table[0] == [
        "PCF domain",
        "Team 20",
        "Team 21",
        "Team 22",
        "Not in a team",
        "All",
    ]
    # The other table keeps its own page; a bad number is the first page.
    mapped = parse_report_page(second.content).tables_by_key["coverage-mapped"]
    assert mapped[0][1] == "Team 00"
    bad = client.get(url, {"coverage-confirmed-columns": "x"})
    assert parse_report_page(bad.content).tables_by_key["coverage-confirmed"][0][1] == (
        "Team 00"
    )
    # The CSV has every team.
    response = client.get(
        reverse("reports:capability-coverage-csv"), {"table": "coverage-confirmed"}
    )
    header = b"".join(response.streaming_content).decode().splitlines()[0]
    assert header.split(",")[1:-2] == [f"Team {n:02d}" for n in range(23)]


def test_the_by_team_chart_shows_the_teams_on_the_page(client, org_admin, many_teams):
    sign_in(client, org_admin)
    page = client.get(reverse("reports:cpd-readiness"))
    chart = page.content.split(b'data-testid="chart-readiness-by-team"')[1]
    chart = chart.split(b"</figure>")[0]
    assert b"Team 00" in chart and b"Team 22" in chart
