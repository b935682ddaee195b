"""The filters every report shares: team, role, PCF level and period."""

from datetime import date

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from capabilities.models import Level
from portfolio.evidence.registration_year import registration_year_containing
from portfolio.people.models import Team
from portfolio.people.roles import ROLE_FIELDS
from portfolio.reports.scope import BY_LEVEL, BY_TEAM

#: How many registration years back a report can look.
YEARS_BACK = 3
UNKNOWN_TEAM = _("Choose one of the teams in the list.")


class QuickSelect(forms.Select):
    """The same ``<select>`` as Django's, written in one pass rather than
    through a widget template per option: with a thousand teams those
    templates were most of a report page's time (issue #15)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(option["value"]), flatatt(option["attrs"]), option["label"])
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            options,
        )


class ReportFilterForm(forms.Form):
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        widget=QuickSelect,
        required=False,
        empty_label=_("All your teams"),
        error_messages={"invalid_choice": UNKNOWN_TEAM},
    )
    role = forms.ChoiceField(
        label=_("Role"),
        required=False,
        choices=[("", _("Social workers"))]
        + [(role.value, role.label) for role in ROLE_FIELDS if role != "practitioner"],
        error_messages={"invalid_choice": _("Choose one of the roles in the list.")},
    )
    level = forms.ModelChoiceField(
        label=_("PCF level"),
        queryset=Level.objects.none(),
        required=False,
        empty_label=_("Any level"),
        error_messages={"invalid_choice": _("Choose one of the levels in the list.")},
    )
    year = forms.TypedChoiceField(
        label=_("Registration year"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose one of the years in the list.")},
    )
    compare_by = forms.ChoiceField(
        label=_("Compare"),
        required=False,
        choices=[(BY_TEAM, _("Teams")), (BY_LEVEL, _("PCF levels"))],
        error_messages={"invalid_choice": _("Choose teams or PCF levels.")},
    )

    def __init__(self, data, *, teams, levels, today: date, compares: bool):
        super().__init__(data)
        # Another team's id is simply not a choice: the manager gets an error,
        # never that team's figures.
        self.fields["team"].queryset = teams
        self.fields["level"].queryset = levels
        current = registration_year_containing(today).ends.year
        self.fields["year"].choices = [
            (
                ends,
                _("1 December %(start)s to 30 November %(end)s")
                % {"start": ends - 1, "end": ends},
            )
            for ends in range(current, current - YEARS_BACK - 1, -1)
        ]
        self.current_year = current
        if not compares:
            del self.fields["compare_by"]


class TeamManagersForm(forms.Form):
    managers = forms.ModelMultipleChoiceField(
        label=_("Team managers"),
        help_text=_("They will see this team's reports, and only this team's."),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose supervisors from the list.")},
    )

    def __init__(self, *args, supervisors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["managers"].queryset = supervisors
