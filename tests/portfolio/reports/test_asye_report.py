"""The organisation's ASYE report: the cohort's progress and overdue reviews,
through the reports framework (page and CSV)."""

import io
import zipfile

from django.urls import reverse
from django.utils import timezone

import pytest

from tests.auth import sign_in
from tests.portfolio.reports.helpers import build, table

pytestmark = pytest.mark.django_db


def test_the_cohort_report_names_each_nqsw_with_overdue_reviews(
    asye_year, org_admin, practitioner, supervisor
):
    result = build("asye-cohort", org_admin, timezone.localdate())
    row = table(result, "asye-cohort")[str(practitioner)]
    # Assessor, programme, started, reviews held, overdue, next due, status.
    assert row[0] == str(supervisor)
    assert row[3:5] == ["0", "1"]
    assert row[6] == "In progress"


def test_another_organisations_admin_sees_nobody(asye_year, other_org_admin):
    result = build("asye-cohort", other_org_admin, timezone.localdate())
    assert table(result, "asye-cohort") == {}


def test_the_report_downloads_as_csv(client, asye_year, org_admin, practitioner):
    sign_in(client, org_admin)
    response = client.get(reverse("reports:asye-cohort-csv"))
    body = b"".join(
        response.streaming_content if response.streaming else [response.content]
    )
    # One CSV per table, in a ZIP.
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        (name,) = archive.namelist()
        assert str(practitioner) in archive.read(name).decode("utf-8-sig")
