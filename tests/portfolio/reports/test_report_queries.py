"""A report asks the database the same number of questions however many
people it covers (issue #15: the appraisals report once read each
supervision's organisation with a query of its own)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from portfolio.people.models import Supervision
from tests.auth import sign_in
from tests.factories.portfolio import UserFactory

pytestmark = pytest.mark.django_db


def _supervised(admin, supervisor, team, count):
    for n in range(count):
        person = UserFactory(
            organisation=admin.organisation,
            team=team,
            email=f"counted{len(Supervision.objects.all())}-{n}@example.org",
        )
        Supervision.objects.create(
            organisation=admin.organisation,
            supervisor=supervisor,
            supervisee=person,
            kind="line_manager",
            starts_on=datetime.date(2026, 1, 5),
        )


@pytest.mark.parametrize(
    "key", ["appraisals-supervision", "cpd-readiness", "capability-coverage"]
)
def test_a_report_asks_the_same_for_more_people(
    client, org_admin, supervisor, team, key
):
    sign_in(client, org_admin)
    url = reverse(f"reports:{key}")
    counts = []
    for size in (3, 9):
        _supervised(org_admin, supervisor, team, size)
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1] <= 25
