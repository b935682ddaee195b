"""Who may see and work on an appraisal: the supervisee, and the appraiser
while they still supervise them. Nobody else, whatever their role."""

from django.db.models import Q

from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import policy_registry

from portfolio.appraisal.models import Appraisal
from portfolio.people.selectors import supervisee_ids_of

#: ``export`` (a PDF once signed) goes with ``view``: whoever sees it may print it.
ACTIONS = frozenset({"view", "change", "sign", "export"})


class AppraisalPermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        return bool(user.is_authenticated and user.is_active and action in ACTIONS)

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.instances_user_has_any_permission_for(user, [action])
            .filter(pk=instance.pk)
            .exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not (user.is_authenticated and user.is_active) or not set(actions) & ACTIONS:
            return Appraisal.objects.none()
        return Appraisal.objects.filter(
            Q(supervisee=user)
            | Q(appraiser=user, supervisee_id__in=supervisee_ids_of(user))
        )


def register_policies() -> None:
    if policy_registry.get_by_type(Appraisal, fallback=False) is None:
        policy_registry.register(Appraisal, AppraisalPermissionPolicy(Appraisal))
