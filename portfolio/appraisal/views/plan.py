"""After signing: the PDF of the appraisal, and linking evidence to the
objectives of the development plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portfolio.appraisal import services
from portfolio.appraisal.forms import ObjectiveEvidenceForm
from portfolio.appraisal.selectors import development_plan
from portfolio.evidence.selectors import entry_list
from portfolio.exports.services import export_request_appraisal


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


@require_POST
@login_required
def objective_evidence(request, pk: int):
    objective = development_plan(user=request.user).filter(pk=pk).first()
    if objective is None:
        raise Http404
    form = ObjectiveEvidenceForm(
        request.POST, entries=entry_list(fetched_by=request.user)
    )
    if not form.is_valid():
        messages.error(request, form.errors["entry"][0])
        return redirect("portfolio:dashboard")
    try:
        services.objective_link_evidence(
            owner=request.user, objective=objective, entry=form.cleaned_data["entry"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The entry is now linked to the objective."))
    return redirect("portfolio:dashboard")
