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
    Report,
    SectionText,
    Status,
    Template,
    hookimpl,
    official_grid,
    read_table,
    stacked_section_rows,
)

#: Statuses this layout cannot print so that they read back (the contract in govinfo.testing):
#: none, since an empty cell is printed as a line holding only a tab.
UNREPRESENTABLE: frozenset = frozenset()
UNREPRESENTABLE_AT_ROW_END: frozenset = frozenset()
#: ... but a Table 4 left blank cannot be told from its header cells.
UNREPRESENTABLE_UNLABELLED_ROW = frozenset({Status.BLANK})


def _one_cell_per_line(lines: tuple[str, ...]) -> bool:
    """Fewer than one line in five holds two cells: a tab, or a ``|`` (pipe rows), between
    filled text. (A trailing ``|`` closes a pipe table's one cell per line: not a row.)"""
    filled = [text for text in map(str.strip, lines) if text]
    if len(filled) < 3:
        return False
    rows = sum(1 for text in filled if "\t" in text or ("|" in text and "|" in text.strip("| \t")))
    return rows * 5 < len(filled)


#: How an empty cell is printed: a line holding only a tab.
EMPTY_CELL = "\t"


@hookimpl
def govinfo_parse_section(section: SectionText, template: Template) -> Candidate | None:
    if not _one_cell_per_line(section.lines):
        return None
    table = template.table(section.key)
    return read_table(table, stacked_section_rows(section), stacked=True)


@hookimpl
def govinfo_render_section(section: str, report: Report) -> str | None:
    table = report.template_spec.table(section)
    blocks = []
    for row in official_grid(table, report.cells):
        cells = [cell for cell in row.labels if cell] + [value or EMPTY_CELL for value in row.values]
        blocks.append("\n".join(cells))
    return "\n\n".join(block for block in blocks if block)
