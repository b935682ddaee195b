"""The reports the portal offers, and the sections other apps add to them.

Portfolio registers its own reports in ``PortfolioConfig.ready()``. An app
higher up (learning) plugs in from its own ``AppConfig.ready()`` without
portfolio importing it:

    from portfolio.reports.registry import (
        Audience, Report, TrainingNeedsSection,
        register_report, register_training_needs_section,
    )

    register_report(Report(key="learning-content-use", ..., build=build_use))
    register_training_needs_section(
        TrainingNeedsSection(key="learning-content", title=..., build=build_section)
    )

``build`` functions receive a ``ReportRequest`` (see ``portfolio.reports.scope``)
and return ``portfolio.reports.tables`` objects; the report views audit every
request and turn the same tables into the page and the CSV.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum


class Audience(StrEnum):
    #: All teams, exact figures.
    ORG_ADMIN = "org_admin"
    #: The teams they manage, small cells suppressed.
    TEAM_MANAGER = "team_manager"
    #: The whole organisation, small cells suppressed.
    TRAINING_TEAM = "training_team"


@dataclass(frozen=True)
class Report:
    #: URL slug, audit name and URL name (``reports:<key>``); lower-case-hyphens.
    key: str
    title: str
    summary: str
    #: ``build(request: ReportRequest) -> ReportResult``
    build: Callable
    audiences: frozenset = field(
        default_factory=lambda: frozenset({Audience.ORG_ADMIN, Audience.TEAM_MANAGER})
    )
    #: Lower first on the reports page.
    order: int = 100
    #: Whether the comparison choice (teams or levels) applies.
    compares: bool = False
    #: Whether it counts the people's yearly summaries, which the view then
    #: brings up to date before building it.
    uses_summaries: bool = False


@dataclass(frozen=True)
class TrainingNeedsSection:
    """A part of the training needs report another app contributes, such as
    the learning content that exists for each domain and how much it is used.

    ``build(request: ReportRequest, domains: list[Item]) -> Section``: one
    table with a row per domain, in the order given (the counts must already
    be suppressed with ``count_cell``/``percent_cell`` where
    ``request.exact`` is false).
    """

    key: str
    title: str
    build: Callable
    order: int = 100


_reports: dict[str, Report] = {}
_training_needs_sections: dict[str, TrainingNeedsSection] = {}


def register_report(report: Report) -> None:
    """Add a report (idempotent by key: registering again replaces it, so a
    reloaded app config does not duplicate it)."""
    _reports[report.key] = report


def register_training_needs_section(section: TrainingNeedsSection) -> None:
    _training_needs_sections[section.key] = section


def report_get(key: str) -> Report | None:
    return _reports.get(key)


def report_list() -> list[Report]:
    return sorted(_reports.values(), key=lambda report: (report.order, report.title))


def training_needs_sections() -> list[TrainingNeedsSection]:
    return sorted(
        _training_needs_sections.values(),
        key=lambda section: (section.order, section.title),
    )
