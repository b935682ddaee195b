"""The CPD readiness report."""

from django.utils.translation import gettext as _

from portfolio.reports import charts
from portfolio.reports.scope import ReportRequest, group_labels
from portfolio.reports.selectors.readiness import month_ends, readiness_by_person
from portfolio.reports.tables import (
    ReportResult,
    Section,
    Table,
    count_cell,
    percent_cell,
    text_cell,
)


def build_cpd_readiness(request: ReportRequest) -> ReportResult:
    people = readiness_by_person(request=request, year=request.year)
    exact = request.exact
    sizes: dict = {}
    met: dict = {}
    for person in people:
        sizes[person.team_id] = sizes.get(person.team_id, 0) + 1
        met[person.team_id] = met.get(person.team_id, 0) + bool(person.met_on)
    labels = group_labels(list(sizes))

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
        size, done = sizes[team_id], met[team_id]
        by_team.rows.append(
            [
                text_cell(label),
                count_cell(size, exact=exact, group_size=size),
                count_cell(done, exact=exact, group_size=size),
                count_cell(size - done, exact=exact, group_size=size),
                percent_cell(done, size, exact=exact),
            ]
        )
    total, total_met = len(people), sum(met.values())
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
    for end in month_ends(request.year, request.as_at):
        done = sum(1 for p in people if p.met_on and p.met_on <= end)
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
    )
    for person in people:
        if person.met_on is None:
            missing.rows.append(
                [
                    text_cell(person.name),
                    text_cell(labels.get(person.team_id, "")),
                    text_cell(" ".join(person.readiness.still_needed)),
                ]
            )

    period = _("1 December %(start)s to 30 November %(end)s") % {
        "start": request.year.starts.year,
        "end": request.year.ends.year,
    }
    return ReportResult(
        [
            Section(
                _("By team"),
                by_team,
                charts.bar_chart(
                    chart_id="chart-readiness-by-team",
                    title=_("Share of social workers complete, by team"),
                    description=_("Bars from 0 to 100%. The table gives the figures."),
                    bars=[(row[0].text, row[4]) for row in by_team.rows],
                    maximum=100,
                ),
            ),
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
