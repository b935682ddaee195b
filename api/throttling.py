"""Rate limits per token (a system's, or a person's in an app), counted in the
shared cache. Over the limit: 429 with ``Retry-After`` (see api.problems)."""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class TokenRateThrottle(SimpleRateThrottle):
    """Every request, by token; writes have a second, lower limit."""

    scope = "token"

    def get_rate(self):
        # Read when asked (DRF binds the rates at import), so a changed
        # setting applies at once.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        token = request.auth
        if token is None:
            return None  # refused by authentication anyway
        return self.cache_format % {"scope": self.scope, "ident": token.pk}

    def allow_request(self, request, view):
        if not super().allow_request(request, view):
            return False
        if request.method in WRITE_METHODS:
            writes = TokenWriteRateThrottle()
            if not writes.allow_request(request, view):
                self.history, self.now, self.duration = (
                    writes.history,
                    writes.now,
                    writes.duration,
                )
                self.num_requests = writes.num_requests
                return False
        return True


class TokenWriteRateThrottle(TokenRateThrottle):
    scope = "token_write"

    def allow_request(self, request, view):
        return SimpleRateThrottle.allow_request(self, request, view)
