"""Panels that apps above portfolio add to the practitioner's dashboard.

The dashboard belongs to portfolio, but some of what it shows (learning
recommendations) belongs to apps that portfolio must never import. Those apps
register a panel here from their AppConfig.ready(); the dashboard (and the
home page) renders whatever is registered, in order. A panel is given what
the page has already read for the person (``DashboardReads``), so an
expensive read such as coverage happens once per request.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest

from portfolio.evidence.selectors import Coverage


@dataclass(frozen=True)
class DashboardReads:
    """What the page has already read for the signed-in person, and the reads
    panels share with each other."""

    coverage: Coverage
    _shared: dict = field(default_factory=dict, repr=False, compare=False)

    def once(self, key: str, read: Callable[[], object]):
        """``read()`` made once per page however many panels ask for it: a
        higher app's read (the development plan) that the page itself may not
        import."""
        if key not in self._shared:
            self._shared[key] = read()
        return self._shared[key]


@dataclass(frozen=True)
class DashboardPanel:
    #: Template rendered with ``panel_context`` merged into the dashboard's.
    template: str
    #: Builds the panel's context for the signed-in person from the request
    #: and the page's reads, or returns None to leave the panel out.
    context: Callable[[HttpRequest, DashboardReads], dict | None]


_panels: list[DashboardPanel] = []


def dashboard_panel_register(panel: DashboardPanel) -> None:
    if panel not in _panels:
        _panels.append(panel)


def dashboard_panels_for(
    request: HttpRequest, *, reads: DashboardReads
) -> list[tuple[str, dict]]:
    rendered = []
    for panel in _panels:
        context = panel.context(request, reads)
        if context is not None:
            rendered.append((panel.template, context))
    return rendered
