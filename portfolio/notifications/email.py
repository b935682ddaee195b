"""The email for a dispatch, and the signed one-click unsubscribe link in it.

The body is what the dispatch's planner wrote (never entry text), followed by
the link into the portal and how to stop these emails. Headers follow RFC 2369
and RFC 8058 so mail clients can offer their own one-click unsubscribe.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.translation import gettext as _

UNSUBSCRIBE_SALT = "portfolio.notifications.unsubscribe"


def absolute_url(path: str) -> str:
    return urljoin(settings.WAGTAILADMIN_BASE_URL, path)


def unsubscribe_token(*, user_id: int, kind: str) -> str:
    """A token that turns off one kind of email for one person. It needs no
    login and does not expire: an old email's link must still work."""
    return signing.dumps({"u": user_id, "k": kind}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_token_read(token: str) -> tuple[int, str] | None:
    """(user id, kind) from a genuine token, or None."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    return data["u"], str(data.get("k", ""))


def dispatch_email(dispatch) -> EmailMessage:
    unsubscribe = absolute_url(
        reverse(
            "notifications:unsubscribe",
            args=[unsubscribe_token(user_id=dispatch.recipient_id, kind=dispatch.kind)],
        )
    )
    lines = [dispatch.body or dispatch.text, ""]
    if dispatch.link:
        lines += [_("Open the portal:"), absolute_url(dispatch.link), ""]
    lines += [
        "--",
        _("To stop emails like this one, follow this link: %(url)s")
        % {"url": unsubscribe},
        _("Choose which emails you get: %(url)s")
        % {"url": absolute_url(reverse("notifications:preferences"))},
    ]
    return EmailMessage(
        subject=(
            settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + (dispatch.subject or dispatch.text)
        )[:250],
        body="\n".join(lines),
        to=[dispatch.recipient.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # Lets the fault tests count deliveries per dispatch across
            # processes; it carries no personal data.
            "X-Portfolio-Dispatch": str(dispatch.pk),
        },
    )
