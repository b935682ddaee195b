from django import forms
from django.utils.translation import gettext_lazy as _

from capabilities.models import Pathway


class LevelRequestForm(forms.Form):
    level = forms.ModelChoiceField(
        label=_("The level you are ready for"), queryset=None
    )
    pathway = forms.ModelChoiceField(
        label=_("Pathway (Advanced level only)"),
        queryset=Pathway.objects.none(),
        required=False,
        empty_label=_("Not applicable"),
    )
    reason = forms.CharField(
        label=_("Why you are ready"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The evidence and experience behind your request."),
        error_messages={"required": _("Say why you are ready.")},
    )

    def __init__(self, *args, levels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = levels
        self.fields["pathway"].queryset = Pathway.objects.filter(level__in=levels)


class RecommendationForm(forms.Form):
    recommend = forms.TypedChoiceField(
        label=_("Your recommendation"),
        choices=[
            ("yes", _("I recommend this move")),
            ("no", _("I do not recommend it yet")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you recommend the move.")},
    )
    note = forms.CharField(
        label=_("Your reasons"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give your reasons.")},
    )


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Approve the move")), ("no", _("Do not approve"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a decision.")},
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
