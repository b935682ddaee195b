"""Who may rebuild the search indices and see the rebuilds: site admins
only. (A rebuild touches every person's documents, so no organisation role
is enough.)"""

from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import policy_registry

from search.models import IndexRebuild


def _site_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


class IndexRebuildPermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        return _site_admin(user) and action in ("view", "add")

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        if any(self.user_has_permission(user, action) for action in actions):
            return IndexRebuild.objects.all()
        return IndexRebuild.objects.none()


def rebuild_policy() -> IndexRebuildPermissionPolicy:
    return policy_registry.get_by_type(IndexRebuild)


def register_policies() -> None:
    if policy_registry.get_by_type(IndexRebuild, fallback=False) is None:
        policy_registry.register(
            IndexRebuild, IndexRebuildPermissionPolicy(IndexRebuild)
        )
