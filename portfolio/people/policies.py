"""Who may see and manage people's accounts.

Every check about accounts goes through these policies, found with
``policy_registry.get_by_type(Model)``; views and templates never test role flags
themselves.
"""

from django.db.models import Q

from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import policy_registry

from portfolio.people.models import Organisation, StaffMember, User

#: Actions an organisation admin may take on people in their own organisation.
MANAGE_ACTIONS = frozenset({"view", "add", "change", "deactivate"})


def _is_active_member(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


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


def register_policies() -> None:
    if policy_registry.get_by_type(StaffMember, fallback=False) is None:
        policy_registry.register(
            StaffMember, StaffMemberPermissionPolicy(StaffMember), exact_class=True
        )
    if policy_registry.get_by_type(Organisation, fallback=False) is None:
        policy_registry.register(
            Organisation, OrganisationPermissionPolicy(Organisation)
        )
