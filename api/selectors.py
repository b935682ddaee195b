"""Reads for the API's screens: clients and tokens a person may see."""

from django.db.models import QuerySet
from django.utils import timezone

from api.models import ApiClient
from api.policies import AccessToken, access_token_policy, api_client_policy


def api_client_list(*, fetched_by, action: str = "view") -> QuerySet[ApiClient]:
    return (
        api_client_policy()
        .instances_user_has_any_permission_for(fetched_by, [action])
        .select_related("application", "registered_by", "organisation")
    )


def api_client_get(*, fetched_by, pk: int, action: str = "view") -> ApiClient | None:
    return api_client_list(fetched_by=fetched_by, action=action).filter(pk=pk).first()


def token_list_for(*, fetched_by) -> QuerySet:
    """Unexpired tokens ``fetched_by`` may revoke: their own (apps they
    signed in to) and, for an admin, their organisation's."""
    return (
        access_token_policy()
        .instances_user_has_any_permission_for(fetched_by, ["delete"])
        .filter(expires__gt=timezone.now())
        .select_related("application", "user")
        .order_by("-created")
    )


def token_get(*, fetched_by, pk: int) -> "AccessToken | None":
    return token_list_for(fetched_by=fetched_by).filter(pk=pk).first()
