"""django-allauth adapters: the portal's account rules, and single sign-on
through allauth's own OpenID Connect and SAML providers, whose apps come from
each organisation's IdentityProvider row (portfolio.identity)."""

import logging

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.stages import AuthenticateStage
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter

from portfolio.identity.models import IdentityProvider
from portfolio.identity.selectors import (
    assertion_from,
    identity_provider_enabled_for,
    oidc_logout_url,
    social_apps_for,
)
from portfolio.identity.services import (
    SignInRefused,
    sso_sign_in_check,
    sso_user_prepare_new,
    sso_user_signed_in,
)
from portfolio.people.selectors import user_requires_mfa
from portfolio.privacy.selectors import leaver_in_grace

logger = logging.getLogger("portfolio.identity")

#: sociallogin.state keys: the IdP row that vouched, and whether it did MFA.
IDP_STATE = "portfolio_identity_provider"
IDP_MFA_STATE = "portfolio_idp_mfa"

USE_SINGLE_SIGN_ON = (
    "Your organisation signs you in with your work account: use the "
    "“Sign in with your organisation” button."
)


class PortfolioAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """Accounts come from an organisation admin's invitation."""
        return settings.PORTFOLIO_OPEN_SIGNUP

    def pre_login(self, request, user, **kwargs):
        """A leaver within their grace period signs in (to the leaving page
        only); anyone else deactivated gets allauth's inactive page. An
        organisation that requires single sign-on accepts no password."""
        if not user.is_active and leaver_in_grace(person=user):
            # Their work account at the IdP has usually gone with the job.
            return None
        response = super().pre_login(request, user, **kwargs)
        if response is not None:
            return response
        sociallogin = (kwargs.get("signal_kwargs") or {}).get("sociallogin")
        idp = identity_provider_enabled_for(user=user)
        if sociallogin is None and idp is not None and idp.required:
            messages.error(request, _(USE_SINGLE_SIGN_ON))
            return redirect("account_login")
        return None

    def get_login_redirect_url(self, request):
        if not request.user.is_active:
            return reverse("portfolio:leaver_home")
        return super().get_login_redirect_url(request)

    def get_logout_redirect_url(self, request):
        """Single logout: someone who signed in through their organisation's
        OpenID Connect IdP is sent on to end its session too (allauth asks for
        this URL just before signing them out of the portal)."""
        default = super().get_logout_redirect_url(request)
        if not request.user.is_authenticated:
            return default
        records = get_authentication_records(request, request.user)
        providers = [
            r.get("provider") for r in records if r.get("method") == "socialaccount"
        ]
        if not providers or not providers[-1]:
            return default
        return (
            oidc_logout_url(
                provider_id=providers[-1],
                return_to=request.build_absolute_uri(default),
            )
            or default
        )

    def get_login_stages(self):
        """allauth's second-factor stage, replaced by ours that trusts an IdP
        which says it did multi-factor."""
        return [
            "portfolio.adapters.IdentityProviderAwareMFAStage"
            if stage == "allauth.mfa.stages.AuthenticateStage"
            else stage
            for stage in super().get_login_stages()
        ]


class IdentityProviderAwareMFAStage(AuthenticateStage):
    """When the organisation's IdP says it did multi-factor (``amr`` has
    ``mfa`` or the named ``acr``), the session is recorded as having passed
    the second factor and the portal does not ask again. Every other sign-in,
    SSO or not, goes through allauth's TOTP stage as before."""

    def handle(self):
        sociallogin = (self.login.signal_kwargs or {}).get("sociallogin")
        if sociallogin is not None and sociallogin.state.get(IDP_MFA_STATE):
            record_authentication(
                self.request,
                self.login.user,
                method="mfa",
                type="idp",
                provider=sociallogin.account.provider,
            )
            return None, True
        return super().handle()


class PortfolioSocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        """Apps come only from the organisations' IdentityProvider rows."""
        return social_apps_for(provider=provider, client_id=client_id)

    def pre_social_login(self, request, sociallogin):
        """Who gets in: only people of the organisation whose IdP vouched, only
        for its email domains; an existing account (an invited person) is
        linked; a new person gets an account in that organisation."""
        idp = IdentityProvider.objects.select_related("organisation").get(
            pk=sociallogin.provider.app.settings["identity_provider"]
        )
        assertion = assertion_from(
            protocol=idp.protocol,
            extra_data=sociallogin.account.extra_data or {},
            email=sociallogin.user.email,
        )
        linked = sociallogin.user if sociallogin.is_existing else None
        try:
            user = sso_sign_in_check(idp=idp, assertion=assertion, linked_user=linked)
        except SignInRefused as refusal:
            raise ImmediateHttpResponse(
                render(
                    request,
                    "portfolio/identity/sign_in_refused.html",
                    {"reason": str(refusal)},
                    status=403,
                )
            ) from refusal
        if user is None:
            sso_user_prepare_new(idp=idp, user=sociallogin.user, assertion=assertion)
        elif not sociallogin.is_existing:
            sociallogin.connect(request, user)
        sociallogin.state[IDP_STATE] = idp.pk
        # A new account is recorded (and its MFA decided) once saved.
        sociallogin.state[IDP_MFA_STATE] = user is not None and sso_user_signed_in(
            idp=idp, user=user, assertion=assertion, created=False
        )

    def is_open_for_signup(self, request, sociallogin):
        """A new person may join only through their organisation's IdP, after
        ``pre_social_login`` checked them."""
        return bool(sociallogin.state.get(IDP_STATE))

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        idp = IdentityProvider.objects.select_related("organisation").get(
            pk=sociallogin.state[IDP_STATE]
        )
        assertion = assertion_from(
            protocol=idp.protocol,
            extra_data=sociallogin.account.extra_data or {},
            email=user.email,
        )
        sociallogin.state[IDP_MFA_STATE] = sso_user_signed_in(
            idp=idp, user=user, assertion=assertion, created=True
        )
        return user

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ):
        """A bad token or response, or an IdP that is down: logged with the
        reason, shown as allauth's error page (nothing is written)."""
        logger.warning(
            "Single sign-on failed for %s: %s %r (because %r) %r",
            getattr(provider, "sub_id", provider),
            error,
            exception,
            # allauth wraps the reason (e.g. PyJWT's ExpiredSignatureError or
            # InvalidAudienceError for an ID token) in its own error.
            getattr(exception, "__cause__", None),
            extra_context,
        )
        return super().on_authentication_error(
            request, provider, error, exception, extra_context
        )


class PortfolioMFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator):
        """Someone whose role requires two-factor authentication cannot turn it
        off (they may still regenerate recovery codes)."""
        if authenticator.type == authenticator.Type.TOTP and user_requires_mfa(
            user=authenticator.user
        ):
            return False
        return super().can_delete_authenticator(authenticator)
