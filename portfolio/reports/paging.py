"""Report tables a page at a time: at most ``ROWS_PER_PAGE`` rows (people,
or teams) of each table on the page, whatever the size of the organisation.
The CSV downloads always carry every row."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.http import QueryDict

from portfolio.reports.tables import ReportResult, Section

#: Issue #15: an organisation report shows at most 50 people per page.
ROWS_PER_PAGE = 50


@dataclass(frozen=True)
class PagedSection:
    section: Section
    page: Page
    #: Links to the neighbouring pages of this table, other filters kept.
    previous_url: str = ""
    next_url: str = ""


def page_parameter(section: Section) -> str:
    return f"{section.table.key}-page"


def _url(params: QueryDict, name: str, number: int) -> str:
    query = params.copy()
    query[name] = str(number)
    return f"?{query.urlencode()}#heading-{name.removesuffix('-page')}"


def paged_sections(result: ReportResult, params: QueryDict) -> list[PagedSection]:
    """Each section of ``result`` with the page of its table the query asks
    for (``<table key>-page``; a missing or bad number is the first page)."""
    paged = []
    for section in result.sections:
        name = page_parameter(section)
        page = Paginator(section.table.rows, ROWS_PER_PAGE).get_page(params.get(name))
        paged.append(
            PagedSection(
                section,
                page,
                _url(params, name, page.previous_page_number())
                if page.has_previous()
                else "",
                _url(params, name, page.next_page_number()) if page.has_next() else "",
            )
        )
    return paged
