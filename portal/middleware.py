"""Request glue: security headers Django lacks, and the two-factor rule."""

import logging

from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

import requests
from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator

from portal.cache import CacheUnavailable
from portfolio.people.selectors import user_requires_mfa

logger = logging.getLogger("portal.middleware")

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

#: Paths a person who still has to set up two-factor authentication may use.
MFA_SETUP_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/accessibility/", "/privacy/")

SECOND_FACTOR_MISSING = "Please sign in again with your authentication code."
SET_UP_MFA_FIRST = (
    "Your organisation asks you to set up two-factor authentication before you "
    "continue, because your role lets you see other people's information."
)


#: What a leaver within their grace period may open: the leaving page and its
#: download, signing out (and the sign-in and code pages that brought them),
#: and the public pages. Everything else is a 404, as for something that
#: does not exist.
LEAVER_ALLOWED_URLS = frozenset(
    {
        "portfolio:leaver_home",
        "portfolio:leaver_link",
        "portfolio:leaver_download",
        "account_logout",
        "account_login",
        "mfa_authenticate",
        "accessibility",
        "privacy",
        # A load balancer's checks answer whoever's cookie comes with them.
        "health_live",
        "health_ready",
    }
)


class ResolvedUserMiddleware:
    """``request.user`` as the person's own object instead of Django's lazy
    wrapper around it. Every page reads the user at once anyway (the
    middleware below does), and the ORM copies a lazy wrapper, and so the
    whole user object in it, each time a query filtering on the user is
    cloned: about 4 ms of every page (issue #15). Put it straight after
    AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if isinstance(user, SimpleLazyObject):
            user.is_authenticated  # noqa: B018 - loads the wrapped user
            request.user = user._wrapped
        return self.get_response(request)


class LeaverAreaMiddleware:
    """A signed-in person whose account is deactivated can only be a leaver
    within their grace period (portfolio.backends admits no one else): keep
    them to the leaving pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_active:
            try:
                name = resolve(request.path_info).view_name
            except Resolver404:
                name = None
            if name == "home":
                # Where signing in lands: the one page they can use.
                return redirect("portfolio:leaver_home")
            if name not in LEAVER_ALLOWED_URLS:
                raise Http404
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Headers Django does not set: Permissions-Policy everywhere, and no
    caching of anything shown to a signed-in person (reflections must not be
    left in a shared computer's cache or back button)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not response.has_header("Cache-Control")
        ):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response


def _session_idp_did_mfa(request) -> bool:
    """The organisation's IdP said it did multi-factor for this session
    (recorded by portfolio.adapters.IdentityProviderAwareMFAStage)."""
    records = get_authentication_records(request, request.user)
    return any(
        record.get("method") == "mfa" and record.get("type") == "idp"
        for record in records
    )


def _session_passed_second_factor(request, authenticator: Authenticator) -> bool:
    records = get_authentication_records(request, request.user)
    if any(record.get("method") == "mfa" for record in records):
        return True
    # Someone who set up their authenticator during this session proved they
    # hold it by entering a code; their password login came just before.
    password_logins = [r["at"] for r in records if r.get("method") == "password"]
    return bool(password_logins) and (
        authenticator.created_at.timestamp() >= max(password_logins)
    )


def _leaver_by_link(request) -> bool:
    """A leaver who came in by the link emailed to their work address (it
    works once): possession of that mailbox is the factor, and the leaver
    middleware keeps them to the leaving pages."""
    if request.user.is_active:
        return False
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "leaver_link" for record in records)


class RequireMultiFactorMiddleware:
    """Enforces two-factor authentication at the depth where every route meets.

    * Anyone with an authenticator whose session never passed the second factor
      (however they got a session) is signed out: no login or reset route can
      skip MFA, including ones a library adds later.
    * Anyone whose role requires MFA but who has none yet is sent to set it up,
      unless their organisation's IdP did multi-factor for this session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not _leaver_by_link(request):
            authenticator = (
                Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP)
                .only("created_at")
                .first()
            )
            if authenticator is not None:
                if not _session_passed_second_factor(request, authenticator):
                    logout(request)
                    messages.error(request, _(SECOND_FACTOR_MISSING))
                    return redirect("account_login")
            elif (
                user_requires_mfa(user=user)
                and not request.path.startswith(MFA_SETUP_ALLOWED_PREFIXES)
                and not _session_idp_did_mfa(request)
            ):
                messages.info(request, _(SET_UP_MFA_FIRST))
                return redirect("mfa_activate_totp")
        return self.get_response(request)


#: Content-admin views anyone may open: signing in and resetting a password
#: (ours reroute to allauth; Wagtail's own are named wagtailadmin_login…).
OPEN_ADMIN_VIEW_PREFIXES = ("admin_", "wagtailadmin_login", "wagtailadmin_password")


class ContentAdminAccessMiddleware:
    """A clear 403 for people signed in without access to the content admin.

    Wagtail answers them with a redirect to the login page, and allauth sends a
    signed-in person straight back from there: the browser stops with "too
    many redirects". Anonymous visitors still go to the login page (Wagtail
    does that). Access is Wagtail's own ``wagtailadmin.access_admin``
    permission, the one its views check.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return None
        url_name = request.resolver_match.url_name or ""
        if url_name.startswith(OPEN_ADMIN_VIEW_PREFIXES):
            return None
        if user.has_perm("wagtailadmin.access_admin"):
            return None
        return render(request, "portal/content_admin_forbidden.html", status=403)


SIGN_IN_PAUSED = (
    "Signing in is paused for a few minutes while one of our services "
    "restarts, so your details were not checked. Please try again shortly."
)


class CacheUnavailableMiddleware:
    """Signing in fails closed while Redis is down (its rate limits and used
    authenticator codes live there; see portal/cache.py): the person is sent
    back to the form with a clear message, not an error page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, CacheUnavailable):
            return None
        messages.error(request, _(SIGN_IN_PAUSED))
        if request.method == "POST":
            # Back to the same form (a GET), which needs no cache.
            return redirect(request.get_full_path())
        response = render(request, "500.html", status=503)
        response["Retry-After"] = "60"
        return response


IDENTITY_PROVIDER_UNAVAILABLE = (
    "Your organisation's sign-in service is not answering, so you have not "
    "been signed in. Please try again in a few minutes, or ask your "
    "organisation admin."
)


class IdentityProviderUnavailableMiddleware:
    """An organisation's identity provider that is down (its discovery
    document, keys, token endpoint or SAML metadata do not answer) gets a clear
    page, not a server error; the failure is logged. Nothing was written."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, requests.RequestException):
            return None
        if not request.path.startswith("/accounts/"):
            return None
        logger.warning(
            "Identity provider unavailable at %s: %r", request.path, exception
        )
        response = render(
            request,
            "portfolio/identity/sign_in_refused.html",
            {"reason": _(IDENTITY_PROVIDER_UNAVAILABLE)},
            status=503,
        )
        response["Retry-After"] = "60"
        return response
