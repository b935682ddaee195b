"""OAuth 2 through the real endpoints: an organisation admin registers a
system (the secret is shown once), the system gets a token with client
credentials; a practitioner allows an app with authorisation code and PKCE."""

import base64
import hashlib
import re
import secrets
from urllib.parse import parse_qs, urlparse

from django.urls import reverse

import pytest

from api.models import ApiClient, ClientKind
from portfolio.people.models import AuditEvent
from tests.api.tokens import app_client
from tests.auth import sign_in

pytestmark = pytest.mark.django_db


def register_system(client, admin, name="Learning system"):
    sign_in(client, admin)
    page = client.post(
        reverse("api_pages:client_register"), {"name": name, "kind": ClientKind.SYSTEM}
    )
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    html = page.content.decode()
    client_id = re.search(r'data-testid="client-id">([^<]+)<', html).group(1)
    secret = re.search(r'data-testid="client-secret">([^<]+)<', html).group(1)
    client.logout()
    return client_id, secret


def client_credentials_token(client, client_id, secret, scope):
    basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return client.post(
        reverse("oauth:token"),
        {"grant_type": "client_credentials", "scope": scope},
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )


def test_a_registered_system_gets_a_token_and_reads_its_people(
    client, org_admin, practitioner
):
    client_id, secret = register_system(client, org_admin)
    stored = ApiClient.objects.get(application__client_id=client_id)
    # Only a hash of the secret is kept: the page was the one chance to copy it.
    assert stored.application.client_secret != secret
    assert AuditEvent.objects.filter(action="api.client_registered").exists()
    issued = client_credentials_token(client, client_id, secret, "people:read")
    assert issued.status_code == 200, issued.content
    token = issued.json()
    assert token["scope"] == "people:read" and token["expires_in"] <= 3600
    people = client.get(
        "/api/v1/people/", HTTP_AUTHORIZATION=f"Bearer {token['access_token']}"
    )
    assert people.status_code == 200
    assert practitioner.pk in {row["id"] for row in people.json()["results"]}


def test_a_system_cannot_ask_for_a_persons_scope(client, org_admin):
    client_id, secret = register_system(client, org_admin)
    issued = client_credentials_token(client, client_id, secret, "portfolio:read")
    assert issued.status_code == 400
    assert issued.json()["error"] == "invalid_scope"


def test_a_wrong_secret_gets_no_token(client, org_admin):
    client_id, _secret = register_system(client, org_admin)
    issued = client_credentials_token(
        client, client_id, "not-the-secret", "people:read"
    )
    assert issued.status_code == 401


def test_a_removed_system_stops_working(client, org_admin):
    client_id, secret = register_system(client, org_admin)
    token = client_credentials_token(client, client_id, secret, "people:read").json()
    stored = ApiClient.objects.get(application__client_id=client_id)
    sign_in(client, org_admin)
    client.post(reverse("api_pages:client_remove", args=[stored.pk]))
    client.logout()
    response = client.get(
        "/api/v1/people/", HTTP_AUTHORIZATION=f"Bearer {token['access_token']}"
    )
    assert response.status_code == 401


def _pkce():
    verifier = secrets.token_urlsafe(48)
    challenge = (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
        .rstrip(b"=")
        .decode()
    )
    return verifier, challenge


def test_a_practitioner_allows_an_app_with_pkce_and_can_revoke_it(
    client, org_admin, practitioner
):
    app = app_client(org_admin)
    verifier, challenge = _pkce()
    params = {
        "response_type": "code",
        "client_id": app.application.client_id,
        "redirect_uri": "https://app.example/callback",
        "scope": "portfolio:read portfolio:write",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "state": "xyz",
    }
    sign_in(client, practitioner)
    consent = client.get(reverse("oauth:authorize"), params)
    assert consent.status_code == 200
    assert b"Read your portfolio" in consent.content
    allowed = client.post(reverse("oauth:authorize"), {**params, "allow": "on"})
    assert allowed.status_code == 302
    code = parse_qs(urlparse(allowed["Location"]).query)["code"][0]
    issued = client.post(
        reverse("oauth:token"),
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": params["redirect_uri"],
            "client_id": app.application.client_id,
            "code_verifier": verifier,
        },
    )
    assert issued.status_code == 200, issued.content
    access = issued.json()["access_token"]
    me = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {access}")
    assert me.json()["id"] == practitioner.pk
    # The person revokes it from their page; it stops working at once.
    listed = client.get(reverse("api_pages:token_list"))
    assert app.application.name in listed.content.decode()
    token_id = listed.context["tokens"][0].pk
    client.post(reverse("api_pages:token_revoke", args=[token_id]))
    assert (
        client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {access}").status_code
        == 401
    )


def test_an_app_without_pkce_gets_no_code(client, org_admin, practitioner):
    app = app_client(org_admin)
    sign_in(client, practitioner)
    response = client.get(
        reverse("oauth:authorize"),
        {
            "response_type": "code",
            "client_id": app.application.client_id,
            "redirect_uri": "https://app.example/callback",
            "scope": "portfolio:read",
        },
    )
    assert "code=" not in response.get("Location", "")


def test_another_organisations_admin_cannot_remove_our_system(
    client, org_admin, other_org_admin
):
    client_id, _secret = register_system(client, org_admin)
    stored = ApiClient.objects.get(application__client_id=client_id)
    sign_in(client, other_org_admin)
    response = client.post(reverse("api_pages:client_remove", args=[stored.pk]))
    assert response.status_code == 404
    assert ApiClient.objects.filter(pk=stored.pk).exists()
