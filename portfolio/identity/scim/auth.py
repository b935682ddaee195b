"""Who is calling /scim/v2/: an organisation's HR system, by its bearer token
(hashed, per organisation, rate limited in the shared cache), and the hooks
that scope every django-scim2 lookup to that organisation."""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from django_scim import constants, exceptions

from portfolio.identity.models import ProvisionedAccount, ScimToken
from portfolio.people.link_tokens import link_token_hash
from portfolio.people.models import User

logger = logging.getLogger("portfolio.identity.scim")

SCIM_PREFIX = "/scim/v2/"
#: Requests per token per minute: Entra ID's provisioning sends a few per
#: person per cycle; this leaves room for a full sync without letting a leaked
#: token hammer the portal.
RATE_LIMIT_PER_MINUTE = 600
TOO_MANY = "Too many SCIM requests; try again in a minute."


class ScimClient:
    """The ``request.user`` of a SCIM call: the organisation's HR system. Not
    a person; it signs nobody in and has no session."""

    is_authenticated = True
    is_active = True
    is_anonymous = False
    is_superuser = False
    pk = None

    def __init__(self, organisation):
        self.organisation = organisation
        self.organisation_id = organisation.pk

    @property
    def label(self) -> str:
        return _("SCIM provisioning (%(org)s)") % {"org": self.organisation}


class ScimTokenMiddleware:
    """Authenticates /scim/v2/ calls by their bearer token (hashed, per
    organisation) and rate-limits each token in the shared cache. Anything
    else passes untouched; django-scim2's own check answers 401 for a call
    without a valid token."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(SCIM_PREFIX):
            return self.get_response(request)
        header = request.headers.get("Authorization", "")
        scheme, _sep, token = header.partition(" ")
        row = None
        if scheme.lower() == "bearer" and token:
            row = (
                ScimToken.objects.select_related("organisation")
                .filter(
                    token_hash=link_token_hash(token.strip()), revoked_at__isnull=True
                )
                .first()
            )
        if row is None:
            logger.warning(
                "SCIM call without a valid token from %s",
                request.META.get("REMOTE_ADDR"),
            )
            return self.get_response(request)
        if _over_limit(row.pk):
            response = JsonResponse(
                {
                    "schemas": [constants.SchemaURI.ERROR],
                    "status": "429",
                    "detail": _(TOO_MANY),
                },
                status=429,
            )
            response["Retry-After"] = "60"
            return response
        ScimToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        request.user = ScimClient(row.organisation)
        request.scim_organisation = row.organisation
        return self.get_response(request)


def _over_limit(token_pk: int) -> bool:
    minute = int(timezone.now().timestamp() // 60)
    key = f"scim-rate:{token_pk}:{minute}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:
        count = 1
    return count > RATE_LIMIT_PER_MINUTE


def is_scim_client(user) -> bool:
    return isinstance(user, ScimClient)


def base_location(request=None, *args, **kwargs) -> str:
    """Resource locations use the host the client called (behind a proxy,
    Django's USE_X_FORWARDED_HOST decides what that is)."""
    return request.build_absolute_uri("/").rstrip("/") if request else ""


def scim_organisation(request):
    organisation = getattr(request, "scim_organisation", None)
    if organisation is None:
        raise exceptions.NotFoundError("")
    return organisation


def extra_filter_kwargs_getter(model):
    """Scopes every SCIM lookup and list to the token's organisation."""

    def get_extra_filter_kwargs(request, *args, **kwargs):
        return {"organisation_id": scim_organisation(request).pk}

    return get_extra_filter_kwargs


def object_post_processor_getter(model):
    """A person SCIM removed is gone as far as SCIM knows (the account stays)."""

    def get_object_post_processor(request, obj, *args, **kwargs):
        if (
            model is User
            and ProvisionedAccount.objects.filter(
                user=obj, scim_removed_at__isnull=False
            ).exists()
        ):
            raise exceptions.NotFoundError(obj.pk)
        return obj

    return get_object_post_processor


def queryset_post_processor_getter(model):
    def get_queryset_post_processor(request, qs, *args, **kwargs):
        if model is User:
            return qs.exclude(provisioned_account__scim_removed_at__isnull=False)
        return qs

    return get_queryset_post_processor
