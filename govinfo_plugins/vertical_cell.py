"""Layout: vertical-cell — one cell per line, rows one after another.

    规章
    2
    0

A label can break over lines (``总`` / ``计``), headers split (``商业`` / ``企业``), lines
may be tab-indented and separated by blank lines or not. An empty cell comes out as a
line holding only a tab; a truly empty line only separates cells.
"""

from __future__ import annotations

from govinfo import (
    Candidate,
    RememberedMap,
    Report,
    SectionText,
    Status,
    Template,
    hookimpl,
    official_grid,
    read_stacked_section,
)

#: Statuses this layout cannot print so that they read back (the contract in govinfo.testing):
#: none, since an empty cell is printed as a line holding only a tab.
UNREPRESENTABLE: frozenset = frozenset()
UNREPRESENTABLE_AT_ROW_END: frozenset = frozenset()
#: ... but a Table 4 left blank cannot be told from its header cells.
UNREPRESENTABLE_UNLABELLED_ROW = frozenset({Status.BLANK})


_BLANK_LINE, _ONE_CELL, _TWO_CELLS = 0, 1, 2


def _line_class(line: str) -> int:
    """A line, for :func:`_one_cell_per_line`: blank, one cell, or two cells (a tab, or a
    ``|`` of pipe rows, between filled text; a trailing ``|`` closes a pipe table's cell)."""
    text = line.strip()
    if not text:
        return _BLANK_LINE
    return _TWO_CELLS if "\t" in text or ("|" in text and "|" in text.strip("| \t")) else _ONE_CELL


#: Each line's class, remembered by its text and looked up from C (every section of
#: every report is tested).
_LINE_CLASSES = RememberedMap(_line_class, longest=1024)


def _one_cell_per_line(lines: tuple[str, ...]) -> bool:
    """Fewer than one filled line in five holds two cells."""
    classes = list(map(_LINE_CLASSES.__getitem__, lines))
    filled = len(classes) - classes.count(_BLANK_LINE)
    return filled >= 3 and classes.count(_TWO_CELLS) * 5 < filled


#: How an empty cell is printed: a line holding only a tab.
EMPTY_CELL = "\t"


@hookimpl
def govinfo_parse_section(section: SectionText, template: Template) -> Candidate | None:
    if not _one_cell_per_line(section.lines):
        return None
    return read_stacked_section(template.table(section.key), section)


@hookimpl
def govinfo_render_section(section: str, report: Report) -> str | None:
    table = report.template_spec.table(section)
    blocks = []
    for row in official_grid(table, report.cells):
        cells = [cell for cell in row.labels if cell] + [value or EMPTY_CELL for value in row.values]
        blocks.append("\n".join(cells))
    return "\n\n".join(block for block in blocks if block)
