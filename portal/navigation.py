"""The header navigation: what each person can do, decided by the policies."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learning.selectors import learning_home_url
from portfolio.asye.selectors import asye_offered_to
from portfolio.people.roles import Role
from portfolio.people.selectors import organisation_policy, people_policy
from portfolio.reports.scope import reports_policy


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url: str
    current: bool = False


def navigation_for(request) -> list[NavItem]:
    user = request.user
    if not (user.is_authenticated and user.is_active):
        return []
    organisation = user.organisation
    manages_organisation = (
        organisation is not None
        and organisation_policy().user_has_permission_for_instance(
            user, "change", organisation
        )
    )
    candidates = [("home", _("Home"), "home")]
    if Role.PRACTITIONER in user.roles:
        candidates.append(("portfolio", _("Portfolio"), "portfolio:dashboard"))
    if Role.PRACTITIONER in user.roles:
        candidates.append(("career", _("Career"), "career:mine"))
    if Role.SUPERVISOR in user.roles:
        candidates.append(("supervision", _("Supervision"), "supervision:home"))
    if Role.PRACTITIONER in user.roles or Role.SUPERVISOR in user.roles:
        candidates.append(("appraisals", _("Appraisals"), "appraisal:list"))
    if asye_offered_to(user=user):
        candidates.append(("asye", _("ASYE"), "asye:home"))
    candidates.append(("frameworks", _("Frameworks"), "capabilities:framework_index"))
    # Learning is a Wagtail page tree, not a URL name: it is offered once its
    # home page is published.
    learning_url = learning_home_url()
    if learning_url:
        candidates.append(("learning", _("Learning"), learning_url))
    if people_policy().user_has_permission(user, "add"):
        candidates.append(("people", _("People"), "portfolio:people_list"))
    if manages_organisation:
        candidates += [
            ("relationships", _("Supervision set-up"), "supervision:relationships"),
            (
                "organisation",
                _("Organisation settings"),
                "portfolio:organisation_settings",
            ),
        ]
    if reports_policy().audiences_of(user):
        candidates.append(("reports", _("Reports"), "reports:index"))
    if user.has_perm("wagtailadmin.access_admin"):
        candidates.append(("admin", _("Content admin"), "wagtailadmin_home"))
    items = []
    for key, label, url_name in candidates:
        url = url_name if url_name.startswith("/") else reverse(url_name)
        items.append(NavItem(key, label, url, current=_is_current(request.path, url)))
    return items


def _is_current(path: str, url: str) -> bool:
    return path == url if url == "/" else path.startswith(url)
