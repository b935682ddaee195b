"""Signing in and out with allauth: the account rules."""

from django.urls import reverse

import pytest

from portfolio.people.models import User
from tests.auth import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def test_practitioner_signs_in_with_email_and_password(client, practitioner):
    response = client.post(
        reverse("account_login"), {"login": "SAM@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_wrong_password_re_renders_the_form_with_a_message(client, practitioner):
    response = client.post(
        reverse("account_login"), {"login": practitioner.email, "password": "nope"}
    )
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert practitioner.email in response.content.decode()


def test_deactivated_user_cannot_sign_in(client, deactivated):
    client.post(
        reverse("account_login"), {"login": deactivated.email, "password": PASSWORD}
    )
    assert client.get(reverse("home")).status_code == 302


def test_deactivation_ends_a_session_at_the_next_request(client, practitioner):
    sign_in(client, practitioner)
    assert client.get(reverse("home")).status_code == 200
    User.objects.filter(pk=practitioner.pk).update(is_active=False)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_open_signup_is_off(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "stranger@example.org",
            "password1": "a-long-passphrase-77",
            "password2": "a-long-passphrase-77",
        },
    )
    assert not User.objects.filter(email="stranger@example.org").exists()
    assert response.status_code == 200
    assert "Sign Up Closed" in response.content.decode()


def test_sign_out_needs_a_post(client, practitioner):
    sign_in(client, practitioner)
    client.get(reverse("account_logout"))
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("account_logout"))
    assert client.get(reverse("home")).status_code == 302


def test_repeated_wrong_passwords_are_rate_limited(client, practitioner):
    evaluated = 0
    for attempt in range(100):
        response = client.post(
            reverse("account_login"),
            {
                "login": practitioner.email.upper()
                if attempt % 2
                else practitioner.email,
                "password": f"wrong-{attempt}",
            },
            REMOTE_ADDR=f"10.0.{attempt // 250}.{attempt % 250}",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt % 250}",
        )
        if response.status_code == 200 and "not correct" in response.content.decode():
            evaluated += 1
    assert evaluated <= 5
    # Even the right password is refused while the account is throttled.
    response = client.post(
        reverse("account_login"), {"login": practitioner.email, "password": PASSWORD}
    )
    assert client.get(reverse("home")).status_code == 302


def test_an_unverified_email_address_cannot_sign_in(client, practitioner):
    from django.core import mail

    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=practitioner).update(verified=False)
    response = client.post(
        reverse("account_login"), {"login": practitioner.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert client.get(reverse("home")).status_code == 302
    assert "confirm" in mail.outbox[-1].body.lower()
