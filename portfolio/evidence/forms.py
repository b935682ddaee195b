"""Parsing the entry editor. Rules about what may be saved live in services."""

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from capabilities.models import ALWAYS_ON_FAMILIES, Item, Level
from capabilities.selectors import active_pcf, framework_is_in_force
from portfolio.evidence.models import ASYEEvidence, CPDType, EntryState, MappingChoice
from portfolio.evidence.reflection import STAGES, ReflectiveModel
from portfolio.evidence.selectors import SORTS, EntryFilters
from portfolio.evidence.services import ENTRY_FIELDS, MAX_HOURS, MIN_HOURS
from portfolio.forms import (
    BoundedModelChoiceField,
    BoundedModelMultipleChoiceField,
    GovukDateInput,
    is_id,
)


class ItemChoiceField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {obj.name or obj.text[:80]}"


class EntryForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    activity_date = forms.DateField(
        label=_("Date of the activity"),
        required=False,
        help_text=_(
            "The day you did it: today or earlier. It counts towards the registration "
            "year it falls in."
        ),
        widget=GovukDateInput,
        error_messages={"invalid": _("Enter a real date, for example 27 3 2026.")},
    )
    cpd_type = forms.ChoiceField(
        label=_("Type of CPD"),
        choices=[("", _("Choose a type"))] + CPDType.choices,
        required=False,
    )
    hours = forms.DecimalField(
        label=_("Hours"),
        required=False,
        max_digits=5,
        decimal_places=2,
        help_text=_("Time spent, from 0.25 to 200 hours."),
        error_messages={"invalid": _("Enter the hours as a number, like 1.5.")},
        widget=forms.NumberInput(
            attrs={"step": "0.25", "min": MIN_HOURS, "max": MAX_HOURS}
        ),
    )
    description = forms.CharField(
        label=_("What was it, and why is it relevant to your practice?"),
        required=False,
        widget=forms.Textarea,
    )
    learning = forms.CharField(
        label=_("What did you learn?"), required=False, widget=forms.Textarea
    )
    impact = forms.CharField(
        label=_(
            "What impact has it had on your practice, and on the people you work with?"
        ),
        required=False,
        widget=forms.Textarea,
    )
    peer_reflection = forms.CharField(
        label=_("What did you learn from discussing it with a peer?"),
        required=False,
        widget=forms.Textarea,
        help_text=_(
            "Social Work England asks for at least one piece of CPD a year with peer "
            "reflection."
        ),
    )
    peer_role = forms.CharField(
        label=_("Your peer's role"),
        required=False,
        max_length=120,
        help_text=_(
            "Their role, such as 'senior practitioner'. Do not give their name unless "
            "they agree."
        ),
    )
    source_url = forms.URLField(
        label=_("Link (optional)"), required=False, assume_scheme="https"
    )
    asye_evidence = forms.ChoiceField(
        label=_("ASYE evidence (optional)"),
        choices=[("", _("Not ASYE evidence"))] + ASYEEvidence.choices,
        required=False,
        help_text=_(
            "In your Assessed and Supported Year in Employment, say what this "
            "evidences."
        ),
    )
    reflective_model = forms.ChoiceField(
        label=_("Reflective model (optional)"),
        choices=[("", _("No model"))] + ReflectiveModel.choices,
        required=False,
        help_text=_("A model gives you prompts for each stage of your reflection."),
    )
    mapping_items = ItemChoiceField(
        label=_("Capabilities this evidences"),
        queryset=Item.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    mapping_level = forms.ModelChoiceField(
        label=_("Level you are claiming"),
        queryset=Level.objects.none(),
        required=False,
        empty_label=_("Not a particular level"),
        help_text=_("The PCF level this evidence shows you working at."),
    )
    mapping_justification = forms.CharField(
        label=_("Why it counts (optional)"),
        required=False,
        max_length=500,
        help_text=_("One or two sentences your supervisor will see."),
    )
    confirm_anonymised = forms.BooleanField(
        label=_("I have checked: this text does not identify anyone I work with."),
        required=False,
    )
    #: Made when a new-entry form is rendered; every save from that form
    #: (autosave included) carries it, so they all resolve to one entry.
    idempotency_key = forms.UUIDField(required=False, widget=forms.HiddenInput)
    #: The version the editor last showed (optimistic locking), kept in a
    #: hidden input that autosave updates. Anything that is not a version
    #: counts as "not known", as for a new entry.
    version = forms.CharField(required=False, widget=forms.HiddenInput)
    #: Sent by the "Save and complete" button only.
    complete = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, items: QuerySet[Item], **kwargs):
        """``items``: what this person may map this entry to now
        (``entry_mappable_items``)."""
        super().__init__(*args, **kwargs)
        self.fields["mapping_items"].queryset = items
        pcf = active_pcf()
        self.fields["mapping_level"].queryset = (
            pcf.levels.all() if pcf else Level.objects.none()
        )
        for stages in STAGES.values():
            for stage in stages:
                self.fields[f"stage_{stage.key}"] = forms.CharField(
                    label=stage.label,
                    help_text=stage.prompt,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 4}),
                )

    def clean_version(self) -> int | None:
        value = self.cleaned_data["version"]
        return int(value) if is_id(value) else None

    def clean_activity_date(self):
        value = self.cleaned_data.get("activity_date")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value

    def stage_fields(self):
        """(model value, model label, [bound fields]) for the template."""
        return [
            (
                model,
                ReflectiveModel(model).label,
                [self[f"stage_{s.key}"] for s in stages],
            )
            for model, stages in STAGES.items()
        ]

    def mapping_groups(self):
        """(framework, takes new evidence, [(item, checked)]) for the
        template: the always-on frameworks first, then the others by name. A
        closed framework appears only with what this entry already maps."""
        groups: dict = {}
        selected = {str(v) for v in (self["mapping_items"].value() or [])}
        for item in self.fields["mapping_items"].queryset:
            groups.setdefault(item.framework, []).append(
                (item, str(item.pk) in selected)
            )

        def order(framework):
            always = framework.family in ALWAYS_ON_FAMILIES
            rank = ALWAYS_ON_FAMILIES.index(framework.family) if always else 0
            return (not always, rank, framework.name)

        today = timezone.localdate()
        return [
            (framework, framework_is_in_force(framework, on=today), groups[framework])
            for framework in sorted(groups, key=order)
        ]

    def service_arguments(self) -> dict:
        """What entry_save needs from a valid form."""
        data = self.cleaned_data
        return {
            "idempotency_key": data.get("idempotency_key"),
            "values": {name: data.get(name) for name in ENTRY_FIELDS},
            "stages": self.stage_values(),
            "mappings": [
                MappingChoice(
                    item, data["mapping_level"], data["mapping_justification"]
                )
                for item in data["mapping_items"]
            ],
        }

    def stage_values(self) -> dict[str, str]:
        model = self.cleaned_data.get("reflective_model") or ""
        return {
            stage.key: self.cleaned_data.get(f"stage_{stage.key}", "")
            for stage in STAGES.get(model, ())
        }


class EntryFilterForm(forms.Form):
    """The entry list's filters, read from the query string. A value that is
    not one of the choices (an unknown or impossible id, a year out of range)
    leaves that filter off, the same for every kind of wrong value."""

    year = forms.IntegerField(min_value=2000, max_value=2100, required=False)
    type = forms.ChoiceField(choices=CPDType.choices, required=False)
    state = forms.ChoiceField(choices=EntryState.choices, required=False)
    domain = BoundedModelChoiceField(queryset=Item.objects.none(), required=False)
    sort = forms.ChoiceField(choices=[(key, key) for key in SORTS], required=False)

    def __init__(self, data, *, domains):
        super().__init__(data)
        self.fields["domain"].queryset = domains

    def filters(self) -> EntryFilters:
        self.is_valid()
        data = self.cleaned_data
        return EntryFilters(
            year=data.get("year"),
            cpd_type=data.get("type") or "",
            state=data.get("state") or "",
            domain_id=data["domain"].pk if data.get("domain") else None,
            sort=data.get("sort") or "-activity_date",
        )


class CareerLevelsForm(forms.Form):
    career_level = forms.ModelChoiceField(
        label=_("Your current level"),
        queryset=Level.objects.none(),
        required=False,
        empty_label=_("Not set"),
    )
    target_level = forms.ModelChoiceField(
        label=_("The level you are working towards"),
        queryset=Level.objects.none(),
        required=False,
        empty_label=_("Not set"),
    )

    def __init__(self, *args, levels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["career_level"].queryset = levels
        self.fields["target_level"].queryset = levels
