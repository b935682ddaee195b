"""Writing notifications. Called inside the transaction of whatever causes
them, so a notification exists exactly when its cause does."""

from django.db.models import QuerySet
from django.utils import timezone

from portfolio.notifications.models import Notification


def notification_create(*, recipient, text: str, link: str = "") -> Notification:
    return Notification.objects.create(recipient=recipient, text=text[:300], link=link)


def notifications_mark_read(*, recipient, notifications: QuerySet | None = None) -> int:
    """Mark the recipient's own notifications read (all unread if none given)."""
    queryset = Notification.objects.filter(recipient=recipient, read_at__isnull=True)
    if notifications is not None:
        queryset = queryset.filter(pk__in=notifications.values("pk"))
    return queryset.update(read_at=timezone.now())
