"""The ASYE cohort report: each newly qualified social worker's year, its
reviews (overdue ones counted) and where it stands. Organisation admins only,
so people are named (it is the admin who assigns assessors)."""

from django.utils.translation import gettext as _

from portfolio.asye.selectors import cohort_report
from portfolio.reports.scope import ReportRequest
from portfolio.reports.tables import ReportResult, Section, Table, text_cell


def build_asye_cohort(request: ReportRequest) -> ReportResult:
    people = set(request.population().values_list("pk", flat=True))
    rows = [
        row
        for row in cohort_report(admin=request.viewer, today=request.as_at)
        if row.year.nqsw_id in people
    ]
    table = Table(
        "asye-cohort",
        _("Assessed years, the most overdue reviews first"),
        [
            _("Social worker"),
            _("Assessor"),
            _("Programme"),
            _("Started"),
            _("Reviews held"),
            _("Overdue reviews"),
            _("Next review due"),
            _("Status"),
        ],
        empty_text=_("Nobody is in an assessed year."),
    )
    for row in rows:
        year = row.year
        status = year.get_state_display()
        if year.outcome:
            status = f"{status}: {year.get_outcome_display()}"
        table.rows.append(
            [
                text_cell(str(year.nqsw)),
                text_cell(str(year.assessor)),
                text_cell(year.programme.name),
                text_cell(f"{year.starts_on:%-d %b %Y}"),
                text_cell(str(sum(1 for due in row.reviews if due.review))),
                text_cell(str(len(row.overdue_reviews))),
                text_cell(
                    f"{row.next_review.due_on:%-d %b %Y}" if row.next_review else "–"
                ),
                text_cell(status),
            ]
        )
    return ReportResult(sections=[Section(heading=_("Progress"), table=table)])
