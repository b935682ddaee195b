"""Reports as CSV: the same tables as the page, section after section."""

import csv

from django.http import HttpResponse

from portfolio.reports.tables import ReportResult

#: Spreadsheet programs run cells starting with these as formulas.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(text: str) -> str:
    # A team or person could be named "=HYPERLINK(...)": defuse it. A lone
    # dash (no figure) is left alone.
    if text.startswith(FORMULA_STARTS) and text != "–" and text != "-":
        return "'" + text
    return text


def report_csv_response(*, result: ReportResult, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    for index, section in enumerate(result.sections):
        if index:
            writer.writerow([])
        writer.writerow([_safe(section.table.caption)])
        writer.writerow([_safe(str(column)) for column in section.table.columns])
        for row in section.table.rows:
            writer.writerow([_safe(cell.text) for cell in row])
        if not section.table.rows:
            # The page says so too: the download matches it line for line.
            writer.writerow([_safe(str(section.table.empty_text))])
    return response
