"""The notifications page, following a notification, email choices, and the
one-click unsubscribe link from an email (which needs no login)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)

from portfolio.notifications.email import unsubscribe_token_read
from portfolio.notifications.forms import EmailPreferencesForm
from portfolio.notifications.models import DispatchKind
from portfolio.notifications.selectors import (
    emails_wanted,
    notification_get,
    notification_list,
)
from portfolio.notifications.services import (
    email_preferences_set,
    email_unsubscribe,
    notifications_mark_read,
)

#: A page of notifications: a year of them would be a long page to render.
NOTIFICATIONS_PER_PAGE = 25


@require_GET
@login_required
def notifications(request):
    page = Paginator(
        notification_list(recipient=request.user), NOTIFICATIONS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "portfolio/notifications/list.html",
        {"notifications": page, "page": page},
    )


@require_POST
@login_required
def mark_all_read(request):
    notifications_mark_read(recipient=request.user)
    return redirect("notifications:list")


@require_http_methods(["GET", "POST"])
@login_required
def notification_open(request, pk: int):
    """Mark one's own notification read and go where it points. A GET too,
    because it is the link on the notifications page: reading one's own
    notification is harmless to repeat or to be tricked into."""
    notification = notification_get(recipient=request.user, pk=pk)
    if notification is None:
        raise Http404
    notifications_mark_read(
        recipient=request.user,
        notifications=notification_list(recipient=request.user).filter(pk=pk),
    )
    # Links are written by our own services, but only ever follow a path on
    # this site.
    if notification.link and url_has_allowed_host_and_scheme(
        notification.link, allowed_hosts=None
    ):
        return redirect(notification.link)
    return redirect("notifications:list")


@require_http_methods(["GET", "POST"])
@login_required
def preferences(request):
    form = EmailPreferencesForm(
        request.POST or None,
        initial={"wanted": sorted(emails_wanted(user=request.user))},
    )
    if request.method == "POST" and form.is_valid():
        wanted = set(form.cleaned_data["wanted"])
        email_preferences_set(
            user=request.user, unwanted=set(DispatchKind.values) - wanted
        )
        messages.success(request, _("Your email choices have been saved."))
        return redirect("notifications:preferences")
    return render(request, "portfolio/notifications/preferences.html", {"form": form})


# The signed token is the credential, and mail providers make RFC 8058's
# one-click POST without a CSRF token or a session.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    found = unsubscribe_token_read(token)
    user = get_user_model().objects.filter(pk=found[0]).first() if found else None
    if user is None or found[1] not in DispatchKind.values:
        raise Http404
    kind = DispatchKind(found[1])
    if request.method == "POST":
        email_unsubscribe(user=user, kind=kind)
        return render(
            request,
            "portfolio/notifications/unsubscribed.html",
            {"kind": kind},
        )
    return render(request, "portfolio/notifications/unsubscribe.html", {"kind": kind})
