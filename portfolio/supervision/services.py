"""Writes about supervision: relationships, sharing and reviewing evidence,
sessions, and the audit trail of who looked at a portfolio."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portfolio.evidence.models import Entry, EntryState, ReviewState
from portfolio.evidence.policies import entry_policy
from portfolio.evidence.services import (
    MAX_HOURS,
    MIN_HOURS,
    access_record,
    entry_save,
)
from portfolio.notifications.models import DispatchKind
from portfolio.notifications.services import dispatch_record
from portfolio.people.audit import audit_record
from portfolio.people.link_tokens import link_token_hash, link_token_new
from portfolio.people.models import Supervision
from portfolio.people.selectors import current_supervisions, people_policy
from portfolio.supervision.models import (
    PeerConfirmationLink,
    ReviewDecision,
    ReviewDecisionKind,
    SupervisionFrequency,
    SupervisionSession,
)
from portfolio.supervision.policies import (
    frequency_policy,
    session_policy,
    supervision_policy,
)

NOT_A_SUPERVISOR = "Choose someone who has the supervisor role."
NOT_IN_ORGANISATION = "Both people must belong to your organisation."
SELF_SUPERVISION = "Nobody can supervise themselves."
ENDS_BEFORE_START = "The end date must be on or after the start date."
ONLY_COMPLETE_SHARED = "Complete the entry before you share it or send it for review."
PEER_LINK_INVALID = "This link is not valid: it has been used or has expired."
NO_PEER_REFLECTION = (
    "Write your peer reflection before you ask your peer to confirm it."
)
#: How long a peer has to confirm.
PEER_LINK_LIFETIME = timedelta(days=14)
REASON_NEEDED = "Say what needs to change, so they know what to do."


@transaction.atomic
def supervision_start(
    *, created_by, supervisor, supervisee, kind: str, starts_on: date
) -> Supervision:
    """An organisation admin records that ``supervisor`` supervises
    ``supervisee`` from ``starts_on``. Raises PermissionDenied or
    ValidationError."""
    policy = people_policy()
    for person in (supervisor, supervisee):
        if not policy.user_has_permission_for_instance(created_by, "change", person):
            raise PermissionDenied
    if supervisor.pk == supervisee.pk:
        raise ValidationError({"supervisee": _(SELF_SUPERVISION)})
    if not supervisor.is_supervisor:
        raise ValidationError({"supervisor": _(NOT_A_SUPERVISOR)})
    if supervisor.organisation_id != supervisee.organisation_id:
        raise ValidationError({"supervisee": _(NOT_IN_ORGANISATION)})
    supervision = Supervision.objects.create(
        organisation_id=supervisor.organisation_id,
        supervisor=supervisor,
        supervisee=supervisee,
        kind=kind,
        starts_on=starts_on,
        created_by=created_by,
    )
    audit_record(
        action="supervision.started",
        actor=created_by,
        organisation=supervisee.organisation,
        subject=supervisee,
        target=supervision,
        after={
            "supervisor": str(supervisor),
            "kind": kind,
            "starts_on": str(starts_on),
        },
    )
    return supervision


@transaction.atomic
def supervision_end(
    *, ended_by, supervision: Supervision, ends_on: date
) -> Supervision:
    """End a relationship; the supervisor's access ends with their next request
    after ``ends_on``. Raises PermissionDenied or ValidationError."""
    if not people_policy().user_has_permission_for_instance(
        ended_by, "change", supervision.supervisee
    ):
        raise PermissionDenied
    if ends_on < supervision.starts_on:
        raise ValidationError({"ends_on": _(ENDS_BEFORE_START)})
    before = {"ends_on": str(supervision.ends_on or "")}
    supervision.ends_on = ends_on
    supervision.save(update_fields=["ends_on"])
    audit_record(
        action="supervision.ended",
        actor=ended_by,
        organisation=supervision.supervisee.organisation,
        subject=supervision.supervisee,
        target=supervision,
        before=before,
        after={"ends_on": str(ends_on)},
    )
    return supervision


def _own_complete_entry(owner, entry: Entry) -> Entry:
    if not entry_policy().user_has_permission_for_instance(owner, "share", entry):
        raise PermissionDenied
    if entry.state != EntryState.COMPLETE:
        raise ValidationError(_(ONLY_COMPLETE_SHARED))
    return entry


def _current_supervisors(owner):
    return [
        s.supervisor
        for s in current_supervisions()
        .filter(supervisee=owner)
        .select_related("supervisor")
    ]


@transaction.atomic
def entry_share(*, owner, entry: Entry, shared: bool) -> Entry:
    """Share a complete entry with (or withdraw it from) the owner's current
    supervisors. Completing an entry already passed the confidentiality check."""
    if shared:
        _own_complete_entry(owner, entry)
    elif not entry_policy().user_has_permission_for_instance(owner, "share", entry):
        raise PermissionDenied
    entry.shared_with_supervisors = shared
    if not shared:
        # Withdrawing means withdrawn: out of any review as well.
        entry.review_state = ReviewState.NOT_REQUESTED
    entry.save(update_fields=["shared_with_supervisors", "review_state", "updated_at"])
    return entry


@transaction.atomic
def entry_request_review(*, owner, entry: Entry) -> Entry:
    """Send a complete entry to the owner's current supervisors for review."""
    _own_complete_entry(owner, entry)
    entry.review_state = ReviewState.WAITING
    entry.review_requested_at = timezone.now()
    entry.save(update_fields=["review_state", "review_requested_at", "updated_at"])
    link = reverse("supervision:entry_review", args=[entry.pk])
    requested = f"{entry.review_requested_at:%Y%m%d%H%M%S%f}"
    for supervisor in _current_supervisors(owner):
        dispatch_record(
            kind=DispatchKind.REVIEW_REQUESTED,
            recipient=supervisor,
            key=f"review-requested:{entry.pk}:{requested}:{supervisor.pk}",
            text=_("%(name)s sent “%(title)s” for review.")
            % {"name": owner, "title": entry.title},
            # The email names neither the entry nor anything in it.
            subject=_("An entry waits for your review"),
            body=_("%(name)s sent an entry for your review.") % {"name": owner},
            link=link,
        )
    return entry


@transaction.atomic
def review_decide(
    *, reviewer, entries: list[Entry], kind: str, text: str = ""
) -> list[ReviewDecision]:
    """Record a supervisor's decision on one or more entries: a comment, a
    request for changes (with a reason), or confirmation of the mapped
    capabilities and levels. Only a current supervisor of each entry's owner
    may. The practitioner is notified. Raises PermissionDenied or
    ValidationError; nothing is written unless every entry may be decided."""
    if kind not in ReviewDecisionKind.values:
        raise ValidationError({"kind": _("Choose a decision.")})
    if kind == ReviewDecisionKind.CHANGES_REQUESTED and not text.strip():
        raise ValidationError({"text": _(REASON_NEEDED)})
    policy = entry_policy()
    if not all(
        policy.user_has_permission_for_instance(reviewer, "review", entry)
        for entry in entries
    ):
        raise PermissionDenied
    now = timezone.now()
    decisions = []
    for entry in entries:
        if kind == ReviewDecisionKind.CONFIRMED:
            # No signal for update(): the entry's save below raises the
            # owner's portfolio_version (portfolio.evidence.freshness).
            entry.mappings.update(confirmed_by=reviewer, confirmed_at=now)
            entry.review_state = ReviewState.CONFIRMED
        elif kind == ReviewDecisionKind.CHANGES_REQUESTED:
            entry.review_state = ReviewState.CHANGES_REQUESTED
        entry.save(update_fields=["review_state"])
        decisions.append(
            ReviewDecision.objects.create(
                entry=entry, reviewer=reviewer, kind=kind, text=text
            )
        )
        access_record(viewer=reviewer, entry=entry, action="reviewed")
        decision = ReviewDecisionKind(kind).label.lower()
        dispatch_record(
            kind=DispatchKind.REVIEW_DECISION,
            recipient=entry.owner,
            key=f"review-decision:{decisions[-1].pk}",
            text=_("%(name)s: %(decision)s on “%(title)s”.")
            % {"name": reviewer, "decision": decision, "title": entry.title},
            subject=_("A review decision on one of your entries"),
            body=_("%(name)s: %(decision)s on one of your entries.")
            % {"name": reviewer, "decision": decision},
            link=reverse("portfolio:entry_detail", args=[entry.pk]),
        )
    return decisions


@transaction.atomic
def session_record(
    *, recorded_by, supervision: Supervision, values: dict
) -> SupervisionSession:
    """Either party records a supervision session. Only the supervisor may
    write the private note."""
    if not supervision_policy().user_has_permission_for_instance(
        recorded_by, "record_session", supervision
    ):
        raise PermissionDenied
    fields = ("held_on", "minutes", "kind", "topics", "agreed_actions")
    data = {name: values[name] for name in fields if name in values}
    if recorded_by.pk == supervision.supervisor_id:
        data["supervisor_note"] = values.get("supervisor_note", "")
    if data.get("held_on") and data["held_on"] > timezone.localdate():
        raise ValidationError({"held_on": _("The date cannot be in the future.")})
    return SupervisionSession.objects.create(
        supervision=supervision, created_by=recorded_by, **data
    )


@transaction.atomic
def session_to_entry(*, user, session: SupervisionSession) -> Entry:
    """Start a draft CPD entry from a session for either party. Supervision is
    a discussion with a peer, so it offers the peer reflection question; the
    supervisor's private note never goes into it."""
    if not session_policy().user_has_permission_for_instance(
        user, "make_entry", session
    ):
        raise PermissionDenied
    supervision = session.supervision
    is_supervisee = user.pk == supervision.supervisee_id
    hours = (Decimal(session.minutes) / 60).quantize(Decimal("0.01"))
    return entry_save(
        saved_by=user,
        values={
            "title": _("Supervision on %(date)s")
            % {"date": f"{session.held_on:%-d %B %Y}"},
            "activity_date": session.held_on,
            "cpd_type": "supervision",
            # A session too short (or long) to count as CPD time leaves the
            # hours for the person to fill in, rather than refusing the draft.
            "hours": hours if MIN_HOURS <= hours <= MAX_HOURS else None,
            "description": session.topics,
            "impact": session.agreed_actions,
            "peer_role": (
                supervision.get_kind_display() if is_supervisee else _("supervisee")
            ),
        },
    )


def supervision_frequency_set(
    *,
    changed_by,
    applies_to: str,
    weekly_for_weeks: int,
    fortnightly_until_months: int,
    then_every_days: int,
    minimum_minutes: int,
) -> SupervisionFrequency:
    """The principal social worker (an organisation admin) sets how often one
    group of their organisation's staff is supervised, and for how long.
    Raises PermissionDenied."""
    if not frequency_policy().user_has_permission(changed_by, "change"):
        raise PermissionDenied
    if not changed_by.organisation_id:
        raise PermissionDenied
    rule, _created = SupervisionFrequency.objects.update_or_create(
        organisation_id=changed_by.organisation_id,
        applies_to=applies_to,
        defaults={
            "weekly_for_weeks": weekly_for_weeks,
            "fortnightly_until_months": fortnightly_until_months,
            "then_every_days": then_every_days,
            "minimum_minutes": minimum_minutes,
        },
    )
    return rule


@transaction.atomic
def peer_confirmation_ask(*, owner, entry: Entry, peer_name: str) -> str:
    """The owner asks the named colleague they reflected with to confirm the
    discussion: a single-use link, valid for 14 days, needing no login and
    showing only the entry's title and date. Returns the token (shown once).
    Raises PermissionDenied or ValidationError."""
    entry = _own_complete_entry(owner, entry)
    if not entry.peer_reflection.strip():
        raise ValidationError({"peer_name": _(NO_PEER_REFLECTION)})
    token = link_token_new()
    PeerConfirmationLink.objects.create(
        entry=entry,
        peer_name=peer_name,
        token_hash=link_token_hash(token),
        expires_at=timezone.now() + PEER_LINK_LIFETIME,
    )
    return token


def peer_confirmation_get(*, token: str) -> PeerConfirmationLink | None:
    """The unused, unexpired link for ``token``, or None."""
    return (
        PeerConfirmationLink.objects.filter(
            token_hash=link_token_hash(token),
            confirmed_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("entry")
        .first()
    )


@transaction.atomic
def peer_confirmation_confirm(*, token: str) -> Entry:
    """The peer confirms through the link; the link is used up and the
    entry's peer reflection counts as confirmed."""
    link = (
        PeerConfirmationLink.objects.select_for_update()
        .filter(token_hash=link_token_hash(token))
        .first()
    )
    now = timezone.now()
    if link is None or link.confirmed_at or link.expires_at <= now:
        raise ValidationError(_(PEER_LINK_INVALID))
    link.confirmed_at = now
    link.save(update_fields=["confirmed_at"])
    entry = link.entry
    entry.peer_confirmed_at = now
    entry.save(update_fields=["peer_confirmed_at"])
    return entry
