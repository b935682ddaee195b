"""Joiners, movers and leavers from HR: the writes SCIM and the CSV upload
share. Leavers go through people's one deactivation path
(``staff_member_set_active``); every change is in the audit log with the
system that asked."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from allauth.account.models import EmailAddress

from portfolio.identity.models import ProvisionedAccount, ProvisionedTeam
from portfolio.people.audit import audit_record
from portfolio.people.groups import staff_member_sync_groups
from portfolio.people.models import Team, User
from portfolio.people.roles import GRANTABLE_ROLES, ROLE_FIELDS
from portfolio.people.services import staff_member_set_active

EMAIL_TAKEN = "Someone with this email address already has an account."
EMAIL_INVALID = "Enter a valid email address."
TEAM_UNKNOWN = "There is no team called “%(team)s” in your organisation."
ROLE_UNKNOWN = "“%(role)s” is not a role: use %(roles)s."


@dataclass
class PersonRecord:
    """One person as HR describes them. ``None`` leaves a field unchanged."""

    email: str
    first_name: str | None = None
    last_name: str | None = None
    active: bool | None = None
    external_id: str | None = None
    user_name: str | None = None
    employee_number: str | None = None
    team_name: str | None = None
    roles: list[str] | None = None


def _snapshot(user: User) -> dict:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "team": str(user.team or ""),
        "roles": sorted(str(r) for r in user.roles),
        "is_active": user.is_active,
    }


def person_record_check(
    *, organisation, record: PersonRecord, user: User | None
) -> None:
    """Raise ValidationError for a record that cannot be applied (nothing is
    written). ``user`` is the account it would change, None for a joiner."""
    try:
        validate_email(record.email)
    except ValidationError as error:
        raise ValidationError({"email": _(EMAIL_INVALID)}) from error
    clash = User.objects.filter(email__iexact=record.email)
    if user is not None:
        clash = clash.exclude(pk=user.pk)
    if clash.exists():
        raise ValidationError({"email": _(EMAIL_TAKEN)})
    if (
        record.team_name
        and not Team.objects.filter(
            organisation=organisation, name=record.team_name
        ).exists()
    ):
        raise ValidationError({"team": _(TEAM_UNKNOWN) % {"team": record.team_name}})
    grantable = {str(role) for role in GRANTABLE_ROLES}
    for role in record.roles or []:
        if role not in grantable:
            raise ValidationError(
                {
                    "roles": _(ROLE_UNKNOWN)
                    % {"role": role, "roles": ", ".join(sorted(grantable))}
                }
            )


@transaction.atomic
def person_provision(
    *, organisation, actor_label: str, record: PersonRecord, user: User | None
) -> tuple[User, bool]:
    """Create (``user`` None) or update a person of ``organisation`` from HR's
    record; returns (user, created). A change of ``active`` goes through the one
    deactivation path. Raises ValidationError (nothing written)."""
    if user is not None and user.organisation_id != organisation.pk:
        raise ValidationError(_(EMAIL_TAKEN))
    person_record_check(organisation=organisation, record=record, user=user)
    created = user is None
    if created:
        user = User(organisation=organisation, email=record.email.lower())
        user.set_unusable_password()
        before = {}
    else:
        before = _snapshot(user)
    user.email = record.email.lower()
    if record.first_name is not None:
        user.first_name = record.first_name.strip()
    if record.last_name is not None:
        user.last_name = record.last_name.strip()
    if record.team_name is not None:
        user.team = (
            Team.objects.get(organisation=organisation, name=record.team_name)
            if record.team_name
            else None
        )
    if record.roles is not None:
        for role in GRANTABLE_ROLES:
            setattr(user, ROLE_FIELDS[role], str(role) in record.roles)
    if created and not any(getattr(user, f) for f in ROLE_FIELDS.values()):
        user.is_practitioner = True
    user.save()
    staff_member_sync_groups(user=user)
    if created:
        EmailAddress.objects.create(
            user=user, email=user.email, primary=True, verified=False
        )
    else:
        EmailAddress.objects.filter(user=user, primary=True).update(email=user.email)
    account, _new = ProvisionedAccount.objects.get_or_create(
        user=user, defaults={"organisation": organisation}
    )
    if record.external_id is not None:
        account.external_id = record.external_id
    if record.user_name is not None:
        account.user_name = record.user_name
    if record.employee_number is not None:
        account.employee_number = record.employee_number
    account.save()
    after = _snapshot(user)
    if created or after != before:
        changed = {k for k in after if before.get(k) != after[k]}
        audit_record(
            action="person.provisioned" if created else "person.updated_by_hr",
            actor_label=actor_label,
            organisation=organisation,
            subject=user,
            target=user,
            before={k: before.get(k) for k in changed if before},
            after={k: after[k] for k in changed},
        )
    if record.active is not None and record.active != user.is_active:
        staff_member_set_active(
            changed_by=None, member=user, active=record.active, actor_label=actor_label
        )
    return user, created


@transaction.atomic
def person_scim_remove(*, organisation, actor_label: str, user: User) -> None:
    """SCIM DELETE: deactivate (the one path) and stop showing the person to
    SCIM; the account and portfolio are kept."""
    if user.organisation_id != organisation.pk:
        raise ValidationError(_(EMAIL_TAKEN))
    if user.is_active:
        staff_member_set_active(
            changed_by=None, member=user, active=False, actor_label=actor_label
        )
    account, _new = ProvisionedAccount.objects.get_or_create(
        user=user, defaults={"organisation": organisation}
    )
    account.scim_removed_at = timezone.now()
    account.save(update_fields=["scim_removed_at"])


@transaction.atomic
def team_provision(
    *,
    organisation,
    actor_label: str,
    team: Team | None,
    name: str,
    member_ids: list[int] | None,
    external_id: str | None = None,
) -> Team:
    """Create or rename a team from HR, and set its members when given (people
    moved in or out keep their accounts; their access follows from the next
    request)."""
    created = team is None
    if created:
        team = Team(organisation=organisation)
    before = {
        "name": team.name,
        "members": sorted(team.members.values_list("pk", flat=True))
        if not created
        else [],
    }
    team.name = name.strip()
    team.save()
    if member_ids is not None:
        members = User.objects.filter(organisation=organisation, pk__in=member_ids)
        User.objects.filter(team=team).exclude(pk__in=members).update(team=None)
        members.update(team=team)
    if external_id is not None:
        ProvisionedTeam.objects.update_or_create(
            team=team, defaults={"external_id": external_id}
        )
    after = {
        "name": team.name,
        "members": sorted(team.members.values_list("pk", flat=True)),
    }
    if created or before != after:
        audit_record(
            action="team.provisioned" if created else "team.updated_by_hr",
            actor_label=actor_label,
            organisation=organisation,
            target=team,
            before=before if not created else {},
            after=after,
        )
    return team


@transaction.atomic
def team_remove(*, organisation, actor_label: str, team: Team) -> None:
    """SCIM DELETE of a group: the team goes, its members stay (teamless)."""
    audit_record(
        action="team.removed_by_hr",
        actor_label=actor_label,
        organisation=organisation,
        target=team,
        before={"name": team.name},
    )
    team.delete()
