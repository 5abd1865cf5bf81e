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
    RawRow,
    RememberedMap,
    Report,
    SectionText,
    Status,
    Template,
    cut_rows,
    delimited_cut,
    delimited_lines,
    has_delimited_rows,
    hookimpl,
    is_page_furniture,
    read_cut_lines,
    remembered,
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
#: The letters OCR reads for digits, and the digit each stands for.
_OCR_LETTERS = {"O": "0", "o": "0", "I": "1", "l": "1"}
_OCR_DIGIT = re.compile(r"^[0-9" + "".join(_OCR_LETTERS) + r"]{1,12}$")
_OCR_MAP = str.maketrans(_OCR_LETTERS)


#: What every Markdown mark of _MARKDOWN holds: a section without any of them has none.
_MARK_CHARACTERS = ("#", "---", ">", "**")


def is_markdown(section: SectionText) -> bool:
    if section.heading.lstrip().startswith("#"):
        return True
    text = section.text
    if not any(mark in text for mark in _MARK_CHARACTERS):
        return False  # the common case in other layouts' text, told by C-level searches
    return _MARKDOWN.search(text) is not None  # one scan of the section, not one per line


@remembered()
def clean_cell(cell: str) -> str:
    """A cell as table text: emphasis gone, letters OCR read for digits (``O`` ``l``) made digits."""
    text = cell.replace("**", "").strip()
    if _OCR_DIGIT.match(text) and (any(ch.isdigit() for ch in text) or text in ("O", "o")):
        return text.translate(_OCR_MAP)
    return text


def table_line(line: str) -> tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...]] | None:
    """A line's cells as table text (:func:`clean_cell`), each with its span in the line;
    None for page furniture, or a line with nothing left but marks and empty cells."""
    if is_page_furniture(line):
        return None
    if _CLEANED.search(line) is None:  # no heading mark, emphasis or OCR letter in it
        return delimited_cut(line, "\t")  # clean_cell changes nothing: tab_table's own cut
    return _cleaned_line(line)


#: What table_line may change in a line: a heading mark (#), emphasis (*), and the
#: letters OCR reads for digits. A line without any is cut as it stands.
_CLEANED = re.compile("[#*" + "".join(_OCR_LETTERS) + "]")


def _cleaned_line(line: str) -> tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...]] | None:
    mark = _HEADING_MARK.match(line)
    offset = mark.end() if mark else 0
    row = RawRow.from_line(line[offset:], 0, "\t")
    texts = tuple(map(clean_cell, row.texts))
    if not any(texts):
        return None
    return texts, tuple(start + offset for start in row.starts), tuple(end + offset for end in row.ends)


#: Each line's :func:`table_line`, looked up from C: table lines recur from report to
#: report, word for word.
_TABLE_LINES = RememberedMap(table_line, longest=1024)


def table_rows(section: SectionText) -> list[RawRow]:
    """The section's tab rows with their cells cleaned, page furniture and heading marks
    dropped; every cell keeps its span in the document's own line. (The parse reads the
    same cuts flat, :func:`govinfo.read_cut_lines`, without building these rows.)"""
    return cut_rows(map(_TABLE_LINES.__getitem__, section.lines), section.first_line)


@hookimpl
def govinfo_parse_section(section: SectionText, template: Template) -> Candidate | None:
    if "\t" not in section.text or not is_markdown(section) or not has_delimited_rows(section.lines, "\t"):
        return None  # (a section without a tab has no tab rows: one C-level search)
    cuts = map(_TABLE_LINES.__getitem__, section.lines)
    return read_cut_lines(template.table(section.key), cuts, section.first_line, specificity=1)


@hookimpl
def govinfo_render_section(section: str, report: Report) -> str | None:
    table = report.template_spec.table(section)
    return "\n".join([f"**{table.title}**", "", *delimited_lines(report, section, "\t"), "", "---"])
