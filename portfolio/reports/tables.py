"""What a report is made of: sections, each a table with an optional chart.

The page and the CSV are both rendered from these objects, so a download
always carries exactly the figures on the screen. Small-number suppression is
decided here, once, when a cell is made.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

#: Cells counting fewer people than this are hidden from anyone but an
#: organisation admin (and so is everything about a group this small).
SMALL_CELL = 5
SUPPRESSED_TEXT = _("Fewer than 5")
NOT_APPLICABLE_TEXT = "–"


@dataclass(frozen=True)
class Cell:
    """One figure or label. ``value`` is None when suppressed or not
    applicable; ``text`` is what both the page and the CSV show."""

    value: int | str | None
    text: str
    suppressed: bool = False
    #: 0–4, how full the cell is, for heatmaps (None: not shaded).
    band: int | None = None

    def __str__(self):
        return self.text


def text_cell(text) -> Cell:
    return Cell(str(text), str(text))


def _suppressed() -> Cell:
    return Cell(None, str(SUPPRESSED_TEXT), suppressed=True)


def is_small(number: int) -> bool:
    return 0 < number < SMALL_CELL


def count_cell(number: int, *, exact: bool, group_size: int | None = None) -> Cell:
    """A count of people. Suppressed for a restricted viewer when it is 1–4,
    or when the group it is drawn from has fewer than 5 people (then even a
    0 would tell them about everyone in it)."""
    group_small = group_size is not None and group_size < SMALL_CELL
    if not exact and (is_small(number) or group_small):
        return _suppressed()
    return Cell(number, str(number))


def percent_cell(part: int, whole: int, *, exact: bool) -> Cell:
    """``part`` of ``whole`` as a whole-number percentage, with a heat band.
    Suppressed whenever either count would be."""
    if whole == 0:
        return Cell(None, NOT_APPLICABLE_TEXT)
    if not exact and (is_small(part) or whole < SMALL_CELL):
        return _suppressed()
    percent = round(100 * part / whole)
    band = min(4, (percent + 24) // 25) if percent else 0
    return Cell(percent, f"{percent}%", band=band)


class QueryRows:
    """A table's rows read from the database only as far as they are shown:
    ``len()`` counts them, a slice (a page) reads that page, and iterating
    (the CSV) streams them in chunks, so neither the page nor the download
    ever holds a national workforce's rows at once.

    ``make_row(values)`` turns one row of ``queryset`` into the table's cells.
    The database is fixed when the rows are made (inside ``replica_reads()``),
    so the page and the stream read where the report's figures were read."""

    #: Rows fetched per round trip while streaming.
    chunk_size = 2000

    def __init__(self, queryset: QuerySet, make_row: Callable[..., list[Cell]]):
        self.queryset = queryset.using(queryset.db)
        self.make_row = make_row
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.queryset.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __bool__(self) -> bool:
        return self.count() > 0

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.make_row(values) for values in self.queryset[index]]
        return self.make_row(self.queryset[index])

    def __iter__(self) -> Iterator[list[Cell]]:
        for values in self.queryset.iterator(chunk_size=self.chunk_size):
            yield self.make_row(values)


@dataclass
class Table:
    #: Used for ids and ``data-testid`` (``table-<key>``).
    key: str
    caption: str
    columns: list[str]
    #: Each row starts with its header cell (a text cell): a list, or
    #: ``QueryRows`` for a list of people as long as the workforce.
    rows: list[list[Cell]] | QueryRows = field(default_factory=list)
    #: Shown (on the page and in the CSV) instead of rows when there are none.
    empty_text: str = _("Nobody to show.")
    #: When set, the columns between the first (the row headers) and the last
    #: (the total) come this many to a page as well, for a table with a column
    #: per team. The CSV always has every column.
    column_page_size: int | None = None


@dataclass
class Section:
    heading: str
    table: Table
    #: An accessible SVG from ``portfolio.reports.charts`` drawn from ``table``.
    chart: SafeString | None = None
    notes: list[str] = field(default_factory=list)
    #: Draws the chart from the page of the table on show instead:
    #: ``chart_for(columns, rows)``, so a chart of a thousand teams is drawn
    #: fifty at a time beside the rows it shows.
    chart_for: Callable[[list[str], list[list[Cell]]], SafeString] | None = None


@dataclass
class ReportResult:
    sections: list[Section]
    notes: list[str] = field(default_factory=list)
