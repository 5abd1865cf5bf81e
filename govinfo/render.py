"""Printing a report back into a document, in any layout a plugin can render.

The core prints what every layout shares (title, document number, section headings,
prose, signature and date); the layout plugin prints the three tables.
"""

from __future__ import annotations

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
            lines += [body, ""]
    if report.meta.agency and not report.meta.title:
        lines.append(report.meta.agency)
    if report.meta.published:
        published = report.meta.published
        lines.append(f"{published.year}年{published.month}月{published.day}日")
    return "\n".join(lines).rstrip("\n") + "\n"
