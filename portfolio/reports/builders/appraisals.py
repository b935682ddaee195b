"""The appraisals and supervision report."""

from django.utils.translation import gettext as _

from portfolio.reports import charts
from portfolio.reports.scope import ReportRequest, group_labels
from portfolio.reports.selectors.appraisals import appraisal_counts, supervision_counts
from portfolio.reports.tables import ReportResult, Section, Table, count_cell, text_cell


def _table(key, caption, columns, rows_by_team, values, exact) -> Table:
    """One row per team and a total row; ``values(row)`` gives the counts
    after the group size."""
    labels = group_labels(list(rows_by_team))
    table = Table(key, caption, columns)
    totals = None
    for team_id, label in labels.items():
        row = rows_by_team[team_id]
        figures = [row.people, *values(row)]
        totals = (
            figures
            if totals is None
            else [a + b for a, b in zip(totals, figures, strict=True)]
        )
        table.rows.append(
            [
                text_cell(label),
                *(count_cell(n, exact=exact, group_size=row.people) for n in figures),
            ]
        )
    totals = totals or [0] * (len(columns) - 1)
    table.rows.append(
        [
            text_cell(_("All")),
            *(count_cell(n, exact=exact, group_size=totals[0]) for n in totals),
        ]
    )
    return table


def build_appraisals_supervision(request: ReportRequest) -> ReportResult:
    exact = request.exact
    appraisals = _table(
        "appraisals",
        _("Annual appraisals for the registration year, by team"),
        [_("Team"), _("People"), _("Not started"), _("In progress"), _("Signed")],
        {row.team_id: row for row in appraisal_counts(request=request)},
        lambda row: [row.not_started, row.in_progress, row.signed],
        exact,
    )
    supervision = _table(
        "supervision",
        _("Supervision against the frequency rules, by team"),
        [
            _("Team"),
            _("People"),
            _("On time"),
            _("Overdue"),
            _("No current supervisor"),
        ],
        {row.team_id: row for row in supervision_counts(request=request)},
        lambda row: [row.on_time, row.overdue, row.no_supervisor],
        exact,
    )
    return ReportResult(
        [
            Section(
                _("Appraisals"),
                appraisals,
                charts.bar_chart(
                    chart_id="chart-appraisals",
                    title=_("Annual appraisals, all teams in the report"),
                    description=_("One bar per state. The table gives the figures."),
                    bars=list(
                        zip(
                            appraisals.columns[2:], appraisals.rows[-1][2:], strict=True
                        )
                    ),
                ),
            ),
            Section(
                _("Supervision"),
                supervision,
                charts.bar_chart(
                    chart_id="chart-supervision",
                    title=_("Supervision, all teams in the report"),
                    description=_("One bar per state. The table gives the figures."),
                    bars=list(
                        zip(
                            supervision.columns[2:],
                            supervision.rows[-1][2:],
                            strict=True,
                        )
                    ),
                ),
                notes=[
                    _(
                        "Supervision is shown as it stands on %(day)s: newly qualified "
                        "social workers weekly for 6 weeks, fortnightly to 6 months, "
                        "then everyone at least monthly."
                    )
                    % {"day": f"{request.as_at:%-d %B %Y}"}
                ],
            ),
        ]
    )
