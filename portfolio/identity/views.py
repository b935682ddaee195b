"""An organisation admin's single sign-on and HR provisioning settings.

Views parse input, ask the policy, call one service or selector and respond.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portfolio.identity.forms import IdentityProviderForm, StaffUploadForm
from portfolio.identity.selectors import (
    SAML_SP_ENTITY_ID,
    identity_provider_for_organisation,
    identity_provider_policy,
    scim_token_current,
    staff_import_get,
)
from portfolio.identity.services import identity_provider_save, scim_token_rotate
from portfolio.identity.staff_import import (
    MAX_BYTES,
    staff_import_check,
    staff_import_confirm,
)


def _organisation_or_404(request):
    organisation = request.user.organisation
    if organisation is None or not identity_provider_policy().user_has_permission(
        request.user, "change"
    ):
        raise Http404
    return organisation


def _values_to_copy(request, organisation) -> dict:
    slug = organisation.slug
    return {
        "redirect_uri": request.build_absolute_uri(
            reverse("openid_connect_callback", kwargs={"provider_id": slug})
        ),
        "saml_entity_id": SAML_SP_ENTITY_ID.format(slug=slug),
        "saml_acs": request.build_absolute_uri(
            reverse("saml_acs", kwargs={"organization_slug": slug})
        ),
        "saml_sls": request.build_absolute_uri(
            reverse("saml_sls", kwargs={"organization_slug": slug})
        ),
        "scim_url": request.build_absolute_uri("/scim/v2/"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def identity_settings(request):
    organisation = _organisation_or_404(request)
    idp = identity_provider_for_organisation(organisation=organisation)
    form = IdentityProviderForm(
        request.POST or None, initial=IdentityProviderForm.initial_for(idp)
    )
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        secret = values.pop("client_secret")
        try:
            identity_provider_save(
                changed_by=request.user,
                organisation=organisation,
                client_secret=secret,
                **values,
            )
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request, _("Your single sign-on settings have been saved.")
            )
            return redirect("portfolio:identity_settings")
    return render(
        request,
        "portfolio/identity/settings.html",
        {
            "form": form,
            "organisation": organisation,
            "has_secret": bool(idp and idp.client_secret_encrypted),
            "copy": _values_to_copy(request, organisation),
            "scim_token": scim_token_current(organisation=organisation),
        },
    )


@login_required
@require_POST
def scim_token_new(request):
    organisation = _organisation_or_404(request)
    try:
        token = scim_token_rotate(changed_by=request.user, organisation=organisation)
    except PermissionDenied as error:
        raise Http404 from error
    # Shown once, on this response only; never stored in clear.
    return render(
        request,
        "portfolio/identity/scim_token.html",
        {"token": token, "scim_url": request.build_absolute_uri("/scim/v2/")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_upload(request):
    organisation = _organisation_or_404(request)
    form = StaffUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            checked = staff_import_check(
                uploaded_by=request.user,
                organisation=organisation,
                filename=upload.name,
                # One byte over the limit is enough to refuse it.
                data=upload.read(MAX_BYTES + 1),
            )
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            return redirect("portfolio:staff_import", pk=checked.pk)
    return render(request, "portfolio/identity/staff_upload.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def staff_import(request, pk: int):
    checked = staff_import_get(fetched_by=request.user, pk=pk)
    if checked is None:
        raise Http404
    if request.method == "POST":
        try:
            staff_import_confirm(confirmed_by=request.user, staff_import=checked)
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The upload is being applied."))
        return redirect("portfolio:staff_import", pk=checked.pk)
    return render(
        request,
        "portfolio/identity/staff_import.html",
        {
            "checked": checked,
            "can_apply": checked.status == "preview" and not checked.problems,
        },
    )
