"""The training needs report: the portfolio's half (development-plan objectives
and coverage gaps per domain), then any sections other apps registered (the
learning content that exists for each domain and how much it is used)."""

from django.utils.translation import gettext as _

from portfolio.reports import charts
from portfolio.reports.registry import training_needs_sections
from portfolio.reports.scope import ReportRequest
from portfolio.reports.selectors.coverage import pcf_domains
from portfolio.reports.selectors.training_needs import domain_needs
from portfolio.reports.tables import ReportResult, Section, Table, count_cell, text_cell


def build_training_needs(request: ReportRequest) -> ReportResult:
    domains, towards = pcf_domains(organisation=request.organisation)
    needs = domain_needs(request=request, domains=domains, towards=towards)
    exact = request.exact
    table = Table(
        "training-needs",
        _("Development needs by PCF domain, most needed first"),
        [
            _("PCF domain"),
            _("Objectives"),
            _("People with an objective"),
            _("People with a coverage gap"),
        ],
    )
    for need in needs:
        table.rows.append(
            [
                text_cell(f"{need.domain.code}. {need.domain.name}"),
                count_cell(need.objectives, exact=exact),
                count_cell(need.people_with_objective, exact=exact),
                count_cell(need.people_with_gap, exact=exact),
            ]
        )
    sections = [
        Section(
            _("Development plans and coverage gaps"),
            table,
            charts.bar_chart(
                chart_id="chart-training-needs",
                title=_("People with a development objective, per PCF domain"),
                description=_("One bar per domain. The table gives the figures."),
                bars=[(row[0].text, row[2]) for row in table.rows],
            ),
        )
    ]
    ordered = [need.domain for need in needs]
    sections += [
        section.build(request, ordered) for section in training_needs_sections()
    ]
    return ReportResult(
        sections,
        notes=[
            _(
                "Objectives come from signed appraisals covering the registration "
                "year. A coverage gap is fewer than 2 complete pieces of evidence "
                "counting towards the domain in the year."
            )
        ],
    )
