"""The development plan on the practitioner's dashboard: objectives agreed at
signed appraisals, with the entries linked to them as evidence.

The dashboard belongs to evidence, which sits below appraisal, so the plan is
a dashboard panel appraisal registers (like learning's suggestions) rather
than something the dashboard imports.
"""

from portfolio.appraisal.selectors import development_plan
from portfolio.evidence.dashboard_panels import DashboardPanel, dashboard_panel_register
from portfolio.evidence.selectors import entry_list

#: How many recent entries the "link an entry as evidence" list offers.
RECENT_ENTRIES = 5


def shared_plan(request, reads) -> list:
    """The person's development plan, read once per page (the home page and
    learning's suggestions use it too)."""
    return reads.once(
        "development_plan", lambda: list(development_plan(user=request.user))
    )


def _context(request, reads) -> dict | None:
    if not request.user.is_authenticated:
        return None
    plan = shared_plan(request, reads)
    if not plan:
        return None
    recent = entry_list(fetched_by=request.user)[:RECENT_ENTRIES]
    return {"plan": plan, "recent": recent}


def register_dashboard_panel() -> None:
    dashboard_panel_register(
        DashboardPanel(
            template="portfolio/appraisal/includes/development_plan.html",
            context=_context,
        )
    )
