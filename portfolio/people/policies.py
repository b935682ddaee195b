"""Who may see and manage people's accounts.

Every check about accounts goes through these policies, found with
``policy_registry.get_by_type(Model)``; views and templates never test role flags
themselves.
"""

from django.db.models import Q, QuerySet

from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import policy_registry

from capabilities.policies import FilteredPermissionPolicy
from portfolio.people.models import (
    AuditEvent,
    Invitation,
    Organisation,
    StaffMember,
    Team,
    User,
)

#: Actions an organisation admin may take on people in their own organisation.
MANAGE_ACTIONS = frozenset({"view", "add", "change", "deactivate"})


def _is_active_member(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


#: Rules are OR-ed together, and Django drops an empty ``Q()`` from an OR
#: (``Q(pk__in=[]) | Q()`` matches nothing), so "every row" is spelt out.
EVERY_ROW = Q(pk__isnull=False)
NO_ROW = Q(pk__in=[])


class ScopedPermissionPolicy(FilteredPermissionPolicy):
    """A policy whose every rule is a filter: ``rule(user, action)`` is the
    ``Q`` of the rows ``user`` may ``action``. Instance checks and lists are
    both answered from it, so a detail page and its list cannot disagree.
    Nobody signed out or deactivated may do anything. ``user_has_permission``
    says whether an action is open to the person at all; a subclass narrows it
    where only a role may ever take it."""

    actions: frozenset = frozenset()

    def rule(self, user, action: str) -> Q:
        raise NotImplementedError

    def user_has_permission(self, user, action):
        return _is_active_member(user) and action in self.actions

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        allowed = NO_ROW
        if _is_active_member(user):
            for action in sorted(set(actions) & self.actions):
                rule = self.rule(user, action)
                if not rule:
                    raise ValueError("An empty Q() is dropped: use EVERY_ROW.")
                allowed |= rule
        return self.model._default_manager.filter(allowed)


class OwnRowsPermissionPolicy(ScopedPermissionPolicy):
    """Rows that belong to one person (``owner_field``): theirs alone."""

    owner_field = "user"
    actions = frozenset({"view", "add", "change", "delete"})

    def rule(self, user, action):
        return Q(**{self.owner_field: user})


class StaffMemberPermissionPolicy(BasePermissionPolicy):
    """Site admins manage everyone; an organisation admin manages the people of
    their own organisation; anyone may view their own account."""

    def user_has_permission(self, user, action):
        if not _is_active_member(user):
            return False
        if user.is_superuser:
            return True
        return user.is_org_admin and action in MANAGE_ACTIONS

    def user_has_permission_for_instance(self, user, action, instance):
        if not _is_active_member(user):
            return False
        if user.is_superuser:
            return True
        if action == "view" and instance.pk == user.pk:
            return True
        if action == "deactivate" and instance.pk == user.pk:
            # Nobody locks themselves out; another admin must do it.
            return False
        return (
            user.is_org_admin
            and action in MANAGE_ACTIONS
            and user.organisation_id is not None
            and instance.organisation_id == user.organisation_id
        )

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = StaffMember.objects.all()
        if not _is_active_member(user):
            return queryset.none()
        if user.is_superuser:
            return queryset
        if user.is_org_admin and user.organisation_id and set(actions) & MANAGE_ACTIONS:
            return queryset.filter(
                Q(organisation_id=user.organisation_id) | Q(pk=user.pk)
            )
        if "view" in actions:
            return queryset.filter(pk=user.pk)
        return queryset.none()

    def users_with_any_permission(self, actions):
        return User.objects.filter(
            Q(is_superuser=True) | Q(is_org_admin=True), is_active=True
        )


class OrganisationPermissionPolicy(BasePermissionPolicy):
    """Members view their own organisation; its admins change its settings."""

    def user_has_permission(self, user, action):
        if not _is_active_member(user):
            return False
        return (
            user.is_superuser
            or (action == "change" and user.is_org_admin)
            or (action == "view")
        )

    def user_has_permission_for_instance(self, user, action, instance):
        if not _is_active_member(user):
            return False
        if user.is_superuser:
            return True
        if instance.pk != user.organisation_id:
            return False
        return action == "view" or (action == "change" and user.is_org_admin)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = Organisation.objects.all()
        if not _is_active_member(user):
            return queryset.none()
        if user.is_superuser:
            return queryset
        if "view" in actions or ("change" in actions and user.is_org_admin):
            return queryset.filter(pk=user.organisation_id)
        return queryset.none()


class TeamPermissionPolicy(ScopedPermissionPolicy):
    """Everyone sees the teams of their own organisation; its admins choose
    each team's managers (``change``), in their own organisation only."""

    actions = frozenset({"view", "change"})

    def rule(self, user, action):
        if action == "view":
            if user.is_superuser:
                return EVERY_ROW
            return Q(organisation_id=user.organisation_id)
        if user.is_org_admin and user.organisation_id:
            return Q(organisation_id=user.organisation_id)
        return Q(pk__in=[])

    def user_has_permission(self, user, action):
        if action == "change":
            return super().user_has_permission(user, action) and user.is_org_admin
        return super().user_has_permission(user, action)


class InvitationPermissionPolicy(ScopedPermissionPolicy):
    """Invitations are seen, sent and re-sent by the admins of the invited
    person's organisation (and site admins). Accepting one needs no account:
    the token is the credential, checked by the service."""

    actions = frozenset({"view", "add", "change"})

    def rule(self, user, action):
        if user.is_superuser:
            return EVERY_ROW
        if user.is_org_admin and user.organisation_id:
            return Q(user__organisation_id=user.organisation_id)
        return Q(pk__in=[])

    def user_has_permission(self, user, action):
        return super().user_has_permission(user, action) and (
            user.is_superuser or user.is_org_admin
        )


class AuditEventPermissionPolicy(ScopedPermissionPolicy):
    """The audit log is read by an organisation's admins (their organisation's
    rows) and site admins (all). Nobody may change or delete a row: the only
    action is ``view``; rows are written by ``people.audit.audit_record``."""

    actions = frozenset({"view"})

    def rule(self, user, action):
        if user.is_superuser:
            return EVERY_ROW
        if user.is_org_admin and user.organisation_id:
            return Q(organisation_id=user.organisation_id)
        return NO_ROW

    def user_has_permission(self, user, action):
        return super().user_has_permission(user, action) and (
            user.is_superuser or user.is_org_admin
        )


def register_policies() -> None:
    if policy_registry.get_by_type(StaffMember, fallback=False) is None:
        policy_registry.register(
            StaffMember, StaffMemberPermissionPolicy(StaffMember), exact_class=True
        )
    if policy_registry.get_by_type(Organisation, fallback=False) is None:
        policy_registry.register(
            Organisation, OrganisationPermissionPolicy(Organisation)
        )
    if policy_registry.get_by_type(Team, fallback=False) is None:
        policy_registry.register(Team, TeamPermissionPolicy(Team))
    if policy_registry.get_by_type(Invitation, fallback=False) is None:
        policy_registry.register(Invitation, InvitationPermissionPolicy(Invitation))
    if policy_registry.get_by_type(AuditEvent, fallback=False) is None:
        policy_registry.register(AuditEvent, AuditEventPermissionPolicy(AuditEvent))
