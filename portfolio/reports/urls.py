"""One page and one CSV per registered report, named ``reports:<key>`` and
``reports:<key>-csv``; built when the URLconf loads, after every app's
``ready()`` has registered its reports."""

from django.urls import path

from portfolio.reports import views
from portfolio.reports.registry import report_list

app_name = "reports"

urlpatterns = [
    path("reports/", views.report_index, name="index"),
    path("reports/team-managers/", views.team_managers, name="team_managers"),
    path(
        "reports/team-managers/<int:pk>/",
        views.team_managers_edit,
        name="team_managers_edit",
    ),
]
for _report in report_list():
    urlpatterns += [
        path(
            f"reports/{_report.key}/",
            views.report_page,
            {"key": _report.key},
            name=_report.key,
        ),
        path(
            f"reports/{_report.key}/csv/",
            views.report_csv,
            {"key": _report.key},
            name=f"{_report.key}-csv",
        ),
    ]
