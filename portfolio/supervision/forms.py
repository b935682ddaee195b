from django import forms
from django.utils.translation import gettext_lazy as _

from portfolio.forms import BoundedModelMultipleChoiceField
from portfolio.supervision.models import (
    ReviewDecisionKind,
    SessionKind,
    SupervisionType,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SupervisionForm(forms.Form):
    supervisor = forms.ModelChoiceField(label=_("Supervisor"), queryset=None)
    supervisee = forms.ModelChoiceField(label=_("Supervisee"), queryset=None)
    kind = forms.ChoiceField(label=_("Type"), choices=SupervisionType.choices)
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE_WIDGET)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = people.filter(is_supervisor=True)
        self.fields["supervisee"].queryset = people


class EndSupervisionForm(forms.Form):
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE_WIDGET)


class ReviewDecisionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Your decision"),
        choices=ReviewDecisionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a decision.")},
    )
    text = forms.CharField(
        label=_("Comment or the changes needed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed when you ask for changes."),
    )


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    minutes = forms.IntegerField(
        label=_("Length in minutes"),
        min_value=5,
        max_value=600,
        help_text=_("The LGA standard is at least 90 minutes."),
    )
    kind = forms.ChoiceField(
        label=_("Individual or group"), choices=SessionKind.choices
    )
    topics = forms.CharField(
        label=_("Topics discussed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    agreed_actions = forms.CharField(
        label=_("Agreed actions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    supervisor_note = forms.CharField(
        label=_("Private note (only you will see this)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, for_supervisor: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not for_supervisor:
            del self.fields["supervisor_note"]


class ConfirmEntriesForm(forms.Form):
    """Entries ticked in the review queue; only entries in the reviewer's own
    queue are choices."""

    entries = BoundedModelMultipleChoiceField(queryset=None, required=False)

    def __init__(self, *args, queue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = queue
