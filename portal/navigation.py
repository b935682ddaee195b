"""The header navigation: what each person can do, decided by the policies.

Every page a signed-in person opens pays for the header, so what it needs
from the database (the ASYE hub's offer, access to the content admin, the
unread notifications) is asked in one query on the person's own row.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Value
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learning.selectors import learning_home_url
from portfolio.asye.selectors import asye_offered_condition
from portfolio.notifications.selectors import unread_count, unread_count_annotation
from portfolio.people.roles import Role
from portfolio.people.selectors import organisation_policy, people_policy
from portfolio.reports.scope import reports_policy

#: Wagtail's own permission for its admin, the one its views check.
CONTENT_ADMIN_PERMISSION = ("wagtailadmin", "access_admin")


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url: str
    current: bool = False


@dataclass(frozen=True)
class Header:
    items: list[NavItem]
    unread_notifications: int


def header_for(request) -> Header:
    """The navigation and the unread count for the signed-in person."""
    user = request.user
    if not user.is_authenticated:
        return Header([], 0)
    if not user.is_active:
        # A leaver in their grace period: no navigation (the leaving pages
        # are all they may open).
        return Header([], unread_count(recipient=user))
    facts = _header_facts(user)
    return Header(_items(request, facts), facts["unread"])


def navigation_for(request) -> list[NavItem]:
    return header_for(request).items


def _as_annotation(condition):
    if isinstance(condition, bool):
        return Value(condition, output_field=BooleanField())
    return ExpressionWrapper(condition, output_field=BooleanField())


def _content_admin_condition(user):
    """``user.has_perm("wagtailadmin.access_admin")`` for an active person
    (Django's ModelBackend: a superuser, or the permission given to them or
    to one of their groups), as one expression instead of its two queries.
    Plain SQL: the ORM's version of these joins costs more to build than all
    the rest of a page's header."""
    if user.is_superuser:
        return True
    quote = connection.ops.quote_name
    tables = {
        "user_permissions": get_user_model().user_permissions.through,
        "user_groups": get_user_model().groups.through,
        "group_permissions": Group.permissions.through,
        "permissions": Permission,
        "content_types": ContentType,
    }
    t = {name: quote(model._meta.db_table) for name, model in tables.items()}
    permission = (
        f"SELECT p.id FROM {t['permissions']} p JOIN {t['content_types']} ct "  # noqa: S608
        "ON ct.id = p.content_type_id WHERE ct.app_label = %s AND p.codename = %s"
    )
    # Only our own table names are formatted in; the values are parameters.
    return RawSQL(  # noqa: S611
        f"EXISTS (SELECT 1 FROM {t['user_permissions']} "  # noqa: S608
        f"WHERE user_id = %s AND permission_id IN ({permission})) "
        f"OR EXISTS (SELECT 1 FROM {t['user_groups']} ug "
        f"JOIN {t['group_permissions']} gp ON gp.group_id = ug.group_id "
        f"WHERE ug.user_id = %s AND gp.permission_id IN ({permission}))",
        (user.pk, *CONTENT_ADMIN_PERMISSION, user.pk, *CONTENT_ADMIN_PERMISSION),
        output_field=BooleanField(),
    )


def _header_facts(user) -> dict:
    return (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            asye=_as_annotation(asye_offered_condition(user=user)),
            content_admin=_as_annotation(_content_admin_condition(user)),
            unread=unread_count_annotation(recipient=user),
        )
        .values("asye", "content_admin", "unread")
        .get()
    )


def _items(request, facts) -> list[NavItem]:
    user = request.user
    candidates = [("home", _("Home"), "home")]
    if Role.PRACTITIONER in user.roles:
        candidates.append(("portfolio", _("Portfolio"), "portfolio:dashboard"))
    if Role.PRACTITIONER in user.roles:
        candidates.append(("career", _("Career"), "career:mine"))
    if Role.SUPERVISOR in user.roles:
        candidates.append(("supervision", _("Supervision"), "supervision:home"))
    if Role.PRACTITIONER in user.roles or Role.SUPERVISOR in user.roles:
        candidates.append(("appraisals", _("Appraisals"), "appraisal:list"))
    if facts["asye"]:
        candidates.append(("asye", _("ASYE"), "asye:home"))
    candidates.append(("frameworks", _("Frameworks"), "capabilities:framework_index"))
    # Learning is a Wagtail page tree, not a URL name: it is offered once its
    # home page is published.
    learning_url = learning_home_url()
    if learning_url:
        candidates.append(("learning", _("Learning"), learning_url))
    if people_policy().user_has_permission(user, "add"):
        candidates.append(("people", _("People"), "portfolio:people_list"))
    # Changing one's own organisation (the policy's instance rule adds only
    # that it is one's own): no need to load the organisation's row.
    if user.organisation_id is not None and organisation_policy().user_has_permission(
        user, "change"
    ):
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
    if facts["content_admin"]:
        candidates.append(("admin", _("Content admin"), "wagtailadmin_home"))
    items = []
    for key, label, url_name in candidates:
        url = url_name if url_name.startswith("/") else reverse(url_name)
        items.append(NavItem(key, label, url, current=_is_current(request.path, url)))
    return items


def _is_current(path: str, url: str) -> bool:
    return path == url if url == "/" else path.startswith(url)
