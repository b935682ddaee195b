"""Leaving (a leaver's portable portfolio), importing a portable portfolio,
and subject access requests. Interfaces only: the rules are in privacy's
selectors and services."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from allauth.account.internal.flows.login import record_authentication

from portfolio.evidence.presentation import add_service_errors
from portfolio.evidence.uploads import safe_download_headers
from portfolio.people.selectors import staff_member_list
from portfolio.privacy.forms import (
    LeaverPortfolioForm,
    PortableImportForm,
    SubjectAccessForm,
)
from portfolio.privacy.models import ImportStatus
from portfolio.privacy.selectors import (
    leaver_export_get,
    leaver_exports,
    leaver_grace_ends,
    leaver_in_grace,
    leaver_link_usable,
    portable_import_get,
    portable_import_list,
    subject_access_get,
    subject_access_list,
    subject_access_organisation,
)
from portfolio.privacy.services import (
    leaver_link_redeem,
    leaver_portfolio_request,
    portable_import_confirm,
    portable_import_upload,
    subject_access_request,
)

#: Signs the leaver in the way a password would (``get_user`` then admits
#: them for the rest of their grace period).
LEAVER_BACKEND = "portfolio.backends.LeaverAwareAuthenticationBackend"


def _download(stored, name: str, content_type: str = "application/zip"):
    response = FileResponse(stored.open("rb"), content_type=content_type)
    for header, value in safe_download_headers(name, content_type).items():
        response[header] = value
    return response


@require_http_methods(["GET", "POST"])
@login_required
def leaver_home(request):
    """The one page a leaver in their grace period sees."""
    if not leaver_in_grace(person=request.user):
        raise Http404
    form = LeaverPortfolioForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            leaver_portfolio_request(
                person=request.user, send_to=form.cleaned_data["send_to"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your portable portfolio is being prepared. It will be listed "
                    "here when it is ready."
                ),
            )
            return redirect("portfolio:leaver_home")
    return render(
        request,
        "portfolio/privacy/leaver_home.html",
        {
            "form": form,
            "grace_ends": leaver_grace_ends(person=request.user),
            "exports": leaver_exports(person=request.user)[:10],
        },
        status=400 if form.errors else 200,
    )


#: The session's record of how the leaver signed in; the two-factor rule
#: accepts it for the leaving pages (portal.middleware).
LEAVER_LINK_METHOD = "leaver_link"


@require_http_methods(["GET", "POST"])
def leaver_link(request, token: str):
    """The link in a leaver's email. Opening it only shows a button: mail
    scanners open every link in a message, and must not spend it."""
    if request.method == "POST":
        person = leaver_link_redeem(token=token)
        if person is not None:
            login(request, person, backend=LEAVER_BACKEND)
            record_authentication(request, person, method=LEAVER_LINK_METHOD)
            return redirect("portfolio:leaver_home")
    elif leaver_link_usable(token=token):
        return render(request, "portfolio/privacy/leaver_link.html")
    return render(request, "portfolio/privacy/leaver_link_spent.html", status=404)


@require_GET
@login_required
def leaver_download(request, pk: int):
    export = leaver_export_get(person=request.user, pk=pk)
    if export is None:
        raise Http404
    return _download(export.file, export.download_name)


@require_http_methods(["GET", "POST"])
@login_required
def portable_import(request):
    """Upload a portable portfolio; the next page shows what will arrive."""
    form = PortableImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            made = portable_import_upload(
                owner=request.user, name=upload.name, data=upload
            )
        except ValidationError as refused:
            form.add_error("file", refused.messages[0])
        else:
            return redirect("portfolio:portable_import_detail", pk=made.pk)
    return render(
        request,
        "portfolio/privacy/import_list.html",
        {"form": form, "imports": portable_import_list(fetched_by=request.user)[:20]},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def portable_import_detail(request, pk: int):
    """The preview of one upload, and confirming it."""
    upload = portable_import_get(fetched_by=request.user, pk=pk)
    if upload is None:
        raise Http404
    if request.method == "POST":
        try:
            portable_import_confirm(owner=request.user, import_id=upload.pk)
        except ValidationError as refused:
            messages.error(request, refused.messages[0])
        else:
            messages.success(
                request,
                _("Your portfolio is being imported. This page shows when it is done."),
            )
        return redirect("portfolio:portable_import_detail", pk=upload.pk)
    return render(
        request,
        "portfolio/privacy/import_detail.html",
        {
            "upload": upload,
            "can_confirm": upload.status == ImportStatus.PREVIEW,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def subject_access(request):
    """Organisation admins record subject access requests and download the
    answers; each shows its one-month due date."""
    organisation = subject_access_organisation(fetched_by=request.user)
    if organisation is None:
        raise Http404
    form = SubjectAccessForm(
        request.POST or None, people=staff_member_list(fetched_by=request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            subject_access_request(requested_by=request.user, **form.cleaned_data)
        except PermissionDenied as denied:
            raise Http404 from denied
        messages.success(
            request,
            _(
                "The request is recorded. Everything held about the person is "
                "being gathered into a ZIP."
            ),
        )
        return redirect("portfolio:subject_access")
    return render(
        request,
        "portfolio/privacy/subject_access.html",
        {"form": form, "requests": subject_access_list(organisation=organisation)},
        status=400 if form.errors else 200,
    )


@require_GET
@login_required
def subject_access_download(request, pk: int):
    found = subject_access_get(fetched_by=request.user, pk=pk)
    if found is None:
        raise Http404
    return _download(found.file, f"subject-access-{found.pk}.zip")
