from django.db import connection
from django.db.models import F, IntegerField
from django.db.models.expressions import RawSQL

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


def unread_count_annotation(*, recipient) -> RawSQL:
    """unread_count as an expression, for the header to ask in the same
    query as its other facts. Plain SQL: the ORM spends more building the
    equivalent subquery than PostgreSQL spends answering it, on every page."""
    table = connection.ops.quote_name(Notification._meta.db_table)
    # Only our own table name is formatted in; the id is a parameter.
    return RawSQL(  # noqa: S611
        f"SELECT COUNT(*) FROM {table} "  # noqa: S608
        "WHERE recipient_id = %s AND read_at IS NULL",
        (recipient.pk,),
        output_field=IntegerField(),
    )


def emails_wanted(*, user) -> set[str]:
    """The kinds of email the person gets (every kind unless turned off)."""
    unwanted = set(EmailOptOut.objects.filter(user=user).values_list("kind", flat=True))
    return set(DispatchKind.values) - unwanted
