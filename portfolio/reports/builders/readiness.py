"""The CPD readiness report, counted from the people's yearly summaries."""

from django.utils.translation import gettext as _

from portfolio.evidence.selectors import Readiness
from portfolio.reports import charts
from portfolio.reports.scope import ReportRequest, group_labels
from portfolio.reports.selectors.readiness import month_ends
from portfolio.reports.selectors.summaries import not_yet_met, readiness_by_team
from portfolio.reports.tables import (
    QueryRows,
    ReportResult,
    Section,
    Table,
    count_cell,
    percent_cell,
    text_cell,
)


def _by_team_chart(columns, rows):
    """The bars of the teams on show (a thousand bars would be unreadable
    and a megabyte of page)."""
    return charts.bar_chart(
        chart_id="chart-readiness-by-team",
        title=_("Share of social workers complete, by team"),
        description=_("Bars from 0 to 100%. The table gives the figures."),
        bars=[(row[0].text, row[4]) for row in rows],
        maximum=100,
    )


def _missing_rows(request: ReportRequest, labels: dict):
    """The "not yet complete" table's rows, read a page (or a CSV chunk) at a
    time."""
    # Someone with no CPD in the year has no summary: they need everything.
    needs_everything = " ".join(
        Readiness(year=request.year, today=request.as_at).still_needed
    )

    def row(values):
        first_name, last_name, email, team_id, still_needed = values
        return [
            text_cell(f"{first_name} {last_name}".strip() or email),
            text_cell(labels.get(team_id, "")),
            text_cell(
                needs_everything if still_needed is None else " ".join(still_needed)
            ),
        ]

    return QueryRows(not_yet_met(request=request), row)


def build_cpd_readiness(request: ReportRequest) -> ReportResult:
    exact = request.exact
    ends = month_ends(request.year, request.as_at)
    teams = {
        team.team_id: team
        for team in readiness_by_team(request=request, month_ends=ends)
    }
    labels = group_labels(list(teams))

    by_team = Table(
        "readiness-by-team",
        _("Social workers complete for the registration year, by team"),
        [
            _("Team"),
            _("People"),
            _("Complete"),
            _("Not yet complete"),
            _("Complete (%)"),
        ],
    )
    for team_id, label in labels.items():
        size, done = teams[team_id].people, teams[team_id].met
        by_team.rows.append(
            [
                text_cell(label),
                count_cell(size, exact=exact, group_size=size),
                count_cell(done, exact=exact, group_size=size),
                count_cell(size - done, exact=exact, group_size=size),
                percent_cell(done, size, exact=exact),
            ]
        )
    total = sum(team.people for team in teams.values())
    total_met = sum(team.met for team in teams.values())
    by_team.rows.append(
        [
            text_cell(_("All")),
            count_cell(total, exact=exact, group_size=total),
            count_cell(total_met, exact=exact, group_size=total),
            count_cell(total - total_met, exact=exact, group_size=total),
            percent_cell(total_met, total, exact=exact),
        ]
    )

    by_month = Table(
        "readiness-by-month",
        _("Social workers complete by the end of each month"),
        [_("Month"), _("Complete"), _("Complete (%)")],
    )
    for index, end in enumerate(ends):
        done = sum(team.met_by[index] for team in teams.values())
        by_month.rows.append(
            [
                text_cell(f"{end:%B %Y}"),
                count_cell(done, exact=exact, group_size=total),
                percent_cell(done, total, exact=exact),
            ]
        )

    missing = Table(
        "readiness-missing",
        _("Social workers not yet complete"),
        [_("Name"), _("Team"), _("Still needed")],
        rows=_missing_rows(request, labels),
    )

    period = _("1 December %(start)s to 30 November %(end)s") % {
        "start": request.year.starts.year,
        "end": request.year.ends.year,
    }
    return ReportResult(
        [
            Section(_("By team"), by_team, chart_for=_by_team_chart),
            Section(
                _("Over the year"),
                by_month,
                charts.line_chart(
                    chart_id="chart-readiness-by-month",
                    title=_("Share of social workers complete, month by month"),
                    description=_(
                        "A line from 0 to 100%. The table gives the figures."
                    ),
                    points=[(row[0].text[:3], row[2]) for row in by_month.rows],
                ),
            ),
            Section(_("Not yet complete"), missing),
        ],
        notes=[
            _(
                "Complete means at least 2 pieces of CPD dated %(period)s, at least "
                "1 with peer reflection, as Social Work England requires. Drafts "
                "and duplicates do not count."
            )
            % {"period": period}
        ],
    )
