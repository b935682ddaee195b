"""An OpenID Connect ID token that is not for this portal, or no longer good,
is refused by allauth's own checks: a clear page, a log line, nothing written.

The tokens are real ones that Keycloak (realm scripts/keycloak/realm-portfolio.json)
issues after its own login form is filled in; the portal's real sign-in
callback fetches and checks them."""

import datetime as dt
import html
import json
import re
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
import time_machine
from allauth.socialaccount.models import SocialAccount

from portfolio.identity.services import identity_provider_save
from portfolio.people.models import User
from tests.conftest import KEYCLOAK_REALM

pytestmark = pytest.mark.django_db

SECRET = "portfolio-oidc-test-secret"


def keycloak_code_for(authorize_url: str, username: str, password: str) -> str:
    """Fill in Keycloak's own login form; return the portal callback URL
    (path and query) that Keycloak sends the browser back to."""
    browser = requests.Session()
    page = browser.get(authorize_url, timeout=10)
    page.raise_for_status()
    # Keycloak marks its cookies Secure; a browser still sends them to a
    # loopback address over plain HTTP, requests does not.
    for cookie in browser.cookies:
        cookie.secure = False
    action = re.search(r'action="([^"]*login-actions/authenticate[^"]*)"', page.text)
    assert action, page.text[:500]
    answer = browser.post(
        html.unescape(action.group(1)),
        data={"username": username, "password": password, "credentialId": ""},
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302, answer.text[:500]
    callback = urllib.parse.urlsplit(answer.headers["Location"])
    assert "code=" in callback.query, callback
    return f"{callback.path}?{callback.query}"


def assert_refused_and_nothing_written(response, client, caplog, users, accounts):
    assert response.status_code == 401
    page = response.content.decode()
    assert "Third-Party Login Failure" in page
    assert "An error occurred while attempting to login" in page
    assert "Single sign-on failed" in caplog.text
    assert "Invalid id_token" in caplog.text
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == users
    assert SocialAccount.objects.count() == accounts
    assert not User.objects.filter(email__startswith="nadia").exists()


def test_an_expired_oidc_id_token_is_refused(
    client, identity_providers, organisation, caplog
):
    users, accounts = User.objects.count(), SocialAccount.objects.count()
    start = client.post(f"/accounts/oidc/{organisation.slug}/login/")
    assert start.status_code == 302
    callback = keycloak_code_for(start["Location"], "nadia", "keycloak-pass-1")
    # Keycloak issues the ID token when the portal swaps the code for it, at
    # Keycloak's real time; the portal then checks it with its clock seven
    # minutes on: past the token's five-minute "exp" (the realm's default
    # lifespan), still inside allauth's ten minutes for the sign-in's state.
    later = dt.datetime.now(tz=dt.UTC) + dt.timedelta(minutes=7)
    with time_machine.travel(later, tick=True):
        response = client.get(callback)
    assert_refused_and_nothing_written(response, client, caplog, users, accounts)
    assert "ExpiredSignatureError" in caplog.text


class _OtherClientIdP(BaseHTTPRequestHandler):
    """Stands between the portal and Keycloak as an IdP that answers a
    request from client "portfolio-other" with a token Keycloak issued to
    "portfolio-oidc": its discovery document is Keycloak's own with the token
    endpoint pointing here, and its token endpoint passes the request on to
    Keycloak's under the other client's name."""

    def log_message(self, *args):
        pass

    def _send(self, status, body, content_type="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path.endswith("/.well-known/openid-configuration"):
            config = requests.get(
                f"{KEYCLOAK_REALM}/.well-known/openid-configuration", timeout=10
            ).json()
            host, port = self.server.server_address[:2]
            config["token_endpoint"] = f"http://{host}:{port}/token"
            config["token_endpoint_auth_methods_supported"] = ["client_secret_post"]
            return self._send(200, json.dumps(config).encode())
        return self._send(404, b"{}")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        form["client_id"] = ["portfolio-oidc"]
        answer = requests.post(
            f"{KEYCLOAK_REALM}/protocol/openid-connect/token",
            data={k: v[0] for k, v in form.items()},
            timeout=10,
        )
        return self._send(answer.status_code, answer.content)


@pytest.fixture
def other_client_idp():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _OtherClientIdP)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/realms/portfolio"
    server.shutdown()
    server.server_close()


def test_an_oidc_id_token_for_another_audience_is_refused(
    client, organisation, org_admin, other_client_idp, caplog
):
    identity_provider_save(
        changed_by=org_admin,
        organisation=organisation,
        protocol="oidc",
        enabled=True,
        email_domains=["council.test"],
        issuer=other_client_idp,
        client_id="portfolio-other",
        client_secret=SECRET,
    )
    users, accounts = User.objects.count(), SocialAccount.objects.count()
    start = client.post(f"/accounts/oidc/{organisation.slug}/login/")
    assert start.status_code == 302
    authorize = urllib.parse.urlsplit(start["Location"])
    query = urllib.parse.parse_qs(authorize.query)
    assert query["client_id"] == ["portfolio-other"]
    # Keycloak knows only "portfolio-oidc": that is who the person signs in to.
    query["client_id"] = ["portfolio-oidc"]
    authorize_url = authorize._replace(
        query=urllib.parse.urlencode(query, doseq=True)
    ).geturl()
    callback = keycloak_code_for(authorize_url, "nadia", "keycloak-pass-1")
    response = client.get(callback)
    assert_refused_and_nothing_written(response, client, caplog, users, accounts)
    assert "InvalidAudienceError" in caplog.text
