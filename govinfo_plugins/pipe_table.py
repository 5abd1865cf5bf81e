"""Layout: pipe-table — rows of ``|``-separated cells, as HTML-to-text and Markdown converters print tables.

    | 规章 | 0 | 0 | 0 |
    |---|---|---|---|
    行政许可 | 0 | ||

Seen in stored copies of report pages: rows with or without a leading ``|``, Markdown
separator rows (``|---|``) or none, empty cells (``| |``, ``||``), merged cells printed as
runs of empty cells, and tables printed one cell per line — each cell followed by a line
holding only ``|``, or ending in ``|`` — where a cell may run over several lines
(``商业`` / ``企业``). Row mode reads one row per line (a line without ``|`` that runs on into
the next row's first cell is joined to it); cell mode reads the stream of cells and groups
it into rows the way one-cell-per-line layouts are grouped.
"""

from __future__ import annotations

import re
from typing import Any

from govinfo import (
    Candidate,
    LineCut,
    RawCell,
    RawRow,
    RememberedMap,
    Report,
    SectionText,
    Template,
    hookimpl,
    official_grid,
    read_cut_lines,
    read_table,
    remembered,
    stacked_rows,
)

_SEPARATOR_ROW = re.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?$|^\|?\s*:?-{3,}:?\s*$")


def is_separator_row(line: str) -> bool:
    """A Markdown table's ``|---|:---:|`` line (no data)."""
    text = line.strip()
    return "-" in text and "|" in text and bool(_SEPARATOR_ROW.match(text))


@remembered(longest=1024)  # table lines recur from report to report, word for word
def _cut_pipe_line(line: str) -> tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...]]:
    """The texts (stripped) and spans of a pipe row's cells."""
    stripped = line.rstrip()
    start = len(line) - len(line.lstrip())
    body = stripped[start:]
    if body.startswith("|"):
        body, start = body[1:], start + 1
    if body.endswith("|"):
        body = body[:-1]
    texts, starts, ends = [], [], []
    for part in body.split("|"):
        text = part.strip()
        offset = start + len(part) - len(part.lstrip())
        texts.append(text)
        starts.append(offset)
        ends.append(offset + len(text))
        start += len(part) + 1
    return tuple(texts), tuple(starts), tuple(ends)


#: What a line is to row mode: None (blank, or a separator row), a plain line (no
#: ``|``: its text and span), or a row (its cells, whether ``|`` opens it, its filled cells).
_PLAIN, _ROW = "plain", "row"
_LineReading = tuple[str, Any, Any, Any] | tuple[str, Any, Any, Any, bool, int] | None


def _read_line(line: str) -> _LineReading:
    if not line.strip() or is_separator_row(line):
        return None
    if "|" not in line:
        return _PLAIN, line.strip(), len(line) - len(line.lstrip()), len(line.rstrip())
    texts, starts, ends = _cut_pipe_line(line)
    return _ROW, texts, starts, ends, line.lstrip().startswith("|"), len(texts) - texts.count("")


#: Each line's reading, remembered by its text and looked up from C: table lines recur
#: from report to report, word for word.
_LINES = RememberedMap(_read_line, longest=1024)


def _is_row_mode(lines: tuple[str, ...]) -> bool:
    rows = 0
    for read in map(_LINES.__getitem__, lines):
        if read is not None and read[0] is _ROW and read[5] >= 2:
            rows += 1
            if rows >= 2:
                return True
    return False


def _line_cut(line: str) -> LineCut | str:
    """A line as :func:`govinfo.read_cut_lines` takes it (None for no row), or ``_PLAIN``
    for a plain line: row mode may join that to the next row, which no LineCut says."""
    read = _LINES[line]
    if read is None:
        return None
    return _PLAIN if read[0] is _PLAIN else read[1:4]


#: Each line's :func:`_line_cut`, looked up from C.
_LINE_CUTS = RememberedMap(_line_cut, longest=1024)


def row_cuts(lines: tuple[str, ...]) -> list[LineCut] | None:
    """Row mode's rows as cut lines, one per line (:func:`pipe_rows` without building the
    rows: each line is a row of its own, or none), or None when a plain line is among
    them: it may be joined to the row after it."""
    cuts = list(map(_LINE_CUTS.__getitem__, lines))
    return None if _PLAIN in cuts else cuts  # type: ignore[return-value]


def pipe_rows(lines: tuple[str, ...], first_line: int) -> list[RawRow]:
    """Row mode: one row per line; a line without ``|`` that runs on into a row not opened
    by ``|`` (a label or header broken over lines) is joined to that row's first cell."""
    rows: list[RawRow] = []
    carry: list[RawCell] = []
    for number, read in enumerate(map(_LINES.__getitem__, lines), first_line):
        if read is None:
            if carry:
                rows.extend(RawRow((cell,)) for cell in carry)
                carry = []
            continue
        if read[0] is _PLAIN:
            carry.append(RawCell(read[1], number, read[2], read[3]))
            continue
        _, texts, starts, ends, opened, _ = read
        if carry and not opened:
            first = carry[0]
            row = RawRow.from_columns(
                ("".join(cell.text for cell in carry) + texts[0], *texts[1:]),
                (first.line, *(number,) * (len(texts) - 1)),
                (first.start, *starts[1:]),
                (first.end, *ends[1:]),
            )
        else:
            rows.extend(RawRow((cell,)) for cell in carry)
            row = RawRow.from_columns(texts, (number,) * len(texts), starts, ends)
        carry = []
        rows.append(row)
    rows.extend(RawRow((cell,)) for cell in carry)
    return rows


def pipe_cells(lines: tuple[str, ...], first_line: int) -> list[RawCell]:
    """Cell mode: the stream of cells, each ended by a ``|``; a cell's lines are joined."""
    cells: list[RawCell] = []
    pieces: list[str] = []
    where: tuple[int, int, int] | None = None
    for index, line in enumerate(lines):
        number = first_line + index
        if is_separator_row(line):
            continue
        parts = line.split("|")
        position = 0
        for part_index, part in enumerate(parts):
            text = part.strip()
            if text:
                pieces.append(text)
                if where is None:
                    offset = position + len(part) - len(part.lstrip())
                    where = (number, offset, offset + len(text))
            if part_index < len(parts) - 1:  # a | ends the cell
                line_no, start, end = where or (number, position, position)
                cells.append(RawCell("".join(pieces), line_no, start, end))
                pieces, where = [], None
            position += len(part) + 1
    if pieces and where is not None:
        cells.append(RawCell("".join(pieces), *where))
    return cells


@hookimpl
def govinfo_parse_section(section: SectionText, template: Template) -> Candidate | None:
    if section.text.count("|") < 4:  # one C-level count over the section's joined lines
        return None
    table = template.table(section.key)
    if _is_row_mode(section.lines):
        cuts = row_cuts(section.lines)
        if cuts is not None:  # (the common page: read flat, as read_table would read its rows)
            return read_cut_lines(table, cuts, section.first_line, specificity=1)
        rows = pipe_rows(section.lines, section.first_line)
    else:
        cells = pipe_cells(section.lines, section.first_line)
        # an empty cell before any label is the open end of a "| a |" line, not a cell
        rows = stacked_rows(cells)
    return read_table(table, rows, specificity=1)


# --------------------------------------------------------------------------- rendering


def _escape(text: str) -> str:
    return text.replace("|", "｜")  # a cell never holds the separator


@hookimpl
def govinfo_render_section(section: str, report: Report) -> str | None:
    table = report.template_spec.table(section)
    lines = []
    for index, row in enumerate(official_grid(table, report.cells)):
        cells = [_escape(cell) for cell in (*row.labels, *row.values)]
        lines.append("| " + " | ".join(cells) + " |")
        if index == 0:  # Markdown's header separator
            lines.append("|" + "---|" * len(cells))
    return "\n".join(lines)
