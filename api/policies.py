"""Who may see and manage the API's clients and tokens.

- An organisation's admins register, see and remove its clients (site admins
  any organisation's).
- A person sees and revokes the tokens they granted to apps; their
  organisation's admins see and revoke those too, and the tokens of the
  organisation's systems.
- The kept first responses to idempotent POSTs are the token person's own.
Everyone else is answered as if nothing existed (404).
"""

from django.db.models import Q

from wagtail.permissions import policy_registry

from oauth2_provider.models import get_access_token_model

from api.models import ApiClient, IdempotentResponse
from portfolio.people.policies import (
    EVERY_ROW,
    NO_ROW,
    OwnRowsPermissionPolicy,
    ScopedPermissionPolicy,
)

AccessToken = get_access_token_model()


def _admin_of(user) -> int | None:
    """The organisation ``user`` administers, if any."""
    return user.organisation_id if user.is_org_admin else None


class ApiClientPermissionPolicy(ScopedPermissionPolicy):
    actions = frozenset({"view", "add", "delete"})

    def rule(self, user, action):
        if user.is_superuser:
            return EVERY_ROW
        organisation_id = _admin_of(user)
        return Q(organisation_id=organisation_id) if organisation_id else NO_ROW

    def user_has_permission(self, user, action):
        return super().user_has_permission(user, action) and bool(
            user.is_superuser or _admin_of(user)
        )


class AccessTokenPermissionPolicy(ScopedPermissionPolicy):
    """``view`` and ``delete`` (revoke): the token's person, and the admins
    of the organisation the person or the system belongs to."""

    actions = frozenset({"view", "delete"})

    def rule(self, user, action):
        if user.is_superuser:
            return EVERY_ROW
        own = Q(user=user)
        organisation_id = _admin_of(user)
        if organisation_id:
            own |= Q(user__organisation_id=organisation_id) | Q(
                application__api_client__organisation_id=organisation_id
            )
        return own


class IdempotentResponsePermissionPolicy(OwnRowsPermissionPolicy):
    owner_field = "user"
    actions = frozenset({"view"})


def api_client_policy() -> ApiClientPermissionPolicy:
    return policy_registry.get_by_type(ApiClient)


def access_token_policy() -> AccessTokenPermissionPolicy:
    return policy_registry.get_by_type(AccessToken)


def register_policies() -> None:
    for model, policy in (
        (ApiClient, ApiClientPermissionPolicy),
        (AccessToken, AccessTokenPermissionPolicy),
        (IdempotentResponse, IdempotentResponsePermissionPolicy),
    ):
        if policy_registry.get_by_type(model, fallback=False) is None:
            policy_registry.register(model, policy(model))
