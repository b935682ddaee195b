"""Reading report tables in tests."""

from html.parser import HTMLParser

from portfolio.reports.registry import report_get
from portfolio.reports.scope import report_request_for
from portfolio.reports.services import summaries_refresh_stale


def build(key, viewer, today, **filters):
    """The report as its view builds it (summaries brought up to date first;
    the test's transaction never commits, so no save has refreshed them)."""
    request = report_request_for(
        viewer=viewer, report_key=key, filters=filters, today=today
    )
    report = report_get(key)
    if report.uses_summaries:
        summaries_refresh_stale(people=request.population())
    return report.build(request)


def table(result, key) -> dict[str, list[str]]:
    """{row header: [cell texts after it]} for the section's table."""
    for section in result.sections:
        if section.table.key == key:
            return {
                row[0].text: [cell.text for cell in row[1:]]
                for row in section.table.rows
            }
    raise AssertionError(f"No table {key}")


def columns(result, key) -> list[str]:
    for section in result.sections:
        if section.table.key == key:
            return [str(column) for column in section.table.columns]
    raise AssertionError(f"No table {key}")


class ReportPageParser(HTMLParser):
    """Reads a report page with the standard library: each report table
    (caption -> rows of cell texts), each section's charts and tables, and
    any inline style attribute."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        #: the same tables by their key (``data-testid="table-<key>"``)
        self.tables_by_key: dict[str, list[list[str]]] = {}
        #: per section: [number of svg images with a <title>, number of tables]
        self.sections: list[list[int]] = []
        self.styled = 0
        self._table = self._row = self._cell = self._caption = None
        self._in_svg = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs:
            self.styled += 1
        if tag == "section":
            self.sections.append([0, 0])
        elif tag == "svg" and attrs.get("role") == "img":
            self._in_svg = True
        elif tag == "title" and self._in_svg and self.sections:
            self.sections[-1][0] += 1
        elif tag == "table" and attrs.get("data-testid", "").startswith("table-"):
            self._table = []
            self._table_key = attrs["data-testid"].removeprefix("table-")
            if self.sections:
                self.sections[-1][1] += 1
        elif self._table is not None and tag == "caption":
            self._caption = ""
        elif self._table is not None and tag == "tr":
            self._row = []
        elif self._row is not None and tag in ("th", "td"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "svg":
            self._in_svg = False
        elif tag in ("th", "td") and self._cell is not None:
            self._row.append(" ".join(self._cell.split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._table.append(self._row)
            self._row = None
        elif tag == "caption" and self._caption is not None:
            self._caption_text = " ".join(self._caption.split())
            self._caption = None
        elif tag == "table" and self._table is not None:
            self.tables[self._caption_text] = self._table
            self.tables_by_key[self._table_key] = self._table
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data
        elif self._caption is not None:
            self._caption += data


def parse_report_page(content: bytes) -> ReportPageParser:
    parser = ReportPageParser()
    parser.feed(content.decode())
    return parser
