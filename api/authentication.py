"""OAuth 2 bearer tokens (django-oauth-toolkit), resolved to the person the
permission policies are asked about.

A practitioner's app token is that person's. A system's token (client
credentials) carries no person: the policies are asked as the admin who
registered the system, for the organisation it was registered for, and the
token stops working if that admin leaves the organisation or is deactivated.
A token of an application not registered through the portal works nowhere.
"""

from django.utils.translation import gettext as _

from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from rest_framework import exceptions

from api.models import ApiClient

NOT_REGISTERED = "This client is not registered for an organisation."
ADMIN_GONE = (
    "The admin who registered this system no longer manages its organisation: "
    "register it again."
)


class AuditedOAuth2Authentication(OAuth2Authentication):
    www_authenticate_realm = "api"

    def authenticate(self, request):
        found = super().authenticate(request)
        if found is None:
            return None
        user, token = found
        # The client with what the policies and the audit row will ask for.
        client = (
            ApiClient.objects.select_related(
                "application", "organisation", "registered_by__organisation"
            )
            .filter(application_id=token.application_id)
            .first()
        )
        if client is None:
            raise exceptions.AuthenticationFailed(_(NOT_REGISTERED))
        if user is None:
            user = client.registered_by
            if not (
                user is not None
                and user.is_active
                and (
                    user.is_superuser
                    or (
                        user.is_org_admin
                        and user.organisation_id == client.organisation_id
                    )
                )
            ):
                raise exceptions.AuthenticationFailed(_(ADMIN_GONE))
        elif not user.is_active:
            raise exceptions.AuthenticationFailed()
        # The use is written to the audit log once the response is known
        # (api.views.base.ApiView.dispatch).
        request._request.api_client = client
        request._request.api_token = token
        return user, token
