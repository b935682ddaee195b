"""Who may see and act on career-path requests and the level history.

A request is the person's own to make and withdraw while it is open; a
current supervisor recommends while it waits for them; an admin who manages
the person decides once it has a recommendation. The same rules scope the
lists ("waiting for you") and tell the pages which buttons to show.
"""

from django.db.models import Q

from wagtail.permissions import policy_registry

from portfolio.career.models import LevelChange, LevelRequest, LevelRequestState
from portfolio.people.policies import ScopedPermissionPolicy
from portfolio.people.selectors import people_policy, supervisee_ids_of

#: A request still waiting for someone: its owner may withdraw it.
OPEN_STATES = (
    LevelRequestState.REQUESTED,
    LevelRequestState.RECOMMENDED,
    LevelRequestState.NOT_RECOMMENDED,
)
WAITING_FOR_DECISION = (
    LevelRequestState.RECOMMENDED,
    LevelRequestState.NOT_RECOMMENDED,
)


def _managed_by(user) -> Q:
    """People whose accounts ``user`` manages, never themselves."""
    managed = (
        people_policy()
        .instances_user_has_any_permission_for(user, ["change"])
        .exclude(pk=user.pk)
    )
    return Q(person__in=managed.values("pk"))


def _supervised_by(user) -> Q:
    return Q(person_id__in=supervisee_ids_of(user))


class LevelRequestPermissionPolicy(ScopedPermissionPolicy):
    actions = frozenset({"view", "withdraw", "recommend", "decide"})

    def rule(self, user, action):
        if action == "withdraw":
            return Q(person=user, state__in=OPEN_STATES)
        if action == "recommend":
            return _supervised_by(user) & Q(state=LevelRequestState.REQUESTED)
        if action == "decide":
            return _managed_by(user) & Q(state__in=WAITING_FOR_DECISION)
        return Q(person=user) | _supervised_by(user) | _managed_by(user)


class LevelChangePermissionPolicy(ScopedPermissionPolicy):
    """The history of moves is the person's, and their admins' to read."""

    actions = frozenset({"view"})

    def rule(self, user, action):
        return Q(person=user) | _managed_by(user)


def level_request_policy() -> LevelRequestPermissionPolicy:
    return policy_registry.get_by_type(LevelRequest)


def register_policies() -> None:
    for model, policy_class in (
        (LevelRequest, LevelRequestPermissionPolicy),
        (LevelChange, LevelChangePermissionPolicy),
    ):
        if policy_registry.get_by_type(model, fallback=False) is None:
            policy_registry.register(model, policy_class(model))
