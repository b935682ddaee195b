"""An identity provider that is down, or a response that is not one, gets a
clear page, is logged and changes nothing."""

import base64

import pytest

from portfolio.identity.services import identity_provider_save
from portfolio.people.models import User

pytestmark = pytest.mark.django_db


def test_an_oidc_provider_that_is_down_gets_a_clear_page(
    client, organisation, org_admin, caplog
):
    identity_provider_save(
        changed_by=org_admin,
        organisation=organisation,
        protocol="oidc",
        enabled=True,
        email_domains=["council.test"],
        # Nothing listens on port 9 of the loopback.
        issuer="http://127.0.0.1:9/realms/nowhere",
        client_id="portfolio-oidc",
        client_secret="x",
    )
    response = client.post(f"/accounts/oidc/{organisation.slug}/login/")
    assert response.status_code == 503
    assert "sign-in service is not answering" in response.content.decode()
    assert "Identity provider unavailable" in caplog.text


def test_an_unsigned_saml_response_is_refused(
    client, identity_providers, other_organisation
):
    users = User.objects.count()
    forged = (
        '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
        'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_x" Version="2.0" '
        'IssueInstant="2026-01-01T00:00:00Z"><saml:Assertion ID="_a" Version="2.0" '
        'IssueInstant="2026-01-01T00:00:00Z"><saml:Subject><saml:NameID>'
        "sam.saml@council.test</saml:NameID></saml:Subject></saml:Assertion>"
        "</samlp:Response>"
    )
    response = client.post(
        f"/accounts/saml/{other_organisation.slug}/acs/",
        {"SAMLResponse": base64.b64encode(forged.encode()).decode()},
        headers={"host": "portal.example.org"},
        follow=True,
    )
    # allauth hands the response on to its "finish" step, which refuses it.
    assert response.redirect_chain[-1][0].endswith("/acs/finish/")
    assert response.status_code in (401, 403)
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == users
