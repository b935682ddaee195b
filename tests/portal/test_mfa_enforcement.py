"""No route into the portal skips the second factor."""

import re

from django.core import mail
from django.urls import reverse

import pytest

from tests.auth import (
    PASSWORD,
    TEST_TOTP_SECRET,
    current_totp_code,
    enrol_totp,
    log_in_through_allauth,
    sign_in,
)

pytestmark = pytest.mark.django_db


def _is_signed_in(client) -> bool:
    return client.get(reverse("home")).status_code == 200


def test_password_then_code_signs_an_mfa_user_in(client, supervisor):
    response = client.post(
        reverse("account_login"), {"login": supervisor.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert not _is_signed_in(client)

    response = client.post(reverse("mfa_authenticate"), {"code": current_totp_code()})
    assert response.status_code == 302
    assert _is_signed_in(client)


def test_wrong_code_does_not_sign_in(client, supervisor):
    client.post(
        reverse("account_login"), {"login": supervisor.email, "password": PASSWORD}
    )
    response = client.post(
        reverse("mfa_authenticate"), {"code": current_totp_code(offset_periods=10)}
    )
    assert response.status_code == 200
    assert not _is_signed_in(client)


def test_a_code_used_once_is_refused_saying_so(client, supervisor):
    from portfolio.people.account_forms import CODE_ALREADY_USED

    code = current_totp_code()
    log_in_through_allauth(client, supervisor, secret=TEST_TOTP_SECRET)
    client.post(reverse("account_logout"))
    client.post(
        reverse("account_login"), {"login": supervisor.email, "password": PASSWORD}
    )

    response = client.post(reverse("mfa_authenticate"), {"code": code})

    assert response.status_code == 200
    assert not _is_signed_in(client)
    page = response.content.decode()
    assert str(CODE_ALREADY_USED) in page
    assert "Incorrect code" not in page


def test_wagtail_admin_login_is_rerouted_and_never_accepts_a_password(
    client, training_editor
):
    response = client.post(
        "/admin/login/", {"username": training_editor.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client.get("/admin/").status_code == 302
    assert not _is_signed_in(client)


def test_wagtail_admin_login_keeps_the_next_parameter(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response["Location"] == reverse("account_login") + "?next=/admin/pages/"


@pytest.mark.parametrize(
    "path",
    [
        "/admin/password_reset/",
        "/admin/password_reset/done/",
        "/admin/password_reset/confirm/MQ/set-password/",
        "/admin/password_reset/complete/",
    ],
)
def test_wagtail_password_reset_routes_go_to_allauth(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password")


def test_a_session_without_the_second_factor_is_ended(client, supervisor):
    # However a session was obtained with a password alone, the next request
    # ends it: the rule sits below every login route.
    sign_in(client, supervisor, with_second_factor=False)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    assert not _is_signed_in(client)


def test_password_reset_does_not_sign_an_mfa_user_in(client, supervisor):
    client.post(reverse("account_reset_password"), {"email": supervisor.email})
    assert len(mail.outbox) == 1
    link = re.search(
        r"https?://[^/]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body
    )
    assert link, mail.outbox[0].body
    response = client.get(link.group(1), follow=True)
    form_url = (
        response.redirect_chain[-1][0] if response.redirect_chain else link.group(1)
    )
    response = client.post(
        form_url,
        {
            "password1": "a-brand-new-passphrase-9",
            "password2": "a-brand-new-passphrase-9",
        },
    )
    assert response.status_code == 302
    assert not _is_signed_in(client)
    # Signing in with the new password still asks for the code.
    response = client.post(
        reverse("account_login"),
        {"login": supervisor.email, "password": "a-brand-new-passphrase-9"},
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert not _is_signed_in(client)


def test_role_that_requires_mfa_must_set_it_up_first(client, organisation):
    from tests.factories.portfolio import UserFactory

    supervisor = UserFactory(organisation=organisation, is_supervisor=True)
    log_in_through_allauth(client, supervisor)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")

    # allauth asks for the password again before a security change.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(response["Location"], {"password": PASSWORD})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post(
        reverse("mfa_activate_totp"), {"code": current_totp_code(secret)}
    )
    assert response.status_code == 302
    assert _is_signed_in(client)


def test_practitioner_is_not_forced_to_use_mfa_by_default(client, practitioner):
    sign_in(client, practitioner, with_second_factor=False)
    assert _is_signed_in(client)


def test_organisation_can_require_mfa_for_practitioners(client, practitioner):
    practitioner.organisation.mfa_required_for_practitioners = True
    practitioner.organisation.save()
    sign_in(client, practitioner, with_second_factor=False)
    assert client.get(reverse("home"))["Location"] == reverse("mfa_activate_totp")


def test_required_mfa_cannot_be_switched_off(client, supervisor):
    log_in_through_allauth(client, supervisor, secret=TEST_TOTP_SECRET)
    response = client.post(reverse("mfa_deactivate_totp"))
    client.post(response["Location"], {"password": PASSWORD})
    client.post(reverse("mfa_deactivate_totp"))
    assert supervisor.authenticator_set.filter(type="totp").exists()


def test_optional_mfa_can_be_switched_off(client, practitioner):
    enrol_totp(practitioner)
    log_in_through_allauth(client, practitioner, secret=TEST_TOTP_SECRET)
    response = client.post(reverse("mfa_deactivate_totp"))
    client.post(response["Location"], {"password": PASSWORD})
    client.post(reverse("mfa_deactivate_totp"))
    assert not practitioner.authenticator_set.filter(type="totp").exists()
