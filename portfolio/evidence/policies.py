"""Who may see and change CPD entries (and, through them, their files).

A practitioner sees only their own portfolio. Supervisors' access, which
follows supervision relationships and what the practitioner shares, is added
to this policy by the supervision package.
"""

from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import policy_registry

from portfolio.evidence.models import Entry

OWNER_ACTIONS = frozenset({"view", "change", "delete", "export"})


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


class EntryPermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        # Anyone active may keep a portfolio of their own.
        return _active(user) and action in (OWNER_ACTIONS | {"add"})

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            _active(user) and action in OWNER_ACTIONS and instance.owner_id == user.pk
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not _active(user) or not set(actions) & OWNER_ACTIONS:
            return Entry.objects.none()
        return Entry.objects.filter(owner=user)


def register_policies() -> None:
    if policy_registry.get_by_type(Entry, fallback=False) is None:
        policy_registry.register(Entry, EntryPermissionPolicy(Entry))
