from django.db.models import Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from wagtail.permissions import policy_registry

from portfolio.notifications.models import DispatchKind, EmailOptOut, Notification


def notification_list(*, recipient):
    """The recipient's own notifications, unread first, newest first within
    each. (Explicit about NULLs: PostgreSQL sorts them last, SQLite first.)"""
    return (
        policy_registry.get_by_type(Notification)
        .instances_user_has_any_permission_for(recipient, ["view"])
        .order_by(F("read_at").asc(nulls_first=True), "-created_at")
    )


def notification_get(*, recipient, pk: int) -> Notification | None:
    """One of the recipient's own notifications, or None (anyone else's too)."""
    return notification_list(recipient=recipient).filter(pk=pk).first()


def unread_count(*, recipient) -> int:
    if not recipient.is_authenticated:
        return 0
    return Notification.objects.filter(
        recipient=recipient, read_at__isnull=True
    ).count()


def unread_count_annotation():
    """unread_count as an annotation on the user table (``recipient`` is the
    row), so the header can ask it in the same query as its other facts."""
    return Coalesce(
        Subquery(
            Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
            .order_by()
            .values("recipient")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        Value(0),
    )


def emails_wanted(*, user) -> set[str]:
    """The kinds of email the person gets (every kind unless turned off)."""
    unwanted = set(EmailOptOut.objects.filter(user=user).values_list("kind", flat=True))
    return set(DispatchKind.values) - unwanted
