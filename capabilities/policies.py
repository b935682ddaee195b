"""Who may read and change frameworks.

Everyone signed in reads national frameworks and their own organisation's local
ones. Site admins change any framework; organisation admins change only those
their organisation owns. Users are duck-typed (``is_org_admin``,
``organisation_id``) because this app imports nothing of ours.
"""

from django.db.models import Q

from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import policy_registry

from capabilities.models import Framework, FrameworkImportJob

CHANGE_ACTIONS = frozenset({"add", "change", "delete", "import", "export"})


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _organisation_id(user):
    return getattr(user, "organisation_id", None)


class FilteredPermissionPolicy(BasePermissionPolicy):
    """A policy that answers "may this person act on this row?" from the same
    filter that lists the rows, so a detail page and its list cannot disagree.
    It lives in capabilities, the lowest app with policies, so every app above
    shares it."""

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.instances_user_has_any_permission_for(user, [action])
            .filter(pk=instance.pk)
            .exists()
        )


class FrameworkPermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        if not _active(user):
            return False
        if user.is_superuser or action == "view":
            return True
        return (
            action in CHANGE_ACTIONS
            and getattr(user, "is_org_admin", False)
            and _organisation_id(user) is not None
        )

    def user_has_permission_for_instance(self, user, action, instance):
        if not _active(user):
            return False
        if user.is_superuser:
            return True
        own = instance.owner_organisation_id is not None and (
            instance.owner_organisation_id == _organisation_id(user)
        )
        if action == "view":
            return instance.owner_organisation_id is None or own
        return own and action in CHANGE_ACTIONS and getattr(user, "is_org_admin", False)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = Framework.objects.all()
        if not _active(user):
            return queryset.none()
        if user.is_superuser:
            return queryset
        own = Q(owner_organisation_id=_organisation_id(user)) & Q(
            owner_organisation__isnull=False
        )
        if "view" in actions:
            return queryset.filter(Q(owner_organisation__isnull=True) | own)
        if set(actions) & CHANGE_ACTIONS and getattr(user, "is_org_admin", False):
            return queryset.filter(own)
        return queryset.none()


class ImportJobPermissionPolicy(FilteredPermissionPolicy):
    """An upload is started by whoever may import frameworks, and then seen by
    its uploader alone (it reports the file line by line), whatever their
    role."""

    def user_has_permission(self, user, action):
        if action == "add":
            return FrameworkPermissionPolicy(Framework).user_has_permission(
                user, "import"
            )
        return _active(user) and action == "view"

    def instances_user_has_any_permission_for(self, user, actions):
        if not _active(user) or "view" not in actions:
            return FrameworkImportJob.objects.none()
        return FrameworkImportJob.objects.filter(uploaded_by=user)

    def owner_organisation_id_for(self, user) -> int | None:
        """Whose framework an upload makes: a site admin's is national (None);
        an organisation admin's is always local to their organisation."""
        return None if user.is_superuser else _organisation_id(user)


def register_policies() -> None:
    if policy_registry.get_by_type(Framework, fallback=False) is None:
        policy_registry.register(Framework, FrameworkPermissionPolicy(Framework))
    if policy_registry.get_by_type(FrameworkImportJob, fallback=False) is None:
        policy_registry.register(
            FrameworkImportJob, ImportJobPermissionPolicy(FrameworkImportJob)
        )
