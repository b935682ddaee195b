"""Who may see and download exports: the person who asked for one, nobody
else, whatever their role. An appraisal PDF also needs the requester still to
be a party to the appraisal: an appraiser whose supervision has ended loses
the copy with the access."""

from django.db.models import Q
from django.utils import timezone

from wagtail.permissions import policy_registry

from portfolio.appraisal.models import Appraisal
from portfolio.exports.models import Export, ExportStatus
from portfolio.people.policies import ScopedPermissionPolicy


class ExportPermissionPolicy(ScopedPermissionPolicy):
    actions = frozenset({"view", "add", "download"})

    def rule(self, user, action):
        own = Q(owner=user)
        if action != "download":
            return own
        still_a_party = policy_registry.get_by_type(
            Appraisal
        ).instances_user_has_any_permission_for(user, ["view"])
        return (
            own
            & Q(status=ExportStatus.READY, expires_at__gt=timezone.now())
            & (Q(appraisal__isnull=True) | Q(appraisal__in=still_a_party.values("pk")))
        )


def export_policy() -> ExportPermissionPolicy:
    return policy_registry.get_by_type(Export)


def register_policies() -> None:
    if policy_registry.get_by_type(Export, fallback=False) is None:
        policy_registry.register(Export, ExportPermissionPolicy(Export))
