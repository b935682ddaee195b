"""Every error the API returns is a problem details body (RFC 9457):
``type``, ``title``, ``status``, ``detail`` and, for bad input, ``errors``
by field. Refusals the pages answer with 404 are 404 here too."""

import math

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from rest_framework import exceptions, status
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response
from rest_framework.views import set_rollback

PROBLEM_CONTENT_TYPE = "application/problem+json"
#: Problem types are documented in docs/api.md under these anchors.
TYPE_BASE = "https://practitioner-portfolio.example/docs/api#"

NOT_FOUND = "There is nothing here, or your token may not see it."


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The resource has changed since you read it. Read it again."
    default_code = "precondition_failed"


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = (
        "Send the ETag you last read in an If-Match header to change this resource."
    )
    default_code = "precondition_required"


def problem_response(
    *, status_code: int, title: str, detail: str, code: str, errors=None, headers=None
) -> Response:
    body = {
        "type": TYPE_BASE + code,
        "title": title,
        "status": status_code,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    response = Response(body, status=status_code, headers=headers)
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def _field_errors(detail) -> dict:
    if isinstance(detail, dict):
        return {key: _field_errors(value) for key, value in detail.items()}
    if isinstance(detail, list):
        flat = []
        for value in detail:
            inner = _field_errors(value)
            flat.extend(inner if isinstance(inner, list) else [inner])
        return flat
    return [str(detail)]


def problem_exception_handler(exc, context):
    """DRF's ``EXCEPTION_HANDLER``: the transaction is rolled back and the
    error becomes a problem body."""
    if isinstance(exc, Http404 | DjangoPermissionDenied | exceptions.PermissionDenied):
        # Not allowed looks exactly like not there.
        exc = exceptions.NotFound(_(NOT_FOUND))
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        )
    if not isinstance(exc, exceptions.APIException):
        return None
    request = context.get("request")
    if request is None or request.method not in SAFE_METHODS:
        # A read runs outside a transaction (ApiView.dispatch): nothing to undo.
        set_rollback()
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(max(1, math.ceil(exc.wait)))
    errors = None
    if isinstance(exc, exceptions.ValidationError):
        errors = _field_errors(exc.detail)
        if isinstance(errors, list):
            errors = {"non_field_errors": errors}
        detail = _("The request has errors: see errors by field.")
        title = _("Your request has errors")
        code = "invalid"
    else:
        detail = str(exc.detail) if not isinstance(exc.detail, dict | list) else ""
        title = {
            401: _("You need a valid access token"),
            404: _("Not found"),
            405: _("Method not allowed"),
            406: _("Not acceptable"),
            409: _("Conflict"),
            412: _("Precondition failed"),
            415: _("Unsupported media type"),
            428: _("Precondition required"),
            429: _("Too many requests"),
        }.get(exc.status_code, _("Request refused"))
        code = exc.get_codes() if isinstance(exc.get_codes(), str) else "error"
    return problem_response(
        status_code=exc.status_code,
        title=str(title),
        detail=detail,
        code=code,
        errors=errors,
        headers=headers,
    )


@csrf_exempt
def not_found(request, *args, **kwargs):
    """A path under /api/v1/ that names no endpoint, whatever the method (the
    API is token-authenticated: no CSRF cookie to check)."""
    return JsonResponse(
        {
            "type": TYPE_BASE + "not_found",
            "title": _("Not found"),
            "status": 404,
            "detail": _(NOT_FOUND),
        },
        status=404,
        content_type=PROBLEM_CONTENT_TYPE,
    )
