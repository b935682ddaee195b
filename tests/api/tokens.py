"""Clients and tokens for API tests, made the way the portal makes them
(``api_client_register``) with tokens written straight to django-oauth-
toolkit's table (the token endpoint itself is tested in test_oauth.py)."""

import secrets
from datetime import timedelta

from django.utils import timezone

from oauth2_provider.models import AccessToken

from api.models import ClientKind
from api.services import api_client_register


def system_client(admin, name="HR system"):
    client, secret = api_client_register(
        registered_by=admin, name=name, kind=ClientKind.SYSTEM
    )
    return client, secret


def app_client(admin, name="Portfolio app"):
    client, _secret = api_client_register(
        registered_by=admin,
        name=name,
        kind=ClientKind.APP,
        redirect_uris="https://app.example/callback",
    )
    return client


def token_for(client, *, user=None, scope: str, expires_in=timedelta(hours=1)):
    return AccessToken.objects.create(
        application=client.application,
        user=user,
        token=secrets.token_urlsafe(30),
        scope=scope,
        expires=timezone.now() + expires_in,
    )


def bearer(token) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token.token}"}
