"""Who may see and act on an assessed year.

The NQSW sees their own year and keeps its reflection log; the assessor (and
the named manager) see it, and the assessor records the support plan, the
reviews and the recommendation while it is in progress; the organisation's
admins assign years and read them all; the moderation panel's members decide
on years waiting for the panel — never their own, nor one they assess.
"""

from django.db.models import Q

from wagtail.permissions import policy_registry

from portfolio.asye.models import (
    AssessedYear,
    PanelDecision,
    PanelMember,
    ReflectionLogEntry,
    SupportPlan,
    YearReview,
    YearState,
)
from portfolio.people.policies import NO_ROW, ScopedPermissionPolicy


def _admin_of(user, field: str = "organisation_id") -> Q:
    """Rows of the organisation ``user`` administers (site admins: every one)."""
    if user.is_superuser:
        return Q(pk__isnull=False)
    if user.is_org_admin and user.organisation_id:
        return Q(**{field: user.organisation_id})
    return NO_ROW


def _panel_of(user) -> Q:
    if not user.organisation_id:
        return NO_ROW
    panels = PanelMember.objects.filter(
        member=user, organisation_id=user.organisation_id
    ).values("organisation_id")
    return Q(organisation_id__in=panels) & ~Q(nqsw=user) & ~Q(assessor=user)


class AssessedYearPermissionPolicy(ScopedPermissionPolicy):
    actions = frozenset({"view", "assess", "reflect", "manage", "moderate"})

    def user_has_permission(self, user, action):
        # Assigning years and reading the cohort is the organisation admin's.
        if action == "manage" and super().user_has_permission(user, action):
            return user.is_org_admin or user.is_superuser
        return super().user_has_permission(user, action)

    def rule(self, user, action):
        in_progress = Q(state=YearState.IN_PROGRESS)
        if action == "assess":
            return Q(assessor=user) & in_progress
        if action == "reflect":
            return Q(nqsw=user) & in_progress
        if action == "manage":
            return _admin_of(user)
        if action == "moderate":
            return _panel_of(user) & Q(state=YearState.AT_PANEL)
        return Q(nqsw=user) | Q(assessor=user) | Q(manager=user) | _admin_of(user)


def asye_year_policy() -> AssessedYearPermissionPolicy:
    return policy_registry.get_by_type(AssessedYear)


class YearPartPermissionPolicy(ScopedPermissionPolicy):
    """A part of a year (plan, review, reflection, decision) is seen by whoever
    may see the year; panel members also see the parts of a year they
    moderate or have moderated."""

    actions = frozenset({"view"})

    def rule(self, user, action):
        years = asye_year_policy().instances_user_has_any_permission_for(user, ["view"])
        return Q(year__in=years.values("pk")) | Q(
            year__in=AssessedYear.objects.filter(_panel_of(user)).values("pk")
        )


class PanelMemberPermissionPolicy(ScopedPermissionPolicy):
    """The panel's membership is its organisation's admins' to manage."""

    actions = frozenset({"view", "add", "delete"})

    def rule(self, user, action):
        if action == "view":
            return _admin_of(user) | Q(member=user)
        return _admin_of(user)


def panel_member_policy() -> PanelMemberPermissionPolicy:
    return policy_registry.get_by_type(PanelMember)


def register_policies() -> None:
    for model, policy_class in (
        (AssessedYear, AssessedYearPermissionPolicy),
        (SupportPlan, YearPartPermissionPolicy),
        (YearReview, YearPartPermissionPolicy),
        (ReflectionLogEntry, YearPartPermissionPolicy),
        (PanelDecision, YearPartPermissionPolicy),
        (PanelMember, PanelMemberPermissionPolicy),
    ):
        if policy_registry.get_by_type(model, fallback=False) is None:
            policy_registry.register(model, policy_class(model))
