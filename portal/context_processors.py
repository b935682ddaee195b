from portal.navigation import navigation_for
from portfolio.notifications.selectors import unread_count


def navigation(request):
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "nav_items": navigation_for(request),
        "unread_notifications": unread_count(recipient=user) if user else 0,
        # How long this session has left, for the timeout warning in the base
        # layout (each request restarts it: SESSION_SAVE_EVERY_REQUEST).
        "session_seconds": (
            request.session.get_expiry_age()
            if signed_in and hasattr(request, "session")
            else 0
        ),
    }
