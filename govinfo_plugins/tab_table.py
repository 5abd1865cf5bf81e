"""Layout: tab-table — one table row per line, cells separated by tabs.

    第二十条第（一）项
    规章	0	0	0
    	(三) 不予公开	1. 属于国家秘密	0	0	0	0	0	0	0

Merged cells come out as empty cells, so a row's labels can start in any column; the
values are the cells after its last label.
"""

from __future__ import annotations

from govinfo import (
    Candidate,
    Report,
    SectionText,
    Status,
    Template,
    delimited_lines,
    has_delimited_rows,
    hookimpl,
    read_delimited_section,
)

#: Statuses this layout cannot print so that they read back (the contract in govinfo.testing):
#: none. Rendered tables do not pad their rows, so a trailing empty cell reads as a blank.
UNREPRESENTABLE: frozenset = frozenset()
UNREPRESENTABLE_AT_ROW_END: frozenset = frozenset()
#: ... but a Table 4 left blank is a line of tabs, read as an empty line.
UNREPRESENTABLE_UNLABELLED_ROW = frozenset({Status.BLANK})
#: The doubt of a reading of text that stands for grids a reader knows exactly.
GRID_TEXT_FIT = 0.5


@hookimpl
def govinfo_parse_section(section: SectionText, template: Template) -> Candidate | None:
    if not has_delimited_rows(section.lines, "\t"):
        return None
    table = template.table(section.key)
    # where the reader knows the tables exactly (grids: HTML, DOCX), this text is those grids
    # cut at tabs, in which a merged cell and a blank cell look alike: half as sure
    fit = GRID_TEXT_FIT if section.grids else 1.0
    return read_delimited_section(table, section.lines, section.first_line, "\t", fit=fit)


@hookimpl
def govinfo_render_section(section: str, report: Report) -> str | None:
    return "\n".join(delimited_lines(report, section, "\t"))
