"""Writing notifications and delivering dispatches.

``dispatch_record`` is called inside the transaction of whatever causes a
dispatch (or by the daily plan); ``dispatch_deliver`` is what the task runs.
The in-portal notification is written with the dispatch. Delivery (the email)
is idempotent: the row is locked while it is delivered and marked sent in the
same transaction, so a repeated or redelivered task does nothing. Only the
email can repeat, when a worker dies after handing it over and before the
commit.
"""

import logging
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from portfolio.notifications.email import dispatch_email
from portfolio.notifications.enqueue import enqueue_on_commit
from portfolio.notifications.models import (
    Dispatch,
    DispatchKind,
    DispatchStatus,
    EmailOptOut,
    Notification,
)

logger = logging.getLogger(__name__)

#: A pending dispatch older than this has lost its task; the sweep re-queues it.
STALE_AFTER = timedelta(minutes=5)
#: Deliveries started before the sweep gives up and records a failure (covers a
#: dispatch whose delivery kills the worker every time).
MAX_ATTEMPTS = 8


def notification_create(*, recipient, text: str, link: str = "") -> Notification:
    """An in-portal notification only (no email), e.g. about career requests."""
    return Notification.objects.create(recipient=recipient, text=text[:300], link=link)


def notifications_mark_read(*, recipient, notifications: QuerySet | None = None) -> int:
    """Mark the recipient's own notifications read (all unread if none given)."""
    queryset = Notification.objects.filter(recipient=recipient, read_at__isnull=True)
    if notifications is not None:
        queryset = queryset.filter(pk__in=notifications.values("pk"))
    return queryset.update(read_at=timezone.now())


def _enqueue(dispatch_id: int) -> None:
    from portfolio.notifications.tasks import dispatch_deliver_task

    enqueue_on_commit(dispatch_deliver_task, dispatch_id)


def dispatch_record(
    *,
    kind: str,
    recipient,
    key: str,
    text: str,
    subject: str = "",
    body: str = "",
    link: str = "",
) -> Dispatch | None:
    """Record that ``recipient`` must be told something, and queue delivery
    after commit. ``text`` is for the portal; the email uses ``subject`` and
    ``body`` when given (keep entry titles and text out of them). Returns
    None (writing nothing) if ``key`` was recorded before, or if the recipient
    is deactivated."""
    if kind not in DispatchKind.values:
        raise ValueError(f"Unknown dispatch kind {kind!r}")
    if not recipient.is_active:
        return None
    try:
        # A savepoint, so a duplicate key leaves the caller's transaction usable.
        with transaction.atomic():
            dispatch = Dispatch.objects.create(
                kind=kind,
                recipient=recipient,
                key=key[:200],
                text=text[:300],
                subject=subject[:200],
                body=body,
                link=link,
            )
    except IntegrityError:
        return None
    # The portal's notification exists exactly when its cause does; only the
    # email waits for a worker.
    dispatch.notification = notification_create(
        recipient=recipient, text=text, link=link
    )
    dispatch.save(update_fields=["notification"])
    _enqueue(dispatch.pk)
    return dispatch


def _wants_email(dispatch: Dispatch) -> bool:
    recipient = dispatch.recipient
    return bool(recipient.email) and not (
        EmailOptOut.objects.filter(user=recipient, kind=dispatch.kind).exists()
    )


def dispatch_deliver(*, dispatch_id: int) -> Dispatch | None:
    """Deliver a pending dispatch: the email, unless the person turned that
    kind off (the in-portal notification was written with the dispatch).
    Returns None if there was nothing
    to do (already sent, or being delivered by another worker)."""
    # Counted in its own statement, committed at once, so a delivery that
    # crashes or kills the worker still counts towards MAX_ATTEMPTS.
    Dispatch.objects.filter(pk=dispatch_id, status=DispatchStatus.PENDING).update(
        attempts=F("attempts") + 1
    )
    with transaction.atomic():
        dispatch = (
            Dispatch.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(pk=dispatch_id, status=DispatchStatus.PENDING)
            .first()
        )
        if dispatch is None:
            return None
        now = timezone.now()
        dispatch.finished_at = now
        if not dispatch.recipient.is_active:
            dispatch.status = DispatchStatus.CANCELLED
            dispatch.save(update_fields=["status", "finished_at"])
            return dispatch
        if _wants_email(dispatch):
            # Inside the transaction: if sending fails nothing is recorded and
            # the task retries; if the worker dies after sending, the email is
            # the only thing that can happen twice.
            dispatch_email(dispatch).send()
            dispatch.emailed = True
        dispatch.status = DispatchStatus.SENT
        dispatch.save(
            update_fields=["notification", "emailed", "status", "finished_at"]
        )
    return dispatch


def dispatch_record_failure(*, dispatch_id: int, error: str) -> None:
    """After the last retry: record the failure so it is visible and the sweep
    stops re-queueing it."""
    Dispatch.objects.filter(pk=dispatch_id, status=DispatchStatus.PENDING).update(
        status=DispatchStatus.FAILED, error=error[:300], finished_at=timezone.now()
    )


def dispatch_sweep(
    *, now: datetime | None = None, stale_after: timedelta = STALE_AFTER
) -> int:
    """Re-queue pending dispatches whose task seems lost (Redis or a worker
    died); give up on those tried MAX_ATTEMPTS times. Returns how many were
    re-queued."""
    now = now or timezone.now()
    pending = Dispatch.objects.filter(
        status=DispatchStatus.PENDING, created_at__lte=now - stale_after
    )
    pending.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=DispatchStatus.FAILED,
        error="Gave up after repeated attempts.",
        finished_at=now,
    )
    ids = list(
        pending.filter(attempts__lt=MAX_ATTEMPTS)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    with transaction.atomic():
        for dispatch_id in ids:
            _enqueue(dispatch_id)
    return len(ids)


def email_preferences_set(*, user, unwanted: set[str]) -> None:
    """Replace the person's choice of which kinds of email they do not want."""
    unwanted = {kind for kind in unwanted if kind in DispatchKind.values}
    with transaction.atomic():
        EmailOptOut.objects.filter(user=user).exclude(kind__in=unwanted).delete()
        for kind in unwanted:
            EmailOptOut.objects.get_or_create(user=user, kind=kind)


def email_unsubscribe(*, user, kind: str) -> None:
    """Turn off one kind of email (from the link in an email; idempotent)."""
    if kind in DispatchKind.values:
        EmailOptOut.objects.get_or_create(user=user, kind=kind)
