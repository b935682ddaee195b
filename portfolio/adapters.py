"""django-allauth adapters: the portal's account rules."""

from django.conf import settings
from django.urls import reverse

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter

from portfolio.people.selectors import user_requires_mfa
from portfolio.privacy.selectors import leaver_in_grace


class PortfolioAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """Accounts come from an organisation admin's invitation."""
        return settings.PORTFOLIO_OPEN_SIGNUP

    def pre_login(self, request, user, **kwargs):
        """A leaver within their grace period signs in (to the leaving page
        only); anyone else deactivated gets allauth's inactive page."""
        if not user.is_active and leaver_in_grace(person=user):
            return None
        return super().pre_login(request, user, **kwargs)

    def get_login_redirect_url(self, request):
        if not request.user.is_active:
            return reverse("portfolio:leaver_home")
        return super().get_login_redirect_url(request)


class PortfolioMFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator):
        """Someone whose role requires two-factor authentication cannot turn it
        off (they may still regenerate recovery codes)."""
        if authenticator.type == authenticator.Type.TOTP and user_requires_mfa(
            user=authenticator.user
        ):
            return False
        return super().can_delete_authenticator(authenticator)
