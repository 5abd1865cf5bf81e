"""Property-testing helpers for govinfo and for layout-plugin authors (needs Hypothesis).

    >>> from hypothesis import given
    >>> import govinfo, govinfo.testing as gt
    >>> @given(gt.reports())
    ... def test_my_layout_round_trips(report):
    ...     gt.assert_round_trip(report, "my_layout", govinfo.PluginHost(strict=True))

What is here:

- **Strategies** for canonical :class:`~govinfo.Report` objects of both templates,
  generated from the templates' data (never a re-typed key list): :func:`reports`
  (arbitrary cells), :func:`consistent_reports` (every identity of
  :mod:`govinfo.identities` holds), and their parts (:func:`counts`, :func:`money`,
  :func:`agency_names`, :func:`prose`, :func:`metas`).
- **Round trips**: :func:`carried` (the report as a layout can carry it) and
  :func:`assert_round_trip`.
- **Damage models** (:data:`DAMAGES`, :func:`damaged_text`) that do to a rendered report
  what real documents do (FORMAT.md section 5), and :func:`silent_errors`, the cells a
  parse got wrong without saying so.

The layout contract
-------------------
Some layouts cannot print every report so that it reads back. A layout plugin declares
what it loses as module attributes (plain data: a plugin never imports this module):

``UNREPRESENTABLE: frozenset[Status]``
    Statuses that cannot be printed anywhere in a row: a printed row holding such a
    cell reads back with every cell ``missing``. vertical_cell declares ``{BLANK}``:
    with one cell per line, an empty cell is an empty line, and empty lines separate.
``UNREPRESENTABLE_AT_ROW_END: frozenset[Status]``
    Statuses that cannot be printed as the *last* value of a row: in tab text a
    trailing empty cell cannot be told from merged-cell padding, so
    :func:`govinfo.value_cells` refuses the row. A labelled row whose values *all*
    have such a status is still read (its label holds the row, and every cell is
    the same); a row without labels is lost.
``UNREPRESENTABLE_UNLABELLED_ROW: frozenset[Status]``
    Statuses that, filling a whole row without labels (Table 4's one row of values),
    lose it: in tab text a row of empty cells is a line of tabs, which reads as an
    empty line; one cell per line, it cannot be told from the header cells above it.
    tab_table, markdown_ocr and vertical_cell declare ``{BLANK}``.

A "printed row" is one template row, or the whole table for a table printed as a
single row of values (``Table.single_row``). :func:`carried` applies these rules and
the statuses no layout prints (``inferred`` prints as a number, ``missing`` as an
empty cell); :func:`assert_round_trip` holds a layout to exactly that.
"""

from __future__ import annotations

import datetime as dt
import inspect
import random
import re
from decimal import Decimal
from functools import lru_cache
from typing import Callable, Iterable, Mapping, Sequence

import attrs

try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError(
        "govinfo.testing needs Hypothesis: pip install 'govinfo[test]' (or hypothesis)"
    ) from error

from govinfo.identities import Kind, identities
from govinfo.model import Candidate, Cell, Meta, Prose, Report, Source, Status
from govinfo.pipeline import parse
from govinfo.plugins import PluginHost
from govinfo.render import render, report_title
from govinfo.template import (
    MONEY_UNITS,
    SECTIONS,
    TABLE_SECTION_KEYS,
    TEMPLATES,
    Column,
    Row,
    Table,
    Template,
    ValueKind,
    template,
)
from govinfo.text import is_value_text

__all__ = [
    "LayoutLimits", "layout_limits", "printed_rows", "printed", "carried", "assert_round_trip", "won_by",
    "PRINTABLE", "ALL_STATUSES", "counts", "signed", "money", "units", "cells_for", "agency_names", "prose", "metas",
    "reports", "consistent_reports", "template_ids",
    "Damage", "DAMAGES", "damaged_text", "silent_errors", "table_lines",
]

#: What a procurement unit cell may hold: nothing printed, or one of the money units.
_UNIT_CELLS = (Cell(None, Status.BLANK), *(Cell(unit, Status.NUMBER) for unit in MONEY_UNITS))

# =========================================================================== strategies: values


def counts() -> st.SearchStrategy[int]:
    """Realistic counts: mostly 0 and small numbers, sometimes five or seven digits."""
    return st.one_of(
        st.just(0),
        st.integers(0, 9),
        st.integers(0, 300),
        st.integers(10_000, 99_999),
        st.integers(1_000_000, 9_999_999),
    )


def signed() -> st.SearchStrategy[int]:
    """Template 2019's 本年增/减: a count that may be negative."""
    return st.one_of(counts(), counts().map(lambda value: -value))


def money() -> st.SearchStrategy[Decimal]:
    """A fee as printed: a non-negative decimal with up to four places (0, 0.5, 1.2345, 251000)."""
    return st.one_of(
        st.just(Decimal(0)),
        st.builds(lambda units, places: Decimal(units).scaleb(-places), st.integers(0, 10**9), st.integers(0, 4)),
    )


def units() -> st.SearchStrategy[Cell]:
    """The unit cell of a money amount (template 2019's 采购总金额): 元, 万元 or none printed."""
    return st.sampled_from(_UNIT_CELLS)


#: Statuses a source can print (what a parsed report holds where nothing was lost).
PRINTABLE = (Status.NUMBER, Status.BLANK, Status.NOT_APPLICABLE)
#: Every status, as parsed reports hold them (missing and inferred cells now and then).
ALL_STATUSES = tuple(Status)

# A report's cells are drawn as bytes (three draws for ~200 cells keep generation fast):
# a code byte picks a class of value through a 256-entry table, three more bytes the
# number within the class. Byte 0 is the simplest cell, 0, so failures shrink toward it.
_ZERO, _SMALL, _MEDIUM, _FIVE, _SEVEN, _BLANK, _NA = range(7)
_RANGES = {_ZERO: (0, 0), _SMALL: (1, 9), _MEDIUM: (10, 300), _FIVE: (10_000, 99_999), _SEVEN: (1_000_000, 9_999_999)}


def _class_table(weights: Sequence[int]) -> tuple[int, ...]:
    table = [cls for cls, weight in enumerate(weights) for _ in range(weight)]
    return tuple(table[i * len(table) // 256] for i in range(256))


#: Class weights (0, 1-9, 10-300, five digits, seven digits, blank, /) of each style: many
#: reports print every zero, many leave zeros blank, a few print little but slashes.
_STYLES: dict[str, tuple[int, ...]] = {
    "numbers": _class_table((45, 30, 15, 6, 4, 0, 0)),
    "dense": _class_table((40, 25, 15, 5, 3, 6, 6)),
    "blank_zeros": _class_table((0, 30, 15, 4, 3, 40, 8)),
    "sparse": _class_table((10, 8, 4, 2, 1, 45, 30)),
}


def _cell_from(kind: ValueKind, cls: int, value: int, statuses: Sequence[Status]) -> Cell:
    if kind is ValueKind.UNIT:
        return _UNIT_CELLS[value % len(_UNIT_CELLS)]
    if cls == _BLANK and Status.BLANK in statuses:
        return Cell(None, Status.BLANK)
    if cls == _NA and Status.NOT_APPLICABLE in statuses:
        return Cell(None, Status.NOT_APPLICABLE)
    if cls == _NA and Status.MISSING in statuses and value % 3 == 0:
        return Cell()
    low, high = _RANGES.get(cls, (0, 0))
    number = low + value % (high - low + 1)
    if Status.INFERRED in statuses and value % 11 == 0 and kind is ValueKind.COUNT:
        return Cell(number, Status.INFERRED)
    if kind is ValueKind.MONEY:
        return Cell(Decimal(number).scaleb(-(value % 5)), Status.NUMBER)
    if kind is ValueKind.SIGNED and value & 1 << 23:
        return Cell(-number, Status.NUMBER)
    return Cell(number, Status.NUMBER)


@st.composite
def cells_for(draw: st.DrawFn, template_id: str, statuses: Sequence[Status] = PRINTABLE) -> dict[str, Cell]:
    """Every cell of a template in template order, in one style (all numbers, dense, blank zeros, sparse).

    Counts are mostly 0 and small, sometimes five or seven digits; fees are decimals with
    up to four places; template 2019's 本年增/减 may be negative; the procurement unit is
    元, 万元 or none. ``statuses`` limits what non-number cells may be.
    """
    spec = template(template_id)
    keys = spec.cell_keys()
    table = _STYLES[draw(st.sampled_from(tuple(_STYLES)))]
    codes = draw(st.binary(min_size=len(keys), max_size=len(keys)))
    values = draw(st.binary(min_size=3 * len(keys), max_size=3 * len(keys)))
    return {
        key: _cell_from(spec.column(key).kind, table[code], int.from_bytes(values[3 * i : 3 * i + 3], "big"), statuses)
        for i, (key, code) in enumerate(zip(keys, codes))
    }


# =========================================================================== strategies: text

_PLACE_CHARS = "东西南北安平宁和兴华阳山河江湖海城州德庆丰泰昌隆永新金云龙凤桥林石水田沙溪泉"
_PLACE_KINDS = ("省", "市", "县", "区", "镇", "乡", "街道")
_AGENCY_KINDS = (
    "人民政府", "人民政府办公室", "发展和改革委员会", "自然资源和规划局", "生态环境局",
    "住房和城乡建设局", "市场监督管理局", "退役军人事务局", "街道办事处", "政务服务和大数据管理局",
    "卫生健康委员会", "财政局", "交通运输局", "农业农村局", "应急管理局",
)


def agency_names() -> st.SearchStrategy[str]:
    """Agency names, short (东山县人民政府) to long (four levels of places and a bureau)."""
    place = st.tuples(
        st.text(_PLACE_CHARS, min_size=2, max_size=3), st.sampled_from(_PLACE_KINDS)
    ).map("".join)
    return st.tuples(st.lists(place, min_size=1, max_size=4), st.sampled_from(_AGENCY_KINDS)).map(
        lambda parts: "".join(parts[0]) + parts[1]
    )


@lru_cache(maxsize=None)
def _table_words() -> tuple[str, ...]:
    """Words that tables print, taken from the templates: prose mentions them too."""
    words: list[str] = []
    for spec in TEMPLATES.values():
        for table in spec.tables:
            words += [table.title, *table.header_words]
            for row in table.rows:
                words += [row.label, *(column.label for column in row.columns)]
    words += [section.title for section in SECTIONS]
    return tuple(dict.fromkeys(words))


_PROSE_WORDS = (
    "本机关", "认真贯彻落实", "政府信息公开条例", "全年", "主动公开政府信息", "共收到", "申请",
    "件", "条", "万元", "按时答复率", "100%", "第", "季度", "进一步", "规范", "依申请公开", "工作",
    "网站", "发布", "政策解读", "培训", "人次", "较上年", "增加", "减少", "其中",
)


_PUNCTUATION = ("，", "、", "（", "）", "：", "；", "“", "”", " ", "%")


def _prose_from(data: bytes) -> str | None:
    """Prose spelled by bytes: pieces (words, table words, punctuation), numbers, sentence and line ends."""
    pieces = (*_PROSE_WORDS, *_table_words(), *_PUNCTUATION)
    lines: list[str] = []
    line: list[str] = []
    sentence: list[str] = []
    stream = iter(data)
    for byte in stream:
        if byte % 16 == 14:  # a number, as prose prints them: 3, 12, 100, 25000
            sentence.append(str(int.from_bytes(bytes((next(stream, 0), next(stream, 0))), "big") % (10 ** (byte % 5 + 1))))
        elif byte % 16 == 15:  # end of a sentence, and (every other time) of a line
            text = "".join(sentence).strip()
            if text:
                line.append(text + "。")
            sentence = []
            if byte & 16 and line:
                lines.append("".join(line))
                line = []
        else:
            sentence.append(pieces[byte % len(pieces)])
    text = "".join(sentence).strip()
    if text:
        line.append(text + "。")
    if line:
        lines.append("".join(line))
    return "\n".join(lines) or None


def prose() -> st.SearchStrategy[str | None]:
    """A prose section: none, or lines of sentences with numbers and table words in them.

    It stays prose: every line ends in 。, so no line is a table row or a heading.
    """
    return st.binary(max_size=160).map(_prose_from)


def _doc_number(year: int) -> st.SearchStrategy[str | None]:
    prefix = st.text("东西南北安平宁和兴华", min_size=1, max_size=3)
    return st.one_of(
        st.none(),
        st.builds(lambda p, n: f"{p}政办字〔{year + 1}〕{n}号", prefix, st.integers(1, 999)),
    )


@st.composite
def metas(draw: st.DrawFn, template_id: str | None = None) -> Meta:
    """Metadata as a parse yields it: the title printed is the standard one."""
    template_id = template_id or draw(template_ids())
    year = draw(st.integers(2019, 2030) if template_id == "2021" else st.integers(2019, 2023))
    agency = draw(agency_names())
    published = draw(st.one_of(st.none(), st.dates(dt.date(year + 1, 1, 1), dt.date(year + 1, 12, 31))))
    meta = Meta(agency=agency, year=year, template=template_id, published=published, doc_number=draw(_doc_number(year)))
    return attrs.evolve(meta, title=f"{agency}{year}年政府信息公开工作年度报告")


def template_ids() -> st.SearchStrategy[str]:
    return st.sampled_from(tuple(TEMPLATES))


# =========================================================================== strategies: reports


@st.composite
def reports(
    draw: st.DrawFn, template_id: str | None = None, statuses: Sequence[Status] = PRINTABLE
) -> Report:
    """Arbitrary canonical reports: every cell drawn on its own (identities need not hold)."""
    meta = draw(metas(template_id))
    cells = draw(cells_for(meta.template, statuses))
    return Report(meta=meta, cells=cells, text=Prose(draw(prose()), draw(prose()), draw(prose())))


def _column_keys(table: Table) -> list[str]:
    return [column.key for column in table.rows[0].columns]


#: Counts for consistent reports: mostly 0 and small, sometimes five digits.
_CONSISTENT = _class_table((50, 30, 14, 6, 0, 0, 0))


@st.composite
def consistent_reports(draw: st.DrawFn, template_id: str | None = None, blanks: bool = True) -> Report:
    """Reports that satisfy every within-report identity (:func:`govinfo.identities.identities`).

    Table 3 and Table 4 hold numbers (and, when ``blanks``, some reports leave zeros
    blank, which the identities count as 0); Table 2 is arbitrary.
    """
    report = draw(reports(template_id))
    spec = report.template_spec
    requests, appeals = spec.table("requests"), spec.table("appeals")
    results = [key.split(".", 1)[1].rsplit(".", 1)[0] for key in next(i for i in identities(spec.id) if i.kind is Kind.RESULTS_SUM).rhs]
    parts = [key for key in _column_keys(requests) if key != "total"]
    needed = len(parts) * (len(results) + 2) + len(appeals.rows) * 4
    raw = iter(draw(st.binary(min_size=4 * needed, max_size=4 * needed)))

    def count() -> int:
        low, high = _RANGES[_CONSISTENT[next(raw)]]
        return low + int.from_bytes(bytes((next(raw), next(raw), next(raw))), "big") % (high - low + 1)

    values: dict[str, int] = {}
    for part in parts:
        values.update((f"requests.{row}.{part}", count()) for row in results)
        processed = sum(values[f"requests.{row}.{part}"] for row in results)
        carried_forward = count()
        carried_over = count() % (processed + carried_forward + 1)  # new_received stays >= 0
        values[f"requests.processed_total.{part}"] = processed
        values[f"requests.carried_forward.{part}"] = carried_forward
        values[f"requests.carried_over.{part}"] = carried_over
        values[f"requests.new_received.{part}"] = processed + carried_forward - carried_over
    for row in requests.rows:
        values[f"requests.{row.key}.total"] = sum(values[f"requests.{row.key}.{part}"] for part in parts)
    for row in appeals.rows:
        counted = [count() for _ in row.columns[:-1]]
        values.update((f"appeals.{row.key}.{column.key}", v) for column, v in zip(row.columns, counted))
        values[f"appeals.{row.key}.total"] = sum(counted)
    zeros_blank = blanks and draw(st.booleans())
    cells = {
        key: Cell(None, Status.BLANK) if zeros_blank and value == 0 else Cell(value, Status.NUMBER)
        for key, value in values.items()
    }
    return report.with_cells(cells)


# =========================================================================== the layout contract


@attrs.frozen
class LayoutLimits:
    """What a layout cannot print so that it reads back (see the module docstring)."""

    anywhere: frozenset[Status] = frozenset()
    at_row_end: frozenset[Status] = frozenset()
    unlabelled_row: frozenset[Status] = frozenset()


def layout_limits(layout: str, host: PluginHost) -> LayoutLimits:
    """The limits a layout plugin declares (none declared: it can carry every cell)."""
    plugin = host.manager.get_plugin(layout)
    if plugin is None:
        raise KeyError(f"no plugin named {layout!r}")
    return LayoutLimits(
        frozenset(getattr(plugin, "UNREPRESENTABLE", ())),
        frozenset(getattr(plugin, "UNREPRESENTABLE_AT_ROW_END", ())),
        frozenset(getattr(plugin, "UNREPRESENTABLE_UNLABELLED_ROW", ())),
    )


def printed_rows(spec: Template) -> list[tuple[Table, tuple[str, ...]]]:
    """Each printed row of a template: (table, its value cell keys in print order).

    A single-row table is one printed row; the unit column is printed in a header,
    not as a value, so it belongs to its row without being one of its values.
    """
    rows: list[tuple[Table, tuple[str, ...]]] = []
    for table in spec.tables:
        groups: list[Sequence[Row]] = [table.rows] if table.single_row else [(row,) for row in table.rows]
        for group in groups:
            rows.append((table, tuple(f"{table.key}.{row.key}.{column.key}" for row in group for column in row.columns)))
    return rows


def _unprinted(table: Table, row: Row, cells: Mapping[str, Cell]) -> bool:
    """Whether none of a row's values was printed (renderers then print its label alone)."""
    return all(
        cells[f"{table.key}.{row.key}.{column.key}"].status in (Status.MISSING, Status.INFERRED)
        for column in row.columns
        if column.kind is not ValueKind.UNIT
    )


def printed(report: Report) -> dict[str, Cell]:
    """The cells as a rendering of ``report`` shows them, whatever the layout.

    Missing and inferred cells were not printed in a source, so renderers leave them
    empty (they read back ``blank``); a row none of whose values was printed shows its
    label alone and reads back ``missing``. In a single-row table (Table 4) such a row is
    printed as empty cells, to keep the others in place, unless no row of it was printed.
    """
    cells = dict(report.cells)
    for table in report.template_spec.tables:
        unprinted = [row for row in table.rows if _unprinted(table, row, cells)]
        lost = table.rows if len(unprinted) == len(table.rows) else () if table.single_row else unprinted
        for row in table.rows:
            keys = [f"{table.key}.{row.key}.{column.key}" for column in row.columns]
            if row in lost:
                cells.update((key, Cell()) for key in keys)
                continue
            for key in keys:
                if cells[key].status in (Status.MISSING, Status.INFERRED):
                    cells[key] = Cell(None, Status.BLANK)
    return cells


def _row_lost(table: Table, row_cells: Sequence[Cell], values: Sequence[Cell], limits: LayoutLimits) -> bool:
    if any(c.status in limits.anywhere for c in row_cells):
        return True
    last = values[-1].status
    all_same = all(c.status is last for c in values)
    if table.single_row and all_same and last in limits.unlabelled_row:
        return True
    if last not in limits.at_row_end:
        return False
    return table.single_row or not all_same


def carried(report: Report, layout: str, host: PluginHost) -> Report:
    """The report as ``layout`` can carry it: what a parse of its rendering must give.

    The cells are those :func:`printed`, less every printed row the layout declares it
    cannot print (those come back ``missing``); the title is the one printed, and empty
    prose is none.
    """
    limits = layout_limits(layout, host)
    spec = report.template_spec
    cells = printed(report)
    for table, keys in printed_rows(spec):
        row_cells = [cells[key] for key in keys]
        if all(c.status is Status.MISSING for c in row_cells):
            continue
        values = [cells[key] for key in keys if spec.column(key).kind is not ValueKind.UNIT]
        if _row_lost(table, row_cells, values, limits):
            cells.update((key, Cell()) for key in keys)
    meta = report.meta if report.meta.title else attrs.evolve(report.meta, title=report_title(report))
    text = Prose(*(value or None for value in (report.text.overview, report.text.problems, report.text.other_matters)))
    return Report(meta=meta, cells=cells, text=text)


def _differences(expected: Report, actual: Report, limit: int = 8) -> str:
    lines = []
    if expected.meta != actual.meta:
        lines.append(f"meta: expected {expected.meta!r}, got {actual.meta!r}")
    if expected.text != actual.text:
        lines.append(f"text: expected {expected.text!r}, got {actual.text!r}")
    if expected.meta.template == actual.meta.template:
        wrong = [key for key, c in expected.cells.items() if actual.cells[key] != c]
        lines += [f"{key}: expected {expected.cells[key]!r}, got {actual.cells[key]!r}" for key in wrong[:limit]]
        if len(wrong) > limit:
            lines.append(f"... and {len(wrong) - limit} more cells")
    return "\n".join(lines)


def won_by(text: str, layout: str, parsed: Report, host: PluginHost) -> None:
    """Each table section of ``text`` is won by ``layout``, or by a plugin whose data is identical.

    Sections where the layout itself reads nothing (every cell lost, see :func:`carried`)
    are not held to it.
    """
    assert parsed.provenance is not None
    if all(entry.plugin == layout for entry in parsed.provenance.sections):
        return
    document = host.read_document(Source(text.encode("utf-8")))
    assert document is not None
    segmentation = host.segment_document(document)
    assert segmentation is not None
    spec = parsed.template_spec
    for key in TABLE_SECTION_KEYS:
        entry = parsed.provenance.section(key)
        assert entry is not None, f"section {key} was not found"
        if entry.plugin == layout:
            continue
        section = segmentation.get(key)
        assert section is not None, f"section {key} was not found"
        candidates, _ = host.parse_section(section, spec)
        own: Candidate | None = next((c for c in candidates if c.plugin == layout), None)
        if own is None or not any(c.status is not Status.MISSING for c in own.cells.values()):
            continue
        table_cells = {k: c for k, c in parsed.cells.items() if k.startswith(key + ".")}
        own_cells = {k: own.cells.get(k, Cell()) for k in table_cells}
        assert own_cells == table_cells, (
            f"section {key} of a {layout} rendering was won by {entry.plugin} "
            f"({entry.confidence}) with different data; alternatives {entry.alternatives}"
        )


def _parse(text: str, host: PluginHost, infer: bool) -> Report:
    """Parse, with the identities stage on or off (where the pipeline has one)."""
    if "infer" in inspect.signature(parse).parameters:
        return parse(text, host=host, infer=infer)
    return parse(text, host=host)


def _infer(parsed: Report, text: str, host: PluginHost) -> Report:
    """The identities stage run on a parse (its function when the pipeline has one, else a new parse)."""
    try:
        from govinfo.inference import infer
    except ImportError:  # pragma: no cover - a build without inference
        return _parse(text, host, infer=True)
    return infer(parsed)


def assert_round_trip(report: Report, layout: str, host: PluginHost) -> Report:
    """Render ``report`` in ``layout`` and parse it back; returns the parsed report.

    Holds four things: the parse (identities stage off) equals :func:`carried`, the
    report as the layout can carry it; each table section is won by ``layout`` or by a
    plugin reading identical data; rendering the parsed report gives the same text
    again; and with the identities stage on, no cell is silently wrong
    (:func:`silent_errors`), so inference may fill what the layout lost, never guess.
    """
    text = render(report, layout, host=host)
    parsed = _parse(text, host, infer=False)
    expected = carried(report, layout, host)
    assert parsed == expected, f"{layout} round trip changed the report:\n{_differences(expected, parsed)}"
    won_by(text, layout, parsed, host)
    again = render(parsed, layout, host=host)
    if parsed.cells == printed(report):
        assert again == text, f"render(parse(render(r))) != render(r) for {layout}"
    else:  # the layout lost cells: what it printed of them is then a fixed point
        assert render(_parse(again, host, infer=False), layout, host=host) == again, (
            f"render(parse(t)) is not a fixed point for {layout}, t = render(parse(render(r)))"
        )
    inferred = _infer(parsed, text, host)
    changed = {k: (c, inferred.cells[k]) for k, c in parsed.cells.items() if c.status is not Status.MISSING and inferred.cells[k] != c}
    assert not changed, f"inference changed cells {layout} read: {changed}"
    wrong = silent_errors(printed(report), inferred)
    assert not wrong, f"{layout} round trip with inference is silently wrong: {wrong}"
    return parsed


# =========================================================================== damage models
#
# A damage takes the lines of a rendered report, the 0-based indexes of the lines inside
# its table sections, and a Random, and returns the damaged lines. Each does one thing
# real documents do (FORMAT.md section 5). Cells are found in a line whatever the layout
# (tab or pipe separated, HTML <td>, or one cell per line), and edits keep the markup
# around them. A damage that finds nothing to act on returns the lines unchanged.

DamageFn = Callable[[list[str], list[int], random.Random], list[str]]


@attrs.frozen
class Damage:
    """One way real documents are damaged."""

    name: str
    apply: DamageFn
    #: True when every value stays readable: the parse must then be exact.
    harmless: bool = False


_MARKUP = re.compile(r"<[^<>]*>")
_HTML_CELL = re.compile(r"(?<=>)[^<>]*(?=</t[dh]>)")
_PIPE_CELL = re.compile(r"(?<=\|)[^|]*(?=\|)")
_DIGITS = re.compile(r"\d+")
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_HEADINGS = frozenset(f"{section.number}、{section.title}" for section in SECTIONS)


def _plain(line: str) -> str:
    return _MARKUP.sub("", line).strip().strip("#* ")


def table_lines(text: str) -> tuple[list[str], list[int]]:
    """The lines of a rendered report and the indexes of the lines inside its table sections."""
    lines = text.split("\n")
    inside: list[int] = []
    in_table = False
    for index, line in enumerate(lines):
        plain = _plain(line)
        if plain in _HEADINGS:
            in_table = any(plain == f"{s.number}、{s.title}" for s in SECTIONS if s.table)
            continue
        if in_table and line.strip():
            inside.append(index)
    return lines, inside


def _spans(line: str) -> list[tuple[int, int]]:
    """Where the cell texts of a line stand: tab or pipe cells, HTML cells, or the whole line."""
    if "<td" in line or "<th" in line:
        return [m.span() for m in _HTML_CELL.finditer(line)]
    if line.lstrip().startswith("<"):
        return []  # markup only
    if "\t" in line and line.strip():
        spans, start = [], 0
        for part in line.split("\t"):
            spans.append((start, start + len(part)))
            start += len(part) + 1
        return spans
    if "|" in line:
        return [m.span() for m in _PIPE_CELL.finditer(line)]
    return [(0, len(line))]


def _is_value(text: str) -> bool:
    """A value cell as the parser tells one: a number (signed ones too: 2019's 本年增/减
    prints ``-6``) or a not-applicable mark. Anything else is a label."""
    return is_value_text(text)


def _values(line: str) -> list[int]:
    return [i for i, (s, e) in enumerate(_spans(line)) if _is_value(line[s:e])]


def _labels(line: str) -> list[int]:
    return [i for i, (s, e) in enumerate(_spans(line)) if line[s:e].strip() and not _is_value(line[s:e])]


def _replace(line: str, span: tuple[int, int], text: str) -> str:
    return line[: span[0]] + text + line[span[1] :]


def _unit(line: str, at: int) -> tuple[int, int]:
    """A cell with its separator: from the end of the cell before (or to the start of the next)."""
    spans = _spans(line)
    if at > 0:
        return spans[at - 1][1], spans[at][1]
    return spans[0][0], spans[1][0] if len(spans) > 1 else spans[0][1]


Chooser = Callable[[list[str], int], list[int]]


def _pick_cell(lines: list[str], inside: list[int], rng: random.Random, choose: Chooser) -> tuple[int, int] | None:
    """A (line index, cell position) among the cells ``choose`` offers, or None."""
    candidates = [i for i in inside if choose(lines, i)]
    if not candidates:
        return None
    index = rng.choice(candidates)
    return index, rng.choice(choose(lines, index))


def _on_line(choose: Callable[[str], list[int]]) -> Chooser:
    return lambda lines, index: choose(lines[index])


def _row_labels(lines: list[str], index: int) -> list[int]:
    """The label cells of a data row: on its line, or (one cell per line) a label line before a value."""
    line = lines[index]
    if len(_spans(line)) > 1 or line.lstrip().startswith("<"):
        return _labels(line) if _values(line) else []
    following = next((other for other in lines[index + 1 :] if other.strip()), "")
    return _labels(line) if len(_spans(following)) == 1 and _values(following) else []


def _edit_text(choose: Chooser, edit: Callable[[str, random.Random], str]) -> DamageFn:
    """A damage that rewrites the text of one cell that ``choose`` offers."""

    def damage(lines: list[str], inside: list[int], rng: random.Random) -> list[str]:
        picked = _pick_cell(lines, inside, rng, choose)
        if picked is None:
            return lines
        index, at = picked
        span = _spans(lines[index])[at]
        out = list(lines)
        out[index] = _replace(lines[index], span, edit(lines[index][span[0] : span[1]], rng))
        return out

    return damage


def _garble(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(max(1, len(chars) // 3)):
        chars[rng.randrange(len(chars))] = rng.choice("□■?#")
    return "".join(chars)


def _typo(text: str, rng: random.Random) -> str:
    chars = list(text)
    chars[rng.randrange(len(chars))] = rng.choice("度年数量项")
    return "".join(chars)


def _header_cells(lines: list[str], index: int) -> list[int]:
    """Label cells of a line without values (a header, a block name), where the layout has rows."""
    line = lines[index]
    return [] if _values(line) else _labels(line)


def _drop_cell(lines: list[str], inside: list[int], rng: random.Random) -> list[str]:
    picked = _pick_cell(lines, inside, rng, _on_line(_values))
    if picked is None:
        return lines
    index, at = picked
    line = lines[index]
    if len(_spans(line)) == 1:  # one cell per line: the line goes
        return [*lines[:index], *lines[index + 1 :]]
    start, end = _unit(line, at)
    return [*lines[:index], line[:start] + line[end:], *lines[index + 1 :]]


def _duplicate_cell(lines: list[str], inside: list[int], rng: random.Random) -> list[str]:
    picked = _pick_cell(lines, inside, rng, _on_line(_values))
    if picked is None:
        return lines
    index, at = picked
    line = lines[index]
    if len(_spans(line)) == 1:
        return [*lines[: index + 1], line, *lines[index + 1 :]]
    start, end = _unit(line, at)
    where = end if at > 0 else start
    return [*lines[:index], line[:where] + line[start:end] + line[where:], *lines[index + 1 :]]


def _lose_row(lines: list[str], inside: list[int], rng: random.Random) -> list[str]:
    rows = [i for i in inside if _spans(lines[i])]
    if not rows:
        return lines
    index = rng.choice(rows)
    return [*lines[:index], *lines[index + 1 :]]


def _split_label(lines: list[str], inside: list[int], rng: random.Random) -> list[str]:
    """A label broken over two lines (总 / 计): the line breaks inside a label cell."""
    picked = _pick_cell(lines, inside, rng, _on_line(lambda line: [i for i in _labels(line) if len(line[slice(*_spans(line)[i])].strip()) >= 2]))
    if picked is None:
        return lines
    index, at = picked
    start, end = _spans(lines[index])[at]
    text = lines[index][start:end]
    stripped = text.lstrip()
    cut = start + (len(text) - len(stripped)) + rng.randrange(1, len(stripped.rstrip()))
    line = lines[index]
    return [*lines[:index], line[:cut], line[cut:], *lines[index + 1 :]]


def _every_value(edit: Callable[[str], str]) -> DamageFn:
    """A damage that rewrites every integer value cell of the tables (a whole document's habit)."""

    def damage(lines: list[str], inside: list[int], rng: random.Random) -> list[str]:
        out = list(lines)
        for index in inside:
            line = out[index]
            for at in reversed(_values(line)):
                span = _spans(line)[at]
                text = line[span[0] : span[1]]
                if _DIGITS.fullmatch(text.strip()):
                    line = _replace(line, span, text.replace(text.strip(), edit(text.strip())))
            out[index] = line
        return out

    return damage


def _stray_spaces(lines: list[str], inside: list[int], rng: random.Random) -> list[str]:
    """Spaces around cells and inside labels, as PDF extraction leaves them."""
    out = list(lines)
    for index in inside:
        line = out[index]
        labels = set(_labels(line))
        for at, span in reversed(list(enumerate(_spans(line)))):
            text = line[span[0] : span[1]]
            if not text.strip():
                continue
            if at in labels and len(text) >= 2:
                cut = rng.randrange(1, len(text))
                text = text[:cut] + rng.choice((" ", "\u3000")) + text[cut:]
            line = _replace(line, span, rng.choice(("", " ")) + text + rng.choice(("", " ")))
        out[index] = line
    return out


def _blank_lines(lines: list[str], inside: list[int], rng: random.Random) -> list[str]:
    out = list(lines)
    for index in sorted(rng.sample(inside, min(len(inside), 3)), reverse=True):
        out.insert(index, "")
    return out


def _page_furniture(lines: list[str], inside: list[int], rng: random.Random) -> list[str]:
    if not inside:
        return lines
    index = rng.choice(inside)
    furniture = rng.choice(("- 4 -", "— 12 —", "第 3 页", "第3页，共8页", "(此页无正文)", "---"))
    return [*lines[:index], furniture, *lines[index:]]


def _cut_off(lines: list[str], inside: list[int], rng: random.Random) -> list[str]:
    """A table cut off: its lines from some point to the end of its section are lost."""
    if not inside:
        return lines
    index = rng.choice(inside)
    end = index
    while end + 1 < len(lines) and _plain(lines[end + 1]) not in _HEADINGS:
        end += 1
    kept = [line for line in lines[index : end + 1] if line.strip() and not _spans(line)]  # closing markup
    return [*lines[:index], *kept, *lines[end + 1 :]]


#: Every damage model, one real-document defect each.
DAMAGES: tuple[Damage, ...] = (
    Damage("lose_label", _edit_text(_row_labels, lambda text, rng: "")),
    Damage("garble_label", _edit_text(_on_line(_labels), _garble)),
    Damage("label_to_zero", _edit_text(_row_labels, lambda text, rng: "0")),  # seed 004
    Damage("header_typo", _edit_text(_header_cells, _typo)),  # 本年度止件数
    Damage("drop_cell", _drop_cell),  # seed 003: 6 values for 7 columns
    Damage("duplicate_cell", _duplicate_cell),  # seed 004: 8 for 7
    Damage("lose_row", _lose_row),
    Damage("split_label", _split_label),  # 总 / 计
    Damage("full_width_digits", _every_value(lambda text: text.translate(_FULL_WIDTH)), harmless=True),
    Damage("thousands_separators", _every_value(lambda text: f"{int(text):,}"), harmless=True),
    Damage("unit_suffix", _every_value(lambda text: text + "件"), harmless=True),  # 3件
    Damage("stray_spaces", _stray_spaces),
    Damage("blank_lines", _blank_lines),
    Damage("page_furniture", _page_furniture),  # - 4 -
    Damage("cut_off", _cut_off),
)


def damaged_text(text: str, damage: Damage, seed: int) -> str:
    """``text`` (a rendered report) with one damage applied inside its tables."""
    lines, inside = table_lines(text)
    return "\n".join(damage.apply(lines, inside, random.Random(seed)))


def silent_errors(truth: Mapping[str, Cell], parsed: Report) -> dict[str, tuple[Cell, Cell]]:
    """Cells the parse got wrong without saying so: {key: (true cell, parsed cell)}.

    A cell is right when it equals the truth, is ``missing`` (the parser said it could
    not read it), has no truth to hold it to (the truth is ``missing``: the source did
    not print it), or is ``inferred`` with the true value (a blank counts as 0 there, as
    the identities count it). Anything else — a wrong number, a number for a blank, a
    blank for a number, ``/`` for a number — is a silent error.
    """
    wrong: dict[str, tuple[Cell, Cell]] = {}
    if set(parsed.cells) != set(truth):  # read as the other template: nothing is where it belongs
        return {"meta.template": (Cell(), Cell(None, Status.MISSING, note=f"read as template {parsed.meta.template}"))}
    for key, cell_ in parsed.cells.items():
        true = truth[key]
        if cell_ == true or cell_.status is Status.MISSING or true.status is Status.MISSING:
            continue
        if cell_.status is Status.INFERRED and (cell_.value == true.value or (true.status is Status.BLANK and cell_.value == 0)):
            continue
        wrong[key] = (true, cell_)
    return wrong
