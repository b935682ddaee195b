"""An organisation's identity provider and its SCIM tokens."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jobs import queues
from jobs.models import DurableJob
from portfolio.people.models import Organisation


class Protocol(models.TextChoices):
    ENTRA = "entra", _("Microsoft Entra ID (OpenID Connect)")
    OIDC = "oidc", _("Another OpenID Connect provider")
    SAML = "saml", _("SAML 2.0")


class IdentityProvider(models.Model):
    """How one organisation's staff sign in with their employer's account.
    allauth's apps are built from this row (``selectors.social_apps_for``):
    nothing is stored in allauth's own SocialApp table."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="identity_provider"
    )
    protocol = models.CharField(_("protocol"), max_length=10, choices=Protocol.choices)
    enabled = models.BooleanField(_("turned on"), default=False)
    #: Everyone in the organisation must sign in through the IdP (no password).
    required = models.BooleanField(_("everyone must use it"), default=False)
    email_domains = models.JSONField(_("email domains"), default=list, blank=True)
    # OpenID Connect
    issuer = models.URLField(_("issuer"), blank=True)
    tenant_id = models.CharField(_("directory (tenant) ID"), max_length=64, blank=True)
    client_id = models.CharField(_("client ID"), max_length=200, blank=True)
    #: Fernet token (identity.secrets); never shown back.
    client_secret_encrypted = models.TextField(blank=True)
    # SAML
    metadata_url = models.URLField(_("IdP metadata URL"), blank=True)
    entity_id = models.CharField(_("IdP entity ID"), max_length=300, blank=True)
    #: acr values that mean the IdP did multi-factor (besides amr "mfa").
    mfa_acr_values = models.JSONField(default=list, blank=True)
    #: IdP group name → role value (portfolio.people.roles.Role).
    group_roles = models.JSONField(default=dict, blank=True)
    #: IdP group name → team name in the organisation.
    group_teams = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("identity provider")

    def __str__(self):
        return f"{self.organisation}: {self.get_protocol_display()}"

    @property
    def provider_id(self) -> str:
        """allauth's provider id, the path segment of the sign-in URLs."""
        return self.organisation.slug


class ScimToken(models.Model):
    """A bearer token an organisation's HR system or Entra ID provisioning
    uses at /scim/v2/. Only its hash is kept; rotating revokes the old one."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="scim_tokens"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"SCIM token for {self.organisation}"


class ProvisionedAccount(models.Model):
    """What HR's system knows a person by: its own id (SCIM ``externalId``) and
    the employee number a CSV upload matches on. ``scim_removed_at`` records a
    SCIM DELETE: the account is deactivated and kept, and SCIM no longer sees
    it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="provisioned_account",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+"
    )
    external_id = models.CharField(max_length=200, blank=True)
    #: HR's login name for the person (SCIM ``userName``; Entra ID sends the
    #: user principal name). Empty: their email address.
    user_name = models.CharField(max_length=200, blank=True)
    employee_number = models.CharField(_("employee number"), max_length=60, blank=True)
    scim_removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "employee_number"],
                condition=~models.Q(employee_number=""),
                name="employee_number_unique_in_organisation",
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.employee_number or self.external_id})"


class ProvisionedTeam(models.Model):
    """HR's own id for a team it manages over SCIM (the Group's externalId)."""

    team = models.OneToOneField(
        "portfolio.Team", on_delete=models.CASCADE, related_name="provisioned_team"
    )
    external_id = models.CharField(max_length=200, blank=True)

    def __str__(self):
        return f"{self.team} ({self.external_id})"


class StaffImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Checked, waiting for you to apply it")
    PENDING = "pending", _("Being applied")
    DONE = "done", _("Applied")
    FAILED = "failed", _("Not applied")


class StaffImport(DurableJob):
    """A staff CSV an organisation admin uploaded: checked line by line at
    upload (the preview), then applied by a background task once they confirm.
    Only the checked rows are kept, never the file."""

    PENDING = StaffImportStatus.PENDING
    FAILED = StaffImportStatus.FAILED

    job_task_name = "portfolio.staff_import_apply"
    job_queue = queues.EXPORTS
    job_stale_after = timedelta(minutes=7)
    job_max_attempts = 5

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField(max_length=255)
    status = models.CharField(
        max_length=10,
        choices=StaffImportStatus.choices,
        default=StaffImportStatus.PREVIEW,
    )
    #: The checked rows: {"line", "user_id" (or None), "record" {...}}.
    rows = models.JSONField(default=list, blank=True)
    #: What applying will do (and did), by line: [{"line", "text"}].
    changes = models.JSONField(default=list, blank=True)
    problems = models.JSONField(default=list, blank=True)
    summary = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"
