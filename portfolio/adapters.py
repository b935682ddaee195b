"""django-allauth adapters: the portal's account rules."""

from django.conf import settings

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter

from portfolio.people.selectors import user_requires_mfa


class PortfolioAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """Accounts come from an organisation admin's invitation."""
        return settings.PORTFOLIO_OPEN_SIGNUP


class PortfolioMFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator):
        """Someone whose role requires two-factor authentication cannot turn it
        off (they may still regenerate recovery codes)."""
        if authenticator.type == authenticator.Type.TOTP and user_requires_mfa(
            user=authenticator.user
        ):
            return False
        return super().can_delete_authenticator(authenticator)
