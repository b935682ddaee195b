from django import forms
from django.utils.translation import gettext_lazy as _

from portfolio.notifications.models import DispatchKind


class EmailPreferencesForm(forms.Form):
    wanted = forms.MultipleChoiceField(
        label=_("Email me about"),
        help_text=_(
            "Everything also appears on your notifications page, whatever you "
            "choose here."
        ),
        choices=DispatchKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
