"""The API's own rows: which organisation an OAuth client belongs to, and the
first response to each idempotent POST."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ClientKind(models.TextChoices):
    SYSTEM = "system", _("A system of the organisation (client credentials)")
    APP = "app", _("An app practitioners sign in to (authorisation code with PKCE)")


class ApiClient(models.Model):
    """An OAuth application (django-oauth-toolkit's model, not swapped)
    registered by an organisation admin for their organisation.

    A system's tokens (client credentials) carry no person, so the API asks
    the permission policies as the admin who registered it: the system sees
    what that admin sees, narrowed by its scopes, and nothing once they
    leave or lose the role.
    """

    application = models.OneToOneField(
        "oauth2_provider.Application",
        on_delete=models.CASCADE,
        related_name="api_client",
    )
    organisation = models.ForeignKey(
        "portfolio.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ClientKind.choices)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API client")

    def __str__(self):
        return self.application.name


class IdempotentResponse(models.Model):
    """The first answer to a POST carrying an ``Idempotency-Key``, kept so a
    retry with the same key (from the same client and person) gets the same
    answer and creates nothing."""

    application = models.ForeignKey(
        "oauth2_provider.Application", on_delete=models.CASCADE, related_name="+"
    )
    #: The token's person; empty for a system's token.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    key = models.CharField(max_length=255)
    #: What was asked (method, path and a digest of the body): the same key
    #: with a different request is refused rather than answered wrongly.
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(default=0)
    body = models.JSONField(default=dict, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            # Two constraints, because NULLs never clash in one (and SQLite
            # cannot be told otherwise).
            models.UniqueConstraint(
                fields=["application", "user", "key"],
                condition=Q(user__isnull=False),
                name="idempotent_response_person_key",
            ),
            models.UniqueConstraint(
                fields=["application", "key"],
                condition=Q(user__isnull=True),
                name="idempotent_response_system_key",
            ),
        ]

    def __str__(self):
        return self.key
