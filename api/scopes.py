"""The API's OAuth scopes, and which kind of client may ask for which.

An organisation's systems (client credentials) read people and compliance
figures and record completed learning; a practitioner's own apps
(authorisation code with PKCE) read and add to that person's portfolio. A
client can never be granted a scope of the other kind.
"""

from django.utils.translation import gettext_lazy as _

from oauth2_provider.models import AbstractApplication
from oauth2_provider.scopes import BaseScopes

PEOPLE_READ = "people:read"
COMPLIANCE_READ = "compliance:read"
LEARNING_WRITE = "learning:write"
PORTFOLIO_READ = "portfolio:read"
PORTFOLIO_WRITE = "portfolio:write"

SYSTEM_SCOPES = {
    PEOPLE_READ: _("Read your organisation's staff, teams and roles"),
    COMPLIANCE_READ: _(
        "Read registration-year readiness, coverage, appraisal and supervision status"
    ),
    LEARNING_WRITE: _("Record completed courses and events for named staff"),
}
PERSONAL_SCOPES = {
    PORTFOLIO_READ: _("Read your portfolio"),
    PORTFOLIO_WRITE: _("Add and change draft entries in your portfolio"),
}
ALL_SCOPES = {**SYSTEM_SCOPES, **PERSONAL_SCOPES}


def scopes_for_grant(grant_type: str) -> list[str]:
    if grant_type == AbstractApplication.GRANT_CLIENT_CREDENTIALS:
        return list(SYSTEM_SCOPES)
    if grant_type == AbstractApplication.GRANT_AUTHORIZATION_CODE:
        return list(PERSONAL_SCOPES)
    return []


class ApiScopes(BaseScopes):
    """django-oauth-toolkit's scopes backend (``SCOPES_BACKEND_CLASS``)."""

    def get_all_scopes(self):
        return ALL_SCOPES

    def get_available_scopes(self, application=None, request=None, *args, **kwargs):
        if application is None:
            return list(ALL_SCOPES)
        return scopes_for_grant(application.authorization_grant_type)

    def get_default_scopes(self, application=None, request=None, *args, **kwargs):
        # A client that names no scope gets the read scopes of its kind only.
        return [
            scope
            for scope in self.get_available_scopes(application, request)
            if scope.endswith(":read")
        ]
