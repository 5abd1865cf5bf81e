"""A review page: each report's tables in the official layout, every flagged cell marked.

One self-contained HTML file (inline CSS, no scripts, no external assets; every text
escaped) for a reviewer: cells that are blank, not applicable, missing or inferred each
have their own style; a cell named by a finding is red, carries the finding's number,
and the finding stands beside its table, in Chinese or English.
"""

from __future__ import annotations

import html
from typing import IO, Iterable, Mapping, Sequence

import attrs

from govinfo.model import Cell, Finding, Report, Severity, Status
from govinfo.tables import official_grid
from govinfo.template import Table, ValueKind
from govinfo.text import format_value

_STYLE = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.2em; border-top: 2px solid #888; padding-top: .6em; }
h3 { font-size: 1em; margin: 1em 0 .4em; }
.meta { color: #555; font-size: .9em; }
.pair { display: flex; gap: 1.5em; align-items: flex-start; flex-wrap: wrap; }
table { border-collapse: collapse; font-size: .85em; }
th, td { border: 1px solid #999; padding: 2px 6px; }
th { background: #f3f3f3; font-weight: normal; text-align: left; }
td { text-align: right; min-width: 2.2em; }
td.blank { background: #eef3f8; }
td.not_applicable { background: #eee; color: #777; }
td.missing { background: #fff3b0; color: #8a6d00; font-weight: bold; text-align: center; }
td.inferred { background: #e2f5e2; font-style: italic; }
td.flag { background: #f8c9c9; color: #900; font-weight: bold; outline: 2px solid #c00; }
td.suspect { outline-width: 3px; }
sup a { color: #c00; text-decoration: none; }
ol.findings { max-width: 38em; margin: 0; font-size: .85em; }
ol.findings li { margin-bottom: .4em; }
.error { color: #b00; } .warning { color: #a60; } .info { color: #246; }
table.legend { margin-bottom: 1em; } table.legend td { text-align: center; }
"""

_STATUS_TEXT = {
    Status.BLANK: ("空白", "blank"),
    Status.NOT_APPLICABLE: ("不适用", "not applicable"),
    Status.MISSING: ("缺失（未能读出）", "missing (could not be read)"),
    Status.INFERRED: ("推算（未印出）", "inferred (not printed)"),
}


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


@attrs.frozen
class _Ref:
    number: int
    finding: Finding
    anchor: str


def _value_keys(table: Table) -> list[str]:
    """The keys of the value cells official_grid prints, in the order it prints them."""
    return [
        f"{table.key}.{row.key}.{column.key}"
        for row in table.rows
        for column in row.columns
        if column.kind is not ValueKind.UNIT
    ]


#: Stands in for every value cell when the grid is laid out, so that official_grid gives
#: every row its values (a renderer leaves out rows it would not print) and the value
#: cells it returns map one to one, in order, onto the table's keys.
_LAYOUT_CELL = Cell(0, Status.NUMBER)


def _cell_text(cell: Cell) -> str:
    """What the page shows: the value (inferred ones too), / for n.a., ? for missing."""
    if cell.status is Status.NOT_APPLICABLE:
        return "/"
    if cell.status is Status.MISSING:
        return "?"
    return format_value(cell.value)


def _cell_td(key: str, cell: Cell, refs: Sequence[_Ref], lang: str) -> str:
    classes = [cell.status.value] if cell.status in _STATUS_TEXT else []
    title = [key]
    if cell.status in _STATUS_TEXT:
        title.append(_STATUS_TEXT[cell.status][lang == "en"])
    text = _cell_text(cell)
    if refs:
        classes.append("flag")
        if any(ref.finding.suspect == key for ref in refs):
            classes.append("suspect")
        title.extend(ref.finding.message(lang) for ref in refs)
    marks = "".join(f'<sup><a href="#{ref.anchor}">{ref.number}</a></sup>' for ref in refs)
    return f'<td class="{" ".join(classes)}" title="{_e(" · ".join(title))}">{_e(text)}{marks}</td>'


def _table_html(table: Table, cells: Mapping[str, Cell], refs_by_key: Mapping[str, list[_Ref]], lang: str) -> str:
    value_keys = _value_keys(table)
    layout = {**cells, **{key: _LAYOUT_CELL for key in value_keys}}  # unit cells stay: they title headers
    keys = iter(value_keys)
    rows = []
    for grid_row in official_grid(table, layout):
        parts = [f"<th>{_e(label)}</th>" for label in grid_row.labels]
        for _ in grid_row.values:
            key = next(keys, None)
            if key is None:  # the grid and the template disagree: mark nothing rather than guess
                parts.append("<td></td>")
            else:
                parts.append(_cell_td(key, cells[key], refs_by_key.get(key, []), lang))
        rows.append("<tr>" + "".join(parts) + "</tr>")
    return "<table>\n" + "\n".join(rows) + "\n</table>"


def _finding_li(ref: _Ref, lang: str) -> str:
    finding = ref.finding
    extra = []
    if finding.suspect:
        extra.append(f"{'suspect' if lang == 'en' else '可疑单元格'} {finding.suspect}")
    if finding.printed is not None:
        extra.append(f"{'printed' if lang == 'en' else '印出'} {finding.printed}")
    if finding.expected is not None:
        extra.append(f"{'expected' if lang == 'en' else '应为'} {finding.expected}")
    if finding.cells:
        extra.append(", ".join(finding.cells))
    detail = f"<br><small>{_e('; '.join(extra))}</small>" if extra else ""
    return (
        f'<li id="{ref.anchor}" value="{ref.number}"><span class="{_e(finding.severity.value)}">'
        f"[{_e(finding.severity.value)}] {_e(finding.rule)}</span> {_e(finding.message(lang))}{detail}</li>"
    )


def _report_html(index: int, source: str, report: Report, findings: Sequence[Finding], lang: str) -> str:
    refs = [_Ref(number, finding, f"r{index}-f{number}") for number, finding in enumerate(findings, 1)]
    refs_by_key: dict[str, list[_Ref]] = {}
    for ref in refs:
        for key in dict.fromkeys((*ref.finding.cells, *((ref.finding.suspect,) if ref.finding.suspect else ()))):
            refs_by_key.setdefault(key, []).append(ref)
    meta = report.meta
    title = meta.title or f"{meta.agency or '?'} {meta.year or '?'}"
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    counts = f"{len(findings)} findings, {errors} errors" if lang == "en" else f"{len(findings)} 条发现，其中错误 {errors} 条"
    out = [
        f'<section id="report-{index}"><h2>{_e(title)}</h2>',
        f'<p class="meta">{_e(source)} · {_e(meta.agency)} · {_e(meta.year)} · template {_e(meta.template)}'
        f" · {_e(counts)}</p>",
    ]
    spec = report.template_spec
    placed: set[int] = set()
    for table in spec.tables:
        in_table = [ref for ref in refs if ref.number not in placed
                    and any(key.startswith(table.key + ".") for key in (*ref.finding.cells, ref.finding.suspect or ""))]
        placed.update(ref.number for ref in in_table)
        side = f'<ol class="findings">{"".join(_finding_li(ref, lang) for ref in in_table)}</ol>' if in_table else ""
        out.append(f"<h3>{_e(table.number)}、{_e(table.title)}</h3>")
        out.append(f'<div class="pair">{_table_html(table, report.cells, refs_by_key, lang)}{side}</div>')
    rest = [ref for ref in refs if ref.number not in placed]
    if rest:
        out.append(f"<h3>{'Other findings' if lang == 'en' else '其他发现'}</h3>")
        out.append(f'<ol class="findings">{"".join(_finding_li(ref, lang) for ref in rest)}</ol>')
    out.append("</section>")
    return "\n".join(out)


def _legend(lang: str) -> str:
    names = [(status.value, _STATUS_TEXT[status][lang == "en"]) for status in _STATUS_TEXT]
    names.append(("flag", "named by a finding" if lang == "en" else "发现所指的单元格"))
    cells = "".join(f'<td class="{css}">{_e(text)}</td>' for css, text in names)
    return f'<table class="legend"><tr>{cells}</tr></table>'


def write_html(
    entries: Iterable[tuple[str, Report, Sequence[Finding]]], out: IO[str], *, lang: str = "zh", title: str = "govinfo check"
) -> int:
    """Write the page for ``(source, report, findings)`` entries; returns the number of reports."""
    out.write(
        f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head><body>\n<h1>{_e(title)}</h1>\n{_legend(lang)}\n"
    )
    count = 0
    for index, (source, report, findings) in enumerate(entries, 1):
        out.write(_report_html(index, source, report, findings, lang) + "\n")
        count += 1
    out.write("</body></html>\n")
    return count


def html_page(entries: Iterable[tuple[str, Report, Sequence[Finding]]], *, lang: str = "zh", title: str = "govinfo check") -> str:
    """The whole page as a string (see :func:`write_html`)."""
    import io

    buffer = io.StringIO()
    write_html(entries, buffer, lang=lang, title=title)
    return buffer.getvalue()
