"""Learning's part of the organisation reports: content for each need, and
how content is used — counts only, suppressed for the training team."""

from django.urls import reverse
from django.utils import timezone

import pytest

from capabilities.selectors import item_by_reference
from learning.models import ContentView, Topic
from portfolio.evidence.registration_year import registration_year_containing
from tests.auth import sign_in
from tests.factories.learning import research_summary
from tests.portfolio.reports.test_views import (
    csv_tables,
    page_tables,
    page_tables_by_key,
    response_body,
)

pytestmark = pytest.mark.django_db
CANARY = "CANARY-REFLECTION learning"


@pytest.fixture
def this_year():
    return {"year": registration_year_containing(timezone.localdate()).ends.year}


@pytest.fixture
def used_page(riverside, shipped_frameworks):
    """A page on PCF 7 read by all six North practitioners; two recorded it."""
    page = research_summary(
        title="Direct work with teenagers",
        items=[item_by_reference("pcf@2018:7")],
        topics=[Topic.objects.get(slug="direct-work")],
    )
    today = timezone.localdate()
    for person in riverside.n:
        ContentView.objects.create(user=person, page=page, viewed_on=today)
    from learning.services import page_record_as_cpd

    for person in riverside.n[:2]:
        entry = page_record_as_cpd(user=person, page=page)
        entry.learning = CANARY
        entry.save()
    return page


def test_the_org_admin_sees_views_and_records_per_page(
    client, riverside, used_page, this_year
):
    sign_in(client, riverside.admin)
    response = client.get(reverse("reports:learning-content-use"), this_year)
    assert response.status_code == 200
    html = response.content.decode()
    assert CANARY not in html
    tables = page_tables(response)
    rows = tables["Most recorded pages in the year"]
    assert rows[1] == [
        "Direct work with teenagers",
        "Research summary",
        "6",
        "6",
        "2",
        "0",
    ]
    assert tables["Use of learning content by topic"][1] == [
        "Direct work and communication",
        "1",
        "6",
        "2",
    ]
    download = client.get(reverse("reports:learning-content-use-csv"), this_year)
    assert csv_tables(download) == page_tables_by_key(response)
    assert len(page_tables_by_key(response)) == len(tables)


def test_the_training_team_sees_small_counts_suppressed(
    client, riverside, used_page, this_year
):
    sign_in(client, riverside.editor)
    tables = page_tables(client.get(reverse("reports:learning-content-use"), this_year))
    assert tables["Most recorded pages in the year"][1][2:] == [
        "6",
        "6",
        "Fewer than 5",
        "0",
    ]


def test_training_needs_shows_the_content_for_each_domain(
    client, riverside, used_page, this_year
):
    sign_in(client, riverside.admin)
    tables = page_tables(client.get(reverse("reports:training-needs"), this_year))
    rows = {
        row[0]: row[1:]
        for row in tables[
            "Published learning content for each PCF domain, and its use in the year"
        ][1:]
    }
    assert rows["7. Skills and Interventions"] == ["1", "6", "2"]
    assert rows["9. Professional Leadership"] == ["0", "0", "0"]


@pytest.mark.parametrize("who", ["practitioner", "supervisor", "other_org_admin"])
def test_others_cannot_open_the_learning_report(
    client, request, who, riverside, used_page
):
    from tests.auth import enrol_totp
    from tests.factories.portfolio import OrganisationFactory, UserFactory

    if who == "other_org_admin":
        person = UserFactory(
            organisation=OrganisationFactory(slug="elsewhere"),
            is_org_admin=True,
            email="elsewhere-admin@example.org",
        )
        enrol_totp(person)
    else:
        person = riverside.n[0] if who == "practitioner" else riverside.plain_supervisor
    sign_in(client, person)
    for name in ("reports:learning-content-use", "reports:learning-content-use-csv"):
        response = client.get(reverse(name))
        if who == "other_org_admin":
            # Their own organisation's report: none of Riverside's figures.
            assert response.status_code == 200
            assert b"Direct work with teenagers" not in response_body(response)
        else:
            assert response.status_code == 404
