"""Organisation admins' pages about one person's data (legal holds, erasure
on request) and the organisation's privacy settings. Interfaces only: each
action is one form, one view and one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wagtail.permissions import policy_registry

from portfolio.privacy.forms import PrivacySettingsForm, ReasonForm
from portfolio.privacy.models import LegalHold
from portfolio.privacy.selectors import (
    person_privacy_get,
    privacy_settings,
    subject_access_organisation,
)
from portfolio.privacy.services import (
    erasure_approve,
    erasure_request,
    legal_hold_lift,
    legal_hold_place,
    privacy_settings_update,
)

SETTINGS_FIELDS = ("leaver_grace_days", "keep_appraisals_years", "keep_audit_years")


def _page(request, found, *, hold_form=None, erasure_form=None, status=200):
    return render(
        request,
        "portfolio/privacy/person_personal_data.html",
        {
            "found": found,
            "person": found.person,
            "hold_form": hold_form or ReasonForm(prefix="hold"),
            "erasure_form": erasure_form or ReasonForm(prefix="erasure"),
        },
        status=status,
    )


def _found(request, pk):
    found = person_privacy_get(fetched_by=request.user, pk=pk)
    if found is None:
        raise Http404
    return found


@require_GET
@login_required
def person_personal_data(request, pk: int):
    return _page(request, _found(request, pk))


@require_POST
@login_required
def legal_hold_add(request, pk: int):
    found = _found(request, pk)
    form = ReasonForm(request.POST, prefix="hold")
    if not form.is_valid():
        return _page(request, found, hold_form=form, status=400)
    try:
        legal_hold_place(
            placed_by=request.user,
            person=found.person,
            reason=form.cleaned_data["reason"],
        )
    except PermissionDenied as denied:
        raise Http404 from denied
    messages.success(request, _("The legal hold is in place: nothing will be erased."))
    return redirect("portfolio:person_personal_data", pk=pk)


@require_POST
@login_required
def legal_hold_remove(request, pk: int):
    hold = (
        policy_registry.get_by_type(LegalHold)
        .instances_user_has_any_permission_for(request.user, ["change"])
        .filter(pk=pk, lifted_at__isnull=True)
        .first()
    )
    if hold is None:
        raise Http404
    try:
        legal_hold_lift(lifted_by=request.user, hold=hold)
    except PermissionDenied as denied:
        raise Http404 from denied
    messages.success(request, _("The legal hold has been lifted."))
    return redirect("portfolio:person_personal_data", pk=hold.person_id)


@require_POST
@login_required
def erasure_ask(request, pk: int):
    found = _found(request, pk)
    form = ReasonForm(request.POST, prefix="erasure")
    if not form.is_valid():
        return _page(request, found, erasure_form=form, status=400)
    try:
        erasure_request(
            requested_by=request.user,
            subject=found.person,
            reason=form.cleaned_data["reason"],
        )
    except PermissionDenied as denied:
        raise Http404 from denied
    except ValidationError as refused:
        form.add_error(None, refused.messages)
        return _page(request, found, erasure_form=form, status=400)
    messages.success(
        request, _("Erasure has been asked for. Another admin must approve it.")
    )
    return redirect("portfolio:person_personal_data", pk=pk)


@require_POST
@login_required
def erasure_approve_view(request, pk: int):
    try:
        done = erasure_approve(approved_by=request.user, request_id=pk)
    except PermissionDenied as denied:
        raise Http404 from denied
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect("portfolio:people_list")
    messages.success(
        request,
        _("%(person)s has been erased.") % {"person": done.subject_label},
    )
    return redirect("portfolio:people_list")


@require_http_methods(["GET", "POST"])
@login_required
def privacy_settings_edit(request):
    organisation = subject_access_organisation(fetched_by=request.user)
    if organisation is None:
        raise Http404
    current = privacy_settings(organisation=organisation)
    form = PrivacySettingsForm(
        request.POST or None,
        initial={name: getattr(current, name) for name in SETTINGS_FIELDS},
    )
    if request.method == "POST" and form.is_valid():
        try:
            privacy_settings_update(
                changed_by=request.user, organisation=organisation, **form.cleaned_data
            )
        except PermissionDenied as denied:
            raise Http404 from denied
        messages.success(request, _("The privacy settings have been saved."))
        return redirect("portfolio:privacy_settings")
    return render(
        request,
        "portfolio/privacy/privacy_settings.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
