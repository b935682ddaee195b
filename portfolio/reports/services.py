"""Writes for reports: the audit row every report request leaves."""

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
    return ReportView.objects.create(
        viewer=viewer,
        organisation=organisation,
        report=report,
        format=format,
        filters=filters,
    )
