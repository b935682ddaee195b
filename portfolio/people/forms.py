from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from portfolio.people.models import Organisation, Team
from portfolio.people.roles import GRANTABLE_ROLES

PASSWORDS_DIFFER = "The two passwords do not match."


class InvitationForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        error_messages={"required": _("Enter their first name.")},
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        error_messages={"required": _("Enter their last name.")},
    )
    email = forms.EmailField(
        label=_("Work email address"),
        help_text=_("We will send the invitation link to this address."),
        error_messages={
            "required": _("Enter their work email address."),
            "invalid": _(
                "Enter an email address in the correct format, like "
                "name@example.gov.uk."
            ),
        },
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("No team"),
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=[(role.value, role.label) for role in GRANTABLE_ROLES],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose every role this person holds."),
        error_messages={"required": _("Choose at least one role.")},
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams


class SetPasswordForm(forms.Form):
    password1 = forms.CharField(
        label=_("Create a password"),
        error_messages={"required": _("Enter a password.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters. Avoid common words and numbers alone."),
    )
    password2 = forms.CharField(
        label=_("Confirm your password"),
        error_messages={"required": _("Enter the password again.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _(PASSWORDS_DIFFER))
        if first:
            try:
                password_validation.validate_password(first, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class OrganisationSecurityForm(forms.ModelForm):
    appraisal_scale_text = forms.CharField(
        label=_("Appraisal rating scale"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One rating per line, lowest first. Leave empty for the default scale."
        ),
    )

    framework_families = forms.MultipleChoiceField(
        label=_("Frameworks your staff map evidence to"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The PCF and Social Work England's professional standards are always "
            "offered, and so are your organisation's own frameworks. A framework "
            "that replaces one you choose is offered from the day it starts."
        ),
    )

    def __init__(self, *args, framework_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appraisal_scale_text"].initial = "\n".join(
            self.instance.appraisal_scale or []
        )
        self.fields["framework_families"].choices = framework_choices
        self.fields["framework_families"].initial = list(
            self.instance.framework_families or []
        )

    class Meta:
        model = Organisation
        fields = [
            "mfa_required_for_practitioners",
            "mfa_required_for_supervisors",
            "mfa_required_for_training_editors",
            "mfa_required_for_org_admins",
        ]


class AuditFilterForm(forms.Form):
    """Narrows the audit log; every field optional."""

    action = forms.ChoiceField(label=_("What happened"), required=False)
    person = forms.CharField(
        label=_("Person or system"),
        help_text=_("Part of a name or email address."),
        required=False,
        max_length=100,
    )
    days = forms.TypedChoiceField(
        label=_("When"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", _("Any time")),
            ("1", _("Last 24 hours")),
            ("7", _("Last 7 days")),
            ("30", _("Last 30 days")),
            ("365", _("Last year")),
        ],
    )

    def __init__(self, *args, actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Anything"))] + [
            (action, action) for action in actions
        ]
