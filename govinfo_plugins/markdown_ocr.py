"""Layout: markdown-OCR — Markdown from OCR: headings, emphasis, page furniture, tab rows.

    ## 二、主动公开政府信息情况
    **表格**
    规章	0	0	O

Recognised by its Markdown (``#`` headings, ``**bold**``, ``---``); page furniture
(``(此页无正文)``, ``- 3 -``, ``---``) is dropped, emphasis stripped, and cells OCR read
as letters (``O`` for 0, ``l`` for 1) read as the digits they are.
"""

from __future__ import annotations

import re

from govinfo import (
    Candidate,
    Report,
    SectionText,
    Status,
    Template,
    delimited_lines,
    delimited_rows,
    has_delimited_rows,
    hookimpl,
    is_page_furniture,
    read_table,
)

#: Statuses this layout cannot print so that they read back (the contract in govinfo.testing):
#: none, as for tab_table.
UNREPRESENTABLE: frozenset = frozenset()
UNREPRESENTABLE_AT_ROW_END: frozenset = frozenset()
#: ... but a Table 4 left blank is a line of tabs, read as an empty line.
UNREPRESENTABLE_UNLABELLED_ROW = frozenset({Status.BLANK})


#: A Markdown mark on some line of a text: a heading, a rule, a quote, emphasis.
_MARKDOWN = re.compile(r"^[^\S\n]*(?:#{1,6}[^\S\n]|---+[^\S\n]*$|\*\*|>[^\S\n])|\*\*", re.MULTILINE)
_HEADING_MARK = re.compile(r"^\s*#{1,6}\s+")
_OCR_DIGIT = re.compile(r"^[0-9OoIl]{1,12}$")
_OCR_MAP = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"})


def is_markdown(section: SectionText) -> bool:
    if section.heading.lstrip().startswith("#"):
        return True
    return _MARKDOWN.search(section.text) is not None  # one scan of the section, not one per line


def _clean_cell(cell: str) -> str:
    text = cell.replace("**", "").strip()
    if _OCR_DIGIT.match(text) and (any(ch.isdigit() for ch in text) or text in ("O", "o")):
        return text.translate(_OCR_MAP)
    return text


def clean_line(line: str) -> str:
    """A Markdown line as table text: furniture dropped, emphasis and heading marks gone."""
    if is_page_furniture(line):
        return ""
    line = _HEADING_MARK.sub("", line)
    return "\t".join(_clean_cell(cell) for cell in line.split("\t"))


@hookimpl
def govinfo_parse_section(section: SectionText, template: Template) -> Candidate | None:
    if not is_markdown(section) or not has_delimited_rows(section.lines, "\t"):
        return None
    lines = [clean_line(line) for line in section.lines]
    table = template.table(section.key)
    return read_table(table, delimited_rows(lines, section.first_line, "\t"), specificity=1)


@hookimpl
def govinfo_render_section(section: str, report: Report) -> str | None:
    table = report.template_spec.table(section)
    return "\n".join([f"**{table.title}**", "", *delimited_lines(report, section, "\t"), "", "---"])
