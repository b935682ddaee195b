"""Notifications, their email deliveries and email choices belong to their
recipient alone: nobody else reads or changes them, whatever their role.
(Deliveries are written and claimed by the notification services, never by
a person: their policy only answers who may see them.)"""

from wagtail.permissions import policy_registry

from portfolio.notifications.models import Dispatch, EmailOptOut, Notification
from portfolio.people.policies import OwnRowsPermissionPolicy


class NotificationPermissionPolicy(OwnRowsPermissionPolicy):
    """``change`` is marking read."""

    owner_field = "recipient"
    actions = frozenset({"view", "change"})


class DispatchPermissionPolicy(OwnRowsPermissionPolicy):
    owner_field = "recipient"
    actions = frozenset({"view"})


class EmailOptOutPermissionPolicy(OwnRowsPermissionPolicy):
    owner_field = "user"
    actions = frozenset({"view", "add", "delete"})


def notification_policy() -> NotificationPermissionPolicy:
    return policy_registry.get_by_type(Notification)


def register_policies() -> None:
    for model, policy_class in (
        (Notification, NotificationPermissionPolicy),
        (Dispatch, DispatchPermissionPolicy),
        (EmailOptOut, EmailOptOutPermissionPolicy),
    ):
        if policy_registry.get_by_type(model, fallback=False) is None:
            policy_registry.register(model, policy_class(model))
