"""Report pages and their CSV downloads.

Views parse the filters, ask the reports policy, build the report and record
the audit row; a report someone may not open is a 404, like a missing page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from capabilities.models import Level
from capabilities.selectors import active_pcf
from portfolio.people.selectors import team_list
from portfolio.reports.csv_export import (
    report_table_csv_response,
    report_zip_response,
)
from portfolio.reports.forms import ReportFilterForm, TeamManagersForm
from portfolio.reports.managers import (
    supervisors_of,
    team_list_with_managers,
    team_managers_set,
)
from portfolio.reports.models import ReportFormat
from portfolio.reports.paging import paged_sections
from portfolio.reports.registry import report_get, report_list
from portfolio.reports.scope import report_request_for, reports_policy
from portfolio.reports.selectors.build import report_build
from portfolio.reports.services import report_view_record, summaries_refresh_stale


def _report_or_404(request, key):
    report = report_get(key)
    if report is None or not reports_policy().user_has_permission(request.user, key):
        raise Http404
    return report


def _filter_form(request, report) -> ReportFilterForm:
    framework = active_pcf()
    levels = (
        Level.objects.filter(framework=framework) if framework else Level.objects.none()
    )
    return ReportFilterForm(
        request.GET,
        teams=reports_policy().teams_in_scope(request.user, report.key),
        levels=levels,
        today=timezone.localdate(),
        compares=report.compares,
    )


@login_required
@require_GET
def report_index(request):
    policy = reports_policy()
    reports = [
        r for r in report_list() if policy.user_has_permission(request.user, r.key)
    ]
    if not reports:
        raise Http404
    return render(
        request,
        "portfolio/reports/index.html",
        {
            "reports": reports,
            "may_choose_managers": policy.may_choose_team_managers(request.user),
        },
    )


def _build(request, report, format):
    form = _filter_form(request, report)
    if not form.is_valid():
        return form, None, None
    report_request = report_request_for(
        viewer=request.user,
        report_key=report.key,
        filters=form.cleaned_data,
        today=timezone.localdate(),
    )
    # Summaries a failed or skipped refresh left behind their person are
    # worked out now, on the primary, so no figure is older than the last save.
    refreshed = (
        summaries_refresh_stale(people=report_request.population())
        if report.uses_summaries
        else 0
    )
    result, freshness = report_build(
        report=report, request=report_request, on_primary=bool(refreshed)
    )
    report_view_record(
        viewer=request.user,
        organisation=request.user.organisation,
        report=report.key,
        format=format,
        filters=report_request.as_filters(),
    )
    return form, result, freshness


@login_required
@require_GET
def report_page(request, key):
    report = _report_or_404(request, key)
    form, result, freshness = _build(request, report, ReportFormat.PAGE)
    return render(
        request,
        "portfolio/reports/report.html",
        {
            "report": report,
            "form": form,
            "result": result,
            "sections": paged_sections(result, request.GET) if result else [],
            "freshness": freshness,
            # The filters, for the downloads (never a table already chosen).
            "query": _filters_query(request),
        },
        status=200 if result is not None else 400,
    )


def _filters_query(request) -> str:
    query = request.GET.copy()
    query.pop("table", None)
    for name in [n for n in query if n.endswith(("-page", "-columns"))]:
        query.pop(name)
    return query.urlencode()


@login_required
@require_GET
def report_csv(request, key):
    report = _report_or_404(request, key)
    form, result, _freshness = _build(request, report, ReportFormat.CSV)
    if result is None:
        reasons = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return HttpResponse(
            reasons, status=400, content_type="text/plain; charset=utf-8"
        )
    stamp = timezone.localdate().isoformat()
    table_key = request.GET.get("table", "")
    if not table_key:
        return report_zip_response(result=result, report_key=report.key, stamp=stamp)
    response = report_table_csv_response(
        result=result, report_key=report.key, table_key=table_key, stamp=stamp
    )
    if response is None:
        raise Http404
    return response


@login_required
@require_GET
def team_managers(request):
    if not reports_policy().may_choose_team_managers(request.user):
        raise Http404
    teams = team_list_with_managers(organisation=request.user.organisation)
    return render(request, "portfolio/reports/team_managers.html", {"teams": teams})


@login_required
@require_http_methods(["GET", "POST"])
def team_managers_edit(request, pk: int):
    if not reports_policy().may_choose_team_managers(request.user):
        raise Http404
    organisation = request.user.organisation
    team = (
        team_list_with_managers(organisation=organisation)
        .filter(pk__in=team_list(fetched_by=request.user, action="change").values("pk"))
        .filter(pk=pk)
        .first()
    )
    if team is None:
        raise Http404
    form = TeamManagersForm(
        # An empty POST (every box unticked) is still a submission.
        request.POST if request.method == "POST" else None,
        supervisors=supervisors_of(organisation=organisation),
        initial={"managers": list(team.managers.all())},
    )
    if request.method == "POST" and form.is_valid():
        try:
            team_managers_set(
                team=team,
                managers=list(form.cleaned_data["managers"]),
                changed_by=request.user,
            )
        except ValidationError as error:
            form.add_error("managers", error)
        else:
            messages.success(request, _("The team's managers have been saved."))
            return redirect("reports:team_managers")
    return render(
        request,
        "portfolio/reports/team_managers_edit.html",
        {"team": team, "form": form},
        status=400 if form.errors else 200,
    )
