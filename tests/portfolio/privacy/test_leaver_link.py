"""A leaver without a password (made by single sign-on, SCIM or a staff
upload) gets a link in their leaving email that signs them in to the leaving
page, once, within their organisation's grace period."""

import datetime
import re
from urllib.parse import urlsplit

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from portfolio.people.models import AuditEvent
from portfolio.people.services import staff_member_set_active

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/portfolio/leaving/link/\S+/")


def _leave(person, admin, capture):
    with capture(execute=True):
        staff_member_set_active(changed_by=admin, member=person, active=False)
    (email,) = [m for m in mail.outbox if person.email in m.to]
    return email


@pytest.fixture
def sso_person(practitioner):
    # Accounts from single sign-on, SCIM or a staff upload have no password.
    practitioner.set_unusable_password()
    practitioner.save()
    return practitioner


@pytest.fixture
def link(sso_person, org_admin, django_capture_on_commit_callbacks):
    email = _leave(sso_person, org_admin, django_capture_on_commit_callbacks)
    return urlsplit(LINK.search(email.body).group(0)).path


def test_the_link_signs_a_leaver_without_a_password_in_to_the_leaving_page(
    client, sso_person, link
):
    page = client.get(link)
    assert page.status_code == 200
    assert b"Continue" in page.content

    response = client.post(link)

    assert response["Location"] == reverse("portfolio:leaver_home")
    assert client.get(reverse("portfolio:leaver_home")).status_code == 200
    assert client.get(reverse("portfolio:dashboard")).status_code == 404
    assert AuditEvent.objects.filter(
        action="privacy.leaver_link_used", subject=sso_person
    ).exists()


def test_opening_the_link_does_not_spend_it_but_using_it_does(client, link):
    # Mail scanners open every link in a message.
    assert Client().get(link).status_code == 200
    assert client.post(link).status_code == 302

    again = Client().post(link)

    assert again.status_code == 404
    assert b"This link no longer works" in again.content
    assert Client().get(link).status_code == 404


def test_a_leaver_with_a_password_is_told_to_sign_in_instead(
    practitioner, org_admin, django_capture_on_commit_callbacks
):
    email = _leave(practitioner, org_admin, django_capture_on_commit_callbacks)
    assert not LINK.search(email.body)
    assert "with your email address and password" in email.body


def test_after_the_grace_period_the_link_does_not_work(client, sso_person, link):
    sso_person.deactivated_at = timezone.now() - datetime.timedelta(days=91)
    sso_person.save(update_fields=["deactivated_at"])
    # The account's state changed, so the link's digest no longer matches
    # either; both reasons refuse it.
    assert client.post(link).status_code == 404
    assert client.get(reverse("portfolio:leaver_home"))["Location"].startswith(
        reverse("account_login")
    )


def test_a_reactivated_person_cannot_use_an_old_link(
    client, sso_person, org_admin, link, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        staff_member_set_active(changed_by=org_admin, member=sso_person, active=True)
    assert client.post(link).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        staff_member_set_active(changed_by=org_admin, member=sso_person, active=False)
    assert client.post(link).status_code == 404


def test_a_tampered_link_is_refused(client, sso_person, link):
    token = link.rstrip("/").rsplit("/", 1)[-1]
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    url = reverse("portfolio:leaver_link", args=[forged])
    assert client.post(url).status_code == 404
    assert "_auth_user_id" not in client.session


def test_the_organisation_s_two_factor_rule_does_not_turn_the_leaver_away(
    client, sso_person, organisation, link
):
    organisation.mfa_required_for_practitioners = True
    organisation.save()
    client.post(link)
    assert client.get(reverse("portfolio:leaver_home")).status_code == 200
    # Still only the leaving pages.
    assert client.get(reverse("mfa_activate_totp")).status_code == 404
