"""An organisation admin opens each report in Chromium, filters it to one team,
downloads its tables (a ZIP of CSV files, or one table's CSV) and finds the
same figures; axe-core on every report, and every chart sits beside its data
table."""

import csv
import io
import zipfile

import pytest

from tests.conftest import _load_shipped_frameworks
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_sign_in_journeys import sign_in_through_pages
from tests.factories.portfolio import TeamFactory, UserFactory
from tests.portfolio.reports.conftest import CANARIES, riverside  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REPORTS = {
    "cpd-readiness": "CPD readiness",
    "capability-coverage": "Capability coverage",
    "appraisals-supervision": "Appraisals and supervision",
    "training-needs": "Training needs",
    "learning-content-use": "Learning content use",
}

READ_TABLES = """() => Object.fromEntries(
  [...document.querySelectorAll('table[data-testid^="table-"]')].map(t => [
    t.dataset.testid.slice("table-".length),
    [...t.rows].map(r => [...r.cells].map(c => c.innerText.trim())),
  ])
)"""


def _zip_tables(path, report_key: str) -> dict:
    """Table key -> rows of each CSV in the ZIP (``<report>-<table>-<date>.csv``)."""
    tables = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            key = name.removesuffix(".csv").rsplit("-", 3)[0]
            key = key.removeprefix(report_key + "-")
            text = archive.read(name).decode()
            tables[key] = list(csv.reader(io.StringIO(text)))
    return tables


def test_admin_filters_each_report_to_one_team_and_downloads_it(
    page,
    riverside,  # noqa: F811
):
    sign_in_through_pages(page, riverside.admin)
    page.get_by_test_id("nav-reports").click()
    assert_accessible(page)
    period = (
        f"1 December {riverside.year.starts.year} to "
        f"30 November {riverside.year.ends.year}"
    )
    for key, title in REPORTS.items():
        page.get_by_test_id("nav-reports").click()
        page.get_by_test_id(f"report-link-{key}").click()
        assert page.get_by_role("heading", level=1).inner_text() == title
        page.get_by_label("Team", exact=True).select_option(label="South")
        page.get_by_label("Registration year", exact=True).select_option(label=period)
        page.get_by_test_id("apply-filters").click()
        assert f"team={riverside.south.pk}" in page.url
        assert_accessible(page)

        # Each chart is an image with a name, and its section holds its table.
        charted = page.locator("section[data-testid^=section-]").filter(
            has=page.locator("figure svg[role=img]")
        )
        assert charted.count() >= 1
        for index in range(charted.count()):
            section = charted.nth(index)
            assert section.locator("svg[role=img] title").count() == 1
            assert section.locator("table[data-testid^=table-]").count() == 1

        on_page = page.evaluate(READ_TABLES)
        assert on_page
        body = page.content()
        cells = {cell for rows in on_page.values() for row in rows for cell in row}
        assert "North" not in cells  # filtered to South
        # Training needs and learning use have no team column.
        assert "South" in cells or key in ("training-needs", "learning-content-use")
        for canary in CANARIES:
            assert canary not in body

        with page.expect_download() as download:
            page.get_by_test_id("download-csv").click()
        tables = _zip_tables(download.value.path(), key)
        assert tables == on_page, key
        for rows in tables.values():
            for canary in CANARIES:
                assert canary not in str(rows)
        first = next(iter(on_page))
        with page.expect_download() as download:
            page.get_by_test_id(f"download-csv-{first}").click()
        text = open(download.value.path(), encoding="utf-8").read()
        assert list(csv.reader(io.StringIO(text))) == on_page[first]


def test_admin_chooses_a_team_manager(page, riverside):  # noqa: F811
    sign_in_through_pages(page, riverside.admin)
    page.get_by_test_id("nav-reports").click()
    page.get_by_test_id("team-managers-link").click()
    assert_accessible(page)
    page.get_by_test_id(f"change-managers-{riverside.south.pk}").click()
    page.get_by_label("Supervisor Test").check()
    assert_accessible(page)
    page.get_by_test_id("save-managers").click()
    row = page.get_by_test_id("team-managers-table").locator("tr", has_text="South")
    assert "Supervisor Test" in row.inner_text()


def test_admin_pages_through_a_thousand_teams_twenty_at_a_time(page, org_admin):
    """Issue #15: with a column per team, the coverage report shows twenty
    teams a page; the links between pages are keyboard-reachable and pass
    axe, and the heatmap follows the table."""
    _load_shipped_frameworks()
    for n in range(23):
        UserFactory(
            organisation=org_admin.organisation,
            team=TeamFactory(organisation=org_admin.organisation, name=f"Team {n:02d}"),
            email=f"member{n:02d}@example.org",
        )
    sign_in_through_pages(page, org_admin)
    page.get_by_test_id("nav-reports").click()
    page.get_by_test_id("report-link-capability-coverage").click()
    assert_accessible(page)
    nav = page.get_by_test_id("column-pagination-coverage-confirmed")
    assert "Teams 1 to 20 of 24" in nav.inner_text()
    nav.get_by_role("link", name="Next teams").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**coverage-confirmed-columns=2**")
    assert_accessible(page)
    headers = page.get_by_test_id("table-coverage-confirmed").locator("thead th")
    assert headers.all_inner_texts()[1:4] == ["Team 20", "Team 21", "Team 22"]
    chart = page.get_by_test_id("chart-coverage-confirmed")
    assert "Team 20" in chart.inner_html()
    assert "Team 19" not in chart.inner_html()
