"""Reports as CSV files a spreadsheet can open: one table per file, its header
row first, no title line. A report's download is a ZIP of its tables; each
table can also be downloaded on its own."""

import csv
import io
import zipfile
from collections.abc import Iterator

from django.http import StreamingHttpResponse

from portfolio.reports.tables import ReportResult, Table

#: Spreadsheet programs run cells starting with these as formulas.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(text: str) -> str:
    # A team or person could be named "=HYPERLINK(...)": defuse it. A lone
    # dash (no figure) is left alone.
    if text.startswith(FORMULA_STARTS) and text != "–" and text != "-":
        return "'" + text
    return text


class _Line:
    """A file-like object csv.writer writes one line to and hands back."""

    def write(self, text: str) -> str:
        return text


def table_csv_lines(table: Table) -> Iterator[str]:
    """One table, a line at a time: the header row, then a row per row of
    the page's table (every page of it)."""
    writer = csv.writer(_Line())
    yield writer.writerow([_safe(str(column)) for column in table.columns])
    for row in table.rows:
        yield writer.writerow([_safe(cell.text) for cell in row])
    if not table.rows:
        # The page says so too: the download matches it line for line.
        yield writer.writerow([_safe(str(table.empty_text))])


def table_csv(table: Table) -> str:
    return "".join(table_csv_lines(table))


def table_filename(*, report_key: str, table: Table, stamp: str) -> str:
    return f"{report_key}-{table.key}-{stamp}.csv"


def report_table_csv_response(
    *, result: ReportResult, report_key: str, table_key: str, stamp: str
) -> StreamingHttpResponse | None:
    """One of the report's tables as a CSV file, or None if it has no such
    table."""
    for section in result.sections:
        if section.table.key == table_key:
            name = table_filename(
                report_key=report_key, table=section.table, stamp=stamp
            )
            # Streamed: the response never holds the whole file as well.
            response = StreamingHttpResponse(
                table_csv_lines(section.table),
                content_type="text/csv; charset=utf-8",
            )
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
    return None


class _Drain(io.RawIOBase):
    """Where the ZIP writer puts its bytes until the response takes them: an
    unseekable stream, so zipfile writes each member's sizes after its data
    and never goes back."""

    def __init__(self):
        self._chunks: list[bytes] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        self.size += len(data)
        return len(data)

    def take(self) -> bytes:
        taken = b"".join(self._chunks)
        self._chunks.clear()
        self.size = 0
        return taken


#: Bytes of compressed output held before they are sent on.
ZIP_CHUNK = 64 * 1024


def _zip_chunks(result: ReportResult, report_key: str, stamp: str) -> Iterator[bytes]:
    drain = _Drain()
    with zipfile.ZipFile(drain, "w", zipfile.ZIP_DEFLATED) as archive:
        for section in result.sections:
            name = table_filename(
                report_key=report_key, table=section.table, stamp=stamp
            )
            with archive.open(name, "w") as member:
                for line in table_csv_lines(section.table):
                    member.write(line.encode())
                    if drain.size >= ZIP_CHUNK:
                        yield drain.take()
    yield drain.take()


def report_zip_response(
    *, result: ReportResult, report_key: str, stamp: str
) -> StreamingHttpResponse:
    """Every table of the report, each its own CSV file, in one ZIP, streamed
    as it is compressed (a table of people is read in chunks, never whole)."""
    response = StreamingHttpResponse(
        _zip_chunks(result, report_key, stamp), content_type="application/zip"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{report_key}-{stamp}-csv.zip"'
    )
    return response
