"""ASYE pages: the NQSW's year, the assessor's record of it, the
organisation's cohort report and assignments, and the moderation panel."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portfolio.asye.forms import (
    AssignForm,
    PanelDecisionForm,
    PanelMemberForm,
    RecommendationForm,
    ReflectionForm,
    ReviewForm,
    SupportPlanForm,
)
from portfolio.asye.policies import asye_year_policy
from portfolio.asye.selectors import (
    asye_actions,
    asye_home,
    asye_year_get,
    asye_year_of,
    cohort_report,
    expected_evidence_entries,
    panel_members_of,
    panel_portfolio,
    panel_queue,
    programme_frameworks,
    programme_list,
    review_months_open,
    year_progress,
)
from portfolio.asye.services import (
    asye_year_assign,
    panel_decision_record,
    panel_member_add,
    recommendation_make,
    reflection_log_add,
    support_plan_record,
    year_review_record,
)
from portfolio.evidence.presentation import add_service_errors
from portfolio.people.selectors import staff_member_list


def _saved(form, service, **kwargs) -> bool:
    """Call ``service`` with the form's data; its errors go on the form."""
    if not form.is_valid():
        return False
    try:
        service(**kwargs, **form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


@require_http_methods(["GET", "POST"])
@login_required
def mine(request):
    """The NQSW's own year: schedule, evidence, support plan, reflection log."""
    year = asye_year_of(nqsw=request.user)
    actions = asye_actions(user=request.user, year=year) if year else {}
    form = ReflectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not actions.get("can_reflect"):
            raise Http404
        if _saved(form, reflection_log_add, year=year, author=request.user):
            messages.success(request, _("Your reflection has been added to the log."))
            return redirect("asye:mine")
    context = {"year": year, "actions": actions, "form": form}
    if year:
        context["progress"] = year_progress(year=year, today=timezone.localdate())
        context["entries"] = expected_evidence_entries(year=year, viewer=request.user)
    return render(
        request,
        "portfolio/asye/mine.html",
        context,
        status=400 if form.errors else 200,
    )


@require_GET
@login_required
def home(request):
    """Everything ASYE the person has: their year, the years they assess,
    the panel, the cohort."""
    return render(request, "portfolio/asye/home.html", asye_home(user=request.user))


def _manage_page(request, *, assign_form=None, member_form=None, status=200):
    people = staff_member_list(fetched_by=request.user)
    today = timezone.localdate()
    return render(
        request,
        "portfolio/asye/cohort.html",
        {
            "rows": cohort_report(admin=request.user, today=today),
            "assign_form": assign_form
            or AssignForm(people=people, programmes=programme_list(on=today)),
            "member_form": member_form or PanelMemberForm(people=people),
            "panel_members": panel_members_of(admin=request.user),
        },
        status=status,
    )


def _check_manager(user) -> None:
    """Only organisation admins reach the cohort pages (a 404 for others)."""
    if not asye_year_policy().user_has_permission(user, "manage"):
        raise Http404


@require_GET
@login_required
def cohort(request):
    """The organisation's ASYE report: each NQSW's progress, overdue reviews."""
    _check_manager(request.user)
    return _manage_page(request)


@require_POST
@login_required
def assign(request):
    _check_manager(request.user)
    people = staff_member_list(fetched_by=request.user)
    form = AssignForm(
        request.POST,
        people=people,
        programmes=programme_list(on=timezone.localdate()),
    )
    if _saved(form, asye_year_assign, assigned_by=request.user):
        messages.success(request, _("The year has started and the assessor is told."))
        return redirect("asye:cohort")
    return _manage_page(request, assign_form=form, status=400)


@require_POST
@login_required
def panel_member(request):
    _check_manager(request.user)
    form = PanelMemberForm(
        request.POST, people=staff_member_list(fetched_by=request.user)
    )
    if _saved(form, panel_member_add, added_by=request.user):
        messages.success(request, _("Added to the moderation panel."))
        return redirect("asye:cohort")
    return _manage_page(request, member_form=form, status=400)


def _year_forms(year, data=None, which=None):
    months = [
        (month, _("%(month)s-month review") % {"month": month})
        for month in review_months_open(year=year)
    ]
    plan = getattr(year, "support_plan", None)
    return {
        "plan_form": SupportPlanForm(
            data if which == "plan" else None,
            initial=plan
            and {
                "workload_protection": plan.workload_protection,
                "supervision_rhythm": plan.supervision_rhythm,
                "learning_needs": plan.learning_needs,
                "agreed_on": plan.agreed_on,
            },
        ),
        "review_form": ReviewForm(data if which == "review" else None, months=months),
        "recommendation_form": RecommendationForm(
            data if which == "recommend" else None
        ),
    }


def _year_page(request, year, forms, status=200):
    return render(
        request,
        "portfolio/asye/year.html",
        {
            "year": year,
            "actions": asye_actions(user=request.user, year=year),
            "progress": year_progress(year=year, today=timezone.localdate()),
            "entries": expected_evidence_entries(year=year, viewer=request.user),
            "frameworks": programme_frameworks(programme=year.programme),
            **forms,
        },
        status=status,
    )


@require_GET
@login_required
def year_detail(request, pk):
    """The assessor's (and manager's, admin's) view of one year."""
    year = asye_year_get(fetched_by=request.user, pk=pk)
    if year is None:
        raise Http404
    return _year_page(request, year, _year_forms(year))


#: Each assessor action: its form in the page's context and the keyword
#: naming who acts in its service.
ASSESS_FORMS = {
    "plan": ("plan_form", "recorded_by"),
    "review": ("review_form", "recorded_by"),
    "recommend": ("recommendation_form", "made_by"),
}


def _assess_post(request, pk, which, service, message):
    year = asye_year_get(fetched_by=request.user, pk=pk, action="assess")
    if year is None:
        raise Http404
    forms = _year_forms(year, request.POST, which)
    form_name, actor = ASSESS_FORMS[which]
    if _saved(forms[form_name], service, year=year, **{actor: request.user}):
        messages.success(request, message)
        return redirect("asye:year", pk=year.pk)
    return _year_page(request, year, forms, status=400)


@require_POST
@login_required
def support_plan(request, pk):
    return _assess_post(
        request, pk, "plan", support_plan_record, _("The support plan is saved.")
    )


@require_POST
@login_required
def review(request, pk):
    return _assess_post(
        request, pk, "review", year_review_record, _("The review is recorded.")
    )


@require_POST
@login_required
def recommend(request, pk):
    return _assess_post(
        request,
        pk,
        "recommend",
        recommendation_make,
        _("Your recommendation has gone to the moderation panel."),
    )


@require_GET
@login_required
def panel(request):
    """Portfolios waiting for the moderation panel, by reference only."""
    return render(
        request,
        "portfolio/asye/panel.html",
        {"years": panel_queue(member=request.user)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def panel_portfolio_view(request, pk):
    """One anonymised portfolio and the panel's decision."""
    year = asye_year_get(fetched_by=request.user, pk=pk, action="moderate")
    if year is None:
        raise Http404
    form = PanelDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and _saved(
        form, panel_decision_record, year=year, member=request.user
    ):
        messages.success(request, _("The panel's decision is recorded."))
        return redirect("asye:panel")
    return render(
        request,
        "portfolio/asye/panel_portfolio.html",
        {
            "portfolio": panel_portfolio(year=year, today=timezone.localdate()),
            "recommendation": year.get_recommendation_display(),
            "reason": year.recommendation_reason,
            "extend_to": year.extend_to,
            "form": form,
        },
        status=400 if form.errors else 200,
    )
