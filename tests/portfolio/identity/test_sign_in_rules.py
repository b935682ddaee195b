"""Who single sign-on lets in (identity.services.sso_sign_in_check and the
adapter's rules), and that no SSO session skips both second factors."""

import time

from django.urls import reverse

import pytest

from portfolio.identity.selectors import Assertion, assertion_says_mfa
from portfolio.identity.services import (
    ACCOUNT_CLOSED,
    DOMAIN_NOT_OWNED,
    EMAIL_NOT_VERIFIED,
    OTHER_ORGANISATION,
    WRONG_TENANT,
    SignInRefused,
    identity_provider_save,
    sso_sign_in_check,
    sso_user_prepare_new,
    sso_user_signed_in,
)
from portfolio.people.models import AuditEvent, User
from tests.auth import PASSWORD
from tests.factories.portfolio import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def idp(org_admin, organisation, team):
    return identity_provider_save(
        changed_by=org_admin,
        organisation=organisation,
        protocol="entra",
        enabled=True,
        email_domains=["Northmoor.gov.uk "],
        tenant_id="tenant-1",
        client_id="client-1",
        client_secret="s3cret-value",
        group_roles={"sg-supervisors": "supervisor"},
        group_teams={"sg-north": team.name},
    )


def assertion(email="kim@northmoor.gov.uk", **kwargs):
    return Assertion(
        email=email,
        email_verified=kwargs.pop("email_verified", None),
        tenant_id=kwargs.pop("tenant_id", "tenant-1"),
        **kwargs,
    )


def test_domains_are_normalised_and_the_secret_is_encrypted(idp):
    assert idp.email_domains == ["northmoor.gov.uk"]
    assert "s3cret-value" not in idp.client_secret_encrypted
    row = AuditEvent.objects.get(action="sso.configured")
    assert row.after["client_secret"] == "changed"
    assert "s3cret-value" not in str(row.after) + str(row.before)


def test_a_new_person_of_an_owned_domain_gets_in(idp):
    assert sso_sign_in_check(idp=idp, assertion=assertion(), linked_user=None) is None


def test_an_address_outside_the_owned_domains_is_refused(idp):
    with pytest.raises(SignInRefused, match=DOMAIN_NOT_OWNED[:30]):
        sso_sign_in_check(
            idp=idp, assertion=assertion("kim@elsewhere.gov.uk"), linked_user=None
        )


def test_another_entra_tenant_is_refused(idp):
    with pytest.raises(SignInRefused, match=WRONG_TENANT[:30]):
        sso_sign_in_check(
            idp=idp, assertion=assertion(tenant_id="tenant-2"), linked_user=None
        )


def test_an_invited_person_is_linked(idp, organisation):
    invited = UserFactory(organisation=organisation, email="kim@northmoor.gov.uk")
    assert (
        sso_sign_in_check(idp=idp, assertion=assertion(), linked_user=None) == invited
    )


def test_an_unverified_address_never_takes_over_an_account(idp, organisation):
    UserFactory(organisation=organisation, email="kim@northmoor.gov.uk")
    with pytest.raises(SignInRefused, match=EMAIL_NOT_VERIFIED[:30]):
        sso_sign_in_check(
            idp=idp, assertion=assertion(email_verified=False), linked_user=None
        )


def test_an_account_of_another_organisation_is_never_linked(idp, other_organisation):
    UserFactory(organisation=other_organisation, email="kim@northmoor.gov.uk")
    with pytest.raises(SignInRefused, match=OTHER_ORGANISATION[:30]):
        sso_sign_in_check(idp=idp, assertion=assertion(), linked_user=None)


def test_a_deactivated_account_is_refused(idp, organisation):
    UserFactory(
        organisation=organisation, email="kim@northmoor.gov.uk", is_active=False
    )
    with pytest.raises(SignInRefused, match=ACCOUNT_CLOSED[:30]):
        sso_sign_in_check(idp=idp, assertion=assertion(), linked_user=None)


def test_groups_give_the_team_and_role_of_a_new_person(idp, team, organisation):
    user = User(email="kim@northmoor.gov.uk")
    sso_user_prepare_new(
        idp=idp, user=user, assertion=assertion(groups=["sg-supervisors", "sg-north"])
    )
    assert (user.organisation, user.team, user.is_supervisor) == (
        organisation,
        team,
        True,
    )


def test_a_mover_takes_the_roles_the_groups_now_give(idp, organisation, team):
    person = UserFactory(
        organisation=organisation, email="kim@northmoor.gov.uk", is_supervisor=True
    )
    sso_user_signed_in(
        idp=idp, user=person, assertion=assertion(groups=["sg-north"]), created=False
    )
    person.refresh_from_db()
    assert not person.is_supervisor and person.is_practitioner
    assert AuditEvent.objects.filter(action="person.roles_changed", subject=person)


@pytest.mark.parametrize(
    ("amr", "acr", "named", "expected"),
    [
        (["pwd", "mfa"], "", [], True),
        (["pwd"], "", [], False),
        ([], "urn:council:mfa", ["urn:council:mfa"], True),
        ([], "1", ["urn:council:mfa"], False),
    ],
)
def test_the_idps_mfa_counts_only_as_the_organisation_says(
    idp, amr, acr, named, expected
):
    idp.mfa_acr_values = named
    assert (
        assertion_says_mfa(idp=idp, assertion=assertion(amr=amr, acr=acr)) is expected
    )


def test_an_organisation_that_requires_sso_accepts_no_password(
    client, idp, organisation
):
    idp.required = True
    idp.save()
    person = UserFactory(organisation=organisation, email="kim@northmoor.gov.uk")
    response = client.post(
        reverse("account_login"), {"login": person.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_an_sso_session_without_either_second_factor_is_ended(client, supervisor):
    # A session made by single sign-on (no IdP MFA recorded) for someone with
    # the portal's authenticator is ended on its next request, like any other.
    client.force_login(supervisor, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "socialaccount", "at": time.time(), "provider": "northmoor"}
    ]
    session["account_authentication_methods_user"] = str(supervisor.pk)
    session.save()
    response = client.get(reverse("home"))
    assert response["Location"] == reverse("account_login")
    assert "_auth_user_id" not in client.session


def test_idp_mfa_satisfies_a_role_that_requires_mfa(client, organisation):
    supervisor = UserFactory(organisation=organisation, is_supervisor=True)
    client.force_login(supervisor, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    now = time.time()
    session["account_authentication_methods"] = [
        {"method": "socialaccount", "at": now, "provider": "northmoor"},
        {"method": "mfa", "at": now, "type": "idp", "provider": "northmoor"},
    ]
    session["account_authentication_methods_user"] = str(supervisor.pk)
    session.save()
    assert client.get(reverse("home")).status_code == 200
