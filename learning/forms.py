from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _


class AttendeeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        team = f" ({obj.team})" if obj.team_id else ""
        return f"{obj.get_full_name() or obj.email}{team}"


class AttendanceForm(forms.Form):
    attendees = AttendeeChoiceField(
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Who attended"),
        error_messages={"required": _("Choose at least one person who attended.")},
    )

    def __init__(self, *args, organisation, exclude, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = (
            get_user_model()
            .objects.filter(organisation=organisation, is_active=True)
            .exclude(pk__in=exclude)
            .select_related("team")
            .order_by("last_name", "first_name")
        )


class ReadMarkForm(forms.Form):
    """Mark a page read (``yes``) or no longer read (``no``). Anything else
    counts as ``no``, as a missing value always has."""

    read = forms.TypedChoiceField(
        choices=(("yes", _("Read")), ("no", _("Not read"))),
        coerce=lambda value: value == "yes",
        required=False,
        empty_value=False,
    )
