from portal.navigation import header_for


def navigation(request):
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    header = header_for(request) if user is not None else None
    return {
        "nav_items": header.items if header else [],
        "unread_notifications": header.unread_notifications if header else 0,
        # How long this session has left, for the timeout warning in the base
        # layout (each request restarts it: SESSION_SAVE_EVERY_REQUEST).
        "session_seconds": (
            request.session.get_expiry_age()
            if signed_in and hasattr(request, "session")
            else 0
        ),
    }
