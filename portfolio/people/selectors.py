"""Reads about people that carry rules: who may see whom, who must use MFA, and
who currently supervises whom (which the evidence policy follows)."""

from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from wagtail.permissions import policy_registry

from portfolio.people.models import (
    AuditEvent,
    Organisation,
    StaffMember,
    Supervision,
    Team,
    User,
)
from portfolio.people.roles import Role


def people_policy():
    return policy_registry.get_by_type(StaffMember)


def organisation_policy():
    return policy_registry.get_by_type(Organisation)


def audit_policy():
    return policy_registry.get_by_type(AuditEvent)


def team_list(*, fetched_by: User, action: str = "view") -> QuerySet[Team]:
    """Teams ``fetched_by`` may ``view`` or ``change`` (TeamPermissionPolicy)."""
    return policy_registry.get_by_type(Team).instances_user_has_any_permission_for(
        fetched_by, [action]
    )


def staff_member_list(*, fetched_by: User) -> QuerySet[StaffMember]:
    """People whose accounts ``fetched_by`` may manage, with their team."""
    return (
        people_policy()
        .instances_user_has_any_permission_for(fetched_by, ["change"])
        .select_related("team", "organisation")
    )


def staff_member_get(*, fetched_by: User, pk: int) -> StaffMember | None:
    """One manageable person, or None when missing *or* not visible to
    ``fetched_by``, so the caller answers both with the same 404."""
    return staff_member_list(fetched_by=fetched_by).filter(pk=pk).first()


def team_list_for_organisation(*, organisation: Organisation | None) -> QuerySet[Team]:
    if organisation is None:
        return Team.objects.none()
    return Team.objects.filter(organisation=organisation)


def user_requires_mfa(*, user: User) -> bool:
    """Whether this person must have a second factor before using the portal.

    Site admins always must. Otherwise it follows the organisation's choice for
    each role the person holds: by default, anyone who sees other people's data.
    """
    if user.is_superuser:
        return True
    organisation = user.organisation
    if organisation is None:
        return False
    required_by_role = {
        Role.PRACTITIONER: organisation.mfa_required_for_practitioners,
        Role.SUPERVISOR: organisation.mfa_required_for_supervisors,
        Role.TRAINING_EDITOR: organisation.mfa_required_for_training_editors,
        # Reviewers publish what every member reads, as editors do.
        Role.TRAINING_REVIEWER: organisation.mfa_required_for_training_editors,
        Role.ORG_ADMIN: organisation.mfa_required_for_org_admins,
    }
    return any(required_by_role.get(role, False) for role in user.roles)


def _current(today: date) -> Q:
    return Q(starts_on__lte=today) & (Q(ends_on__isnull=True) | Q(ends_on__gte=today))


def current_supervisions(*, today: date | None = None) -> QuerySet[Supervision]:
    return Supervision.objects.filter(_current(today or timezone.localdate()))


def current_supervisions_of(supervisor, *, today: date | None = None) -> QuerySet:
    """The relationships in which ``supervisor`` supervises someone today, in
    their own organisation, with an active supervisee. Ended or future
    relationships, and people who moved organisation, give no access."""
    if not (supervisor.is_authenticated and supervisor.is_active):
        return Supervision.objects.none()
    return current_supervisions(today=today).filter(
        supervisor=supervisor,
        organisation_id=supervisor.organisation_id,
        supervisee__organisation_id=supervisor.organisation_id,
        supervisee__is_active=True,
    )


def supervisee_ids_of(supervisor, *, today: date | None = None) -> QuerySet:
    return current_supervisions_of(supervisor, today=today).values("supervisee_id")


def is_current_supervisor(*, supervisor, supervisee) -> bool:
    return supervisee_ids_of(supervisor).filter(supervisee_id=supervisee.pk).exists()


def supervisees_needing_supervisor(*, organisation) -> QuerySet[User]:
    """Active people of ``organisation`` whose supervisor left (was
    deactivated) and who have no current supervisor now: the organisation's
    admins are asked to arrange a new one."""
    if organisation is None:
        return User.objects.none()
    today = timezone.localdate()
    with_current = current_supervisions(today=today).filter(supervisor__is_active=True)
    return (
        User.objects.filter(
            organisation=organisation,
            is_active=True,
            supervised_by__supervisor__is_active=False,
            supervised_by__organisation=organisation,
        )
        .exclude(pk__in=with_current.values("supervisee_id"))
        .distinct()
        .order_by("last_name", "first_name")
    )


def audit_event_list(
    *,
    fetched_by: User,
    action: str = "",
    person: str = "",
    days: int | None = None,
) -> QuerySet[AuditEvent]:
    """The audit rows ``fetched_by`` may read (their organisation's, or all for
    a site admin), newest first, narrowed by action, by who it was about or
    who did it (name or email contains ``person``) and by age in days."""
    rows = audit_policy().instances_user_has_any_permission_for(fetched_by, ["view"])
    if action:
        rows = rows.filter(action=action)
    if person:
        rows = rows.filter(
            Q(subject__email__icontains=person)
            | Q(subject__last_name__icontains=person)
            | Q(actor_label__icontains=person)
            | Q(target_label__icontains=person)
        )
    if days:
        rows = rows.filter(at__gte=timezone.now() - timedelta(days=days))
    return rows.select_related("organisation", "subject").order_by("-at", "-pk")


def audit_action_choices(*, fetched_by: User) -> list[str]:
    rows = audit_policy().instances_user_has_any_permission_for(fetched_by, ["view"])
    return sorted(set(rows.values_list("action", flat=True).distinct()))
