"""Writes about identity: configuring an organisation's IdP, the SCIM token,
and the rule for who gets in through single sign-on."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portfolio.identity.models import IdentityProvider, Protocol, ScimToken
from portfolio.identity.secrets import secret_encrypt
from portfolio.identity.selectors import (
    Assertion,
    assertion_says_mfa,
    identity_provider_policy,
)
from portfolio.people.audit import audit_record
from portfolio.people.groups import staff_member_sync_groups
from portfolio.people.link_tokens import link_token_hash, link_token_new
from portfolio.people.models import Team, User
from portfolio.people.roles import GRANTABLE_ROLES, ROLE_FIELDS, Role

#: Fields shown in the audit log when the configuration changes (never the
#: secret itself: only whether it changed).
AUDITED_FIELDS = (
    "protocol",
    "enabled",
    "required",
    "email_domains",
    "issuer",
    "tenant_id",
    "client_id",
    "metadata_url",
    "entity_id",
    "mfa_acr_values",
    "group_roles",
    "group_teams",
)

DOMAIN_NOT_OWNED = (
    "Your email address is not one your organisation signs in with here. Ask "
    "your organisation admin to check its single sign-on settings."
)
WRONG_TENANT = "This Microsoft account is not from your organisation's directory."
EMAIL_NOT_VERIFIED = (
    "Your identity provider has not confirmed your email address, so it "
    "cannot be linked to an account here."
)
OTHER_ORGANISATION = (
    "An account with this email address belongs to another organisation. Ask "
    "your organisation admin for help."
)
ACCOUNT_CLOSED = "Your account has been closed. Ask your organisation admin."
MISSING_FIELDS = "Fill in %(fields)s for this kind of identity provider."
BAD_ROLE = "%(role)s is not a role you can give through group mapping."
UNKNOWN_TEAM = "There is no team called %(team)s in your organisation."

REQUIRED_BY_PROTOCOL = {
    Protocol.ENTRA: ("tenant_id", "client_id"),
    Protocol.OIDC: ("issuer", "client_id"),
    Protocol.SAML: ("metadata_url", "entity_id"),
}


class SignInRefused(Exception):
    """The IdP vouched for someone the portal will not let in; the message is
    for the person."""


@transaction.atomic
def identity_provider_save(
    *, changed_by: User, organisation, client_secret: str = "", **values
) -> IdentityProvider:
    """Create or change the organisation's IdP. An empty ``client_secret``
    keeps the stored one. Only its admins (and site admins) may. Every change
    is in the audit log. Raises PermissionDenied or ValidationError."""
    if not identity_provider_policy().user_has_permission(changed_by, "change"):
        raise PermissionDenied
    if not changed_by.is_superuser and changed_by.organisation_id != organisation.pk:
        raise PermissionDenied
    idp = IdentityProvider.objects.filter(organisation=organisation).first()
    before = _audit_view(idp) if idp else {}
    idp = idp or IdentityProvider(organisation=organisation)
    for name in AUDITED_FIELDS:
        if name in values:
            setattr(idp, name, values[name])
    idp.email_domains = sorted(
        {d.strip().lower().lstrip("@") for d in idp.email_domains if d.strip()}
    )
    _check(idp, organisation)
    secret_changed = bool(client_secret)
    if secret_changed:
        idp.client_secret_encrypted = secret_encrypt(client_secret)
    idp.save()
    after = _audit_view(idp)
    changed = {k for k in after if before.get(k) != after[k]}
    if changed or secret_changed:
        audit_record(
            action="sso.configured",
            actor=changed_by,
            organisation=organisation,
            target=idp,
            before={k: before.get(k) for k in changed},
            after={
                **{k: after[k] for k in changed},
                **({"client_secret": "changed"} if secret_changed else {}),
            },
        )
    return idp


def _audit_view(idp: IdentityProvider) -> dict:
    return {name: getattr(idp, name) for name in AUDITED_FIELDS}


def _check(idp: IdentityProvider, organisation) -> None:
    missing = [
        str(IdentityProvider._meta.get_field(name).verbose_name)
        for name in REQUIRED_BY_PROTOCOL.get(idp.protocol, ())
        if not getattr(idp, name)
    ]
    if missing:
        raise ValidationError(_(MISSING_FIELDS) % {"fields": ", ".join(missing)})
    grantable = {str(role) for role in GRANTABLE_ROLES}
    for role in (idp.group_roles or {}).values():
        if role not in grantable:
            raise ValidationError(_(BAD_ROLE) % {"role": role})
    names = set(
        Team.objects.filter(organisation=organisation).values_list("name", flat=True)
    )
    for team in (idp.group_teams or {}).values():
        if team not in names:
            raise ValidationError(_(UNKNOWN_TEAM) % {"team": team})


def sso_sign_in_check(
    *, idp: IdentityProvider, assertion: Assertion, linked_user: User | None
) -> User | None:
    """Who this sign-in is: the linked account, an existing account of the
    organisation to link (an invited person, or someone who used a password
    before), or None for a new person. Raises SignInRefused when the IdP
    vouched for someone outside what the organisation owns."""
    domain = assertion.email.rpartition("@")[2]
    if not assertion.email or domain not in (idp.email_domains or []):
        raise SignInRefused(_(DOMAIN_NOT_OWNED))
    if idp.protocol == Protocol.ENTRA and assertion.tenant_id != idp.tenant_id:
        raise SignInRefused(_(WRONG_TENANT))
    user = linked_user
    if user is None:
        user = User.objects.filter(email__iexact=assertion.email).first()
        # Taking over an existing account needs the IdP to have verified the
        # address (OIDC's email_verified); Entra ID and SAML assert addresses
        # of the organisation's own directory, checked by domain above.
        if user is not None and assertion.email_verified is False:
            raise SignInRefused(_(EMAIL_NOT_VERIFIED))
    if user is None:
        return None
    if user.organisation_id != idp.organisation_id:
        raise SignInRefused(_(OTHER_ORGANISATION))
    if not user.is_active:
        raise SignInRefused(_(ACCOUNT_CLOSED))
    return user


def sso_user_prepare_new(
    *, idp: IdentityProvider, user: User, assertion: Assertion
) -> None:
    """Fill in an unsaved new account from the IdP: its organisation, and the
    team and roles its groups map to (a social worker when none map)."""
    user.email = assertion.email
    user.organisation = idp.organisation
    team, roles = _mapped(idp, assertion)
    user.team = team
    for role in roles or {Role.PRACTITIONER}:
        setattr(user, ROLE_FIELDS[role], True)


def _mapped(idp: IdentityProvider, assertion: Assertion) -> tuple[Team | None, set]:
    roles = {
        Role(idp.group_roles[g])
        for g in assertion.groups
        if g in (idp.group_roles or {})
    }
    team_names = [
        idp.group_teams[g] for g in assertion.groups if g in (idp.group_teams or {})
    ]
    team = (
        Team.objects.filter(organisation=idp.organisation, name=team_names[0]).first()
        if team_names
        else None
    )
    return team, roles


@transaction.atomic
def sso_user_signed_in(
    *, idp: IdentityProvider, user: User, assertion: Assertion, created: bool
) -> bool:
    """After an SSO sign-in: a new account is recorded; an existing one takes
    the team and roles the IdP's groups map to (movers), when the organisation
    maps groups. Returns whether the IdP did multi-factor."""
    label = _("Single sign-on (%(org)s)") % {"org": idp.organisation}
    if created:
        staff_member_sync_groups(user=user)
        audit_record(
            action="person.created_by_sso",
            actor_label=label,
            organisation=idp.organisation,
            subject=user,
            target=user,
            after={
                "email": user.email,
                "roles": sorted(str(r) for r in user.roles),
                "team": str(user.team or ""),
            },
        )
    elif idp.group_roles or idp.group_teams:
        team, roles = _mapped(idp, assertion)
        before = {
            "roles": sorted(str(r) for r in user.roles),
            "team": str(user.team or ""),
        }
        if idp.group_roles:
            for role in GRANTABLE_ROLES:
                setattr(user, ROLE_FIELDS[role], role in roles)
            if not roles:
                user.is_practitioner = True
        if idp.group_teams and team is not None:
            user.team = team
        after = {
            "roles": sorted(str(r) for r in user.roles),
            "team": str(user.team or ""),
        }
        if after != before:
            user.save()
            staff_member_sync_groups(user=user)
            audit_record(
                action="person.roles_changed",
                actor_label=label,
                organisation=idp.organisation,
                subject=user,
                target=user,
                before=before,
                after=after,
            )
    return assertion_says_mfa(idp=idp, assertion=assertion)


@transaction.atomic
def scim_token_rotate(*, changed_by: User, organisation) -> str:
    """Revoke the organisation's SCIM token and issue a new one, returned once
    (only its hash is kept). Raises PermissionDenied."""
    if not identity_provider_policy().user_has_permission(changed_by, "change"):
        raise PermissionDenied
    if not changed_by.is_superuser and changed_by.organisation_id != organisation.pk:
        raise PermissionDenied
    now = timezone.now()
    revoked = ScimToken.objects.filter(
        organisation=organisation, revoked_at__isnull=True
    ).update(revoked_at=now)
    token = link_token_new()
    row = ScimToken.objects.create(
        organisation=organisation,
        token_hash=link_token_hash(token),
        created_by=changed_by,
    )
    audit_record(
        action="scim.token_rotated",
        actor=changed_by,
        organisation=organisation,
        target=row,
        after={"revoked_previous": bool(revoked)},
    )
    return token
