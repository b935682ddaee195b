"""Report pages and CSVs driven through the test client: who may open them,
what a team manager sees, small-cell suppression, the audit log, the CSV
against the page, and no free text anywhere."""

import csv
import io
import re
import zipfile

from django.urls import reverse

import pytest

from portfolio.reports.models import ReportView
from tests.auth import enrol_totp, sign_in
from tests.factories.portfolio import OrganisationFactory, UserFactory
from tests.portfolio.reports.conftest import CANARIES
from tests.portfolio.reports.helpers import parse_report_page

pytestmark = pytest.mark.django_db

REPORTS = (
    "cpd-readiness",
    "capability-coverage",
    "appraisals-supervision",
    "training-needs",
)
URLS = [f"reports:{key}" for key in REPORTS] + [f"reports:{key}-csv" for key in REPORTS]


def _get(client, user, name, **query):
    sign_in(client, user)
    return client.get(reverse(name), query)


def page_tables(response) -> dict[str, list[list[str]]]:
    """Every report table on the page: caption -> header row and body rows."""
    return parse_report_page(response.content).tables


def page_tables_by_key(response) -> dict[str, list[list[str]]]:
    """The same tables keyed by table key (what names each CSV file)."""
    return parse_report_page(response.content).tables_by_key


def response_body(response) -> bytes:
    """What a person reads in the response: a ZIP's files, unpacked."""
    content = (
        b"".join(response)
        if getattr(response, "streaming", False)
        else response.content
    )
    if response.get("Content-Type") != "application/zip":
        return content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return b"\n".join(archive.read(name) for name in archive.namelist())


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def csv_tables(response) -> dict[str, list[list[str]]]:
    """The report's ZIP download: table key -> the rows of its CSV file
    (header row first), read from the file names ``<report>-<table>-<date>.csv``."""
    assert response["Content-Type"] == "application/zip"
    zip_name = re.search(r'filename="(.+)"', response["Content-Disposition"])[1]
    report_key = zip_name.removesuffix("-csv.zip").rsplit("-", 3)[0]
    # Streamed: read as the browser reads it.
    return zip_tables(b"".join(response.streaming_content), report_key=report_key)


def zip_tables(content: bytes, *, report_key: str) -> dict[str, list[list[str]]]:
    tables = {}
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            report_and_table = name.removesuffix(".csv").rsplit("-", 3)[0]
            key = report_and_table.removeprefix(report_key + "-")
            tables[key] = csv_rows(archive.read(name).decode())
    return tables


@pytest.mark.parametrize("name", URLS)
def test_people_without_a_reports_role_get_404(client, riverside, name):
    other_admin = UserFactory(
        organisation=OrganisationFactory(slug="elsewhere"),
        team=None,
        is_org_admin=True,
        is_practitioner=False,
    )
    enrol_totp(other_admin)
    for user in (riverside.n[0], riverside.plain_supervisor, other_admin):
        response = _get(client, user, name)
        if user is other_admin:
            # Their own organisation's report: none of Riverside's people.
            assert response.status_code == 200
            # Read once: a download is streamed.
            body = response_body(response)
            assert b"North" not in body
            assert b"Test" not in body
        else:
            assert response.status_code == 404, (user, name)
    assert not ReportView.objects.filter(organisation=riverside.organisation).exists()


def test_anonymous_people_are_sent_to_sign_in(client, riverside):
    response = client.get(reverse("reports:cpd-readiness"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_reports_page_lists_only_what_each_person_may_open(client, riverside):
    admin = _get(client, riverside.admin, "reports:index")
    assert admin.status_code == 200
    for key in REPORTS:
        assert f'data-testid="report-link-{key}"' in admin.content.decode()
    editor = _get(client, riverside.editor, "reports:index").content.decode()
    assert 'report-link-training-needs"' in editor
    assert 'report-link-cpd-readiness"' not in editor
    assert _get(client, riverside.n[0], "reports:index").status_code == 404


@pytest.mark.parametrize("key", REPORTS)
def test_team_manager_sees_only_their_team(client, riverside, key):
    response = _get(client, riverside.manager, f"reports:{key}", **riverside.query)
    assert response.status_code == 200
    body = response.content.decode()
    assert "North" in body
    assert "South" not in body


@pytest.mark.parametrize("name", URLS)
def test_team_manager_cannot_ask_for_another_team(client, riverside, name):
    response = _get(
        client, riverside.manager, name, team=riverside.south.pk, **riverside.query
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choose one of the teams in the list." in body
    assert "South" not in body
    assert "Fewer than 5" not in body and "%" not in body


def test_training_editor_sees_training_needs_for_everyone_but_no_other_report(
    client, riverside
):
    response = _get(
        client, riverside.editor, "reports:training-needs", **riverside.query
    )
    assert response.status_code == 200
    for key in ("cpd-readiness", "capability-coverage", "appraisals-supervision"):
        assert _get(client, riverside.editor, f"reports:{key}").status_code == 404
        assert _get(client, riverside.editor, f"reports:{key}-csv").status_code == 404


def test_small_cells_are_suppressed_beyond_the_organisation_admin(client, riverside):
    manager = page_tables(
        _get(client, riverside.manager, "reports:cpd-readiness", **riverside.query)
    )
    by_team = manager["Social workers complete for the registration year, by team"]
    # North: 6 people, 2 complete, 4 not: only the 6 may be shown.
    assert by_team[1] == ["North", "6", "Fewer than 5", "Fewer than 5", "Fewer than 5"]
    editor = page_tables(
        _get(client, riverside.editor, "reports:training-needs", **riverside.query)
    )
    rows = {row[0][:2]: row[1:] for row in next(iter(editor.values()))[1:]}
    assert rows["9."] == ["Fewer than 5", "Fewer than 5", "9"]
    admin = page_tables(
        _get(client, riverside.admin, "reports:training-needs", **riverside.query)
    )
    rows = {row[0][:2]: row[1:] for row in next(iter(admin.values()))[1:]}
    assert rows["9."] == ["2", "1", "9"]


def test_a_group_under_5_people_is_hidden_whole(client, riverside):
    riverside.south.managers.add(riverside.manager)
    tables = page_tables(
        _get(
            client,
            riverside.manager,
            "reports:appraisals-supervision",
            team=riverside.south.pk,
            **riverside.query,
        )
    )
    appraisals = tables["Annual appraisals for the registration year, by team"]
    assert appraisals[1] == ["South"] + ["Fewer than 5"] * 4


@pytest.mark.parametrize("key", REPORTS)
def test_every_view_and_download_is_audited(client, riverside, key):
    _get(
        client,
        riverside.admin,
        f"reports:{key}",
        team=riverside.north.pk,
        **riverside.query,
    )
    _get(client, riverside.admin, f"reports:{key}-csv", **riverside.query)
    rows = list(ReportView.objects.order_by("at", "pk"))
    assert [(r.viewer, r.report, r.format) for r in rows] == [
        (riverside.admin, key, "page"),
        (riverside.admin, key, "csv"),
    ]
    assert rows[0].organisation == riverside.organisation
    assert rows[0].filters["team"] == riverside.north.pk
    assert rows[0].filters["year"] == riverside.year.ends.year
    assert rows[1].filters["team"] is None


@pytest.mark.parametrize("key", REPORTS)
@pytest.mark.parametrize("viewer", ["admin", "manager"])
def test_csv_carries_exactly_the_figures_on_the_page(client, riverside, key, viewer):
    user = getattr(riverside, viewer)
    if viewer == "manager" and key == "training-needs":
        pass  # managers see it too, for their team
    query = dict(riverside.query, team=riverside.north.pk)
    page = page_tables_by_key(_get(client, user, f"reports:{key}", **query))
    download = _get(client, user, f"reports:{key}-csv", **query)
    assert "attachment" in download["Content-Disposition"]
    assert page and csv_tables(download) == page
    for table_key, rows in page.items():
        one = _get(client, user, f"reports:{key}-csv", table=table_key, **query)
        assert one["Content-Type"].startswith("text/csv")
        assert "attachment" in one["Content-Disposition"]
        # Streamed (portfolio.reports.csv_export): read it as a client would.
        assert one.streaming
        assert csv_rows(b"".join(one.streaming_content).decode()) == rows


@pytest.mark.parametrize("key", REPORTS)
def test_each_csv_is_one_table_with_its_header_row_first(client, riverside, key):
    user = riverside.admin
    page = parse_report_page(
        _get(client, user, f"reports:{key}", **riverside.query).content
    )
    tables = csv_tables(_get(client, user, f"reports:{key}-csv", **riverside.query))
    assert len(tables) == len(page.tables) > 0
    captions = set(page.tables)
    for table_key, rows in tables.items():
        header = page.tables_by_key[table_key][0]
        assert rows[0] == header  # no title line above the header
        assert not any(row == [] for row in rows)  # no second table below
        assert not any(row[:1] and row[0] in captions for row in rows)


def test_an_unknown_table_is_not_found(client, riverside):
    response = _get(
        client,
        riverside.admin,
        "reports:cpd-readiness-csv",
        table="no-such-table",
        **riverside.query,
    )
    assert response.status_code == 404


@pytest.mark.parametrize("key", REPORTS)
def test_no_reflection_entry_or_supervision_text_on_pages_or_csvs(
    client, riverside, key
):
    page = _get(client, riverside.admin, f"reports:{key}", **riverside.query)
    download = _get(client, riverside.admin, f"reports:{key}-csv", **riverside.query)
    for name, body in (
        (f"reports:{key}", page.content.decode()),
        (f"reports:{key}-csv", response_body(download).decode()),
    ):
        for canary in CANARIES:
            assert canary not in body, (name, canary)


def test_each_chart_is_an_image_with_a_title_beside_its_table(client, riverside):
    for key in REPORTS:
        page = parse_report_page(
            _get(client, riverside.admin, f"reports:{key}", **riverside.query).content
        )
        charted = [section for section in page.sections if section[0]]
        assert charted, key
        # One titled chart and its one table per section.
        assert all(section == [1, 1] for section in charted), page.sections
        assert page.styled == 0  # the CSP forbids inline styles
