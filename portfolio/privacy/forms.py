from django import forms
from django.utils.translation import gettext_lazy as _

from portfolio.forms import BoundedModelChoiceField, GovukDateInput


class LeaverPortfolioForm(forms.Form):
    send_to = forms.EmailField(
        label=_("Personal email address (optional)"),
        required=False,
        help_text=_(
            "We will also send the portfolio here when it is ready, so you have "
            "it after your access ends. Leave it empty to download it only."
        ),
        error_messages={
            "invalid": _(
                "Enter an email address in the correct format, like name@example.com."
            )
        },
    )


class PortableImportForm(forms.Form):
    file = forms.FileField(
        label=_("Portable portfolio (ZIP)"),
        help_text=_(
            "The ZIP you exported as a portable portfolio from this or another "
            "portal. Nothing is imported until you have checked what will arrive."
        ),
        error_messages={"required": _("Choose the ZIP file to import.")},
    )


class SubjectAccessForm(forms.Form):
    subject = BoundedModelChoiceField(
        label=_("Who the request is about"),
        queryset=None,
        error_messages={
            "required": _("Choose who the request is about."),
            "invalid_choice": _("Choose who the request is about."),
        },
    )
    received_on = forms.DateField(
        label=_("Date the request was received"),
        widget=GovukDateInput,
        help_text=_("For example, 27 3 2026. The answer is due one month later."),
        error_messages={
            "required": _("Enter the date the request was received."),
            "invalid": _("Enter a real date."),
        },
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = people


class ReasonForm(forms.Form):
    """A legal hold or an erasure request: why, in a sentence or two."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Enter the reason."),
            "max_length": _("Keep the reason to 300 characters or fewer."),
        },
    )


class PrivacySettingsForm(forms.Form):
    leaver_grace_days = forms.IntegerField(
        label=_("Days a leaver can still sign in to take their portfolio"),
        min_value=0,
        max_value=365,
        error_messages={
            "required": _("Enter a number of days."),
            "min_value": _("Enter 0 days or more."),
            "max_value": _("Enter 365 days or fewer."),
            "invalid": _("Enter a whole number of days."),
        },
    )
    keep_appraisals_years = forms.IntegerField(
        label=_(
            "Years to keep appraisals and supervision records after someone leaves"
        ),
        min_value=1,
        max_value=50,
        error_messages={
            "required": _("Enter a number of years."),
            "min_value": _("Enter 1 year or more."),
            "max_value": _("Enter 50 years or fewer."),
            "invalid": _("Enter a whole number of years."),
        },
    )
    keep_audit_years = forms.IntegerField(
        label=_("Years to keep the audit log about someone after they leave"),
        min_value=1,
        max_value=50,
        error_messages={
            "required": _("Enter a number of years."),
            "min_value": _("Enter 1 year or more."),
            "max_value": _("Enter 50 years or fewer."),
            "invalid": _("Enter a whole number of years."),
        },
    )
