from portfolio.notifications.models import Notification


def notification_list(*, recipient):
    """The recipient's own notifications, unread first."""
    return Notification.objects.filter(recipient=recipient)


def unread_count(*, recipient) -> int:
    if not recipient.is_authenticated:
        return 0
    return Notification.objects.filter(
        recipient=recipient, read_at__isnull=True
    ).count()
