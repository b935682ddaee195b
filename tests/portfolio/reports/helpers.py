"""Reading report tables in tests."""

from portfolio.reports.registry import report_get
from portfolio.reports.scope import report_request_for


def build(key, viewer, today, **filters):
    request = report_request_for(
        viewer=viewer, report_key=key, filters=filters, today=today
    )
    return report_get(key).build(request)


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
