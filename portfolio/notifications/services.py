"""Writing notifications and delivering dispatches.

``dispatch_record`` is called inside the transaction of whatever causes a
dispatch (or by the daily plan); ``dispatch_deliver`` is what the task runs.
The in-portal notification is written with the dispatch. Delivery (the email)
is idempotent: the row is claimed (jobs.services.job_claim) while it is
delivered and marked sent in the same transaction, so a repeated or
redelivered task does nothing. Only the
email can repeat, when a worker dies after handing it over and before the
commit.
"""

import logging

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from jobs.services import job_claim, job_enqueue
from portfolio.notifications.email import dispatch_email
from portfolio.notifications.models import (
    Dispatch,
    DispatchKind,
    DispatchStatus,
    EmailOptOut,
    Notification,
)

logger = logging.getLogger(__name__)


def notification_create(*, recipient, text: str, link: str = "") -> Notification:
    """An in-portal notification only (no email), e.g. about career requests."""
    return Notification.objects.create(recipient=recipient, text=text[:300], link=link)


def notifications_mark_read(*, recipient, notifications: QuerySet | None = None) -> int:
    """Mark the recipient's own notifications read (all unread if none given)."""
    queryset = Notification.objects.filter(recipient=recipient, read_at__isnull=True)
    if notifications is not None:
        queryset = queryset.filter(pk__in=notifications.values("pk"))
    return queryset.update(read_at=timezone.now())


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
    job_enqueue(dispatch)
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
    with job_claim(Dispatch, dispatch_id, select_related=("recipient",)) as dispatch:
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
