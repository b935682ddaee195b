"""Who may see personal-data work: a person's own imports; an organisation's
admins (the principal social worker, the data protection lead) its subject
access requests, erasure requests and legal holds. A leaver's access is not a
policy: it is the grace period (privacy.selectors.leaver_in_grace)."""

from django.db.models import Q

from wagtail.permissions import policy_registry

from portfolio.people.policies import (
    NO_ROW,
    OwnRowsPermissionPolicy,
    ScopedPermissionPolicy,
)
from portfolio.privacy.models import (
    ErasureRequest,
    ImportedItem,
    LegalHold,
    PortableImport,
    SubjectAccessRequest,
)


class OwnImportPermissionPolicy(OwnRowsPermissionPolicy):
    owner_field = "owner"
    actions = frozenset({"view", "add", "change"})


class OrganisationAdminsPermissionPolicy(ScopedPermissionPolicy):
    """Rows of one organisation, for its admins only (``organisation_field``
    leads from the row to it). A site admin belongs to no organisation and
    answers no requests here."""

    organisation_field = "organisation"
    actions = frozenset({"view", "add", "change", "download"})

    def rule(self, user, action):
        if user.is_org_admin and user.organisation_id:
            return Q(**{f"{self.organisation_field}_id": user.organisation_id})
        return NO_ROW

    def user_has_permission(self, user, action):
        return super().user_has_permission(user, action) and user.is_org_admin


class LegalHoldPermissionPolicy(OrganisationAdminsPermissionPolicy):
    organisation_field = "person__organisation"


def register_policies() -> None:
    for model, policy in (
        (PortableImport, OwnImportPermissionPolicy),
        (ImportedItem, OwnImportPermissionPolicy),
        (SubjectAccessRequest, OrganisationAdminsPermissionPolicy),
        (ErasureRequest, OrganisationAdminsPermissionPolicy),
        (LegalHold, LegalHoldPermissionPolicy),
    ):
        if policy_registry.get_by_type(model, fallback=False) is None:
            policy_registry.register(model, policy(model))
