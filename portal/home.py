"""What each role sees first on the home page: what to do next.

A practitioner sees where they stand this registration year, their reviews,
the development plan's next objective, when supervision is due and suggested
learning; a supervisor sees the review queue and supervisees' supervision due.
Every figure comes from the owning app's selectors, each read once.
"""

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from capabilities.selectors import active_pcf
from portfolio.appraisal.plan_panel import shared_plan
from portfolio.appraisal.selectors import next_objective
from portfolio.evidence.dashboard_panels import DashboardReads, dashboard_panels_for
from portfolio.evidence.registration_year import registration_year_containing
from portfolio.evidence.selectors import (
    Readiness,
    coverage_heatmap,
    registration_readiness,
)
from portfolio.people.roles import Role
from portfolio.people.selectors import current_supervisions_of, people_policy
from portfolio.supervision.selectors import (
    SupervisionDue,
    review_queue,
    reviews_of_own_entries,
    supervision_due_for_supervisee,
    supervision_due_list,
)

#: How many entries of the review queue the home page lists.
QUEUE_SHOWN = 5


@dataclass
class HomeSection:
    key: str
    title: str
    lines: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class PractitionerHome:
    readiness: Readiness
    reviews: list  # own entries waiting for review or returned
    next_objective: object | None
    supervision_due: list[SupervisionDue]
    panels: list[tuple[str, dict]]


@dataclass
class SupervisorHome:
    queue: list  # the first entries waiting for review
    queue_count: int
    due: list[SupervisionDue]


def practitioner_home(request, *, today: date) -> PractitionerHome:
    user = request.user
    reads = DashboardReads(coverage=coverage_heatmap(user=user, framework=active_pcf()))
    plan = shared_plan(request, reads)
    return PractitionerHome(
        readiness=registration_readiness(user=user, today=today),
        reviews=list(reviews_of_own_entries(owner=user)[:QUEUE_SHOWN]),
        next_objective=next_objective(plan=plan),
        supervision_due=supervision_due_for_supervisee(supervisee=user, today=today),
        panels=dashboard_panels_for(request, reads=reads),
    )


def supervisor_home(*, user, today: date) -> SupervisorHome:
    queue = review_queue(reviewer=user)
    return SupervisorHome(
        queue=list(queue[:QUEUE_SHOWN]),
        queue_count=queue.count(),
        due=supervision_due_list(
            supervisions=current_supervisions_of(user, today=today), today=today
        ),
    )


def home_for(request) -> dict:
    """The home page's context for the signed-in person."""
    user, today = request.user, timezone.localdate()
    return {
        "sections": home_sections_for(user=user),
        "practitioner": practitioner_home(request, today=today)
        if Role.PRACTITIONER in user.roles
        else None,
        "supervisor": supervisor_home(user=user, today=today)
        if Role.SUPERVISOR in user.roles
        else None,
    }


def home_sections_for(*, user) -> list[HomeSection]:
    roles = user.roles
    sections = []
    if Role.PRACTITIONER in roles:
        today = timezone.localdate()
        year = registration_year_containing(today)
        lines = [
            _(
                "Social Work England asks for at least 2 pieces of CPD each year, "
                "at least 1 of them including peer reflection."
            ),
        ]
        if year.in_renewal_window(today):
            lines.append(
                _("Renewal is open: %(days)s days left to record your CPD.")
                % {"days": year.days_left(today)}
            )
        sections.append(
            HomeSection(
                "practitioner",
                _("Your portfolio"),
                lines,
                [
                    (_("Record CPD"), reverse("portfolio:entry_create")),
                    (
                        _("See your readiness and coverage"),
                        reverse("portfolio:dashboard"),
                    ),
                ],
            )
        )
    if Role.SUPERVISOR in roles:
        # Its queue and due dates come from supervisor_home().
        sections.append(
            HomeSection(
                "supervisor",
                _("Your supervisees"),
                links=[(_("Go to supervision"), reverse("supervision:home"))],
            )
        )
    if roles & {Role.TRAINING_EDITOR, Role.TRAINING_REVIEWER}:
        sections.append(
            HomeSection(
                "training_editor",
                _("Learning content"),
                [
                    _(
                        "Draft research summaries and training; a reviewer "
                        "approves them before they are published."
                    )
                ],
                [(_("Go to content admin"), reverse("wagtailadmin_home"))],
            )
        )
    if Role.ORG_ADMIN in roles and user.organisation is not None:
        count = (
            people_policy()
            .instances_user_has_any_permission_for(user, ["change"])
            .filter(is_active=True)
            .count()
        )
        sections.append(
            HomeSection(
                "org_admin",
                _("Your organisation: %(name)s") % {"name": user.organisation},
                [_("%(count)s active accounts.") % {"count": count}],
                [
                    (_("Invite a colleague"), reverse("portfolio:person_invite")),
                    (_("Manage people"), reverse("portfolio:people_list")),
                    (
                        _("Organisation settings"),
                        reverse("portfolio:organisation_settings"),
                    ),
                ],
            )
        )
    if Role.SITE_ADMIN in roles:
        sections.append(
            HomeSection(
                "site_admin",
                _("Site administration"),
                [_("Manage organisations, frameworks and site settings.")],
                [(_("Go to content admin"), reverse("wagtailadmin_home"))],
            )
        )
    return sections
