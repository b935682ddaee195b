"""Writes for reports: the audit row every report request leaves."""

from portfolio.people.audit import audit_record
from portfolio.people.models import Organisation, User
from portfolio.reports.models import ReportFormat, ReportView


def report_view_record(
    *,
    viewer: User,
    organisation: Organisation,
    report: str,
    format: str = ReportFormat.PAGE,
    filters: dict,
) -> ReportView:
    """Record that ``viewer`` saw (or downloaded) ``report`` with ``filters``.
    Called before any figures are sent, so nothing is shown unaudited."""
    row = ReportView.objects.create(
        viewer=viewer,
        organisation=organisation,
        report=report,
        format=format,
        filters=filters,
    )
    # The organisation's one audit log shows report views beside its admin
    # changes; ReportView keeps the reports' own detail.
    audit_record(
        action="report.viewed" if format == ReportFormat.PAGE else "report.downloaded",
        actor=viewer,
        organisation=organisation,
        target=row,
        after={"report": report, "filters": filters},
    )
    return row
