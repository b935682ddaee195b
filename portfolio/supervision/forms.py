from django import forms
from django.utils.translation import gettext_lazy as _

from portfolio.forms import BoundedModelChoiceField, GovukDateInput, is_id
from portfolio.people.models import SupervisionType
from portfolio.supervision.models import ReviewDecisionKind, SessionKind

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
    held_on = forms.DateField(label=_("Date"), widget=GovukDateInput)
    minutes = forms.IntegerField(
        label=_("Length in minutes"),
        min_value=5,
        max_value=600,
        help_text=_("Your organisation's policy is at least 90 minutes."),
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

    def __init__(self, *args, for_supervisor: bool, supervisions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not for_supervisor:
            del self.fields["supervisor_note"]
        if supervisions is not None:
            # The supervisee's page has one form per relationship, each naming
            # its relationship in a hidden input.
            self.fields["supervision"] = BoundedModelChoiceField(
                queryset=supervisions, widget=forms.HiddenInput
            )


class ConfirmEntriesForm(forms.Form):
    """Entries from the review queue to confirm together. An entry that left
    the queue since the page was shown (another supervisor confirmed it) is
    passed over rather than failing the others."""

    #: Ticked ids, checked against the queue in ``clean_entries``.
    entries = forms.Field(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, queue, **kwargs):
        super().__init__(*args, **kwargs)
        self.queue = queue

    def clean_entries(self):
        ticked = self.cleaned_data["entries"] or []
        ids = [int(value) for value in ticked if is_id(value)]
        chosen = list(self.queue.filter(pk__in=ids))
        if not chosen:
            raise forms.ValidationError(_("Choose at least one entry to confirm."))
        return chosen


class FrequencyForm(forms.Form):
    """One group's supervision policy; the page has one per group (prefix)."""

    weekly_for_weeks = forms.IntegerField(
        label=_("Weekly for the first weeks in practice"), min_value=0, max_value=52
    )
    fortnightly_until_months = forms.IntegerField(
        label=_("Then fortnightly until this many months in practice"),
        min_value=0,
        max_value=24,
    )
    then_every_days = forms.IntegerField(
        label=_("Then every this many days"), min_value=1, max_value=92
    )
    minimum_minutes = forms.IntegerField(
        label=_("Shortest session in minutes"), min_value=15, max_value=480
    )


class PeerAskForm(forms.Form):
    peer_name = forms.CharField(
        label=_("The name of the colleague you reflected with"),
        max_length=120,
        help_text=_("They see only this entry's title and date."),
        error_messages={"required": _("Enter your peer's name.")},
    )


class PeerConfirmForm(forms.Form):
    confirmed = forms.BooleanField(
        label=_("I confirm we discussed this piece of learning together"),
        error_messages={"required": _("Tick the box to confirm the discussion.")},
    )
