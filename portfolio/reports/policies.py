"""Who may open which report, about which teams, and whether small numbers are
hidden from them.

- An organisation admin sees every report about every team of their
  organisation, with exact figures.
- A team manager (a person listed in ``Team.managers``) sees the reports their
  audience allows, about the teams they manage only.
- The training team sees the reports meant for it (training needs), about the
  whole organisation.
Everyone outside the organisation admins sees aggregates with cells of fewer
than 5 people suppressed. Everyone else gets a 404.
"""

from django.db.models import QuerySet

from wagtail.permissions import policy_registry

from capabilities.policies import FilteredPermissionPolicy
from portfolio.people.models import Team
from portfolio.people.policies import OwnRowsPermissionPolicy
from portfolio.reports.models import PersonYearSummary, ReportView
from portfolio.reports.registry import Audience, report_get


def _is_member(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.organisation_id is not None
    )


def _managed_teams(user) -> QuerySet[Team]:
    return Team.objects.filter(managers=user, organisation_id=user.organisation_id)


class ReportPermissionPolicy(FilteredPermissionPolicy):
    """Actions are report keys (see ``portfolio.reports.registry``); the
    instances are the audit rows, which organisation admins may read."""

    def audiences_of(self, user) -> frozenset[Audience]:
        if not _is_member(user):
            return frozenset()
        held = set()
        if user.is_org_admin:
            held.add(Audience.ORG_ADMIN)
        if user.is_training_editor:
            held.add(Audience.TRAINING_TEAM)
        # A team manager is a supervisor who manages a team (the flag first,
        # so nobody else pays a query on every page for the navigation).
        if user.is_supervisor and _managed_teams(user).exists():
            held.add(Audience.TEAM_MANAGER)
        return frozenset(held)

    def user_has_permission(self, user, action):
        report = report_get(action)
        return report is not None and bool(self.audiences_of(user) & report.audiences)

    def instances_user_has_any_permission_for(self, user, actions):
        if "view" in actions and _is_member(user) and user.is_org_admin:
            return ReportView.objects.filter(organisation_id=user.organisation_id)
        return ReportView.objects.none()

    def teams_in_scope(self, user, report_key: str) -> QuerySet[Team]:
        """The teams ``user`` may see in this report: all of their
        organisation's for an admin or the training team, else those they
        manage. Empty when they may not open the report at all."""
        report = report_get(report_key)
        audiences = self.audiences_of(user)
        if report is None or not audiences & report.audiences:
            return Team.objects.none()
        whole = {Audience.ORG_ADMIN, Audience.TRAINING_TEAM} & report.audiences
        if audiences & whole:
            return Team.objects.filter(organisation_id=user.organisation_id)
        return _managed_teams(user) if user.is_supervisor else Team.objects.none()

    def whole_organisation(self, user, report_key: str) -> bool:
        """Whether the report covers everyone, including people in no team."""
        report = report_get(report_key)
        whole = {Audience.ORG_ADMIN, Audience.TRAINING_TEAM}
        return report is not None and bool(
            self.audiences_of(user) & report.audiences & whole
        )

    def may_choose_team_managers(self, user) -> bool:
        """Organisation admins decide who manages which of their teams."""
        return Audience.ORG_ADMIN in self.audiences_of(user)

    def sees_exact_figures(self, user) -> bool:
        """Organisation admins only: anyone else has small cells suppressed."""
        return Audience.ORG_ADMIN in self.audiences_of(user)


class PersonYearSummaryPermissionPolicy(OwnRowsPermissionPolicy):
    """A person's yearly summaries are their own figures: only they may read
    the rows. The reports count them as aggregates, for the teams the reports
    policy above puts in scope, and nobody changes them by hand."""

    owner_field = "person"
    actions = frozenset({"view"})


def register_policies() -> None:
    if policy_registry.get_by_type(ReportView, fallback=False) is None:
        policy_registry.register(ReportView, ReportPermissionPolicy(ReportView))
    if policy_registry.get_by_type(PersonYearSummary, fallback=False) is None:
        policy_registry.register(
            PersonYearSummary, PersonYearSummaryPermissionPolicy(PersonYearSummary)
        )
