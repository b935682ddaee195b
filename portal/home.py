"""What each role sees first on the home page."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portfolio.evidence.registration_year import registration_year_containing
from portfolio.people.roles import Role
from portfolio.people.selectors import people_policy


@dataclass
class HomeSection:
    key: str
    title: str
    lines: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)


def home_sections_for(*, user) -> list[HomeSection]:
    roles = user.roles
    sections = []
    if Role.PRACTITIONER in roles:
        today = timezone.localdate()
        year = registration_year_containing(today)
        lines = [
            _("Your registration year runs from %(start)s to %(end)s.")
            % {
                "start": year.starts.strftime("%-d %B %Y"),
                "end": year.ends.strftime("%-d %B %Y"),
            },
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
        sections.append(
            HomeSection(
                "supervisor",
                _("Your supervisees"),
                [_("Evidence your supervisees share with you will appear here.")],
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
