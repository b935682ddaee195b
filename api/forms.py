from django import forms
from django.utils.translation import gettext_lazy as _

from api.models import ClientKind


class ClientForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the system or app"),
        max_length=100,
        error_messages={"required": _("Enter the name of the system or app.")},
    )
    kind = forms.ChoiceField(
        label=_("What it is"),
        choices=ClientKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what it is.")},
    )
    redirect_uris = forms.CharField(
        label=_("Sign-in return address (apps only)"),
        required=False,
        max_length=500,
        help_text=_("The https address the app's sign-in returns to."),
    )
