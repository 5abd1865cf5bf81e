"""Metadata from the text around the tables: title, agency, year, date, document number."""

from __future__ import annotations

import datetime as dt
import re
from typing import Sequence

from govinfo.model import Meta
from govinfo.text import collapse_spaces, nfkc

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
#: A line that is only a date: a signature date, or the 印发 date of a document.
_DATE_LINE = re.compile(_DATE.pattern + r"(?:\s?印发)?")
#: A date as web pages write it too: 2020-01-31, 2020/1/31, 2020年1月31日.
_ANY_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*\d{1,4}\s*号")
_REPORT_WORDS = ("年度报告", "年报", "工作报告")
# Where the agency name ends in a title: 关于, the year, or the report words.
_AGENCY_END = re.compile(r"关于|(?:19|20)\d{2}\s*年|政府信息公开|政务公开|信息公开")
_MARKUP = re.compile(r"^[#>*\s]+|\*+")
_AGENCY_SUFFIXES = ("政府", "委员会", "办公室", "办公厅", "局", "厅", "部", "署", "院", "所", "中心", "街道办事处", "办事处", "镇", "乡", "街道", "管委会", "委")


def clean_line(line: str) -> str:
    """A line without Markdown marks and surplus spaces."""
    return collapse_spaces(_MARKUP.sub("", line))


def find_title(preamble: Sequence[str]) -> str | None:
    """The report's title: the first preamble line naming the report, with a name line before it."""
    lines = [clean_line(line) for line in preamble]
    lines = [line for line in lines if line]
    for position, line in enumerate(lines[:12]):
        if any(word in line.replace(" ", "") for word in _REPORT_WORDS) and len(line) <= 80:
            if position > 0 and _starts_with_year(line) and _looks_like_agency(lines[position - 1]):
                return lines[position - 1] + line
            return line
    return None


def _starts_with_year(line: str) -> bool:
    return bool(_YEAR.match(line))


def _looks_like_agency(line: str) -> bool:
    text = line.replace(" ", "")
    return 2 <= len(text) <= 40 and text.endswith(_AGENCY_SUFFIXES) and "。" not in text and "，" not in text


def is_date_line(line: str) -> bool:
    """A line holding only a date (``2024年1月22日``, ``2024年1月17日印发``)."""
    return bool(_DATE_LINE.fullmatch(nfkc(line).strip()))


def is_signature_line(line: str) -> bool:
    """A line that signs a report: an agency's name, or an issuing office's 印发 line."""
    text = clean_line(line).replace(" ", "")
    if "、" in text[:3]:  # 一、… opens an item, it does not sign
        return False
    return _looks_like_agency(text) or (len(text) <= 30 and text.endswith("印发") and "。" not in text)


def parse_date(text: str) -> dt.date | None:
    """The first valid date in a text, written either way (``2020-01-31`` or ``2020年1月31日``)."""
    for found in _ANY_DATE.finditer(nfkc(text)):
        try:
            return dt.date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
        except ValueError:
            continue
    return None


_LEADING_YEAR = re.compile(r"^(?:19|20)\d{2}年度?")


def agency_from_title(title: str) -> str | None:
    """The agency a title names: what stands before 关于, the year or 政府信息公开
    (after a year the title may open with, as in 2019年上海市人民政府办公厅…)."""
    text = _LEADING_YEAR.sub("", title.replace(" ", ""))
    end = _AGENCY_END.search(text)
    if end is None or end.start() == 0:
        return None
    agency = text[: end.start()]
    return agency if len(agency) >= 2 else None


def year_from_title(title: str) -> int | None:
    found = _YEAR.search(title)
    return int(found.group(1)) if found else None


def find_date(lines: Sequence[str]) -> dt.date | None:
    """The last full date in some lines (the signature or 印发 date)."""
    for line in reversed(lines):
        for found in reversed(list(_DATE.finditer(nfkc(line)))):
            try:
                return dt.date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
            except ValueError:
                continue
    return None


def find_doc_number(lines: Sequence[str]) -> str | None:
    for line in lines:
        found = _DOC_NUMBER.search(line.replace(" ", ""))
        if found:
            return found.group(0)
    return None


def signature_agency(trailer: Sequence[str]) -> str | None:
    for line in trailer:
        text = clean_line(line).replace(" ", "")
        if _looks_like_agency(text) and not _DATE.search(text):
            return text
    return None


def _info_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def extract_meta(
    preamble: Sequence[str],
    trailer: Sequence[str],
    template_id: str,
    document_title: str | None = None,
    document_info: Sequence[tuple[str, str]] = (),
) -> Meta:
    """Metadata from the preamble (title, document number) and the trailer (signature, date).

    What the document's container says (``document_info``: an HTML page's ArticleTitle,
    PubDate and ContentSource <meta>, then its <title>) only fills what the text leaves
    empty; a source named there counts as the agency only when it reads as an agency name.
    """
    info = dict(document_info)
    fallback_title = info.get("title") or document_title
    title = find_title(preamble) or (clean_line(fallback_title) if fallback_title else None)
    agency = agency_from_title(title) if title else None
    agency = agency or signature_agency(trailer)
    source = clean_line(info.get("agency") or "").replace(" ", "")
    if agency is None and _looks_like_agency(source):
        agency = source
    year = year_from_title(title) if title else None
    return Meta(
        agency=agency,
        year=year,
        template=template_id,
        published=find_date(trailer) or _info_date(info.get("published")),
        doc_number=find_doc_number(preamble),
        title=title,
    )
