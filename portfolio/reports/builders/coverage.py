"""The capability coverage report: a heatmap of PCF domains × teams (or levels)."""

from django.utils.translation import gettext as _

from portfolio.reports import charts
from portfolio.reports.paging import COLUMNS_PER_PAGE
from portfolio.reports.scope import BY_LEVEL, ReportRequest, group_labels
from portfolio.reports.selectors.coverage import pcf_domains
from portfolio.reports.selectors.summaries import coverage_from_summaries
from portfolio.reports.tables import (
    ReportResult,
    Section,
    Table,
    count_cell,
    percent_cell,
    text_cell,
)


def _domain_label(domain) -> str:
    return f"{domain.code}. {domain.name}"


def _heatmap_for(key: str, caption: str, domain_labels: set[str]):
    """The heatmap of the teams on show: the domains' rows (not the group
    sizes) against the page's columns."""

    def draw(columns, rows):
        rows = [row for row in rows if row[0].text in domain_labels]
        return charts.heatmap(
            chart_id=f"chart-{key}",
            title=caption,
            description=_(
                "Darker cells: more of the group has confirmed evidence. "
                "The table gives the figures."
            ),
            row_labels=[row[0].text for row in rows],
            column_labels=columns[1:],
            cells=[row[1:] for row in rows],
        )

    return draw


def build_capability_coverage(request: ReportRequest) -> ReportResult:
    domains, towards = pcf_domains(organisation=request.organisation)
    groups = {
        group.group_id: group
        for group in coverage_from_summaries(
            request=request, domains=domains, towards=towards
        )
    }
    labels = group_labels(list(groups), by=request.compare_by)
    order = list(labels)
    exact = request.exact
    total = sum(group.size for group in groups.values())
    group_heading = _("PCF domain")
    columns = [group_heading, *labels.values(), _("All")]

    sections = []
    for key, attribute, heading, caption in (
        (
            "coverage-confirmed",
            "confirmed",
            _("Evidence confirmed by a supervisor"),
            _("Share of people with evidence a supervisor confirmed, per domain"),
        ),
        (
            "coverage-mapped",
            "mapped",
            _("Evidence mapped by practitioners"),
            _("Share of people with evidence they mapped, per domain"),
        ),
    ):
        table = Table(key, caption, columns)
        for domain in domains:
            cells = [
                percent_cell(
                    getattr(groups[g], attribute)[domain.pk],
                    groups[g].size,
                    exact=exact,
                )
                for g in order
            ]
            everyone = sum(getattr(groups[g], attribute)[domain.pk] for g in order)
            table.rows.append(
                [
                    text_cell(_domain_label(domain)),
                    *cells,
                    percent_cell(everyone, total, exact=exact),
                ]
            )
        table.rows.append(
            [
                text_cell(_("People")),
                *(
                    count_cell(groups[g].size, exact=exact, group_size=groups[g].size)
                    for g in order
                ),
                count_cell(total, exact=exact, group_size=total),
            ]
        )
        chart_for = None
        if attribute == "confirmed" and domains:
            chart_for = _heatmap_for(
                key, caption, {_domain_label(domain) for domain in domains}
            )
        # A column per team: a thousand teams come twenty to a page.
        table.column_page_size = COLUMNS_PER_PAGE
        sections.append(Section(heading, table, chart_for=chart_for))
    compared = _("PCF level") if request.compare_by == BY_LEVEL else _("team")
    return ReportResult(
        sections,
        notes=[
            _(
                "Each cell is the share of people in that %(compared)s with complete "
                "evidence dated in the registration year that counts towards the "
                "domain, including through crosswalks."
            )
            % {"compared": compared}
        ],
    )
