"""Forms for an organisation's single sign-on settings. They parse; the
services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portfolio.identity.models import Protocol

NOT_A_MAPPING = 'Enter one "group = value" pair per line.'


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _pairs(text: str) -> dict:
    pairs = {}
    for line in _lines(text):
        group, sep, value = line.partition("=")
        if not sep or not group.strip() or not value.strip():
            raise forms.ValidationError(_(NOT_A_MAPPING))
        pairs[group.strip()] = value.strip()
    return pairs


def _pairs_text(pairs: dict) -> str:
    return "\n".join(f"{k} = {v}" for k, v in (pairs or {}).items())


class IdentityProviderForm(forms.Form):
    protocol = forms.ChoiceField(
        label=_("How your staff sign in"),
        choices=Protocol.choices,
        widget=forms.RadioSelect,
    )
    enabled = forms.BooleanField(label=_("Turn single sign-on on"), required=False)
    required = forms.BooleanField(
        label=_("Everyone in the organisation must use it (no passwords)"),
        required=False,
    )
    email_domains = forms.CharField(
        label=_("Email domains your identity provider owns"),
        help_text=_("One per line, for example council.gov.uk."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    tenant_id = forms.CharField(
        label=_("Directory (tenant) ID"),
        help_text=_("Microsoft Entra ID only: from the app registration's Overview."),
        required=False,
        max_length=64,
    )
    issuer = forms.URLField(
        label=_("Issuer URL"),
        help_text=_("Other OpenID Connect providers only."),
        required=False,
        assume_scheme="https",
    )
    client_id = forms.CharField(
        label=_("Application (client) ID"), required=False, max_length=200
    )
    client_secret = forms.CharField(
        label=_("Client secret"),
        help_text=_(
            "Stored encrypted and never shown again. Leave empty to keep the "
            "secret already saved."
        ),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        max_length=500,
    )
    metadata_url = forms.URLField(
        label=_("IdP metadata URL"),
        help_text=_("SAML only."),
        required=False,
        assume_scheme="https",
    )
    entity_id = forms.CharField(
        label=_("IdP entity ID"),
        help_text=_("SAML only."),
        required=False,
        max_length=300,
    )
    mfa_acr_values = forms.CharField(
        label=_("acr values that mean the person used multi-factor"),
        help_text=_(
            "Optional, one per line. An amr claim containing mfa always counts."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    group_roles = forms.CharField(
        label=_("Groups that give a role"),
        help_text=_(
            "One per line, such as “Portfolio supervisors = supervisor”. Roles: "
            "practitioner, supervisor, training_editor, training_reviewer, "
            "org_admin. Leave empty to manage roles in the portal."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    group_teams = forms.CharField(
        label=_("Groups that put people in a team"),
        help_text=_(
            "One per line, such as “Children North = Children’s services north”."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    @classmethod
    def initial_for(cls, idp) -> dict:
        if idp is None:
            return {"protocol": Protocol.ENTRA}
        return {
            "protocol": idp.protocol,
            "enabled": idp.enabled,
            "required": idp.required,
            "email_domains": "\n".join(idp.email_domains),
            "tenant_id": idp.tenant_id,
            "issuer": idp.issuer,
            "client_id": idp.client_id,
            "metadata_url": idp.metadata_url,
            "entity_id": idp.entity_id,
            "mfa_acr_values": "\n".join(idp.mfa_acr_values),
            "group_roles": _pairs_text(idp.group_roles),
            "group_teams": _pairs_text(idp.group_teams),
        }

    def clean_email_domains(self):
        return _lines(self.cleaned_data["email_domains"])

    def clean_mfa_acr_values(self):
        return _lines(self.cleaned_data["mfa_acr_values"])

    def clean_group_roles(self):
        return _pairs(self.cleaned_data["group_roles"])

    def clean_group_teams(self):
        return _pairs(self.cleaned_data["group_teams"])


class StaffUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Staff CSV file"),
        help_text=_(
            "Columns: email, first_name, last_name, and optionally "
            "employee_number, team, roles (separated by ;) and active (yes or no)."
        ),
        error_messages={"required": _("Choose a CSV file to upload.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("The file must be a CSV file (.csv)."))
        return upload
