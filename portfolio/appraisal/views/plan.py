"""After signing: linking evidence to the objectives of the development plan.
Asking for the signed PDF is an export (``portfolio.exports.views.appraisal_pdf``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portfolio.appraisal import services
from portfolio.appraisal.forms import ObjectiveEvidenceForm
from portfolio.appraisal.selectors import development_plan
from portfolio.evidence.selectors import entry_list


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
