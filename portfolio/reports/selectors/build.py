"""A report's figures, read from the replica when there is one."""

from portfolio.reports.registry import Report
from portfolio.reports.scope import ReportRequest
from portfolio.reports.tables import ReportResult
from replica import Freshness, replica_freshness, replica_reads


def report_build(
    *, report: Report, request: ReportRequest, on_primary: bool = False
) -> tuple[ReportResult, Freshness]:
    """Build the report and say how current its figures are.

    Who may open the report, and for which teams, was decided on the primary
    before this (the view's policy check and ``request``'s scope): the replica
    only counts, and a lagging one can only make the counts a little old.
    ``on_primary``: this request has just written what the report counts
    (summaries brought up to date), which the replica cannot have yet."""
    if on_primary:
        return report.build(request), replica_freshness(used_replica=False)
    with replica_reads() as used_replica:
        result = report.build(request)
    return result, replica_freshness(used_replica=used_replica)
