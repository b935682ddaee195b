from portal.navigation import navigation_for
from portfolio.notifications.selectors import unread_count


def navigation(request):
    user = getattr(request, "user", None)
    return {
        "nav_items": navigation_for(request),
        "unread_notifications": unread_count(recipient=user) if user else 0,
    }
