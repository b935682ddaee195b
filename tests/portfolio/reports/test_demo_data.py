"""The demo organisation's admin and team manager can try every report."""

import io

from django.core.management import call_command
from django.urls import reverse

import pytest

from portfolio.people.models import User
from tests.auth import sign_in

pytestmark = pytest.mark.usefixtures("shipped_frameworks")

REPORTS = (
    "cpd-readiness",
    "capability-coverage",
    "appraisals-supervision",
    "training-needs",
)


def test_demo_admin_and_team_manager_see_the_reports(client):
    call_command("load_demo_data", stdout=io.StringIO())
    admin = User.objects.get(email="psw@example.org")
    manager = User.objects.get(email="supervisor@example.org")
    sign_in(client, admin)
    for key in REPORTS:
        body = client.get(reverse(f"reports:{key}")).content.decode()
        assert "Child Protection South" in body or key == "training-needs"
    sign_in(client, manager)
    assert (
        client.get(reverse("home")).content.decode().count('data-testid="nav-reports"')
    )
    for key in REPORTS:
        response = client.get(reverse(f"reports:{key}"))
        assert response.status_code == 200
        assert "Child Protection South" not in response.content.decode()
    assert "Children in Need North" in response.content.decode()
