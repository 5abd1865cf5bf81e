"""Layout: semicolon-table — one table row per line, cells separated by ``;`` or ``；``.

    信息内容;本年制发件数;本年废止件数;现行有效件数
    规章;0;0;5
    （三）不予公开;1.属于国家秘密;0;0;0;0;0;0;0

Merged cells come out as empty cells (``;;``), so a row's labels can start in any
column. Cutting the lines into rows is all this plugin does: ``govinfo.read_table``
matches labels, reads values and reports the evidence the core scores.
"""

from __future__ import annotations

from govinfo import (
    Candidate,
    Report,
    SectionText,
    Template,
    delimited_lines,
    delimited_rows,
    has_delimited_rows,
    hookimpl,
    read_table,
)

__version__ = "0.1.0"

SEPARATOR = ";"
#: The full-width semicolon is one character too, so replacing it keeps every cell's span.
_FULL_WIDTH = str.maketrans({"；": SEPARATOR})


def _lines(section: SectionText) -> tuple[str, ...]:
    return tuple(line.translate(_FULL_WIDTH) for line in section.lines)


@hookimpl
def govinfo_parse_section(section: SectionText, template: Template) -> Candidate | None:
    """Read a table section cut at semicolons; ``None`` when it has no such rows."""
    lines = _lines(section)
    # cheap refusal first: a section with fewer than three semicolon rows is not this layout
    if not has_delimited_rows(lines, SEPARATOR, at_least=3):
        return None
    table = template.table(section.key)
    return read_table(table, delimited_rows(lines, section.first_line, SEPARATOR))


@hookimpl
def govinfo_render_section(section: str, report: Report) -> str | None:
    """The table in the official grid, one row per line, cells joined by semicolons."""
    return "\n".join(delimited_lines(report, section, SEPARATOR))
