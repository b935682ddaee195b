"""Asking for an export of one's portfolio (or a PDF of a signed appraisal),
and downloading it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portfolio.evidence.presentation import add_service_errors
from portfolio.evidence.registration_year import registration_year_containing
from portfolio.evidence.uploads import safe_download_headers
from portfolio.exports.forms import ExportRequestForm
from portfolio.exports.selectors import (
    export_get_downloadable,
    export_list_with_progress,
)
from portfolio.exports.services import export_request, export_request_appraisal


@require_http_methods(["GET", "POST"])
@login_required
def exports(request):
    year = registration_year_containing(timezone.localdate())
    form = ExportRequestForm(
        request.POST or None,
        initial={"kind": "pdf", "period_start": year.starts, "period_end": year.ends},
    )
    if request.method == "POST" and form.is_valid():
        try:
            export_request(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your export is being prepared. It will be listed here when it "
                    "is ready."
                ),
            )
            return redirect("portfolio:export_list")
    return render(
        request,
        "portfolio/exports/export_list.html",
        {
            "form": form,
            "exports": export_list_with_progress(fetched_by=request.user),
        },
    )


@require_GET
@login_required
def export_download(request, pk: int):
    export = export_get_downloadable(fetched_by=request.user, pk=pk)
    if export is None:
        raise Http404
    content_type = export.content_type
    response = FileResponse(export.file.open("rb"), content_type=content_type)
    headers = safe_download_headers(export.download_name, content_type)
    for header, value in headers.items():
        response[header] = value
    return response


@require_GET
@login_required
def export_status(request):
    """The state of the person's own exports, for the page to show progress
    without reloading. No file names or contents."""
    return JsonResponse(
        {
            "exports": [
                {"id": e.pk, "status": e.status, "progress": e.progress}
                for e in export_list_with_progress(fetched_by=request.user)
            ]
        },
        headers={"Cache-Control": "private, no-store"},
    )


@require_POST
@login_required
def appraisal_pdf(request, pk: int):
    """Ask for a PDF of the signed appraisal: built in the background, then
    listed (for the requester only) on the exports page."""
    try:
        export_request_appraisal(requester=request.user, appraisal_id=pk)
    except PermissionDenied as denied:
        raise Http404 from denied
    messages.success(
        request,
        _(
            "The PDF of the appraisal is being prepared. It will be listed here "
            "when it is ready."
        ),
    )
    return redirect("portfolio:export_list")
