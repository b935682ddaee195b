"""The "suggested learning" panel on the practitioner's dashboard."""

from learning.selectors import recommendations_for
from portfolio.appraisal.plan_panel import shared_plan
from portfolio.evidence.dashboard_panels import DashboardPanel, dashboard_panel_register


def _context(request, reads) -> dict | None:
    if not request.user.is_authenticated:
        return None
    coverage = reads.coverage
    return {
        "recommendations": recommendations_for(
            user=request.user, coverage=coverage, plan=shared_plan(request, reads)
        ),
        "has_level": bool(coverage.target_level or coverage.current_level),
    }


def register_dashboard_panel() -> None:
    dashboard_panel_register(
        DashboardPanel(
            template="learning/includes/recommendations.html", context=_context
        )
    )
