"""The list of appraisals and, for supervisors, starting one."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from portfolio.appraisal import services
from portfolio.appraisal.forms import AppraisalStartForm
from portfolio.appraisal.selectors import appraisal_list_for
from portfolio.evidence.presentation import add_service_errors
from portfolio.people.selectors import current_supervisions_of


def _supervising(request):
    return current_supervisions_of(request.user).select_related("supervisee")


def _render_list(request, form, status=200):
    return render(
        request,
        "portfolio/appraisal/list.html",
        {"appraisals": appraisal_list_for(user=request.user), "form": form},
        status=status,
    )


@require_GET
@login_required
def appraisal_list(request):
    supervising = _supervising(request)
    form = AppraisalStartForm(supervising=supervising) if supervising else None
    return _render_list(request, form)


@require_POST
@login_required
def appraisal_start(request):
    form = AppraisalStartForm(request.POST, supervising=_supervising(request))
    if form.is_valid():
        data = form.cleaned_data
        try:
            appraisal = services.appraisal_start(
                appraiser=request.user,
                supervisee=data["supervision"].supervisee,
                kind=data["kind"],
                period_start=data["period_start"],
                period_end=data["period_end"],
            )
        except PermissionDenied as denied:
            raise Http404 from denied
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("appraisal:detail", pk=appraisal.pk)
    # The error summary at the top of the page lists what to fix (a banner
    # alone neither took focus nor led to the fields).
    return _render_list(request, form, status=400)
