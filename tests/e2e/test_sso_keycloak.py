"""Single sign-on through a real identity provider: Keycloak (started by
scripts/services.sh from Maven Central, realm scripts/keycloak/realm-portfolio.json),
its own login pages driven in Chromium, over OpenID Connect and SAML."""

import base64
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.socialaccount.models import SocialAccount

from portfolio.identity.services import identity_provider_save
from portfolio.people.models import AuditEvent, User
from tests.auth import TEST_TOTP_SECRET, current_totp_code, enrol_totp
from tests.conftest import KEYCLOAK_REALM
from tests.e2e.conftest import assert_accessible
from tests.factories.portfolio import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

#: Olu's one-time-password secret in the realm file. Keycloak keys HOTP with
#: the stored string's bytes; authenticator apps get it base32-encoded.
KEYCLOAK_OTP_SECRET = base64.b32encode(b"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").decode()


_USED_STEPS: set[int] = set()


def keycloak_code() -> str:
    """A code Keycloak has not seen: it refuses a code used once, so a second
    sign-in within the same 30 s uses the next step (its look-ahead window)."""
    step = int(time.time()) // 30
    if step in _USED_STEPS:
        step += 1
    _USED_STEPS.add(step)
    return format_hotp_value(hotp_value(KEYCLOAK_OTP_SECRET, step))


@pytest.fixture
def oidc(organisation, team, org_admin):
    return identity_provider_save(
        changed_by=org_admin,
        organisation=organisation,
        protocol="oidc",
        enabled=True,
        email_domains=["council.test"],
        issuer=KEYCLOAK_REALM,
        client_id="portfolio-oidc",
        client_secret="portfolio-oidc-test-secret",
        group_roles={"portfolio-supervisors": "supervisor"},
        group_teams={"children-north": team.name},
    )


@pytest.fixture
def saml(other_organisation, other_org_admin):
    from portfolio.people.models import Team

    Team.objects.create(organisation=other_organisation, name="Eastbridge North")
    return identity_provider_save(
        changed_by=other_org_admin,
        organisation=other_organisation,
        protocol="saml",
        enabled=True,
        email_domains=["council.test"],
        metadata_url=f"{KEYCLOAK_REALM}/protocol/saml/descriptor",
        entity_id=KEYCLOAK_REALM,
        group_teams={"children-north": "Eastbridge North"},
    )


def start_sso(page, organisation_name: str) -> None:
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_role("button", name=f"Sign in with {organisation_name}").click()


def keycloak_sign_in(page, username: str, password: str, *, otp: bool = False):
    page.wait_for_url("**/realms/portfolio/**")
    page.locator("#username").fill(username)
    page.locator("#password").fill(password)
    page.locator("#kc-login").click()
    if otp:
        page.locator("#otp").fill(keycloak_code())
        page.locator("#kc-login").click()


def test_a_new_person_signs_in_by_oidc_and_must_set_up_the_portals_mfa(
    page, live_server, oidc, organisation, team
):
    start_sso(page, organisation.name)
    keycloak_sign_in(page, "nadia", "keycloak-pass-1")
    # A supervisor (mapped from the IdP group) needs two-factor; the IdP did
    # not do it, so the portal's own rule applies.
    # (allauth first asks someone without a password to confirm by an
    # emailed code before adding an authenticator.)
    page.wait_for_url("**totp%2Factivate**")
    assert page.get_by_test_id("home-heading").count() == 0
    nadia = User.objects.get(email="nadia.new@council.test")
    assert nadia.organisation == organisation
    assert nadia.team == team
    assert nadia.is_supervisor
    assert not nadia.has_usable_password()
    assert SocialAccount.objects.filter(user=nadia, provider=organisation.slug).exists()
    assert AuditEvent.objects.filter(
        action="person.created_by_sso", subject=nadia
    ).exists()


def test_an_invited_person_is_linked_and_the_idps_mfa_is_trusted(
    page, live_server, oidc, organisation
):
    olu = UserFactory(
        organisation=organisation,
        email="olu.mfa@council.test",
        is_supervisor=True,
        is_practitioner=True,
    )
    start_sso(page, organisation.name)
    keycloak_sign_in(page, "olu", "keycloak-pass-2", otp=True)
    page.get_by_test_id("home-heading").wait_for()
    assert page.url == f"{live_server.url}/"
    assert SocialAccount.objects.get(user=olu).provider == organisation.slug
    assert User.objects.filter(email="olu.mfa@council.test").count() == 1
    assert_accessible(page)


def test_an_existing_person_with_the_portals_mfa_is_asked_for_it_after_oidc(
    page, live_server, oidc, organisation
):
    ewan = UserFactory(organisation=organisation, email="ewan.existing@council.test")
    enrol_totp(ewan)
    start_sso(page, organisation.name)
    keycloak_sign_in(page, "ewan", "keycloak-pass-3")
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    assert page.get_by_test_id("home-heading").count() == 0
    page.get_by_label("Code").fill(current_totp_code(TEST_TOTP_SECRET))
    page.get_by_test_id("confirm-code").click()
    page.get_by_test_id("home-heading").wait_for()
    assert SocialAccount.objects.get(user=ewan).provider == organisation.slug


def test_a_new_person_signs_in_by_saml(page, live_server, saml, other_organisation):
    start_sso(page, other_organisation.name)
    keycloak_sign_in(page, "sam", "keycloak-pass-4")
    page.get_by_test_id("home-heading").wait_for()
    sam = User.objects.get(email="sam.saml@council.test")
    assert sam.organisation == other_organisation
    assert sam.team.name == "Eastbridge North"
    assert sam.is_practitioner and not sam.is_supervisor
    assert (
        SocialAccount.objects.get(user=sam).provider
        == f"saml-{other_organisation.slug}"
    )


def test_an_existing_person_is_linked_by_saml_and_asked_for_the_portals_mfa(
    page, live_server, saml, other_organisation
):
    sam = UserFactory(organisation=other_organisation, email="sam.saml@council.test")
    enrol_totp(sam)
    start_sso(page, other_organisation.name)
    keycloak_sign_in(page, "sam", "keycloak-pass-4")
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    page.get_by_label("Code").fill(current_totp_code(TEST_TOTP_SECRET))
    page.get_by_test_id("confirm-code").click()
    page.get_by_test_id("home-heading").wait_for()
    assert (
        SocialAccount.objects.get(user=sam).provider
        == f"saml-{other_organisation.slug}"
    )


def test_someone_of_another_organisation_is_refused(
    page, live_server, oidc, organisation, other_organisation
):
    UserFactory(organisation=other_organisation, email="nadia.new@council.test")
    start_sso(page, organisation.name)
    keycloak_sign_in(page, "nadia", "keycloak-pass-1")
    page.get_by_test_id("sign-in-refused").wait_for()
    assert not SocialAccount.objects.exists()
    assert_accessible(page)


def _capture_saml_response(page) -> dict:
    captured = {}

    def on_request(request):
        if (
            request.method == "POST"
            and "/acs/" in request.url
            and "finish" not in request.url
        ):
            captured["url"] = request.url
            captured["body"] = request.post_data

    page.on("request", on_request)
    return captured


def test_a_replayed_or_tampered_saml_response_is_refused(
    page, live_server, saml, other_organisation
):
    captured = _capture_saml_response(page)
    start_sso(page, other_organisation.name)
    keycloak_sign_in(page, "sam", "keycloak-pass-4")
    page.get_by_test_id("home-heading").wait_for()
    assert captured["body"]
    page.get_by_test_id("sign-out").click()
    users = User.objects.count()
    from urllib.parse import parse_qs, urlencode

    form = {k: v[0] for k, v in parse_qs(captured["body"]).items()}
    # Replayed as it was: the sign-in it answered is over.
    replay = page.request.post(
        captured["url"],
        data=urlencode(form),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    # Tampered: another address inside the signed assertion.
    xml = base64.b64decode(form["SAMLResponse"]).replace(
        b"sam.saml@council.test", b"olu.mfa@council.test"
    )
    tampered = page.request.post(
        captured["url"],
        data=urlencode({**form, "SAMLResponse": base64.b64encode(xml).decode()}),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    # (allauth passes the response on to its "finish" step, which refuses it.)
    for response in (replay, tampered):
        assert response.status in (401, 403), response.status
    page.goto("/")
    assert "/accounts/login/" in page.url
    assert User.objects.count() == users


def test_a_replayed_oidc_callback_is_refused(page, live_server, oidc, organisation):
    callbacks = []
    page.on(
        "request",
        lambda r: callbacks.append(r.url) if "/login/callback/" in r.url else None,
    )
    start_sso(page, organisation.name)
    keycloak_sign_in(page, "nadia", "keycloak-pass-1")
    page.wait_for_url("**totp%2Factivate**")
    page.context.clear_cookies()
    users = User.objects.count()
    response = page.request.get(callbacks[0], max_redirects=0)
    assert response.status == 401
    page.goto("/")
    assert "/accounts/login/" in page.url
    assert User.objects.count() == users


def test_signing_out_ends_the_idps_session_too(page, live_server, oidc, organisation):
    UserFactory(
        organisation=organisation, email="olu.mfa@council.test", is_supervisor=True
    )
    start_sso(page, organisation.name)
    keycloak_sign_in(page, "olu", "keycloak-pass-2", otp=True)
    page.get_by_test_id("home-heading").wait_for()
    page.get_by_test_id("sign-out").click()
    # Keycloak asks to confirm a logout that carries no ID token.
    page.wait_for_url("**/realms/portfolio/protocol/openid-connect/logout**")
    page.locator("#kc-logout").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/**")
    # Signing in again needs the IdP's password again: its session is over.
    start_sso(page, organisation.name)
    page.wait_for_url("**/realms/portfolio/**")
    page.locator("#username").wait_for()
