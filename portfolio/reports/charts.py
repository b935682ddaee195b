"""Accessible SVG charts drawn on the server: no JavaScript, no inline styles
(the CSP forbids them; SVG presentation attributes are not styles).

Each chart is an image with a title and a description, and always sits beside
the table it was drawn from, which is where screen-reader users and anyone who
needs the exact figures read them.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from portfolio.reports.tables import Cell

WIDTH = 640
FONT = "font-family='Arial, sans-serif' font-size='13' fill='#0b0c0c'"
BAR = "#1d70b8"
#: Heat bands 0–4 (none to most), then "no figure": all pass 4.5:1 with black.
BANDS = ("#ffffff", "#e8f4f2", "#d5ece9", "#97cfc8", "#5fb3a9")
NO_FIGURE = "#f3f2f1"
GRID = "#b1b4b6"


def _frame(
    chart_id: str,
    title: str,
    description: str,
    height: int,
    body,
    *,
    width: int = WIDTH,
    display_width: str = "100%",
):
    return format_html(
        "<svg xmlns='http://www.w3.org/2000/svg' role='img' focusable='false'"
        " class='portal-chart' viewBox='0 0 {} {}' width='{}'"
        " aria-labelledby='{}-title {}-desc'>"
        "<title id='{}-title'>{}</title><desc id='{}-desc'>{}</desc>{}</svg>",
        width,
        height,
        display_width,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        body,
    )


def _short(label: str, limit: int = 32) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: list[tuple[str, Cell]],
    maximum: int | None = None,
) -> SafeString:
    """Horizontal bars, one per (label, cell); suppressed cells get no bar."""
    label_width, row, top = 230, 28, 8
    values = [cell.value for _label, cell in bars if isinstance(cell.value, int)]
    top_value = maximum or max(values, default=0) or 1
    span = WIDTH - label_width - 110
    parts = []
    for index, (label, cell) in enumerate(bars):
        y = top + index * row
        length = (
            round(span * cell.value / top_value) if isinstance(cell.value, int) else 0
        )
        parts.append(
            format_html(
                "<text x='{}' y='{}' text-anchor='end' {}>{}</text>"
                "<rect x='{}' y='{}' width='{}' height='18' fill='{}'></rect>"
                "<text x='{}' y='{}' {}>{}</text>",
                label_width - 8,
                y + 14,
                SafeString(FONT),
                _short(str(label)),
                label_width,
                y + 1,
                length,
                BAR,
                label_width + length + 6,
                y + 14,
                SafeString(FONT),
                cell.text,
            )
        )
    height = top * 2 + row * max(len(bars), 1)
    return _frame(chart_id, title, description, height, SafeString("".join(parts)))


def line_chart(
    *, chart_id: str, title: str, description: str, points: list[tuple[str, Cell]]
) -> SafeString:
    """A percentage (0–100) over time; points without a figure break the line."""
    left, right, top, bottom = 48, 16, 12, 36
    height = 240
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    step = plot_w / max(len(points) - 1, 1)
    grid = format_html_join(
        "",
        "<line x1='{}' y1='{}' x2='{}' y2='{}' stroke='{}'></line>"
        "<text x='{}' y='{}' text-anchor='end' {}>{}%</text>",
        (
            (
                left,
                top + plot_h - plot_h * pct / 100,
                left + plot_w,
                top + plot_h - plot_h * pct / 100,
                GRID,
                left - 6,
                top + plot_h - plot_h * pct / 100 + 4,
                SafeString(FONT),
                pct,
            )
            for pct in (0, 25, 50, 75, 100)
        ),
    )
    labels, segments, current, dots = [], [], [], []
    for index, (label, cell) in enumerate(points):
        x = round(left + index * step, 1)
        labels.append(
            format_html(
                "<text x='{}' y='{}' text-anchor='middle' {}>{}</text>",
                x,
                height - 12,
                SafeString(FONT),
                label,
            )
        )
        if isinstance(cell.value, int):
            y = round(top + plot_h - plot_h * cell.value / 100, 1)
            current.append(f"{x},{y}")
            dots.append(
                format_html(
                    "<circle cx='{}' cy='{}' r='4' fill='{}'></circle>", x, y, BAR
                )
            )
        elif current:
            segments.append(current)
            current = []
    if current:
        segments.append(current)
    lines = format_html_join(
        "",
        "<polyline points='{}' fill='none' stroke='{}' stroke-width='3'></polyline>",
        ((" ".join(segment), BAR) for segment in segments),
    )
    body = SafeString(grid + "".join(labels) + lines + "".join(dots))
    return _frame(chart_id, title, description, height, body)


def heatmap(
    *,
    chart_id: str,
    title: str,
    description: str,
    row_labels: list[str],
    column_labels: list[str],
    cells: list[list[Cell]],
) -> SafeString:
    """A grid shaded by each cell's band, with its figure written in it."""
    label_width, header = 230, 90
    cell_w = max(36, min(90, (WIDTH - label_width) // max(len(column_labels), 1)))
    cell_h = 28
    width = label_width + cell_w * len(column_labels)
    parts = []
    for col, label in enumerate(column_labels):
        x = label_width + col * cell_w + cell_w / 2
        parts.append(
            format_html(
                "<text transform='translate({} {}) rotate(-45)' {}>{}</text>",
                x,
                header - 6,
                SafeString(FONT),
                _short(str(label), 20),
            )
        )
    for row_index, (label, row) in enumerate(zip(row_labels, cells, strict=True)):
        y = header + row_index * cell_h
        parts.append(
            format_html(
                "<text x='{}' y='{}' text-anchor='end' {}>{}</text>",
                label_width - 8,
                y + 18,
                SafeString(FONT),
                _short(str(label)),
            )
        )
        for col, cell in enumerate(row):
            fill = BANDS[cell.band] if cell.band is not None else NO_FIGURE
            x = label_width + col * cell_w
            parts.append(
                format_html(
                    "<rect x='{}' y='{}' width='{}' height='{}' fill='{}'"
                    " stroke='{}'></rect>"
                    "<text x='{}' y='{}' text-anchor='middle' {}>{}</text>",
                    x,
                    y,
                    cell_w,
                    cell_h,
                    fill,
                    GRID,
                    x + cell_w / 2,
                    y + 18,
                    SafeString(FONT),
                    cell.text if cell.band is not None else "–",
                )
            )
    height = header + cell_h * len(row_labels) + 8
    # Drawn at its natural size (it scrolls sideways when there are many
    # teams) rather than stretched to the page.
    return _frame(
        chart_id,
        title,
        description,
        height,
        SafeString("".join(parts)),
        width=width,
        display_width=str(width),
    )
