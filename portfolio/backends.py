"""Authentication backends: allauth's, extended so a leaver within their
organisation's grace period may still sign in (and stay signed in) to take
their portable portfolio. Everyone else deactivated is refused as by Django's
ModelBackend; the leaver middleware keeps a leaver to the leaving pages."""

from allauth.account.auth_backends import AuthenticationBackend

from portfolio.privacy.selectors import leaver_in_grace


class LeaverAwareAuthenticationBackend(AuthenticationBackend):
    def user_can_authenticate(self, user) -> bool:
        if super().user_can_authenticate(user):
            return True
        # Asked on every request (get_user), so the grace period ending
        # ends the session too.
        return leaver_in_grace(person=user)
