"""Writes about people: invitations, accepting them, deactivation."""

from datetime import timedelta
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from allauth.account.models import EmailAddress

from capabilities.selectors import framework_family_choices
from portfolio.people.audit import audit_record
from portfolio.people.groups import staff_member_sync_groups
from portfolio.people.leaver_links import leaver_link_token
from portfolio.people.link_tokens import link_token_hash, link_token_new
from portfolio.people.models import Invitation, Team, User
from portfolio.people.roles import GRANTABLE_ROLES, ROLE_FIELDS, Role
from portfolio.people.selectors import (
    current_supervisions,
    organisation_policy,
    people_policy,
)

INVITATION_LIFETIME = timedelta(days=7)
MFA_REQUIREMENT_FIELDS = (
    "mfa_required_for_practitioners",
    "mfa_required_for_supervisors",
    "mfa_required_for_training_editors",
    "mfa_required_for_org_admins",
)

EMAIL_ALREADY_REGISTERED = "Someone with this email address already has an account."
TEAM_NOT_IN_ORGANISATION = "Choose a team from your own organisation."
NO_ROLE_CHOSEN = "Choose at least one role."
INVITATION_INVALID = (
    "This invitation link is not valid. It may have been used already or have "
    "expired: ask your organisation admin to send a new one."
)


@transaction.atomic
def staff_member_invite(
    *,
    invited_by: User,
    email: str,
    first_name: str,
    last_name: str,
    roles: list[Role],
    team: Team | None,
    accept_url_builder,
) -> User:
    """Create an account in the inviter's organisation and email a link to set a
    password. Only an organisation admin (or site admin) may call it.

    ``accept_url_builder`` turns a path into an absolute URL for the email.
    Raises PermissionDenied or ValidationError (nothing is written then).
    """
    if not people_policy().user_has_permission(invited_by, "add"):
        raise PermissionDenied
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _(EMAIL_ALREADY_REGISTERED)})
    organisation = invited_by.organisation
    if team is not None and team.organisation_id != getattr(organisation, "pk", None):
        raise ValidationError({"team": _(TEAM_NOT_IN_ORGANISATION)})
    granted = [role for role in roles if role in GRANTABLE_ROLES]
    if not granted:
        raise ValidationError({"roles": _(NO_ROLE_CHOSEN)})

    user = User(
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        organisation=organisation,
        team=team,
    )
    for role in granted:
        setattr(user, ROLE_FIELDS[role], True)
    user.set_unusable_password()
    user.save()
    staff_member_sync_groups(user=user)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)

    token = link_token_new()
    audit_record(
        action="person.invited",
        actor=invited_by,
        organisation=organisation,
        subject=user,
        target=user,
        after={
            "email": email,
            "roles": sorted(str(role) for role in granted),
            "team": str(team or ""),
        },
    )
    Invitation.objects.create(
        user=user,
        invited_by=invited_by,
        token_hash=link_token_hash(token),
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    accept_url = accept_url_builder(
        reverse("portfolio:invitation_accept", kwargs={"token": token})
    )
    context = {
        "user": user,
        "organisation": organisation,
        "accept_url": accept_url,
        "expires_days": INVITATION_LIFETIME.days,
    }
    # Sent after commit so a rolled-back invitation never reaches anyone.
    transaction.on_commit(
        lambda: send_mail(
            subject=_("You have been invited to Practitioner Portfolio"),
            message=render_to_string("portfolio/people/invitation_email.txt", context),
            from_email=None,
            recipient_list=[email],
        )
    )
    return user


def invitation_get_valid(*, token: str) -> Invitation | None:
    """The open invitation for a token, or None if unknown, used or expired."""
    return (
        Invitation.objects.select_related("user")
        .filter(
            token_hash=link_token_hash(token),
            accepted_at__isnull=True,
            expires_at__gt=timezone.now(),
            user__is_active=True,
        )
        .first()
    )


@transaction.atomic
def invitation_accept(*, token: str, password: str) -> User:
    """Set the invited person's password and confirm their email address (the
    link reached them there). Single use. Raises ValidationError."""
    invitation = invitation_get_valid(token=token)
    if invitation is None:
        raise ValidationError(_(INVITATION_INVALID))
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_(INVITATION_INVALID))
    user = invitation.user
    user.set_password(password)
    user.save(update_fields=["password"])
    EmailAddress.objects.filter(user=user, email__iexact=user.email).update(
        verified=True
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


@transaction.atomic
def staff_member_set_active(
    *,
    changed_by: User | None,
    member: User,
    active: bool,
    actor_label: str = "",
) -> User:
    """Deactivate (or reactivate) an account: the one path for leavers, whether
    an admin, SCIM or a CSV upload asks. ``changed_by`` is the admin; a system
    (a SCIM token, an import) passes None and its ``actor_label``, its caller
    having scoped it to the member's organisation.

    Deactivating keeps the record (``is_active=False`` only), ends the person's
    sessions at once, ends their supervision relationships both ways (their
    supervisees are flagged to the organisation's admins), which also stops
    their reminders (reminders go to active people about current
    relationships), records the change in the audit log and tells the person
    how to take their portfolio with them. Raises PermissionDenied.
    """
    if changed_by is not None and not people_policy().user_has_permission_for_instance(
        changed_by, "deactivate", member
    ):
        raise PermissionDenied
    if changed_by is None and not actor_label:
        raise PermissionDenied
    if member.is_active == active:
        return member
    member.is_active = active
    member.deactivated_at = None if active else timezone.now()
    member.save(update_fields=["is_active", "deactivated_at"])
    ended = []
    if not active:
        ended = _supervisions_end_for_leaver(member=member)
        sessions_end_for(user=member)
        transaction.on_commit(lambda: _leaver_email_send(member=member))
    audit_record(
        action="person.reactivated" if active else "person.deactivated",
        actor=changed_by,
        actor_label=actor_label,
        organisation=member.organisation,
        subject=member,
        target=member,
        before={"is_active": not active},
        after={
            "is_active": active,
            **({"supervisions_ended": ended} if ended else {}),
        },
    )
    return member


def _supervisions_end_for_leaver(*, member: User) -> list[int]:
    """End every current relationship the leaver is part of, today. Their
    supervisees are left without that supervisor: the admins' people list shows
    them as needing a new one (``supervisees_needing_supervisor``)."""
    today = timezone.localdate()
    current = current_supervisions(today=today).filter(
        Q(supervisor=member) | Q(supervisee=member)
    )
    ended = list(current.values_list("pk", flat=True))
    # ``ends_on`` is inclusive, so yesterday; never before the start (a
    # relationship starting today stays dated today, and the leaver's inactive
    # account already gives it no access).
    yesterday = today - timedelta(days=1)
    current.filter(starts_on__lte=yesterday).update(ends_on=yesterday)
    current.filter(starts_on__gt=yesterday).update(ends_on=F("starts_on"))
    return ended


def sessions_end_for(*, user: User) -> int:
    """Delete every stored session of ``user`` so they are signed out at once,
    not at their next request. Sessions live in the database (Django's default
    engine); the authentication middleware also refuses an inactive account."""
    user_id = str(user.pk)
    doomed = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == user_id
    ]
    Session.objects.filter(pk__in=doomed).delete()
    return len(doomed)


def _leaver_email_send(*, member: User) -> None:
    # Someone without a password (made by single sign-on, SCIM or a staff
    # upload) cannot sign in once their employer's sign-in refuses them: they
    # get a link instead (portfolio.people.leaver_links).
    link = ""
    if not member.has_usable_password():
        link = urljoin(
            settings.WAGTAILADMIN_BASE_URL,
            reverse("portfolio:leaver_link", args=[leaver_link_token(member)]),
        )
    send_mail(
        subject=_("Your Practitioner Portfolio account has been closed"),
        message=render_to_string(
            "portfolio/people/leaver_email.txt",
            {
                "user": member,
                "organisation": member.organisation,
                "sign_in_url": urljoin(
                    settings.WAGTAILADMIN_BASE_URL, reverse("account_login")
                ),
                "leaver_link": link,
            },
        ),
        from_email=None,
        recipient_list=[member.email],
    )


@transaction.atomic
def organisation_update_security(
    *, changed_by: User, organisation, **requirements: bool
):
    """Change which roles must use two-factor authentication, the appraisal
    scale and which national frameworks the staff map evidence to. Only the
    organisation's admins (or a site admin) may. Raises PermissionDenied."""
    if not organisation_policy().user_has_permission_for_instance(
        changed_by, "change", organisation
    ):
        raise PermissionDenied
    allowed = set(MFA_REQUIREMENT_FIELDS)
    before = {name: getattr(organisation, name) for name in sorted(allowed)}
    for name, value in requirements.items():
        if name in allowed:
            setattr(organisation, name, bool(value))
    fields = sorted(allowed)
    if "appraisal_scale_text" in requirements:
        lines = requirements["appraisal_scale_text"].splitlines()
        organisation.appraisal_scale = [line.strip() for line in lines if line.strip()]
        fields.append("appraisal_scale")
    if "framework_families" in requirements:
        # Only national families can be chosen; the always-on ones need no
        # choosing and local frameworks are offered to their own staff anyway.
        offered = {family for family, _name in framework_family_choices()}
        organisation.framework_families = sorted(
            set(requirements["framework_families"]) & offered
        )
        fields.append("framework_families")
    organisation.save(update_fields=fields)
    after = {name: getattr(organisation, name) for name in sorted(allowed)}
    if before != after:
        audit_record(
            action="organisation.mfa_changed",
            actor=changed_by,
            organisation=organisation,
            target=organisation,
            before={k: v for k, v in before.items() if after[k] != v},
            after={k: v for k, v in after.items() if before[k] != v},
        )
    return organisation


def staff_member_set_career_levels(*, member: User, career_level, target_level) -> User:
    """Record where a practitioner stands on the career path and where they aim.
    The practitioner sets these for themselves; a supervisor's judgement of
    readiness is recorded separately."""
    member.career_level = career_level
    member.target_level = target_level
    member.save(update_fields=["career_level", "target_level"])
    return member
