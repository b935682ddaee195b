"""One form per thing a person does to an appraisal. Each reads and checks its
own input; the services decide whether the step is open and who may write.

Forms are made with ``auto_id="%s"`` so each input's id is its name: the page's
labels (and the browser tests, which find inputs by label) point at them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portfolio.appraisal.models import AppraisalKind, FeedbackSource, rating_scale
from portfolio.forms import GovukDateInput

OBJECTIVE_ROWS = 3
DATE_WIDGET = forms.DateInput(
    attrs={"type": "date", "class": "govuk-input govuk-input--width-10"},
    format="%Y-%m-%d",
)
NEEDS_SUPERVISEE_AND_PERIOD = (
    "Choose a supervisee and enter the start and end of the period."
)
OBJECTIVE_NEEDS_DUE_DATE = "Each objective needs a description and a due date."


def _textarea(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"class": "govuk-textarea", "rows": rows})


class VersionForm(forms.Form):
    """The version the person started from: a stale save is refused."""

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class SignForm(forms.Form):
    """Signing takes no input: whoever signs, signs as themselves."""


class AppraisalStartForm(forms.Form):
    supervision = forms.ModelChoiceField(
        label=_("Supervisee"),
        queryset=None,
        widget=forms.Select(attrs={"class": "govuk-select"}),
        error_messages={"required": _(NEEDS_SUPERVISEE_AND_PERIOD)},
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=AppraisalKind.choices,
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    period_start = forms.DateField(
        label=_("Period starts"),
        widget=GovukDateInput,
        error_messages={"required": _("Enter the start of the period.")},
    )
    period_end = forms.DateField(
        label=_("Period ends"),
        widget=GovukDateInput,
        error_messages={"required": _("Enter the end of the period.")},
    )

    def __init__(self, *args, supervising, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.fields["supervision"].queryset = supervising
        self.fields["supervision"].label_from_instance = lambda s: str(s.supervisee)
        self.fields["supervision"].empty_label = None


class AssessmentForm(VersionForm):
    """Ratings and commentary, one pair of fields per PCF domain, for the side
    whose assessment step is open (``prefix`` is ``self`` or ``appraiser``)."""

    def __init__(self, *args, appraisal, side_prefix: str, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.assessments = list(appraisal.assessments.all())
        self.scale = rating_scale(appraisal.organisation)
        choices = [("", "–")] + [(str(n), label) for n, label in enumerate(self.scale)]
        self.initial.setdefault("version", appraisal.version)
        for assessment in self.assessments:
            rating = getattr(assessment, f"{side_prefix}_rating")
            self.fields[f"rating_{assessment.domain_id}"] = forms.TypedChoiceField(
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial="" if rating is None else str(rating),
                widget=forms.Select(attrs={"class": "govuk-select"}),
            )
            self.fields[f"commentary_{assessment.domain_id}"] = forms.CharField(
                required=False,
                initial=getattr(assessment, f"{side_prefix}_commentary"),
                widget=_textarea(2),
            )

    def rows(self):
        """(assessment, rating field, commentary field) per domain."""
        return [
            (a, self[f"rating_{a.domain_id}"], self[f"commentary_{a.domain_id}"])
            for a in self.assessments
        ]

    def ratings(self) -> dict:
        """What the service takes: domain id → (rating, commentary, evidence)."""
        return {
            a.domain_id: (
                self.cleaned_data[f"rating_{a.domain_id}"],
                self.cleaned_data[f"commentary_{a.domain_id}"],
                None,
            )
            for a in self.assessments
        }


class FeedbackForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Who gave it"),
        choices=FeedbackSource.choices,
        widget=forms.Select(attrs={"class": "govuk-select", "id": "feedback-source"}),
    )
    text = forms.CharField(
        label=_("Their feedback"),
        widget=forms.Textarea(
            attrs={"class": "govuk-textarea", "rows": 3, "id": "feedback-text"}
        ),
        error_messages={"required": _("Write down the feedback you were given.")},
    )


class FeedbackLinkForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Ask someone for feedback with a link"),
        choices=FeedbackSource.choices,
        widget=forms.Select(attrs={"class": "govuk-select", "id": "link-source"}),
    )


class MeetingForm(VersionForm):
    strengths = forms.CharField(
        label=_("Agreed strengths"), required=False, widget=_textarea(3)
    )
    development_needs = forms.CharField(
        label=_("Development needs"), required=False, widget=_textarea(3)
    )
    career_conversation = forms.CharField(
        label=_("Career conversation"), required=False, widget=_textarea(3)
    )

    def __init__(self, *args, appraisal, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        for name in ("version", "strengths", "development_needs"):
            self.initial.setdefault(name, getattr(appraisal, name))
        self.initial.setdefault("career_conversation", appraisal.career_conversation)
        for n in range(1, OBJECTIVE_ROWS + 1):
            self.fields[f"objective_text_{n}"] = forms.CharField(
                label=_("What, specifically, and how you will know it is done"),
                required=False,
                widget=_textarea(2),
            )
            self.fields[f"objective_due_{n}"] = forms.DateField(
                label=_("Due by"), required=False, widget=DATE_WIDGET
            )
            self.fields[f"objective_learning_{n}"] = forms.CharField(
                label=_("Suggested learning"),
                required=False,
                widget=forms.TextInput(attrs={"class": "govuk-input"}),
            )

    def objective_rows(self):
        """(number, text, due, learning) bound fields for each objective."""
        return [
            (
                n,
                self[f"objective_text_{n}"],
                self[f"objective_due_{n}"],
                self[f"objective_learning_{n}"],
            )
            for n in range(1, OBJECTIVE_ROWS + 1)
        ]

    def clean(self):
        cleaned = super().clean()
        for n in range(1, OBJECTIVE_ROWS + 1):
            text = (cleaned.get(f"objective_text_{n}") or "").strip()
            if text and not cleaned.get(f"objective_due_{n}"):
                self.add_error(f"objective_due_{n}", _(OBJECTIVE_NEEDS_DUE_DATE))
        return cleaned

    def objectives(self) -> list[dict]:
        """The objectives written down; rows left empty are not objectives."""
        return [
            {
                "text": self.cleaned_data[f"objective_text_{n}"].strip(),
                "due_on": self.cleaned_data[f"objective_due_{n}"],
                "suggested_learning": self.cleaned_data[f"objective_learning_{n}"],
            }
            for n in range(1, OBJECTIVE_ROWS + 1)
            if self.cleaned_data[f"objective_text_{n}"].strip()
        ]


class AddendumForm(forms.Form):
    text = forms.CharField(
        label=_("Add a dated addendum"),
        widget=forms.Textarea(
            attrs={"class": "govuk-textarea", "rows": 2, "id": "addendum-text"}
        ),
        error_messages={"required": _("Write the addendum.")},
    )


class ObjectiveEvidenceForm(forms.Form):
    """One of the person's own complete entries, as evidence for an objective."""

    entry = forms.ModelChoiceField(
        queryset=None,
        error_messages={
            "required": _("Choose one of your complete entries."),
            "invalid_choice": _("Choose one of your complete entries."),
        },
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = entries


#: The few questions the feedback link asks; nobody needs to log in.
FEEDBACK_QUESTIONS = (
    _("What did they do well?"),
    _("What could they do better, or differently?"),
    _("Is there anything else you would like them to know?"),
)


class FeedbackAnswersForm(forms.Form):
    """Feedback through a link: one optional answer per question, joined into
    one text under its questions (the service refuses it if all are empty)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        for number, question in enumerate(FEEDBACK_QUESTIONS, start=1):
            self.fields[f"answer_{number}"] = forms.CharField(
                label=question,
                required=False,
                widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 4}),
            )

    def text(self) -> str:
        answers = [
            (str(self.fields[name].label), self.cleaned_data[name].strip())
            for name in self.fields
        ]
        return "\n\n".join(
            f"{question}\n{answer}" for question, answer in answers if answer
        )
