"""The site admin's screen for rebuilding the search indices."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from search.connection import elasticsearch_configured
from search.policies import rebuild_policy
from search.rebuild_jobs import rebuild_request


@require_http_methods(["GET", "POST"])
def rebuilds(request):
    policy = rebuild_policy()
    if not policy.user_has_permission(request.user, "view"):
        raise PermissionDenied
    if request.method == "POST":
        if not policy.user_has_permission(request.user, "add"):
            raise PermissionDenied
        rebuild_request(requested_by=request.user)
        messages.success(
            request,
            _("The rebuild is queued. Searches keep working while it runs."),
        )
        return redirect("search_rebuilds")
    return TemplateResponse(
        request,
        "search/admin/rebuilds.html",
        {
            "rebuilds": policy.instances_user_has_any_permission_for(
                request.user, ["view"]
            ).select_related("requested_by")[:10],
            "configured": elasticsearch_configured(),
        },
    )
