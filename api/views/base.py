"""What every endpoint shares: its own transaction (so the use of the token
is audited even when the request is refused and rolled back), the audit row,
and helpers for ETags and Idempotency-Key."""

import json
from functools import wraps

from django.db import transaction
from django.utils.translation import gettext as _

from rest_framework import exceptions
from rest_framework.parsers import JSONParser
from rest_framework.permissions import SAFE_METHODS
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from api.authentication import AuditedOAuth2Authentication
from api.permissions import TokenHasViewScope
from api.problems import (
    Conflict,
    PreconditionFailed,
    PreconditionRequired,
    problem_exception_handler,
)
from api.services import (
    api_use_record,
    idempotent_response_claim,
    idempotent_response_store,
    request_fingerprint,
)
from api.throttling import TokenRateThrottle


class ApiView(APIView):
    #: ``{method: scope}``; ``None`` means any valid token (api.permissions).
    required_scopes: dict = {}
    authentication_classes = [AuditedOAuth2Authentication]
    permission_classes = [TokenHasViewScope]
    throttle_classes = [TokenRateThrottle]
    parser_classes = [JSONParser]
    renderer_classes = [JSONRenderer]
    #: Set on the list views that page (the schema follows it).
    pagination_class = None

    def get_exception_handler(self):
        return problem_exception_handler

    def idempotency_precheck(self, request, *args, **kwargs) -> None:
        """Raise Http404 when the POST's object is not the token's to see."""

    @classmethod
    def as_view(cls, **initkwargs):
        # Not wrapped in ATOMIC_REQUESTS: dispatch opens its own transaction,
        # then writes the audit row after it, whatever the outcome.
        return transaction.non_atomic_requests(super().as_view(**initkwargs))

    def dispatch(self, request, *args, **kwargs):
        if request.method in SAFE_METHODS:
            # Reads write nothing to roll back.
            response = super().dispatch(request, *args, **kwargs)
        else:
            with transaction.atomic():
                response = super().dispatch(request, *args, **kwargs)
        token = getattr(request, "api_token", None)
        if token is not None:
            api_use_record(
                client=request.api_client,
                token=token,
                user=getattr(self.request, "user", None),
                method=request.method,
                path=request.path,
                status_code=response.status_code,
            )
        return response


IDEMPOTENCY_HEADER = "Idempotency-Key"
KEY_NEEDED = "Send an Idempotency-Key header (up to 255 characters) with every POST."
KEY_REUSED = "This Idempotency-Key was used for a different request."


def idempotent(handler):
    """Wrap a view's ``post``: the first answer to a key (per client and
    person) is kept and replayed for a retry, which creates nothing."""

    @wraps(handler)
    def wrapper(self, request, *args, **kwargs):
        # What the token may not see is a 404 before anything about the key.
        self.idempotency_precheck(request, *args, **kwargs)
        key = request.headers.get(IDEMPOTENCY_HEADER, "").strip()
        if not key or len(key) > 255 or not key.isprintable():
            raise exceptions.ValidationError({IDEMPOTENCY_HEADER: [_(KEY_NEEDED)]})
        fingerprint = request_fingerprint(
            method=request.method, path=request.path, data=request.data
        )
        first = idempotent_response_claim(
            token=request.auth, key=key, fingerprint=fingerprint
        )
        if first is not None:
            if first.fingerprint != fingerprint:
                raise Conflict(_(KEY_REUSED))
            response = Response(first.body, status=first.status_code)
            for name, value in first.headers.items():
                response[name] = value
            response["Idempotent-Replayed"] = "true"
            return response
        response = handler(self, request, *args, **kwargs)
        kept = {
            name: response[name]
            for name in ("Location", "ETag")
            if response.has_header(name)
        }
        idempotent_response_store(
            token=request.auth,
            key=key,
            status_code=response.status_code,
            body=json.loads(JSONRenderer().render(response.data)),
            headers=kept,
        )
        return response

    return wrapper


def etag_for(version: int) -> str:
    return f'"v{version}"'


def expected_version(request) -> int:
    """The version named by ``If-Match`` (the ETag the client last read).
    Missing: 428; not one of our ETags: 412."""
    sent = request.headers.get("If-Match", "").strip()
    if not sent:
        raise PreconditionRequired()
    sent = sent.removeprefix("W/")
    if not (sent.startswith('"v') and sent.endswith('"') and sent[2:-1].isdigit()):
        raise PreconditionFailed()
    return int(sent[2:-1][:12])
