"""HTML pages: read_html (text, grids, encodings) and the html_table layout (parse, render, round trip).

The real page is tests/fixtures/html/shanghai-gov-office-2019.html (origin in the README
there); its golden canonical JSON was checked cell by cell against the page's tables.
Regenerate after a deliberate change with ``GOVINFO_REGEN_GOLDEN=1 pytest tests/test_html.py``
and review the diff.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

pytest.importorskip("selectolax")

import govinfo
from govinfo import Cell, Source, Status
from govinfo_plugins import html_table, read_html

from conftest import FIXTURES, SEEDS

HTML = FIXTURES / "html"
SHANGHAI = HTML / "shanghai-gov-office-2019.html"
GOLDEN = HTML / "shanghai-gov-office-2019.json"
REGEN = os.environ.get("GOVINFO_REGEN_GOLDEN") == "1"


def read(data: bytes | str, name: str | None = "page.html") -> govinfo.Document:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    document = read_html.govinfo_read_document(Source(raw, name=name))
    assert document is not None
    return document


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


@pytest.fixture(scope="module")
def shanghai(host: govinfo.PluginHost) -> govinfo.Report:
    return govinfo.parse_file(SHANGHAI, host=host)


# --------------------------------------------------------------------------- the real page


def test_real_page_matches_golden(shanghai: govinfo.Report) -> None:
    if REGEN:
        GOLDEN.write_text(govinfo.to_json(shanghai) + "\n", encoding="utf-8")
    assert json.loads(govinfo.to_json(shanghai)) == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_real_page_cells_by_eye(shanghai: govinfo.Report) -> None:
    """A few cells read off the page: template 2019, blanks (&nbsp;) kept blank, never 0."""
    assert shanghai.meta.template == "2019" and shanghai.meta.year == 2019
    assert shanghai.meta.agency == "上海市人民政府办公厅"
    cell = shanghai.cell
    assert cell("active.rules.total_published") == Cell(524, Status.NUMBER)
    assert cell("active.procurement.amount") == Cell(Decimal(251000), Status.NUMBER)
    assert cell("active.procurement.unit") == Cell("元", Status.NUMBER)
    assert cell("requests.new_received.natural_person") == Cell(821, Status.NUMBER)
    assert cell("requests.new_received.research") == Cell(None, Status.BLANK)
    # the page leaves （一）予以公开's 总计 empty although four columns are filled: kept as printed
    assert cell("requests.granted.total") == Cell(None, Status.BLANK)
    assert cell("requests.other_handling.total") == Cell(None, Status.BLANK)
    assert cell("requests.processed_total.total") == Cell(805, Status.NUMBER)
    assert cell("requests.carried_forward.total") == Cell(72, Status.NUMBER)
    assert cell("appeals.review.upheld") == Cell(5, Status.NUMBER)
    assert cell("appeals.litigation_direct.total") == Cell(9, Status.NUMBER)
    assert cell("appeals.litigation_after_review.total") == Cell(None, Status.BLANK)
    assert not any(c.status is Status.MISSING for c in shanghai.cells.values())


def test_real_page_is_won_by_html_table(shanghai: govinfo.Report) -> None:
    provenance = shanghai.provenance
    assert provenance is not None and provenance.reader == "read_html"
    for key in ("active", "requests", "appeals"):
        section = provenance.section(key)
        assert section is not None and section.plugin == "html_table", section
        assert 0 < section.confidence <= 1
        assert all(alt.confidence <= section.confidence for alt in section.alternatives)
    # the exact grid reads the rows whose last cell is blank; the same rows as tab text cannot be
    requests = provenance.section("requests")
    tab = next(alt for alt in requests.alternatives if alt.plugin == "tab_table")
    assert tab.confidence < requests.confidence


def test_real_page_prose_is_the_pages_text(shanghai: govinfo.Report) -> None:
    assert shanghai.text.other_matters == "无。"
    assert shanghai.text.problems.startswith("（一）主要问题\n一是新《条例》实施后")
    # &lt; &gt; are the characters they stand for
    assert "《上海市贯彻<长江三角洲区域一体化发展规划纲要>实施方案》" in shanghai.text.overview


def test_real_page_grids(host: govinfo.PluginHost) -> None:
    document = govinfo.read_document(Source(SHANGHAI.read_bytes(), name=SHANGHAI.name), host=host)
    assert len(document.grids) == 3
    active, requests, appeals = document.grids
    # every grid row is a document line; the merged cells are blank there and marked covered
    for grid in document.grids:
        assert document.lines[grid.line - 1].split("\t")[0] == grid.rows[0][0]
    assert requests.rows[5][:3] == ("三、本年度办理结果", "（一）予以公开", "")
    assert (5, 2) in requests.covered  # （一）予以公开 spans two label columns
    assert requests.rows[7][:3] == ("", "（三）不予公开", "1.属于国家秘密")
    assert {(row, 1) for row in range(8, 15)} <= set(requests.covered)  # rowspan="8"
    assert {(row, 0) for row in range(6, 25)} <= set(requests.covered)  # rowspan="20"
    assert (15, 1) not in requests.covered
    assert requests.rows[3][5] == "" and (3, 5) not in requests.covered  # &nbsp;: a blank cell
    assert active.rows[1][1] == "本年新制作数量"  # 本年新<br />制作数量
    assert appeals.rows[3][:5] == ("5", "", "", "2", "7")


# --------------------------------------------------------------------------- reading HTML


def test_text_lines_blocks_breaks_and_dropped_elements() -> None:
    document = read(
        page(
            "<div>一、总体情况</div><p>第一行<br>第二行</p><script>var x = '二、主动公开';</script>"
            "<style>p { color: red }</style><p>  多个   空格\n换行  </p><p>&nbsp;&nbsp;缩进</p><!-- 注释 -->",
            "<title> 某某镇 2023年 报告 </title>",
        )
    )
    assert document.lines == ("一、总体情况", "第一行", "第二行", "多个 空格 换行", "  缩进")
    assert document.title == "某某镇 2023年 报告"
    assert document.reader == "read_html"


def test_cells_nested_tags_br_and_nbsp() -> None:
    document = read(
        page(
            "<table><tr><td><p><span><b>（二）</b>部分公开</span></p><p>（区分处理的）</p></td>"
            "<td><font><strong>1</strong></font></td><td>&nbsp;</td><td>商业<br/>企业</td></tr></table>"
        )
    )
    (grid,) = document.grids
    assert grid.rows == (("（二）部分公开（区分处理的）", "1", "", "商业企业"),)
    assert grid.covered == ()
    assert document.lines[grid.line - 1] == "（二）部分公开（区分处理的）\t1\t\t商业企业"


def test_rowspan_colspan_expanded() -> None:
    document = read(
        page(
            "<table><tr><td rowspan=2>A</td><td colspan=2>B</td></tr>"
            "<tr><td>c</td><td>d</td></tr>"
            "<tr><td colspan=3>E</td></tr><tr><td>f</td></tr></table>"
        )
    )
    (grid,) = document.grids
    assert grid.rows == (("A", "B", ""), ("", "c", "d"), ("E", "", ""), ("f", "", ""))
    assert set(grid.covered) == {(0, 2), (1, 0), (2, 1), (2, 2), (3, 1), (3, 2)}
    # merged cells are empty cells in the text, but none after a row's last cell of its own
    assert document.lines[grid.line - 1 : grid.line + 3] == ("A\tB", "\tc\td", "E", "f")


def _reference_grid(rows: list[list[tuple[str, int, int]]]) -> tuple[list[list[str]], set[tuple[int, int]]]:
    """table_grid's rule, position by position: (text, colspan, rowspan) cells placed in
    the first free position of their row, covering what their spans cover."""
    texts: dict[tuple[int, int], str] = {}
    taken: set[tuple[int, int]] = set()
    covered: set[tuple[int, int]] = set()
    width = 0
    for r, row in enumerate(rows):
        column = 0
        for text, colspan, rowspan in row:
            while (r, column) in taken:
                column += 1
            texts[(r, column)] = text
            rowspan = len(rows) - r if rowspan == 0 else min(rowspan, len(rows) - r)
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, column + dc))
                    if dr or dc:
                        covered.add((r + dr, column + dc))
            column += colspan
        width = max(width, column)
    grid = [[texts.get((r, c), "") for c in range(width)] for r in range(len(rows))]
    covered |= {(r, c) for r in range(len(rows)) for c in range(width) if (r, c) not in taken}
    return grid, covered


_SPAN_CELL = st.tuples(st.sampled_from(["0", "规章", "", "总计"]), st.integers(1, 3), st.integers(0, 3))


@given(st.lists(st.lists(_SPAN_CELL, max_size=4), min_size=1, max_size=5))
def test_merged_cells_are_placed_position_by_position(rows: list[list[tuple[str, int, int]]]) -> None:
    def attributes(colspan: int, rowspan: int) -> str:
        return (f" colspan={colspan}" if colspan != 1 else "") + (f" rowspan={rowspan}" if rowspan != 1 else "")

    html = "<table>" + "".join(
        "<tr>" + "".join(f"<td{attributes(c, r)}>{text}</td>" for text, c, r in row) + "</tr>" for row in rows
    ) + "</table>"
    table = read_html.LexborHTMLParser(page(html)).css_first("table")
    assert read_html.table_grid(table) == _reference_grid(rows)
    assert read_html._place(read_html._walked_rows(table))[:2] == _reference_grid(rows)


def test_layouts_are_remembered_by_structure_and_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    def grid(*rows: str) -> tuple[list[list[str]], set[tuple[int, int]]]:
        return read_html.table_grid(read_html.LexborHTMLParser(page("<table>" + "".join(rows) + "</table>")).css_first("table"))

    monkeypatch.setattr(read_html, "_MOST_LAYOUTS", 2)
    read_html._LAYOUTS.clear()
    assert grid("<tr><td rowspan=2>规章</td><td>1</td></tr>", "<tr><td>2</td></tr>") == ([["规章", "1"], ["", "2"]], {(1, 0)})
    # the same structure, other texts: the layout remembered places them
    assert grid("<tr><td rowspan=2>其他</td><td>7</td></tr>", "<tr><td>8</td></tr>") == ([["其他", "7"], ["", "8"]], {(1, 0)})
    assert len(read_html._LAYOUTS) == 1
    for width in (3, 4):
        grid("<tr>" + "<td>0</td>" * width + "</tr>")
    assert 1 <= len(read_html._LAYOUTS) <= 2  # a full map starts over
    read_html._LAYOUTS.clear()
    grid(*["<tr><td>0</td></tr>"] * (read_html._LARGEST_LAYOUT + 1))
    assert not read_html._LAYOUTS  # placed, but its layout not kept


# Cell markup as pages print it: text with entities and spaces, inline and block tags,
# breaks, comments, and what the markup reading leaves to the walk (scripts, raw text).
_CELL_TEXT = st.sampled_from(
    ["0", "规章", "总计", " 1 ", "&nbsp;", "&amp;", "&lt;b&gt;", "a\nb", "\t", '"q"', "x=1", "a/b", "'", "", "  "]
)
_CELL_MARKUP = st.recursive(
    _CELL_TEXT,
    lambda inner: st.one_of(
        st.tuples(st.sampled_from(["span", "b", "font face='宋体'", "p", "p align=center", "div", "o:p", "a href='/x?a=1&b=2'"]), inner).map(
            lambda pair: f"<{pair[0]}>{pair[1]}</{pair[0].split()[0]}>"
        ),
        st.sampled_from(["<br>", "<br/>", "<img src=x.png>", "<wbr>", "<!-- 注释 -->", "<!-- a/b=\"c\" -->", "<script>a<b</script>", "<style>p{}</style>", "<xmp><td></xmp>"]),
        st.lists(inner, min_size=2, max_size=3).map("".join),
    ),
    max_leaves=4,
)
_CELL_ATTRIBUTES = st.lists(
    st.sampled_from(
        ["colspan=2", "COLSPAN='3'", "rowspan=2", "rowspan=0", 'colspan="2px"', "colspan=' 2'", "rowspan=x",
         "nowrap", 'style="width:219px;"', "title='a>b'", 'data-q=\'"\'', "colspan=0", "colspan=&#50;", "colspan='&nbsp;2'"]
    ),
    max_size=3,
).map(lambda attributes: "".join(" " + attribute for attribute in attributes))
_MARKUP_CELL = st.tuples(st.sampled_from(["td", "th"]), _CELL_ATTRIBUTES, _CELL_MARKUP).map(
    lambda cell: f"<{cell[0]}{cell[1]}>{cell[2]}</{cell[0]}>"
)
_BETWEEN_CELLS = st.sampled_from(
    ["", "", "\n", " ", "x", "<script>s='<td>1</td>'</script>", "<!-- c -->", "<![if !supportMisalignedColumns]>", "<!-- <td>9</td> -->"]
)  # text between cells is no cell (a browser moves it out)
_MARKUP_ROW = st.tuples(
    st.sampled_from(["", "", "<!-- <tr><td>旧</td></tr> -->", "<![endif]>"]),  # a row commented out, Word's markers
    st.sampled_from(["<tr>", "<tr class=r>", "<TR style='a'>"]),
    st.lists(st.tuples(_BETWEEN_CELLS, _MARKUP_CELL).map("".join), max_size=5),
).map(lambda row: row[0] + row[1] + "".join(row[2]) + "</tr>")


@given(st.lists(_MARKUP_ROW, max_size=5), st.sampled_from(["", "<tbody>", "<thead>", "<caption>表</caption>", "<colgroup><col></colgroup>", "<script>s='<tr><td>1</td></tr>'</script>",
                "<!-- 表 -->", "<script>s='<!--'</script>", "<style>/* <!-- */</style>"]))
@example(["<tr><td colspan='&nbsp;2'>a</td><td>b &nbsp;<br> c</td></tr>"], "")  # an attribute's entity, a break's spaces
def test_a_tables_markup_reads_as_its_nodes(rows: list[str], opening: str) -> None:
    """Reading a table's cells from its serialized markup (where it can) gives what the walk
    over its nodes gives: texts, breaks and dropped tags, spans as browsers read them."""
    table = read_html.LexborHTMLParser(page(f"<table>{opening}{''.join(rows)}</table>")).css_first("table")
    marked_up = read_html._markup_rows(table)
    if marked_up is not None:
        assert marked_up == read_html._walked_rows(table)
    assert read_html.table_grid(table) == read_html._place(read_html._walked_rows(table))[:2]


def test_the_markup_reading_reads_what_pages_print_and_leaves_the_rest_to_the_walk() -> None:
    def markup_rows(cells: str) -> list | None:
        table = read_html.LexborHTMLParser(page(f"<table><tr>{cells}</tr></table>")).css_first("table")
        return read_html._markup_rows(table)

    (row,) = markup_rows('<td colspan="2" style="width:1px"><p align="center">本年新 <br /> 制作数量</p></td><td>&nbsp;1</td>')
    assert row.texts == ("本年新制作数量", "1") and row.alone == ("本年新制作数量", "", "1")
    # Word's markers and comments between cells are no cells; a comment in a cell breaks its text
    (row,) = markup_rows("<![if !supportMisalignedColumns]><td>规 <!-- a/b --> 章</td><!-- c --><td>0</td><![endif]>")
    assert row.texts == ("规章", "0")
    # a '<!--' in a script is no comment: what it would cut off is read by the walk
    scripted = "<table><script>s='<!--'</script><tr><td>1</td></tr><!-- c --></table>"
    table = read_html.LexborHTMLParser(page(scripted)).css_first("table")
    assert read_html._markup_rows(table) is None and read_html.table_grid(table) == ([["1"]], set())
    unread = ("<td><script>x</script>0</td>", "<td><textarea>0</textarea></td>", "<td><xmp><!--</xmp>0</td><!-- -->")
    for cells in unread + ("<td>0</td><script>s='<td>1</td>'</script>",):
        assert markup_rows(cells) is None
    # pieces of markup lexbor never writes are not read either
    for piece in ("<td>1", "<td><tr>1</td>", "<td>1</td><span>2</span>", "<td>1 < 2</td>"):
        assert read_html._markup_row(piece) is None
    assert read_html._without_comments("<td>1</td><!-- x") is None


def test_absurd_spans_are_clamped() -> None:
    document = read(page("<table><tr><td colspan=99999 rowspan=99999>x</td><td>1</td></tr></table>"))
    (grid,) = document.grids
    assert len(grid.rows) == 1 and len(grid.rows[0]) == 1001


def test_several_tables_and_layout_tables() -> None:
    """A table holding tables is page layout: its inner tables are the data tables."""
    document = read(
        page(
            "<table class=layout><tr><td><p>二、主动公开政府信息情况</p>"
            "<table><tr><td>规章</td><td>1</td></tr></table>"
            "<table><tr><td>行政许可</td><td>2</td></tr></table>"
            "<p>三、收到和处理政府信息公开申请情况</p></td></tr></table>"
        )
    )
    assert [grid.rows for grid in document.grids] == [(("规章", "1"),), (("行政许可", "2"),)]
    assert document.lines == (
        "二、主动公开政府信息情况", "规章\t1", "行政许可\t2", "三、收到和处理政府信息公开申请情况",
    )
    assert [grid.line for grid in document.grids] == [2, 3]
    # a table whose script says "<table" holds no table: a data table still
    scripted = read(page("<table><tr><td>规章</td><td>1<script>w('<table>')</script></td></tr></table>"))
    assert [grid.rows for grid in scripted.grids] == [(("规章", "1"),)]


def test_recognised_by_name_media_type_or_content() -> None:
    body = "<table><tr><td>1</td></tr></table>".encode()
    assert read_html.is_html(Source(b"x", name="a.SHTML"))
    assert read_html.is_html(Source(b"x", media_type="text/html; charset=utf-8"))
    assert read_html.is_html(Source(b"  \n<!doctype html><p>x"))
    assert read_html.is_html(Source(body))
    assert not read_html.is_html(Source(body, name="notes.txt"))
    assert not read_html.is_html(Source("一、总体情况 <table>".encode()))
    assert read_html.govinfo_read_document(Source(b"plain text")) is None


# --------------------------------------------------------------------------- encodings


def _gbk_page(meta: str) -> bytes:
    fragment = SHANGHAI.read_text(encoding="utf-8")
    return (f"<html><head>{meta}<title>政府信息公开</title></head><body>{fragment}</body></html>").encode("gbk")


@pytest.mark.parametrize(
    "meta",
    ['<meta charset="gbk">', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', ""],
    ids=["meta-charset", "http-equiv", "undeclared"],
)
def test_gbk_page(meta: str, host: govinfo.PluginHost, shanghai: govinfo.Report) -> None:
    report = govinfo.parse(_gbk_page(meta), name="page.htm", host=host)
    assert report.provenance.encoding == "gb18030"
    assert report.cells == shanghai.cells
    assert report.text == shanghai.text


def test_declared_gbk_but_utf8_bytes() -> None:
    """Pages re-saved as UTF-8 keep their old declaration: valid UTF-8 is read as UTF-8."""
    document = read(page("<p>一、总体情况</p>", '<meta charset="gbk">'))
    assert document.encoding == "utf-8" and document.lines == ("一、总体情况",)


def test_bom_wins() -> None:
    document = read(b"\xef\xbb\xbf" + page("<p>二、主动公开</p>", '<meta charset="gbk">').encode())
    assert document.lines == ("二、主动公开",)


def test_empty_and_binary_html() -> None:
    with pytest.raises(govinfo.EmptyInputError):
        read(b"   ")
    with pytest.raises(govinfo.InputError):
        read(b"<html>\x00\x01\x02" * 100)


def test_without_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_html, "LexborHTMLParser", None)
    with pytest.raises(govinfo.UnsupportedFormatError, match=r"govinfo\[html\]"):
        read_html.govinfo_read_document(Source(b"<html><body>x</body></html>", name="a.html"))


# --------------------------------------------------------------------------- metadata from the page


def test_page_meta_fills_what_the_text_lacks(host: govinfo.PluginHost) -> None:
    head = (
        '<meta name="ArticleTitle" content="某某镇2023年政府信息公开工作年度报告">'
        '<meta name="PubDate" content="2024-01-30 16:36">'
        '<meta name="ContentSource" content="某某镇人民政府"><title>首页_某某县人民政府网</title>'
    )
    fragment = SHANGHAI.read_text(encoding="utf-8")
    body = fragment.split("</p>", 2)[2]  # without the page's own title and date lines
    report = govinfo.parse(page(body, head), name="p.html", host=host)
    assert report.meta.title == "某某镇2023年政府信息公开工作年度报告"
    assert report.meta.year == 2023 and report.meta.agency == "某某镇"
    assert report.meta.published == dt.date(2024, 1, 30)
    # the text's own signature date wins over the page's
    signed = page(body + "<p>某某镇人民政府</p><p>2024年1月22日</p>", head)
    assert govinfo.parse(signed, name="p.html", host=host).meta.published == dt.date(2024, 1, 22)


def test_content_source_only_when_it_names_an_agency(host: govinfo.PluginHost) -> None:
    fragment = SHANGHAI.read_text(encoding="utf-8").split("</p>", 2)[2]
    for source, expected in (("原创", None), ("某某镇人民政府", "某某镇人民政府")):
        head = f'<meta name="ContentSource" content="{source}">'
        report = govinfo.parse(page(fragment, head), name="p.html", host=host)
        assert report.meta.agency == expected


# --------------------------------------------------------------------------- rendering and round trips


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_round_trips_through_html(path, host: govinfo.PluginHost) -> None:
    report = govinfo.parse_file(path, host=host)
    text = govinfo.render(report, "html_table", host=host)
    assert text.startswith("<!DOCTYPE html>") and "<table" in text
    parsed = govinfo.parse(text, host=host)
    assert parsed == report
    assert parsed.provenance.reader == "read_html"
    for key in ("active", "requests", "appeals"):
        section = parsed.provenance.section(key)
        assert section.plugin == "html_table", section
        assert section.confidence > 0
        assert all(alt.confidence <= section.confidence for alt in section.alternatives)
    assert govinfo.render(parsed, "html_table", host=host) == text


def test_real_page_round_trips(shanghai: govinfo.Report, host: govinfo.PluginHost) -> None:
    text = govinfo.render(shanghai, "html_table", host=host)
    assert govinfo.parse(text, host=host) == shanghai


def test_rendered_html_keeps_prose_spaces_and_escapes(host: govinfo.PluginHost) -> None:
    report = govinfo.parse_file(SEEDS[0], host=host)
    prose = "  两个空格开头，中间  两个，<b>不是标签</b> & 结尾 "
    report = report.evolve(text=govinfo.Prose(overview=prose, problems="无。", other_matters="无。"))
    text = govinfo.render(report, "html_table", host=host)
    assert "<b>" not in text
    assert govinfo.parse(text, host=host).text.overview == prose


def test_html_table_needs_grids() -> None:
    section = govinfo.SectionText("active", "二、主动公开政府信息情况", 2, ("规章\t1\t2\t3",))
    assert html_table.govinfo_parse_section(section, govinfo.template("2021")) is None


def test_html_table_reads_a_blank_at_a_rows_end() -> None:
    """Exact grids: a trailing empty cell that is a cell of its own is blank, not padding."""
    grid = govinfo.Grid((("规章", "1", "2", ""), ("行政许可", "3", "", "")), 2, ((1, 2), (1, 3)))
    section = govinfo.SectionText("active", "二、", 2, ("规章\t1\t2\t", "行政许可\t3"), (grid,))
    candidate = html_table.govinfo_parse_section(section, govinfo.template("2021"))
    assert candidate.cells["active.rules.in_force"] == Cell(None, Status.BLANK)
    assert candidate.cells["active.rules.repealed"] == Cell(2, Status.NUMBER)
    assert candidate.cells["active.licensing.decisions"] == Cell(3, Status.NUMBER)
    assert candidate.specificity == 2


def test_html_table_reads_its_grids_flat_as_their_rows_read() -> None:
    """Grids read as the cuts of their lines, the lines between two grids no rows, give the
    candidate their rows give; grids out of order are read row by row."""
    spec = govinfo.template("2021")
    rules = govinfo.Grid((("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"), ("规章", "1", "2", "")), 3)
    licensing = govinfo.Grid((("信息内容", "本年处理决定数量", "", ""), ("行政许可", "3", "", "")), 7, ((0, 2), (0, 3), (1, 2), (1, 3)))
    lines = ("信息内容\t本年制发件数\t本年废止件数\t现行有效件数", "规章\t1\t2\t", "", "第二十条第（五）项", "信息内容\t本年处理决定数量", "行政许可\t3")
    for grids in ((rules, licensing), (licensing, rules)):
        section = govinfo.SectionText("active", "二、主动公开政府信息情况", 3, lines, grids)
        rows = [row for grid in grids for row in html_table.grid_rows(grid)]
        candidate = html_table.govinfo_parse_section(section, spec)
        by_rows = govinfo.read_table(spec.table("active"), rows, specificity=2)
        assert candidate == by_rows
        sources = {key: cell.source for key, cell in candidate.cells.items()}
        assert sources == {key: cell.source for key, cell in by_rows.cells.items()}  # (cells compare without them)
        assert candidate.cells["active.licensing.decisions"] == Cell(3, Status.NUMBER)
        assert sources["active.licensing.decisions"].line == 8
