"""Printing a report back into a document, in any layout a plugin can render.

The core prints what every layout shares (title, document number, section headings,
prose, signature and date); the layout plugin prints the three tables.
"""

from __future__ import annotations

import html
import re

from govinfo.model import Report
from govinfo.plugins import PluginHost
from govinfo.template import SECTIONS


def report_title(report: Report) -> str:
    """The title as printed: the parsed one, else agency + year + the standard words."""
    meta = report.meta
    if meta.title:
        return meta.title
    year = f"{meta.year}年" if meta.year is not None else ""
    return f"{meta.agency or ''}{year}政府信息公开工作年度报告"


def render(report: Report, layout: str, *, host: PluginHost | None = None) -> str:
    """The whole report as a document whose tables are in ``layout``."""
    from govinfo.pipeline import default_host

    host = host or default_host()
    lines: list[str] = []
    tables: set[int] = set()  # indexes in lines of the layout's table bodies
    if report.meta.doc_number:
        lines += [report.meta.doc_number, ""]
    lines += [report_title(report), ""]
    for section in SECTIONS:
        lines += [f"{section.number}、{section.title}", ""]
        if section.table:
            body = host.render_section(layout, section.key, report)
            if body is None:
                raise ValueError(f"layout {layout!r} cannot print section {section.key}")
        else:
            body = getattr(report.text, section.key) or ""
        if body:
            if section.table:
                tables.add(len(lines))
            lines += [body, ""]
    if report.meta.agency and not report.meta.title:
        lines.append(report.meta.agency)
    if report.meta.published:
        published = report.meta.published
        lines.append(f"{published.year}年{published.month}月{published.day}日")
    if document_format(layout, host) == "html":
        return html_document(report_title(report), lines, tables)
    return "\n".join(lines).rstrip("\n") + "\n"


def document_format(layout: str, host: PluginHost) -> str:
    """What kind of document a layout's tables are printed into: ``"text"`` (the default) or
    ``"html"``, as the layout plugin declares in its ``DOCUMENT_FORMAT`` attribute."""
    return str(getattr(host.manager.get_plugin(layout), "DOCUMENT_FORMAT", "text"))


# Spaces HTML would collapse: at a line's ends, and every space after another one.
_COLLAPSING_SPACE = re.compile(r"^ | $|(?<= ) ")


def _html_line(line: str) -> str:
    """A text line as HTML that reads back as the same line (escaped, spaces kept)."""
    return _COLLAPSING_SPACE.sub("&nbsp;", html.escape(line, quote=False))


def html_document(title: str, lines: list[str], markup: set[int]) -> str:
    """A rendered report as an HTML page: each text line a paragraph, the layout's table
    bodies (``markup``: their indexes in ``lines``) as the markup they are."""
    body: list[str] = []
    for index, entry in enumerate(lines):
        if index in markup:
            body.append(entry)
            continue
        for line in entry.split("\n") if entry else ():
            body.append(f"<p>{_html_line(line)}</p>" if line else "<p><br></p>")
    head = f'<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>{html.escape(title, quote=False)}</title>\n</head>\n<body>\n'
    return head + "\n".join(body) + "\n</body>\n</html>\n"
