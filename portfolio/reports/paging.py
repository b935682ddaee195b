"""Report tables a page at a time: at most ``ROWS_PER_PAGE`` rows (people,
or teams) of each table on the page, whatever the size of the organisation,
and for a table with a column per team at most ``COLUMNS_PER_PAGE`` of those.
The CSV downloads always carry every row and column."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.http import QueryDict
from django.utils.safestring import SafeString

from portfolio.reports.tables import ReportResult, Section

#: Issue #15: an organisation report shows at most 50 people per page.
ROWS_PER_PAGE = 50
#: Teams compared side by side on one page (issue #15: a page stays under
#: 150 KB with a thousand teams).
COLUMNS_PER_PAGE = 20


@dataclass(frozen=True)
class PagedSection:
    section: Section
    page: Page
    #: Links to the neighbouring pages of this table, other filters kept.
    previous_url: str = ""
    next_url: str = ""
    #: The column headings on show (all of them unless columns are paged).
    columns: tuple = ()
    #: The page of columns, when the table's columns are paged.
    column_page: Page | None = None
    previous_columns_url: str = ""
    next_columns_url: str = ""
    chart: SafeString | None = None


def page_parameter(section: Section) -> str:
    return f"{section.table.key}-page"


def columns_parameter(section: Section) -> str:
    return f"{section.table.key}-columns"


def _url(params: QueryDict, name: str, number: int, key: str) -> str:
    query = params.copy()
    query[name] = str(number)
    return f"?{query.urlencode()}#heading-{key}"


def _neighbours(params: QueryDict, name: str, page: Page, key: str) -> tuple:
    return (
        _url(params, name, page.previous_page_number(), key)
        if page.has_previous()
        else "",
        _url(params, name, page.next_page_number(), key) if page.has_next() else "",
    )


def _paged(section: Section, params: QueryDict) -> PagedSection:
    table = section.table
    key = table.key
    page = Paginator(table.rows, ROWS_PER_PAGE).get_page(
        params.get(page_parameter(section))
    )
    rows = list(page.object_list)
    columns = list(table.columns)
    column_page, column_links = None, ("", "")
    if table.column_page_size and len(columns) > 2:
        # The row headings and the total stay; the groups between are paged.
        column_page = Paginator(
            range(1, len(columns) - 1), table.column_page_size
        ).get_page(params.get(columns_parameter(section)))
        shown = [0, *column_page.object_list, len(columns) - 1]
        columns = [columns[i] for i in shown]
        rows = [[row[i] for i in shown] for row in rows]
        page.object_list = rows
        column_links = _neighbours(params, columns_parameter(section), column_page, key)
    chart = section.chart_for(columns, rows) if section.chart_for else section.chart
    return PagedSection(
        section,
        page,
        *_neighbours(params, page_parameter(section), page, key),
        columns=tuple(columns),
        column_page=column_page,
        previous_columns_url=column_links[0],
        next_columns_url=column_links[1],
        chart=chart,
    )


def paged_sections(result: ReportResult, params: QueryDict) -> list[PagedSection]:
    """Each section of ``result`` with the page of its table the query asks
    for (``<table key>-page``, and ``<table key>-columns`` where columns are
    paged; a missing or bad number is the first page)."""
    return [_paged(section, params) for section in result.sections]
