from django import forms
from django.utils.translation import gettext_lazy as _

from portfolio.asye.models import Progress, Recommendation
from portfolio.forms import BoundedModelChoiceField, GovukDateInput

#: GOV.UK's day, month and year boxes (WCAG: see portfolio/forms.py).
DATE_WIDGET = GovukDateInput
TEXT = forms.Textarea(attrs={"rows": 4})


class AssignForm(forms.Form):
    nqsw = BoundedModelChoiceField(
        label=_("Newly qualified social worker"), queryset=None
    )
    assessor = BoundedModelChoiceField(
        label=_("ASYE assessor"),
        queryset=None,
        help_text=_("Often not their line supervisor. Needs the supervisor role."),
    )
    manager = BoundedModelChoiceField(
        label=_("Their manager (optional)"), queryset=None, required=False
    )
    programme = BoundedModelChoiceField(label=_("Programme"), queryset=None)
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE_WIDGET)

    def __init__(self, *args, people, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nqsw"].queryset = people.filter(is_practitioner=True)
        self.fields["assessor"].queryset = people.filter(is_supervisor=True)
        self.fields["manager"].queryset = people.filter(is_supervisor=True)
        self.fields["programme"].queryset = programmes


class PanelMemberForm(forms.Form):
    member = BoundedModelChoiceField(
        label=_("Add to the moderation panel"), queryset=None
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = people


class SupportPlanForm(forms.Form):
    workload_protection = forms.CharField(label=_("Workload protection"), widget=TEXT)
    supervision_rhythm = forms.CharField(label=_("Supervision rhythm"), widget=TEXT)
    learning_needs = forms.CharField(label=_("Learning needs"), widget=TEXT)
    agreed_on = forms.DateField(label=_("Agreed on"), widget=DATE_WIDGET)


class ReviewForm(forms.Form):
    month = forms.TypedChoiceField(label=_("Review"), coerce=int, choices=())
    held_on = forms.DateField(label=_("Held on"), widget=DATE_WIDGET)
    nqsw_view = forms.CharField(label=_("The social worker's view"), widget=TEXT)
    manager_view = forms.CharField(label=_("The manager's view"), widget=TEXT)
    judgement = forms.CharField(
        label=_("Your holistic judgement"),
        widget=TEXT,
        help_text=_(
            "Against the PCF at ASYE level and the knowledge and skills "
            "statement, taking the evidence as a whole."
        ),
    )
    progress = forms.ChoiceField(
        label=_("Progress"), choices=Progress.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, months, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = months


class ReflectionForm(forms.Form):
    written_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    text = forms.CharField(
        label=_("Critical reflection"),
        widget=TEXT,
        help_text=_("No names, addresses, dates of birth or case numbers."),
    )


class RecommendationForm(forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Your recommendation"),
        choices=Recommendation.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=TEXT,
        help_text=_("Needed for a fail or an extension."),
    )
    extend_to = forms.DateField(
        label=_("New end date (extension only)"), required=False, widget=DATE_WIDGET
    )


class PanelDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("The panel's decision"),
        choices=Recommendation.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=TEXT,
        help_text=_("Needed when the panel does not agree with the recommendation."),
    )
