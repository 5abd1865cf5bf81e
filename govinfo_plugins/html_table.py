"""Layout: html-table — tables a reader knows exactly (``SectionText.grids``), e.g. HTML ``<table>``.

    <tr><td colspan="4">第二十条第（一）项</td></tr>
    <tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>
    <tr><td>行政许可</td><td colspan="3">0</td></tr>

A grid's cells are known one by one, so a blank cell is a blank cell: the positions a
merged cell covers (``Grid.covered``) are left out of the row instead of standing as
empty cells, and what tab text leaves ambiguous (an empty cell at a row's end: blank, or
padding?) is exact here. This layout only speaks when the reader gave grids
(``specificity=2``); its renderer prints the official grid as an HTML ``<table>``, in a
whole HTML page (``DOCUMENT_FORMAT``) that the ``read_html`` reader reads back.
"""

from __future__ import annotations

import html

from govinfo import (
    Candidate,
    Grid,
    GridRow,
    LineCut,
    RawRow,
    RememberedMap,
    Report,
    SectionText,
    Template,
    cut_rows,
    hookimpl,
    official_grid,
    read_cut_lines,
    read_table,
    total_length,
)

#: Statuses this layout cannot print so that they read back (the contract in govinfo.testing):
#: none, a grid's cells being exact.
UNREPRESENTABLE: frozenset = frozenset()
UNREPRESENTABLE_AT_ROW_END: frozenset = frozenset()


#: The documents this layout's renderer prints tables into are HTML pages (see govinfo.render).
DOCUMENT_FORMAT = "html"


def _own_cells(row_and_merged: tuple[tuple[str, ...], tuple[int, ...]]) -> tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...]]:
    """A grid row's own cells, given the columns merged cells cover: their texts, and
    their starts and ends in the row's text line (its cells joined by tabs)."""
    row, merged = row_and_merged
    texts, starts, ends = [], [], []
    start = 0
    for column, text in enumerate(row):
        if column not in merged:
            texts.append(text.strip())
            starts.append(start)
            ends.append(start + len(text))
        start += len(text) + 1
    return tuple(texts), tuple(starts), tuple(ends)


def _row_size(row_and_merged: tuple[tuple[str, ...], tuple[int, ...]]) -> int:
    """What a remembered row holds: its characters, cells and merged columns."""
    row, merged = row_and_merged
    return total_length(row) + len(row) + len(merged)


#: A row's own cells by its texts and merged columns: rows of zeros and labels recur.
_OWN_CELLS = RememberedMap(_own_cells, longest=1024, size=_row_size)


def grid_cuts(grid: Grid) -> list[LineCut]:
    """A grid's rows as the cuts of their text lines (one a row, from ``grid.line`` on):
    each row's own cells only, each with its span in the line.

    The reader writes each grid row as one document line, its cells joined by tabs, so
    a cell's span is its place in that line.
    """
    merged_columns: dict[int, list[int]] = {}  # by row: most rows have none
    for r, c in grid.covered:
        merged_columns.setdefault(r, []).append(c)
    return [_OWN_CELLS[row, tuple(merged_columns.get(r, ()))] for r, row in enumerate(grid.rows)]


def grid_rows(grid: Grid) -> list[RawRow]:
    """A grid's rows as raw rows: its own cells only (:func:`grid_cuts`)."""
    return cut_rows(grid_cuts(grid), grid.line)


@hookimpl
def govinfo_parse_section(section: SectionText, template: Template) -> Candidate | None:
    if not section.grids:
        return None
    table = template.table(section.key)
    # the grids' rows read flat, as the cuts of their lines (no row object built only to
    # be flattened again); the lines between two grids are no rows
    cuts: list[LineCut] = []
    first = line = section.grids[0].line
    for grid in section.grids:
        if grid.line < line:  # grids out of order, or sharing lines (a third party's reader): row by row
            return read_table(table, [row for grid in section.grids for row in grid_rows(grid)], specificity=2)
        cuts += [None] * (grid.line - line)
        cuts += grid_cuts(grid)
        line = grid.line + len(grid.rows)
    return read_cut_lines(table, cuts, first, specificity=2)


# --------------------------------------------------------------------------- rendering


def _cell(text: str, colspan: int = 1) -> str:
    span = f' colspan="{colspan}"' if colspan > 1 else ""
    return f"<td{span}>{html.escape(text, quote=False)}</td>"


def html_table(grid: list[GridRow]) -> str:
    """Grid rows as an HTML table as reports print it: a short value row's first value cell
    spans the missing columns (行政许可's one value under three headers), a label or header
    row's last label spans the rest of the row."""
    value_width = max((len(row.values) for row in grid), default=0)
    label_width = max((len(row.labels) for row in grid if row.values), default=0)
    width = max([label_width + value_width] + [len(row.labels) for row in grid])
    lines = ["<table border=\"1\">"]
    for row in grid:
        labels = list(row.labels)
        values = list(row.values)
        gap = width - len(labels) - len(values)
        cells: list[str] = []
        if values and (len(values) < value_width or not labels):
            cells += [_cell(label) for label in labels]
            cells.append(_cell(values[0], 1 + gap))
            cells += [_cell(value) for value in values[1:]]
        else:
            cells += [_cell(label, 1 + gap if index == len(labels) - 1 else 1) for index, label in enumerate(labels)]
            cells += [_cell(value) for value in values]
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append("</table>")
    return "\n".join(lines)


@hookimpl
def govinfo_render_section(section: str, report: Report) -> str | None:
    table = report.template_spec.table(section)
    return html_table(official_grid(table, report.cells))
