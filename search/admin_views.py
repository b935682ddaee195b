"""The site admin's screen for rebuilding the search indices."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from search.connection import elasticsearch_configured
from search.models import IndexRebuild
from search.rebuild_jobs import can_rebuild, rebuild_request


@require_http_methods(["GET", "POST"])
def rebuilds(request):
    if not can_rebuild(request.user):
        raise PermissionDenied
    if request.method == "POST":
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
            "rebuilds": IndexRebuild.objects.select_related("requested_by")[:10],
            "configured": elasticsearch_configured(),
        },
    )
