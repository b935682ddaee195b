"""Scopes per endpoint and method. A token without the scope an endpoint
needs is answered like a missing page (404), as the pages answer a person who
may not see one; a request without a valid token is a 401 (DRF answers a
refusal with no successful authentication that way)."""

from rest_framework.permissions import BasePermission

from api.scopes import PERSONAL_SCOPES, SYSTEM_SCOPES


class TokenHasViewScope(BasePermission):
    """The view's ``required_scopes``: ``{method: scope or None}``; ``None``
    lets any valid token in. A method not listed is not allowed."""

    def has_permission(self, request, view):
        token = request.auth
        if token is None or request.user is None:
            return False
        needed = getattr(view, "required_scopes", {})
        method = "GET" if request.method in ("HEAD", "OPTIONS") else request.method
        if method not in needed:
            # A method the endpoint does not have: let DRF answer 405.
            return not hasattr(view, request.method.lower())
        scope = needed[method]
        if scope is None:
            return True
        is_system = token.user_id is None
        if (scope in SYSTEM_SCOPES) != is_system and scope in (
            SYSTEM_SCOPES | PERSONAL_SCOPES
        ):
            # A person's token never reaches an organisation's endpoints, nor
            # a system's a person's portfolio.
            return False
        return token.allow_scopes([scope])
