"""Leavers: within the grace period their organisation sets (90 days unless it
chooses otherwise) a deactivated person signs in to the leaving page and can
only take their portable portfolio; after it, sign-in is refused as before."""

import datetime

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from portfolio.exports.models import Export, ExportKind
from portfolio.privacy.models import PrivacySettings
from portfolio.privacy.services import leaver_portfolio_request
from tests.auth import PASSWORD

pytestmark = pytest.mark.django_db


def _sign_in_with_password(client, user):
    return client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )


def _left(user, days_ago):
    user.is_active = False
    user.deactivated_at = timezone.now() - datetime.timedelta(days=days_ago)
    user.save()
    return user


def test_a_leaver_in_grace_signs_in_to_the_leaving_page(client, practitioner):
    _left(practitioner, days_ago=89)
    response = _sign_in_with_password(client, practitioner)
    assert response.status_code == 302
    assert response["Location"] == reverse("portfolio:leaver_home")
    assert client.get(reverse("portfolio:leaver_home")).status_code == 200
    assert client.get(reverse("portfolio:dashboard")).status_code == 404


def test_after_the_grace_period_sign_in_is_refused(client, practitioner):
    _left(practitioner, days_ago=91)
    response = _sign_in_with_password(client, practitioner)
    assert response["Location"] == reverse("account_inactive")
    response = client.get(reverse("portfolio:leaver_home"))
    assert response["Location"].startswith(reverse("account_login"))


def test_a_deactivation_without_a_date_is_refused_as_before(client, deactivated):
    response = _sign_in_with_password(client, deactivated)
    assert response["Location"] == reverse("account_inactive")


def test_the_grace_period_ending_ends_the_session(client, practitioner):
    _left(practitioner, days_ago=80)
    _sign_in_with_password(client, practitioner)
    assert client.get(reverse("portfolio:leaver_home")).status_code == 200
    _left(practitioner, days_ago=95)
    response = client.get(reverse("portfolio:leaver_home"))
    assert response["Location"].startswith(reverse("account_login"))


def test_the_organisation_sets_the_grace_period(client, practitioner, organisation):
    PrivacySettings.objects.create(organisation=organisation, leaver_grace_days=120)
    _left(practitioner, days_ago=100)
    assert _sign_in_with_password(client, practitioner)["Location"] == reverse(
        "portfolio:leaver_home"
    )


def test_the_portfolio_is_built_and_sent_to_the_address_they_name(
    practitioner, django_capture_on_commit_callbacks
):
    _left(practitioner, days_ago=5)
    with django_capture_on_commit_callbacks(execute=True):
        export = leaver_portfolio_request(
            person=practitioner, send_to="sam@home.example"
        )
    export.refresh_from_db()
    assert export.kind == ExportKind.PORTABLE and export.status == "ready"
    sent = [m for m in mail.outbox if m.to == ["sam@home.example"]]
    assert len(sent) == 1
    name, content, mimetype = sent[0].attachments[0]
    assert (name, mimetype) == (export.download_name, "application/zip")
    assert content[:2] == b"PK"


def test_only_a_leaver_in_grace_may_ask(practitioner, other_practitioner):
    with pytest.raises(PermissionDenied):
        leaver_portfolio_request(person=practitioner)
    _left(other_practitioner, days_ago=200)
    with pytest.raises(PermissionDenied):
        leaver_portfolio_request(person=other_practitioner)
    assert not Export.objects.exists()


def test_a_malformed_address_changes_nothing(practitioner):
    _left(practitioner, days_ago=5)
    with pytest.raises(ValidationError):
        leaver_portfolio_request(person=practitioner, send_to="not an address")
    assert not Export.objects.exists()


def test_a_leaver_downloads_only_their_own_ready_portfolio(
    client, leaver_export, signed_in, practitioner
):
    leaver = leaver_export.owner
    url = reverse("portfolio:leaver_download", args=[leaver_export.pk])
    assert signed_in(practitioner).get(url).status_code == 404
    client.logout()
    response = signed_in(leaver).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
