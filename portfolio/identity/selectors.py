"""Reads about identity providers: allauth's apps built from them, who may
configure them, and the claims an IdP asserted about a person."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import QuerySet

from wagtail.permissions import policy_registry

import requests
from allauth.socialaccount.models import SocialApp

from portfolio.identity.models import (
    IdentityProvider,
    Protocol,
    ScimToken,
    StaffImport,
)
from portfolio.identity.secrets import secret_decrypt

logger = logging.getLogger("portfolio.identity")

ENTRA_AUTHORITY = "https://login.microsoftonline.com/{tenant}/v2.0"
#: The SAML SP entity ID the IdP is given: stable, unlike a URL with a port.
SAML_SP_ENTITY_ID = "urn:practitioner-portfolio:{slug}"


def identity_provider_policy():
    return policy_registry.get_by_type(IdentityProvider)


def identity_provider_for_organisation(*, organisation) -> IdentityProvider | None:
    if organisation is None:
        return None
    return IdentityProvider.objects.filter(organisation=organisation).first()


def identity_provider_enabled_for(*, user) -> IdentityProvider | None:
    """The turned-on IdP of ``user``'s organisation, if any."""
    return (
        IdentityProvider.objects.filter(
            organisation_id=getattr(user, "organisation_id", None), enabled=True
        )
        .select_related("organisation")
        .first()
    )


def staff_import_get(*, fetched_by, pk: int) -> StaffImport | None:
    """One staff upload ``fetched_by`` may see (their organisation's), or None."""
    return (
        policy_registry.get_by_type(StaffImport)
        .instances_user_has_any_permission_for(fetched_by, ["view"])
        .filter(pk=pk)
        .first()
    )


def scim_token_current(*, organisation) -> ScimToken | None:
    return ScimToken.objects.filter(
        organisation=organisation, revoked_at__isnull=True
    ).first()


def _oidc_server_url(idp: IdentityProvider) -> str:
    if idp.protocol == Protocol.ENTRA:
        return ENTRA_AUTHORITY.format(tenant=idp.tenant_id)
    return idp.issuer.rstrip("/")


def social_app_for(idp: IdentityProvider) -> SocialApp:
    """An unsaved allauth SocialApp for one IdP row (allauth accepts apps that
    come from elsewhere than its table). The provider id is the organisation's
    short name: /accounts/oidc/<slug>/login/ or /accounts/saml/<slug>/login/."""
    slug = idp.organisation.slug
    common = {"identity_provider": idp.pk, "organisation": idp.organisation_id}
    if idp.protocol == Protocol.SAML:
        return SocialApp(
            provider="saml",
            provider_id=f"saml-{slug}",
            name=str(idp.organisation),
            client_id=slug,
            settings={
                **common,
                "idp": {
                    "entity_id": idp.entity_id,
                    "metadata_url": idp.metadata_url,
                    "metadata_request_timeout": 5,
                },
                "sp": {"entity_id": SAML_SP_ENTITY_ID.format(slug=slug)},
                "attribute_mapping": {
                    "uid": ["uid", "urn:oasis:names:tc:SAML:attribute:subject-id"],
                    "email": [
                        "email",
                        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
                    ],
                    "first_name": [
                        "first_name",
                        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
                    ],
                    "last_name": [
                        "last_name",
                        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
                    ],
                },
                "advanced": {
                    # Only signed assertions are accepted; python3-saml then
                    # checks signature, audience, time window and destination.
                    "want_assertion_signed": True,
                    "strict": True,
                    "reject_idp_initiated_sso": True,
                    # Our own ACS and logout URLs are checked as URLs; a
                    # host without a dot (localhost in tests) is still ours.
                    "allow_single_label_domains": True,
                },
            },
        )
    return SocialApp(
        provider="openid_connect",
        provider_id=slug,
        name=str(idp.organisation),
        client_id=idp.client_id,
        secret=secret_decrypt(idp.client_secret_encrypted),
        settings={
            **common,
            "server_url": _oidc_server_url(idp),
            "oauth_pkce_enabled": True,
            # Entra ID's stable user id is oid (sub differs per application).
            "uid_field": "oid" if idp.protocol == Protocol.ENTRA else "sub",
            "fetch_userinfo": idp.protocol != Protocol.ENTRA,
            "scope": ["openid", "profile", "email"],
        },
    )


def social_apps_for(*, provider: str | None, client_id: str | None) -> list[SocialApp]:
    """allauth's apps for every turned-on IdP matching allauth's lookup."""
    apps = []
    rows: QuerySet = IdentityProvider.objects.filter(enabled=True).select_related(
        "organisation"
    )
    for idp in rows:
        app = social_app_for(idp)
        if provider and provider not in (app.provider, app.provider_id):
            continue
        if client_id and client_id != app.client_id:
            continue
        apps.append(app)
    return apps


@dataclass
class Assertion:
    """What the IdP said about the person, whichever protocol."""

    email: str
    email_verified: bool | None
    groups: list[str] = field(default_factory=list)
    amr: list[str] = field(default_factory=list)
    acr: str = ""
    tenant_id: str = ""


def assertion_from(*, protocol: str, extra_data: dict, email: str) -> Assertion:
    if protocol == Protocol.SAML:
        attributes = extra_data or {}
        return Assertion(
            email=(email or "").lower(),
            email_verified=None,
            groups=list(attributes.get("groups", [])),
        )
    claims = {**extra_data.get("userinfo", {}), **extra_data.get("id_token", {})}
    verified = claims.get("email_verified")
    amr = claims.get("amr") or []
    groups = claims.get("groups") or []
    return Assertion(
        email=(email or claims.get("email") or "").lower(),
        email_verified=None if verified is None else verified in (True, "true"),
        groups=[str(g) for g in groups] if isinstance(groups, list) else [],
        amr=[str(a) for a in amr] if isinstance(amr, list) else [str(amr)],
        acr=str(claims.get("acr") or ""),
        tenant_id=str(claims.get("tid") or ""),
    )


def assertion_says_mfa(*, idp: IdentityProvider, assertion: Assertion) -> bool:
    """Whether the IdP did multi-factor: ``amr`` contains ``mfa``, or the
    ``acr`` is one the organisation named."""
    if "mfa" in assertion.amr:
        return True
    return bool(assertion.acr) and assertion.acr in (idp.mfa_acr_values or [])


def oidc_logout_url(*, provider_id: str, return_to: str) -> str | None:
    """Where to send someone signing out who signed in through an OpenID
    Connect IdP, so that its session ends too (RP-initiated logout), or None
    when the IdP names no end-session endpoint or cannot be reached (signing
    out of the portal never waits on it for long)."""
    idp = (
        IdentityProvider.objects.filter(enabled=True, organisation__slug=provider_id)
        .exclude(protocol=Protocol.SAML)
        .select_related("organisation")
        .first()
    )
    if idp is None:
        return None
    try:
        response = requests.get(
            f"{_oidc_server_url(idp)}/.well-known/openid-configuration", timeout=3
        )
        response.raise_for_status()
        endpoint = response.json().get("end_session_endpoint")
    except (requests.RequestException, ValueError):
        logger.warning("No end-session endpoint from %s's IdP", idp.organisation)
        return None
    if not endpoint:
        return None
    query = urlencode(
        {"client_id": idp.client_id, "post_logout_redirect_uri": return_to}
    )
    return f"{endpoint}?{query}"


def sso_login_url(*, idp: IdentityProvider) -> str:
    slug = idp.organisation.slug
    if idp.protocol == Protocol.SAML:
        return f"/accounts/saml/{slug}/login/"
    return f"/accounts/{settings.SOCIALACCOUNT_OPENID_CONNECT_URL_PREFIX}/{slug}/login/"


def sign_in_choices() -> list[tuple[str, str]]:
    """(organisation name, sign-in URL) for the login page's SSO buttons."""
    rows = IdentityProvider.objects.filter(enabled=True).select_related("organisation")
    return [(str(idp.organisation), sso_login_url(idp=idp)) for idp in rows]
