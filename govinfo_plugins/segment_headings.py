"""Segmenter: finds the six numbered section headings (一、总体情况 … 六、其他需要报告的事项).

Headings may carry Markdown marks (``## 二、…``), Arabic numbers (``6、``), extra words
and either width of punctuation. Table 3's own row labels (``四、结转下年度继续办理``)
look like headings but name no section, so keywords, not numbers, decide.
"""

from __future__ import annotations

import re
from typing import Iterator

import govinfo
from govinfo import SECTIONS, RememberedMap, Segmentation, SectionText, hookimpl

_HEADING = re.compile(r"^(?:第)?(?:[一二三四五六]|[1-6])\s*[、.．,，:：]\s*(?P<title>\S.{0,40})$")
_KEYWORDS = [(index, tuple(section.keywords)) for index, section in enumerate(SECTIONS)]
#: Each section's keywords as one pattern (any of them in a title names the section).
_KEYWORD_PATTERNS = [(index, re.compile("|".join(map(re.escape, keywords)))) for index, keywords in _KEYWORDS]


#: Between two characters of a heading, what clean_line (and the title's space removal)
#: take out: asterisks and runs of spaces of any width.
_GAP = r"[*\u0020\u00a0\u3000\u2002-\u200b\ufeff]*"
#: The white space of str.isspace() (and of the pattern class ``\s``) but the newline: in one
#: character class with the marks below, a run of them is one fast regex step, where an
#: alternation of two classes is a slow one (a test holds it to str.isspace).
SPACE_BUT_NEWLINE = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_SPACE = re.escape(SPACE_BUT_NEWLINE)
#: The start of a line that may be a heading: a newline, then a loose form of what
#: section_of_heading asks of a cleaned line (an item number and its punctuation; with
#: _MAY_BE_HEADING, a keyword later on), letting through whatever clean_line would
#: remove. Both only preselect: section_of_heading decides. (Led by a literal newline
#: rather than ^ in MULTILINE mode, a scan of the whole text jumps from line to line; the
#: lookahead turns away a line by its first character, before any repetition is tried.)
_NUMBERED_LINE = (
    rf"\n(?=[{_SPACE}#>*\u200b\ufeff第一二三四五六1-6])[{_SPACE}#>*\u200b\ufeff]*"
    rf"(?:第[{_SPACE}*\u200b\ufeff]*)?[一二三四五六1-6][{_SPACE}*\u200b\ufeff]*[、.．,，:：]"
)
_MAY_BE_HEADING = re.compile(
    _NUMBERED_LINE
    + r"(?=[^\n]*(?:" + "|".join(_GAP.join(map(re.escape, k)) for _, keywords in _KEYWORDS for k in keywords) + "))"
)
#: What the scan of a whole text looks for: the number alone. The keywords are left to
#: heading_section (_MAY_BE_HEADING), which remembers each line it saw: looking for them
#: after every numbered line (Table 3's 一、 to 四、 rows too) cost the scan more.
_NUMBERED = re.compile(_NUMBERED_LINE)


def _heading_candidates(text: str) -> Iterator[int]:
    """Indexes of the lines of ``text`` that may be headings, in order."""
    text = "\n" + text  # the first line too follows a newline
    line_index = position = 0
    for match in _NUMBERED.finditer(text):
        line_index += text.count("\n", position, match.start())
        position = match.start()
        yield line_index


def heading_section(line: str) -> int | None:
    """Index in SECTIONS of the section this line is the heading of, if it is one."""
    return _HEADING_SECTIONS[line]  # type: ignore[no-any-return]


def _heading_section(line: str) -> int | None:
    if not _MAY_BE_HEADING.match("\n" + line):  # the scan's preselection, for one line
        return None
    return section_of_heading(govinfo.clean_line(line))


#: Each line's heading_section, remembered by its text and looked up from C: headings
#: (and Table 3's numbered rows) recur from report to report, word for word.
_HEADING_SECTIONS = RememberedMap(_heading_section)


def section_of_heading(text: str) -> int | None:
    """Index in SECTIONS of the section a cleaned line (govinfo.clean_line) heads, if any."""
    if not text or len(text) > 48 or text.endswith(("。", "；", ";")):
        return None
    match = _HEADING.match(text)
    if match is None:
        return None
    title = match.group("title").replace(" ", "")
    for index, keywords in _KEYWORD_PATTERNS:
        if keywords.search(title):
            return index
    return None


def _split_trailer(body: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Section 六's prose, and the signature/date lines after it."""
    end = len(body)
    while end > 0 and _TRAILER_LINES[body[end - 1]]:
        end -= 1
    return body[:end], body[end:]


def _is_trailer_line(line: str) -> bool:
    """A line that may follow section 六's prose: blank, page furniture, a date, a signature."""
    text = govinfo.clean_line(line)
    return not text or govinfo.is_page_furniture(text) or govinfo.is_date_line(text) or govinfo.is_signature_line(line)


#: Each line's _is_trailer_line, remembered by its text (signatures and dates recur).
_TRAILER_LINES = RememberedMap(_is_trailer_line)


@hookimpl(trylast=True)
def govinfo_segment_document(document: govinfo.Document) -> Segmentation | None:
    found: list[tuple[int, int]] = []  # (line index, section index)
    last = -1
    lines, headings = document.lines, _HEADING_SECTIONS
    for line_index in _heading_candidates(document.text):
        section_index = headings[lines[line_index]]
        if section_index is not None and section_index > last:
            found.append((line_index, section_index))
            last = section_index
    if not found:
        return Segmentation(sections=(), preamble=document.lines)
    sections = []
    trailer: tuple[str, ...] = ()
    bounds = found + [(len(document.lines), -1)]
    for (start, section_index), (stop, _) in zip(bounds, bounds[1:]):
        body = document.lines[start + 1 : stop]
        if section_index == len(SECTIONS) - 1 or (stop == len(document.lines)):
            body, trailer = _split_trailer(body)
        grids = tuple(grid for grid in document.grids if start < grid.line <= stop) if document.grids else ()
        sections.append(SectionText(SECTIONS[section_index].key, document.lines[start], start + 2, body, grids))
    return Segmentation(tuple(sections), preamble=document.lines[: found[0][0]], trailer=trailer)
