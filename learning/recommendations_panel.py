"""The "suggested learning" panel on the practitioner's dashboard."""

from learning.selectors import recommendations_for
from portfolio.evidence.dashboard_panels import DashboardPanel, dashboard_panel_register


def _context(request) -> dict | None:
    if not request.user.is_authenticated:
        return None
    return {"recommendations": recommendations_for(user=request.user)}


def register_dashboard_panel() -> None:
    dashboard_panel_register(
        DashboardPanel(
            template="learning/includes/recommendations.html", context=_context
        )
    )
