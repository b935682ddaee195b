"""Writes for the API: registering and removing clients, revoking tokens,
recording each use of a token, and keeping the first answer to an idempotent
POST."""

import hashlib
import json
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import get_application_model, get_refresh_token_model

from api.models import ApiClient, ClientKind, IdempotentResponse
from api.policies import access_token_policy, api_client_policy
from portfolio.people.audit import audit_record

Application = get_application_model()
RefreshToken = get_refresh_token_model()

REDIRECT_NEEDED = "Enter the address your app's sign-in returns to."
NO_ORGANISATION = "Only an organisation's admins register its systems."


@transaction.atomic
def api_client_register(
    *, registered_by, name: str, kind: str, redirect_uris: str = ""
) -> tuple[ApiClient, str]:
    """Register a system (client credentials, confidential) or a
    practitioners' app (authorisation code with PKCE, public) for the
    admin's organisation. Returns the client and its secret, which is stored
    only as a hash: it is shown once. Raises PermissionDenied or
    ValidationError."""
    if not api_client_policy().user_has_permission(registered_by, "add"):
        raise PermissionDenied
    if registered_by.organisation_id is None:
        raise ValidationError(_(NO_ORGANISATION))
    if kind == ClientKind.APP and not redirect_uris.strip():
        raise ValidationError({"redirect_uris": _(REDIRECT_NEEDED)})
    secret = generate_client_secret() if kind == ClientKind.SYSTEM else ""
    application = Application(
        name=name[:255],
        user=None,
        client_type=(
            Application.CLIENT_CONFIDENTIAL
            if kind == ClientKind.SYSTEM
            else Application.CLIENT_PUBLIC
        ),
        authorization_grant_type=(
            Application.GRANT_CLIENT_CREDENTIALS
            if kind == ClientKind.SYSTEM
            else Application.GRANT_AUTHORIZATION_CODE
        ),
        redirect_uris=redirect_uris.strip() if kind == ClientKind.APP else "",
        client_secret=secret,
        skip_authorization=False,
    )
    application.full_clean(exclude=["client_id", "client_secret"])
    application.save()
    client = ApiClient.objects.create(
        application=application,
        organisation_id=registered_by.organisation_id,
        kind=kind,
        registered_by=registered_by,
    )
    audit_record(
        action="api.client_registered",
        actor=registered_by,
        target=client,
        after={
            "name": application.name,
            "kind": kind,
            "client_id": application.client_id,
        },
    )
    return client, secret


@transaction.atomic
def api_client_remove(*, removed_by, client: ApiClient) -> None:
    """Remove a client: every token it holds stops working at once."""
    if not api_client_policy().user_has_permission_for_instance(
        removed_by, "delete", client
    ):
        raise PermissionDenied
    audit_record(
        action="api.client_removed",
        actor=removed_by,
        organisation=client.organisation,
        target=client,
        before={"name": client.application.name, "kind": client.kind},
    )
    client.application.delete()


@transaction.atomic
def access_token_revoke(*, revoked_by, token) -> None:
    """Revoke an access token and the refresh token that came with it."""
    if not access_token_policy().user_has_permission_for_instance(
        revoked_by, "delete", token
    ):
        raise PermissionDenied
    client = getattr(token.application, "api_client", None)
    audit_record(
        action="api.token_revoked",
        actor=revoked_by,
        organisation=client.organisation if client else None,
        subject=token.user,
        target=client,
        before={"scope": token.scope, "expires": token.expires.isoformat()},
    )
    for refresh in RefreshToken.objects.filter(access_token=token):
        refresh.revoke()
    token.revoke()


def api_use_record(*, client, token, user, method, path, status_code) -> None:
    """One audit row per use of a token: who (the app's person, or the
    system), what was asked and the answer's status."""
    audit_record(
        action="api.token_used",
        actor=token.user,
        actor_label=f"API: {client.application.name}",
        organisation=client.organisation,
        subject=token.user,
        target=client,
        after={
            "method": method,
            "path": path[:200],
            "status": status_code,
            "scope": token.scope,
            "token": token.pk,
        },
    )


# --- Idempotency-Key ------------------------------------------------------------


def request_fingerprint(*, method: str, path: str, data) -> str:
    body = json.dumps(data, sort_keys=True, default=str)
    return hashlib.sha256(f"{method} {path} {body}".encode()).hexdigest()


def idempotent_response_claim(
    *, token, key: str, fingerprint: str
) -> IdempotentResponse | None:
    """Claim ``key`` for this token's client and person. Returns None when
    the caller should go ahead (its answer is then saved with
    ``idempotent_response_store``), or the first request's row to replay.
    A second request arriving while the first is in flight waits on the
    unique index, then finds the first one's row."""
    scope = {"application_id": token.application_id, "user_id": token.user_id}
    found = IdempotentResponse.objects.filter(key=key, **scope).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            IdempotentResponse.objects.create(key=key, fingerprint=fingerprint, **scope)
    except IntegrityError:
        return IdempotentResponse.objects.get(key=key, **scope)
    return None


def idempotent_response_store(
    *, token, key: str, status_code: int, body, headers: dict
) -> None:
    IdempotentResponse.objects.filter(
        application_id=token.application_id, user_id=token.user_id, key=key
    ).update(status_code=status_code, body=body, headers=headers)


#: How long a POST's first answer is kept for replay. A client retries within
#: minutes; a day covers a batch job that reruns overnight. After that the
#: answer (which may name a person) is not kept.
IDEMPOTENT_RESPONSE_KEEP = timedelta(hours=24)


def idempotent_responses_purge(*, now=None) -> int:
    """Delete kept answers older than ``IDEMPOTENT_RESPONSE_KEEP``; returns
    how many went. A retry after that is treated as a new request."""
    cutoff = (now or timezone.now()) - IDEMPOTENT_RESPONSE_KEEP
    deleted, _ = IdempotentResponse.objects.filter(created_at__lt=cutoff).delete()
    return deleted
