"""The run command's demo data: every role can sign in, and the demo
practitioner's dashboard has a real year to show."""

import io

from django.core.management import call_command
from django.urls import reverse

import pytest

from portfolio.people.models import Supervision, User

pytestmark = pytest.mark.usefixtures("shipped_frameworks")


def _load():
    call_command("load_demo_data", stdout=io.StringIO())


def test_demo_data_gives_a_year_of_cpd_and_supervision():
    _load()
    sam = User.objects.get(email="practitioner@example.org")
    assert sam.entries.filter(state="complete").count() >= 4
    assert sam.entries.filter(state="draft").exists()
    assert sam.career_level.code == "social-worker"
    assert Supervision.objects.filter(
        supervisee=sam, supervisor__email="supervisor@example.org"
    ).exists()
    assert sam.entries.filter(review_state="waiting").count() == 1


def test_demo_data_is_idempotent():
    _load()
    _load()
    sam = User.objects.get(email="practitioner@example.org")
    assert sam.entries.count() == 7
    assert Supervision.objects.filter(supervisee=sam).count() == 1


def test_the_demo_practitioner_signs_in_and_sees_their_year(client):
    _load()
    response = client.post(
        reverse("account_login"),
        {"login": "practitioner@example.org", "password": "demo-portfolio-2026"},
    )
    assert response.status_code == 302
    page = client.get(reverse("portfolio:dashboard")).content.decode()
    assert "Observed home visit with feedback" in page
    assert 'data-testid="readiness-status">Requirement met' in page


def test_demo_supervisor_signs_in_with_the_published_code(client):
    from portfolio.management.commands.load_demo_data import DEMO_TOTP_SECRET
    from tests.auth import current_totp_code

    _load()
    client.post(
        reverse("account_login"),
        {"login": "supervisor@example.org", "password": "demo-portfolio-2026"},
    )
    client.post(
        reverse("mfa_authenticate"), {"code": current_totp_code(DEMO_TOTP_SECRET)}
    )
    assert client.get(reverse("supervision:queue")).status_code == 200


def test_demo_totp_code_prints_the_code_allauth_accepts(settings):
    """The command computes the code itself (allauth's TOTP helpers are
    internal); allauth's own check is the judge."""
    from allauth.mfa.models import Authenticator

    from portfolio.management.commands.load_demo_data import DEMO_TOTP_SECRET
    from tests.auth import current_totp_code

    settings.PORTFOLIO_ALLOW_DEMO_DATA = True
    _load()
    out = io.StringIO()
    call_command("demo_totp_code", stdout=out)
    printed = out.getvalue().strip()
    assert printed in {
        current_totp_code(DEMO_TOTP_SECRET, offset_periods=offset)
        for offset in (-1, 0)  # the period may turn between the two calls
    }
    supervisor = User.objects.get(email="supervisor@example.org")
    kinds = set(
        Authenticator.objects.filter(user=supervisor).values_list("type", flat=True)
    )
    assert kinds == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
