"""Who may see and change CPD entries (and, through them, their files).

A practitioner sees and changes only their own portfolio. A current supervisor
(in the same organisation) may view and review complete entries the
practitioner has shared or sent for review; never drafts, never after the
relationship ends.
"""

from dataclasses import dataclass

from django.db.models import DateField, Exists, OuterRef, Q
from django.db.models.functions import Cast

from wagtail.permissions import policy_registry

from capabilities.policies import FilteredPermissionPolicy
from portfolio.evidence.models import (
    Attachment,
    Entry,
    EntryMapping,
    EntryState,
    ReviewState,
)
from portfolio.people.policies import ScopedPermissionPolicy
from portfolio.people.selectors import current_supervisions_of

OWNER_ACTIONS = frozenset({"view", "change", "delete", "export", "share"})
SUPERVISOR_ACTIONS = frozenset({"view", "review"})


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _shared_with_supervisor(user) -> Q:
    """Complete entries of the user's current supervisees that are shared with
    their supervisors, or were sent for review since this relationship began
    (a new supervisor does not inherit an old review)."""
    current = current_supervisions_of(user).filter(supervisee_id=OuterRef("owner_id"))
    reviewed_since_start = current.filter(
        starts_on__lte=Cast(OuterRef("review_requested_at"), DateField())
    )
    return Q(state=EntryState.COMPLETE) & (
        (Q(shared_with_supervisors=True) & Exists(current))
        | (~Q(review_state="") & Exists(reviewed_since_start))
    )


class EntryPermissionPolicy(FilteredPermissionPolicy):
    def user_has_permission(self, user, action):
        # Anyone active may keep a portfolio of their own.
        return _active(user) and action in (
            OWNER_ACTIONS | SUPERVISOR_ACTIONS | {"add"}
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not _active(user):
            return Entry.objects.none()
        actions = set(actions)
        allowed = Q(pk__in=[])
        if actions & OWNER_ACTIONS:
            allowed |= Q(owner=user)
        if actions & SUPERVISOR_ACTIONS:
            allowed |= _shared_with_supervisor(user)
        return Entry.objects.filter(allowed)


def entry_policy() -> EntryPermissionPolicy:
    """The registered policy for entries: every check on an entry asks it."""
    return policy_registry.get_by_type(Entry)


class EntryPartPermissionPolicy(ScopedPermissionPolicy):
    """A part of an entry (a file, a mapping to the framework) goes with its
    entry: whoever may take an action on the entry may take it on the part."""

    actions = OWNER_ACTIONS | SUPERVISOR_ACTIONS

    def rule(self, user, action):
        entries = policy_registry.get_by_type(
            Entry
        ).instances_user_has_any_permission_for(user, [action])
        return Q(entry__in=entries.values("pk"))


@dataclass(frozen=True)
class EntrySharingActions:
    """What the owner may do about sharing an entry now."""

    can_share: bool = False
    can_request_review: bool = False
    #: Ask the colleague they reflected with to confirm it (once confirmed,
    #: there is nothing more to ask).
    can_ask_peer: bool = False


def entry_sharing_actions(*, user, entry) -> EntrySharingActions:
    """Only a complete entry is shared or sent for review, and one already
    waiting for review is not sent again."""
    may_share = entry.state == EntryState.COMPLETE and policy_registry.get_by_type(
        Entry
    ).user_has_permission_for_instance(user, "share", entry)
    return EntrySharingActions(
        can_share=may_share,
        can_request_review=may_share and entry.review_state != ReviewState.WAITING,
        can_ask_peer=may_share
        and bool(entry.peer_reflection)
        and entry.peer_confirmed_at is None,
    )


def register_policies() -> None:
    if policy_registry.get_by_type(Entry, fallback=False) is None:
        policy_registry.register(Entry, EntryPermissionPolicy(Entry))
    for part in (Attachment, EntryMapping):
        if policy_registry.get_by_type(part, fallback=False) is None:
            policy_registry.register(part, EntryPartPermissionPolicy(part))
