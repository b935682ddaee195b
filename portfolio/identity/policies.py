"""Who may configure an organisation's single sign-on and SCIM: its admins
(their own organisation's) and site admins. Nobody else sees the rows."""

from django.db.models import Q

from wagtail.permissions import policy_registry

from portfolio.identity.models import (
    IdentityProvider,
    ProvisionedAccount,
    ScimToken,
    StaffImport,
)
from portfolio.people.policies import EVERY_ROW, NO_ROW, ScopedPermissionPolicy


class OrganisationAdminsPolicy(ScopedPermissionPolicy):
    """Rows of one organisation (``organisation_id``): its admins ``view`` and
    ``change`` them; site admins all."""

    actions = frozenset({"view", "change"})

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
    for model in (IdentityProvider, ScimToken, ProvisionedAccount, StaffImport):
        if policy_registry.get_by_type(model, fallback=False) is None:
            policy_registry.register(model, OrganisationAdminsPolicy(model))
