"""Who a report is about: the request a report is built from, and the people
(its population) the filters and the viewer's scope leave in it."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from wagtail.permissions import policy_registry

from capabilities.models import Level
from portfolio.evidence.registration_year import (
    RegistrationYear,
    registration_year_containing,
)
from portfolio.people.models import Organisation, Team, User
from portfolio.people.roles import ROLE_FIELDS, Role
from portfolio.reports.models import ReportView

#: Groupings a report can compare across.
BY_TEAM, BY_LEVEL = "team", "level"


@dataclass(frozen=True)
class ReportRequest:
    """Everything a report's ``build`` needs, already checked: the viewer may
    open the report, ``teams`` are the ones they may see and ``team`` (if
    any) is one of them."""

    organisation: Organisation
    viewer: User
    #: Teams the viewer may see (all of the organisation's, or those managed).
    teams: QuerySet[Team]
    #: People in no team count too (organisation-wide audiences only).
    whole_organisation: bool
    #: False: cells of fewer than 5 people are suppressed.
    exact: bool
    year: RegistrationYear
    #: The day figures are "as at": today, or the end of a past year.
    as_at: date
    team: Team | None = None
    role: str = ""
    level: Level | None = None
    compare_by: str = BY_TEAM

    def population(self) -> QuerySet[User]:
        """Active members of the organisation holding the role (social
        workers unless another role is chosen), within the viewer's teams and
        the filters."""
        role_field = ROLE_FIELDS.get(self.role, ROLE_FIELDS[Role.PRACTITIONER])
        people = User.objects.filter(
            organisation=self.organisation, is_active=True, **{role_field: True}
        )
        if self.team is not None:
            people = people.filter(team=self.team)
        elif not self.whole_organisation:
            people = people.filter(team__in=self.teams)
        if self.level is not None:
            people = people.filter(career_level=self.level)
        return people

    def as_filters(self) -> dict:
        """The filters for the audit log: ids and codes only."""
        return {
            "team": self.team.pk if self.team else None,
            "role": self.role,
            "level": self.level.pk if self.level else None,
            "year": self.year.ends.year,
            "compare_by": self.compare_by,
        }


def group_labels(group_ids, *, by: str = BY_TEAM) -> dict:
    """Names for team (or level) ids, in display order; ``None`` stands for
    people in no team (or with no level recorded) and comes last. One query."""
    model = Level if by == BY_LEVEL else Team
    named = {
        pk: str(name)
        for pk, name in model.objects.filter(pk__in=[i for i in group_ids if i])
        .order_by("sort_order" if model is Level else "name")
        .values_list("pk", "name")
    }
    if None in group_ids:
        named[None] = _("No level recorded") if model is Level else _("Not in a team")
    return named


def reports_policy():
    return policy_registry.get_by_type(ReportView)


def report_request_for(
    *, viewer: User, report_key: str, filters: dict, today: date
) -> ReportRequest:
    """The request for a report from validated filters (see ReportFilterForm,
    whose team choices are already limited to the viewer's teams)."""
    policy = reports_policy()
    ends = filters.get("year") or registration_year_containing(today).ends.year
    year = registration_year_containing(date(ends, 11, 30))
    return ReportRequest(
        organisation=viewer.organisation,
        viewer=viewer,
        teams=policy.teams_in_scope(viewer, report_key),
        whole_organisation=policy.whole_organisation(viewer, report_key),
        exact=policy.sees_exact_figures(viewer),
        year=year,
        as_at=min(today, year.ends),
        team=filters.get("team"),
        role=filters.get("role") or "",
        level=filters.get("level"),
        compare_by=filters.get("compare_by") or BY_TEAM,
    )
