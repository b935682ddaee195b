"""The header navigation: what each person can do, decided by the policies."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portfolio.people.roles import Role
from portfolio.people.selectors import organisation_policy, people_policy


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
    candidates = [("home", _("Home"), reverse("home"))]
    if Role.PRACTITIONER in user.roles:
        candidates.append(("portfolio", _("Portfolio"), reverse("portfolio:dashboard")))
    candidates.append(
        ("frameworks", _("Frameworks"), reverse("capabilities:framework_index"))
    )
    if people_policy().user_has_permission(user, "add"):
        candidates.append(("people", _("People"), reverse("portfolio:people_list")))
    organisation = user.organisation
    if (
        organisation is not None
        and organisation_policy().user_has_permission_for_instance(
            user, "change", organisation
        )
    ):
        candidates.append(
            (
                "organisation",
                _("Organisation settings"),
                reverse("portfolio:organisation_settings"),
            )
        )
    if user.has_perm("wagtailadmin.access_admin"):
        candidates.append(("admin", _("Content admin"), reverse("wagtailadmin_home")))
    return [
        NavItem(key, label, url, current=_is_current(request.path, url))
        for key, label, url in candidates
    ]


def _is_current(path: str, url: str) -> bool:
    return path == url if url == "/" else path.startswith(url)
