from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from portfolio.notifications.selectors import notification_list
from portfolio.notifications.services import notifications_mark_read


@require_GET
@login_required
def notifications(request):
    return render(
        request,
        "portfolio/notifications/list.html",
        {"notifications": notification_list(recipient=request.user)[:100]},
    )


@require_POST
@login_required
def mark_all_read(request):
    notifications_mark_read(recipient=request.user)
    return redirect("notifications:list")
