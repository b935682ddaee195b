"""Signing people in for tests the way allauth would leave their session."""

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

#: A fixed authenticator secret so tests can compute codes like an app would.
TEST_TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
PASSWORD = "correct-horse-42"


def enrol_totp(user, secret: str = TEST_TOTP_SECRET) -> Authenticator:
    return TOTP.activate(user, secret).instance


def current_totp_code(
    secret: str = TEST_TOTP_SECRET, *, offset_periods: int = 0
) -> str:
    counter = int(time.time()) // 30 + offset_periods
    return format_hotp_value(hotp_value(secret, counter))


def sign_in(client, user, *, with_second_factor: bool = True) -> None:
    """Log in as allauth does after a password (and, if asked, a TOTP code).
    A deactivated person goes through the backend that admits a leaver within
    their grace period (and nobody else deactivated)."""
    backend = (
        "django.contrib.auth.backends.ModelBackend"
        if user.is_active
        else "portfolio.backends.LeaverAwareAuthenticationBackend"
    )
    client.force_login(user, backend=backend)
    session = client.session
    now = time.time()
    records = [{"method": "password", "at": now, "email": user.email}]
    if with_second_factor:
        records.append({"method": "mfa", "at": now, "type": "totp"})
    session["account_authentication_methods"] = records
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


def log_in_through_allauth(client, user, *, secret: str | None = None) -> None:
    """Sign in through the real login page (and the code page, given a secret)."""
    from django.urls import reverse

    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    if secret:
        response = client.post(
            reverse("mfa_authenticate"), {"code": current_totp_code(secret)}
        )
        assert response.status_code == 302
