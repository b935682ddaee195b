"""Django groups that carry the Wagtail permissions each role needs.

Roles are the source of truth (flags on the user); the groups exist because
Wagtail's admin checks Django permissions. They are created idempotently after
every migrate and listed in docs/permissions.md.
"""

from django.contrib.auth.models import Group, Permission

from portfolio.people.roles import Role

#: group name -> (role, permission codenames as "app_label.codename")
ROLE_GROUPS = {
    "Training editors": (Role.TRAINING_EDITOR, ["wagtailadmin.access_admin"]),
    # Learning content needs their approval before it is published; the page
    # permissions themselves are granted by learning (learning/setup.py).
    "Training reviewers": (Role.TRAINING_REVIEWER, ["wagtailadmin.access_admin"]),
    # For their organisation's local frameworks and crosswalks.
    "Organisation admins": (Role.ORG_ADMIN, ["wagtailadmin.access_admin"]),
}


def role_groups_ensure() -> None:
    for name, (_role, permissions) in ROLE_GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for dotted in permissions:
            app_label, codename = dotted.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)


def staff_member_sync_groups(*, user) -> None:
    """Put the person in exactly the role groups their roles call for."""
    role_groups_ensure()
    for name, (role, _permissions) in ROLE_GROUPS.items():
        group = Group.objects.get(name=name)
        if role in user.roles:
            user.groups.add(group)
        else:
            user.groups.remove(group)
