"""Career path pages: the practitioner's readiness and requests, supervisors'
recommendations and organisation admins' decisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from capabilities.models import Level
from capabilities.selectors import active_pcf
from portfolio.asye.selectors import asye_year_of
from portfolio.career.forms import DecisionForm, LevelRequestForm, RecommendationForm
from portfolio.career.policies import level_request_policy
from portfolio.career.selectors import (
    asye_programme,
    career_readiness,
    level_history,
    level_requests_of,
    level_requests_to_decide,
    level_requests_to_recommend,
)
from portfolio.career.services import (
    level_request_create,
    level_request_decide,
    level_request_recommend,
    level_request_withdraw,
)
from portfolio.evidence.presentation import add_service_errors


@require_http_methods(["GET", "POST"])
@login_required
def mine(request):
    user = request.user
    pcf = active_pcf()
    levels = pcf.levels.all() if pcf else Level.objects.none()
    if user.career_level is not None:
        levels = levels.filter(sort_order__gt=user.career_level.sort_order)
    form = LevelRequestForm(request.POST or None, levels=levels)
    if request.method == "POST" and form.is_valid():
        try:
            level_request_create(person=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Your request has been sent to your supervisors.")
            )
            return redirect("career:mine")
    return render(
        request,
        "portfolio/career/mine.html",
        {
            "readiness": career_readiness(user=user),
            "asye": asye_programme(user=user),
            "asye_year": asye_year_of(nqsw=user),
            "history": level_history(person=user),
            "requests": level_requests_of(person=user),
            "form": form,
        },
    )


@require_POST
@login_required
def withdraw(request, pk: int):
    found = (
        level_request_policy()
        .instances_user_has_any_permission_for(request.user, ["withdraw"])
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    level_request_withdraw(person=request.user, request=found)
    messages.success(request, _("Your request has been withdrawn."))
    return redirect("career:mine")


@require_GET
@login_required
def requests(request):
    """Requests waiting for this person: as a supervisor to recommend, as an
    organisation admin to decide."""
    return render(
        request,
        "portfolio/career/requests.html",
        {
            "to_recommend": level_requests_to_recommend(supervisor=request.user),
            "to_decide": level_requests_to_decide(admin=request.user),
        },
    )


def _request_step(request, pk, *, pending, form_class, record, with_readiness):
    """One step on someone else's request (recommend or decide): only requests
    waiting for this person are found; anything else is a 404."""
    found = pending.filter(pk=pk).first()
    if found is None:
        raise Http404
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record(found, form.cleaned_data)
        except (PermissionDenied, ValidationError) as error:
            raise Http404 from error
        messages.success(request, _("Recorded."))
        return redirect("career:requests")
    readiness = career_readiness(user=found.person) if with_readiness else None
    return render(
        request,
        "portfolio/career/decide.html",
        {"level_request": found, "form": form, "readiness": readiness},
    )


@require_http_methods(["GET", "POST"])
@login_required
def recommend(request, pk: int):
    return _request_step(
        request,
        pk,
        pending=level_requests_to_recommend(supervisor=request.user),
        form_class=RecommendationForm,
        record=lambda found, data: level_request_recommend(
            supervisor=request.user, request=found, **data
        ),
        with_readiness=True,
    )


@require_http_methods(["GET", "POST"])
@login_required
def decide(request, pk: int):
    return _request_step(
        request,
        pk,
        pending=level_requests_to_decide(admin=request.user),
        form_class=DecisionForm,
        record=lambda found, data: level_request_decide(
            decided_by=request.user, request=found, **data
        ),
        with_readiness=True,
    )
