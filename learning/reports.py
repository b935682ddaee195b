"""Learning's part of the organisation reports: what content exists for each
PCF domain next to the training needs, and how content is used.

Plugged into portfolio's report registry from LearningConfig.ready(); the
report views audit every request and make the CSV from the same tables.
"""

from django.utils.translation import gettext as _

from capabilities.selectors import active_pcf
from learning.models import Topic
from learning.usage import content_use, pages_per_domain, pages_per_topic
from portfolio.reports import charts
from portfolio.reports.registry import (
    Audience,
    Report,
    TrainingNeedsSection,
    register_report,
    register_training_needs_section,
)
from portfolio.reports.tables import (
    ReportResult,
    Section,
    Table,
    count_cell,
    text_cell,
)

MOST_RECORDED = 20


def _use_by_page(request):
    return {
        use.page_id: use
        for use in content_use(
            people=request.population(),
            starts=request.year.starts,
            ends=min(request.year.ends, request.as_at),
        )
    }


def _totals(page_ids, use_by_page) -> tuple[int, int]:
    uses = [use_by_page[page_id] for page_id in page_ids if page_id in use_by_page]
    return sum(use.views for use in uses), sum(use.recorded for use in uses)


def build_content_for_needs(request, domains) -> Section:
    """One row per domain, in the training needs report's order."""
    framework = active_pcf()
    pages = pages_per_domain(framework=framework) if framework else {}
    use_by_page = _use_by_page(request)
    table = Table(
        "learning-content-for-needs",
        _("Published learning content for each PCF domain, and its use in the year"),
        [
            _("PCF domain"),
            _("Pages"),
            _("Views"),
            _("Recorded as CPD"),
        ],
    )
    for domain in domains:
        page_ids = pages.get(domain.pk, set())
        views, recorded = _totals(page_ids, use_by_page)
        table.rows.append(
            [
                text_cell(f"{domain.code}. {domain.name}"),
                text_cell(len(page_ids)),
                count_cell(views, exact=request.exact),
                count_cell(recorded, exact=request.exact),
            ]
        )
    return Section(
        _("Learning content for these needs"),
        table,
        notes=[
            _(
                "A page counts for a domain when it supports the domain, or a "
                "statement or standard that counts towards it. A view is one "
                "person reading a page on one day."
            )
        ],
    )


def build_content_use(request) -> ReportResult:
    use_by_page = _use_by_page(request)
    exact = request.exact
    # content_use returns the most recorded first; the dict keeps that order.
    most = list(use_by_page.values())[:MOST_RECORDED]
    pages = Table(
        "learning-most-recorded",
        _("Most recorded pages in the year"),
        [
            _("Page"),
            _("Type"),
            _("Views"),
            _("People who viewed it"),
            _("Recorded as CPD"),
            _("Of those, completed"),
        ],
        empty_text=_("No page was viewed or recorded in the year."),
    )
    for use in most:
        pages.rows.append(
            [
                text_cell(use.title),
                text_cell(use.kind.capitalize()),
                count_cell(use.views, exact=exact),
                count_cell(use.viewers, exact=exact),
                count_cell(use.recorded, exact=exact),
                count_cell(use.completed, exact=exact),
            ]
        )
    topics = Table(
        "learning-by-topic",
        _("Use of learning content by topic"),
        [_("Topic"), _("Pages"), _("Views"), _("Recorded as CPD")],
        empty_text=_("No published page is filed under a topic yet."),
    )
    pages_by_topic = pages_per_topic()
    for topic in Topic.objects.filter(pk__in=pages_by_topic):
        page_ids = pages_by_topic[topic.pk]
        views, recorded = _totals(page_ids, use_by_page)
        topics.rows.append(
            [
                text_cell(topic.name),
                text_cell(len(page_ids)),
                count_cell(views, exact=exact),
                count_cell(recorded, exact=exact),
            ]
        )
    topics.rows.sort(key=lambda row: -(row[3].value or 0))
    return ReportResult(
        [
            Section(
                _("Most recorded pages"),
                pages,
                charts.bar_chart(
                    chart_id="chart-learning-recorded",
                    title=_("Entries recorded from each page"),
                    description=_("One bar per page. The table gives the figures."),
                    bars=[(row[0].text, row[4]) for row in pages.rows],
                ),
            ),
            Section(_("By topic"), topics),
        ],
        notes=[
            _(
                "Counts people in scope only: views are one per person, page and "
                "day; recorded means an entry made from the page in the year, "
                "draft or complete."
            )
        ],
    )


def register_reports() -> None:
    register_training_needs_section(
        TrainingNeedsSection(
            key="learning-content",
            title=_("Learning content"),
            build=build_content_for_needs,
        )
    )
    register_report(
        Report(
            key="learning-content-use",
            title=_("Learning content use"),
            summary=_(
                "Views and CPD records of learning content, most recorded first."
            ),
            build=build_content_use,
            audiences=frozenset(
                {Audience.ORG_ADMIN, Audience.TEAM_MANAGER, Audience.TRAINING_TEAM}
            ),
            order=50,
        )
    )
