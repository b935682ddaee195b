"""Who may do what with learning content outside Wagtail's own page
permissions (which govern drafting, approving and publishing).

Recording attendance at a training event is the training team's job: an
active training editor or reviewer, for staff of their own organisation.
"""

from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import policy_registry

from learning.models import ContentView, EventAttendance, ReadMark
from portfolio.people.policies import OwnRowsPermissionPolicy
from portfolio.people.roles import Role

TRAINING_TEAM = frozenset({Role.TRAINING_EDITOR, Role.TRAINING_REVIEWER})


def _in_training_team(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.organisation_id
        and TRAINING_TEAM & user.roles
    )


class AttendancePermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        return action in ("add", "view") and _in_training_team(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and instance.attendee.organisation_id == user.organisation_id
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not any(self.user_has_permission(user, action) for action in actions):
            return EventAttendance.objects.none()
        return EventAttendance.objects.filter(
            attendee__organisation_id=user.organisation_id
        )


class ReadMarkPermissionPolicy(OwnRowsPermissionPolicy):
    """Marking a page read is the reader's own business."""

    owner_field = "user"


class ContentViewPermissionPolicy(OwnRowsPermissionPolicy):
    """A person's own page views. The learning-content report counts them in
    aggregate through the reports policy; nobody reads another's rows."""

    owner_field = "user"
    actions = frozenset({"view", "add"})


def attendance_policy() -> AttendancePermissionPolicy:
    return policy_registry.get_by_type(EventAttendance)


def can_record_attendance(*, user, event) -> bool:
    return attendance_policy().user_has_permission(user, "add")


def register_policies() -> None:
    if policy_registry.get_by_type(EventAttendance, fallback=False) is None:
        policy_registry.register(
            EventAttendance, AttendancePermissionPolicy(EventAttendance)
        )
    for model, policy_class in (
        (ReadMark, ReadMarkPermissionPolicy),
        (ContentView, ContentViewPermissionPolicy),
    ):
        if policy_registry.get_by_type(model, fallback=False) is None:
            policy_registry.register(model, policy_class(model))
