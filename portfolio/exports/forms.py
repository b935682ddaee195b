from django import forms
from django.utils.translation import gettext_lazy as _

from portfolio.exports.models import PORTFOLIO_KINDS


class ExportRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Format"),
        choices=[(kind.value, kind.label) for kind in PORTFOLIO_KINDS],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose PDF or ZIP.")},
    )
    period_start = forms.DateField(
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Enter the first day of the period.")},
    )
    period_end = forms.DateField(
        label=_("To"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Enter the last day of the period.")},
    )
    include_drafts = forms.BooleanField(
        label=_("Include drafts"),
        required=False,
        help_text=_(
            "Drafts have not been through the confidentiality check yet. If you "
            "include them, the check runs on each draft and the export marks "
            "anything that may identify someone."
        ),
    )
