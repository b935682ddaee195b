"""Who may see and work on supervision: relationships, sessions, review
decisions and the record of who looked at a portfolio.

Relationships are set up and ended by the admins of their organisation. The
parties work inside a current relationship only: once it ends (or the
supervisee is deactivated or moves organisation) the next request sees
nothing.
"""

from django.db.models import Q

from wagtail.permissions import policy_registry

from portfolio.evidence.models import AccessEvent
from portfolio.people.models import Supervision
from portfolio.people.policies import (
    NO_ROW,
    OwnRowsPermissionPolicy,
    ScopedPermissionPolicy,
)
from portfolio.people.selectors import current_supervisions, current_supervisions_of
from portfolio.supervision.models import (
    PeerConfirmationLink,
    ReviewDecision,
    SupervisionFrequency,
    SupervisionSession,
)

NOTHING = Q(pk__in=[])


def _current_party(user, prefix: str = "") -> Q:
    """Current relationships with an active supervisee that ``user`` is part
    of (``prefix`` reaches the relationship from a related row)."""
    current = current_supervisions().filter(
        Q(supervisor=user) | Q(supervisee=user), supervisee__is_active=True
    )
    return Q(**{f"{prefix}pk__in": current.values("pk")})


def _organisation_admin_of(user) -> Q:
    """Relationships in the organisation the user administers."""
    if user.is_org_admin and user.organisation_id:
        return Q(organisation_id=user.organisation_id)
    return NOTHING


class SupervisionPermissionPolicy(ScopedPermissionPolicy):
    """``view``: the parties and the organisation's admins. ``supervise``:
    a current supervisor in their own organisation (sees the supervisee's
    shared work, records sessions). ``record_session``: either party of a
    current relationship. ``add``/``end``: the organisation's admins."""

    actions = frozenset({"view", "supervise", "record_session", "add", "end"})

    def rule(self, user, action):
        if action == "view":
            return (
                Q(supervisor=user) | Q(supervisee=user) | _organisation_admin_of(user)
            )
        if action == "supervise":
            return Q(pk__in=current_supervisions_of(user).values("pk"))
        if action == "record_session":
            return _current_party(user)
        return _organisation_admin_of(user)

    def user_has_permission(self, user, action):
        if action in ("add", "end"):
            return super().user_has_permission(user, action) and user.is_org_admin
        return super().user_has_permission(user, action)


class SupervisionSessionPermissionPolicy(ScopedPermissionPolicy):
    """Sessions of a current relationship, for its two parties: ``view``, and
    ``make_entry`` (start a CPD entry from it). The supervisor's private note
    is shown to the supervisor only, by the supervisor's pages."""

    actions = frozenset({"view", "make_entry"})

    def rule(self, user, action):
        return _current_party(user, prefix="supervision__")


class ReviewDecisionPermissionPolicy(ScopedPermissionPolicy):
    """A review decision is read by the entry's owner and by who made it."""

    actions = frozenset({"view"})

    def rule(self, user, action):
        return Q(entry__owner=user) | Q(reviewer=user)


class AccessEventPermissionPolicy(OwnRowsPermissionPolicy):
    """Who looked at a portfolio is for its owner to read; nobody changes it."""

    owner_field = "owner"
    actions = frozenset({"view"})


class SupervisionFrequencyPermissionPolicy(ScopedPermissionPolicy):
    """The organisation's supervision policy: its members read it, its admins
    (the principal social worker's role here) change it."""

    actions = frozenset({"view", "change"})

    def user_has_permission(self, user, action):
        if action == "change":
            return super().user_has_permission(user, action) and user.is_org_admin
        return super().user_has_permission(user, action)

    def rule(self, user, action):
        if not user.organisation_id or (action == "change" and not user.is_org_admin):
            return NO_ROW
        return Q(organisation_id=user.organisation_id)


class PeerConfirmationLinkPermissionPolicy(ScopedPermissionPolicy):
    """Who was asked to confirm an entry's peer reflection is the owner's to
    see; the peer uses the link without signing in."""

    actions = frozenset({"view"})

    def rule(self, user, action):
        return Q(entry__owner=user)


def frequency_policy() -> SupervisionFrequencyPermissionPolicy:
    return policy_registry.get_by_type(SupervisionFrequency)


def supervision_policy() -> SupervisionPermissionPolicy:
    return policy_registry.get_by_type(Supervision)


def session_policy() -> SupervisionSessionPermissionPolicy:
    return policy_registry.get_by_type(SupervisionSession)


def access_event_policy() -> AccessEventPermissionPolicy:
    return policy_registry.get_by_type(AccessEvent)


def register_policies() -> None:
    for model, policy_class in (
        (Supervision, SupervisionPermissionPolicy),
        (SupervisionSession, SupervisionSessionPermissionPolicy),
        (ReviewDecision, ReviewDecisionPermissionPolicy),
        (AccessEvent, AccessEventPermissionPolicy),
        (SupervisionFrequency, SupervisionFrequencyPermissionPolicy),
        (PeerConfirmationLink, PeerConfirmationLinkPermissionPolicy),
    ):
        if policy_registry.get_by_type(model, fallback=False) is None:
            policy_registry.register(model, policy_class(model))
