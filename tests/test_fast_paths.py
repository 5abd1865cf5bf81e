"""The speed-ups of issue 7 change no result: each fast path equals its plain reference."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from govinfo import (
    SECTIONS,
    Cell,
    RawCell,
    RawRow,
    Report,
    SectionText,
    Status,
    delimited_rows,
    is_page_furniture,
    official_grid,
    parse_file,
    read_stacked_section,
    section_cells,
    stacked_rows,
    stacked_section_rows,
    tables,
)
from govinfo.identities import Outcome, count_holding, evaluate, fails, identities, sums, table_identities
from govinfo.metadata import clean_line
from govinfo.model import CellMap
from govinfo.reading import _CONTROL, _looks_binary, _looks_binary_bytes
from govinfo.tables import (
    _LABEL, _PLANS, _ROW_SHAPES, _VALUE, _Reader, _placing_rows, _reading, _row_shape, _skeleton_text, _text_kind,
    read_cut_lines, read_delimited_section, read_table,
)
from govinfo.template import ValueKind, template
from govinfo.testing import cells_for, consistent_reports, reports
from govinfo.text import RememberedMap, block_key, block_pattern, nfkc, phrases_found, remembered, total_length
from govinfo.validate import Options, _check_values, _plainly_right, _value_findings
from govinfo_plugins import markdown_ocr, pipe_table
from govinfo_plugins.markdown_ocr import _HEADING_MARK, _cleaned_line, clean_cell, is_markdown, table_line, table_rows
from govinfo_plugins.pipe_table import _cut_pipe_line, _is_row_mode, is_separator_row, pipe_rows, row_cuts
from govinfo_plugins.segment_headings import SPACE_BUT_NEWLINE, _heading_candidates, heading_section, section_of_heading
from govinfo_plugins.vertical_cell import _one_cell_per_line

from conftest import FIXTURES, SEEDS

# What report text is made of, and what NFKC touches: ASCII, CJK, full-width forms, the
# wide spaces, combining marks (NFKC composes them), Hangul jamo, ligatures, circled digits.
_ALPHABET = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.characters(min_codepoint=0xFF00, max_codepoint=0xFF70),
    st.sampled_from("，（）：；？！％。、“”\u3000\u00a0\u2002\u2003\u200a\u200b\ufeff"),
    st.sampled_from("\u0301\u0327\u0308e\u00e9\u1100\u1161\u11a8\uac00\ufb01\u2460\u3300\u212b\u4e00\u89c4\u7ae0"),
    st.characters(),
)


@given(st.text(_ALPHABET, max_size=60))
@example("规章（一）：０\u30001，２")
@example("ｅ\u0301")  # a full-width letter narrowed, then composed with the mark after it
@example("\u3000\u0308")
def test_nfkc_is_unicode_nfkc(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


@given(st.one_of(st.text(st.characters(max_codepoint=0x7F), max_size=200), st.text(max_size=300)))
@example("\x01" * 100 + "规" * 9000)  # the control characters within the first 8,192 characters only
@example("规" * 8100 + "\x01" * 90)
def test_binary_test_counts_the_same_control_characters(text: str) -> None:
    reference = "\x00" in text[:8192] or sum(ord(c) in _CONTROL for c in text[:8192]) > len(text[:8192]) * 0.01
    assert _looks_binary(text) == reference


@given(st.text(st.one_of(st.characters(max_codepoint=0x7F), st.characters(codec="gb18030")), max_size=300), st.sampled_from(["utf-8", "gb18030"]))
@example("规" * 8100 + "\x01" * 90, "utf-8")  # longer than the sample: the text's own test
@example("规" * 3000 + "\x00", "gb18030")  # a NUL past the first 8,192 bytes, within the sample
def test_binary_test_on_the_bytes_counts_the_same_control_characters(text: str, encoding: str) -> None:
    assert _looks_binary_bytes(text.encode(encoding), text) == _looks_binary(text)


# --------------------------------------------------------------------------- template markers

_MARKER_ALPHABET = st.one_of(
    st.sampled_from("本年制发件数废止（）()/_ \t\n，：二十条第九项⼆"),
    st.characters(),
)


@given(st.text(_MARKER_ALPHABET, max_size=40), st.text(_MARKER_ALPHABET, min_size=1, max_size=6))
@example("第二十条第（九）项", "第二十条第（九）项")
@example("第⼆⼗条 第(九) 项", "第二十条第（九）项")  # Kangxi radicals, as PDFs print them
@example("本年_制发", "本年制发")
def test_block_pattern_finds_what_block_key_finds(text: str, phrase: str) -> None:
    found = block_pattern(phrase).search(nfkc(text)) is not None
    assert found == (block_key(phrase) in block_key(text))


@given(st.text(_MARKER_ALPHABET, max_size=60), st.lists(st.text(_MARKER_ALPHABET, min_size=1, max_size=6), max_size=5))
@example("本年制发件数 第二十条第(九)项", ["本年制发件数", "第二十条第（九）项", "采购"])
@example("本年 制发", ["本年制发", "制发件"])
@example("", ["\U00018cd6"])  # a phrase whose every character block_key drops: its pattern is empty
def test_phrases_found_counts_what_each_pattern_finds(text: str, phrases: list[str]) -> None:
    normalized = nfkc(text)
    expected = sum(block_pattern(phrase).search(normalized) is not None for phrase in phrases)
    assert phrases_found(normalized, tuple(phrases)) == expected


# --------------------------------------------------------------------------- section headings

_HEADING_ALPHABET = st.one_of(
    st.sampled_from("第一二三四五六七1234567、.．,，:：#>*** \t\u3000\u00a0\u200b\ufeff总体情况主动公开收到和处理行政复议其他需要报告存在的主要问题\n"),
    st.characters(),
)


_REMOVABLE = st.text(st.sampled_from("* \u3000\u00a0\u200b\ufeff"), max_size=2)


@st.composite
def _heading_lines(draw: st.DrawFn, filler: st.SearchStrategy[str] = st.text("工作政府信息年度", max_size=6)) -> str:
    """Lines built like headings, with what clean_line removes scattered through them."""
    keyword = draw(st.sampled_from([k for section in SECTIONS for k in section.keywords]))
    keyword = "".join(char + draw(_REMOVABLE) for char in keyword)
    return "".join([
        draw(st.text(st.sampled_from("#>* \t\u3000"), max_size=3)),
        draw(st.sampled_from(["", "第"])),
        draw(st.sampled_from("一二三四五六123456")),
        draw(_REMOVABLE),
        draw(st.sampled_from("、.．,，:：")),
        draw(_REMOVABLE),
        draw(filler),
        keyword,
        draw(filler),
    ])


def test_the_space_of_the_heading_scan_is_every_white_space_but_the_newline() -> None:
    every_space = {char for char in map(chr, range(0x110000)) if char.isspace()}
    assert set(SPACE_BUT_NEWLINE) == every_space - {"\n"}
    assert all(re.fullmatch(r"[^\S\n]", char) for char in SPACE_BUT_NEWLINE)


@given(_heading_lines())
def test_heading_preselection_keeps_every_heading(line: str) -> None:
    """The cheap scans only preselect: every line the full rule calls a heading passes them."""
    assert section_of_heading(clean_line(line)) is not None  # the strategy makes headings
    assert heading_section(line) is not None
    assert list(_heading_candidates(line)) == [0]


@given(st.one_of(_heading_lines(st.text(_HEADING_ALPHABET, max_size=6)), st.text(_HEADING_ALPHABET, max_size=30)))
@example("## 二、主动公开政府信息情况")
@example("\u200b**三**、收到和处理政府信息公开申请情况")
@example("六 、其他需要报告 的事项")
def test_heading_preselection_never_drops_a_heading(line: str) -> None:
    line = line.replace("\n", "")
    if section_of_heading(clean_line(line)) is not None:
        assert heading_section(line) is not None
        assert list(_heading_candidates(line)) == [0]


# --------------------------------------------------------------------------- markdown

_LINE_MARKDOWN = re.compile(r"^\s*(?:#{1,6}\s|---+\s*$|\*\*|>\s)|\*\*")  # the rule, line by line


@given(st.lists(st.text(st.sampled_from("#-*> \t\u3000\u00a0\x0b\x0c规章0"), max_size=8), max_size=6))
@example(["##", "规章"])  # a bare ## then a line: not a heading mark on either line
@example(["---  ", "x"])
def test_markdown_is_found_in_one_scan_as_line_by_line(lines: list[str]) -> None:
    section = SectionText("active", "二、主动公开政府信息情况", 2, tuple(lines))
    assert is_markdown(section) == any(_LINE_MARKDOWN.search(line) for line in lines)


def _reference_markdown_rows(section: SectionText) -> list[tuple[str, ...]]:
    """The cells markdown_ocr read before it kept spans: each line cleaned whole, then cut."""
    cleaned = []
    for line in section.lines:
        line = "" if is_page_furniture(line) else _HEADING_MARK.sub("", line)
        cleaned.append("\t".join(clean_cell(cell) for cell in line.split("\t")))
    return [row.texts for row in delimited_rows(cleaned, section.first_line, "\t")]


_MARKDOWN_LINES = st.lists(
    st.text(st.sampled_from("#*- \t规章0O1l|"), max_size=12).map(lambda text: text.replace("\n", "")), max_size=6
)


@given(_MARKDOWN_LINES)
@example(["## \t规章\t0", "**规章** \t O \t0\t 12", "- 3 -", "**\t**"])
def test_markdown_rows_read_the_same_cells_and_point_at_them(lines: list[str]) -> None:
    section = SectionText("active", "## 二、主动公开政府信息情况", 5, tuple(lines))
    rows = table_rows(section)
    assert [row.texts for row in rows] == _reference_markdown_rows(section)
    for row in rows:
        for text, line, start, end in zip(*row):
            assert clean_cell(section.lines[line - 5][start:end]) == text  # the span is where it was printed


@given(st.text(st.sampled_from("#*-OoIl \t\u3000\u00a0规章015"), max_size=16))
@example("规章\t0\t12")  # nothing to clean: the plain tab cut
@example(" \t\u3000")  # blank: no row either way
@example("## 规章\tO")
def test_a_markdown_line_without_marks_is_cut_as_its_cleaning_would_cut_it(line: str) -> None:
    assert table_line(line) == (None if is_page_furniture(line) else _cleaned_line(line))


# --------------------------------------------------------------------------- bounded memory


def test_remembered_texts_are_bounded_in_number_and_length() -> None:
    calls: list[str] = []

    @remembered(maxsize=4, longest=10)
    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    assert [shout(t) for t in ("a", "a", "b")] == ["A", "A", "B"] and calls == ["a", "b"]
    long = "x" * 11
    assert shout(long) == long.upper() and shout(long) == long.upper()
    assert calls.count(long) == 2  # computed each time: never held by the cache
    for text in "cdefgh":
        shout(text)
    assert shout.cache_info().currsize <= 4  # type: ignore[attr-defined]


@given(st.lists(st.sampled_from(["0", "12", "", "/", "—", "1,234", "3.5", "x", "0" * 300]), max_size=20), st.sampled_from(list(ValueKind)))
def test_a_readers_readings_are_each_texts_own(texts: list[str], kind: ValueKind) -> None:
    reader = _Reader(kind)
    assert reader.read_all(texts) == [_reading(text, kind) for text in texts]
    assert reader.read_all(texts) == [reader(text) for text in texts]  # remembered or not, the same


def test_a_reader_keeps_short_texts_and_starts_over_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_Reader, "MOST", 3)
    reader = _Reader(ValueKind.COUNT)
    reader.read_all(["1", "2", "x" * (_Reader.LONGEST + 1)])
    assert set(reader.known) == {"1", "2"}  # the long text was read, not kept
    reader.read_all(["3", "4", "5"])
    assert len(reader.known) <= 3


def test_a_remembered_map_is_its_function_bounded_in_number_and_length() -> None:
    calls: list[str] = []

    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    memo = RememberedMap(shout, most=3, longest=10)
    assert list(map(memo.__getitem__, ["a", "a", "b"])) == ["A", "A", "B"] and calls == ["a", "b"]
    long = "x" * 11
    assert memo[long] == memo[long] == long.upper() and calls.count(long) == 2  # never kept
    for text in "cdefgh":
        assert memo[text] == text.upper()
    assert len(memo) <= 3


def test_a_remembered_map_of_rows_is_bounded_by_the_size_it_is_given() -> None:
    memo = RememberedMap(len, longest=10, size=total_length)
    short, long = ("ab", "cd"), ("abcdef", "ghijk")  # 4 and 11 characters, in 2 cells each
    assert memo[short] == memo[long] == 2
    assert short in memo and long not in memo  # kept by its characters, not by its cells


# --------------------------------------------------------------------------- remembered table plans

#: Texts of the value kind, to stand in for one another in a row.
_VALUE_TEXTS = ("0", "7", "12", "1,234", "/", "—", "3.5", "251000元", "２")


@st.composite
def _table_texts(draw: st.DrawFn) -> tuple[object, list[tuple[str, ...]]]:
    """A table's rows as the official grid prints them, damaged: cells emptied, marked,
    replaced by a stray word; rows lost."""
    report = draw(consistent_reports())
    table = report.template_spec.table(draw(st.sampled_from(("active", "requests", "appeals"))))
    rng = draw(st.randoms(use_true_random=False))
    rows = []
    for row in official_grid(table, report.cells):
        if rng.random() < 0.1:
            continue
        rows.append(tuple(rng.choice((text, text, text, text, "", "/", "x")) for text in row.labels + row.values))
    return table, rows


def _same_skeleton(rows: list[tuple[str, ...]], rng: object) -> list[tuple[str, ...]]:
    """Other rows of the same skeleton: each value another value, each empty cell another
    empty text, the labels as they are."""

    def like(text: str) -> str:
        kind = _text_kind(text)
        return text if kind not in (0, _VALUE) else rng.choice(_VALUE_TEXTS if kind == _VALUE else ("", " "))  # type: ignore[attr-defined]

    return [tuple(map(like, row)) for row in rows]


def _raw_rows(rows: list[tuple[str, ...]], first_line: int) -> list[RawRow]:
    return [
        RawRow.from_columns(texts, (first_line + i,) * len(texts), range(len(texts)), range(2, len(texts) + 2))
        for i, texts in enumerate(rows)
    ]


def _everything(candidate: object) -> tuple[object, ...]:
    """A candidate's whole reading: its cells in order with their sources and notes, its evidence, its unplaced rows."""
    cells = candidate.cells  # type: ignore[attr-defined]
    return list(cells), [tuple(cell) for cell in cells.values()], candidate.evidence, candidate.unplaced  # type: ignore[attr-defined]


@given(_table_texts(), st.randoms(use_true_random=False), st.booleans())
@example((template("2019").table("active"), [("政府集中采购", "3", "5")]), None, False)  # its unit's header lost: missing
def test_the_cells_read_are_the_cells_not_missing_when_a_reading_is_built_and_reused(
    drawn: tuple[object, list[tuple[str, ...]]], rng: object, stacked: bool
) -> None:
    table, rows = drawn
    if rng is not None:
        rows = _same_skeleton(rows, rng)  # other values: some unreadable where they stand ("3.5" as a count)
    tables._last_planned = ((), {}, 0)
    built = read_table(table, _raw_rows(rows, 1), stacked=stacked)  # type: ignore[arg-type]
    reused = read_table(table, _raw_rows(rows, 1), fit=0.5, stacked=stacked)  # type: ignore[arg-type]
    for candidate in (built, reused):
        not_missing = sum(cell.status is not Status.MISSING for cell in candidate.cells.values())
        assert candidate.evidence.cells_read == not_missing


def _as_lines(rows: list[tuple[str, ...]], rng: object, marks: bool) -> list[str]:
    """Rows printed as tab lines, with blank lines between some; with ``marks``, some
    cells in Markdown emphasis, some lines headings or page furniture."""
    lines = []
    for row in rows:
        cells = [f"**{text}**" if marks and text and rng.random() < 0.2 else text for text in row]  # type: ignore[attr-defined]
        line = "\t".join(cells)
        if marks and rng.random() < 0.1:  # type: ignore[attr-defined]
            line = rng.choice(("## ", "- 3 -", "---")) + (line if rng.random() < 0.5 else "")  # type: ignore[attr-defined]
        lines.append(line)
        if rng.random() < 0.2:  # type: ignore[attr-defined]
            lines.append(rng.choice(("", "  ", "\t")))  # type: ignore[attr-defined]
    return lines


@given(_table_texts(), st.randoms(use_true_random=False))
def test_a_delimited_section_is_read_as_its_delimited_rows_are(drawn: tuple[object, list[tuple[str, ...]]], rng: object) -> None:
    table, rows = drawn
    lines = _as_lines(rows, rng, marks=False)
    fused = read_delimited_section(table, lines, 7, "\t", fit=0.5)  # type: ignore[arg-type]
    assert _everything(fused) == _everything(read_table(table, delimited_rows(lines, 7, "\t"), fit=0.5))  # type: ignore[arg-type]


def test_cut_lines_whose_spans_do_not_match_their_texts_are_refused() -> None:
    with pytest.raises(ValueError, match="2 texts but 2 starts and 1 ends"):
        read_cut_lines(template("2021").table("active"), [None, (("规章", "0"), (0, 3), (2,))], 3)


@given(_table_texts(), st.randoms(use_true_random=False))
def test_a_markdown_section_is_read_as_its_table_rows_are(drawn: tuple[object, list[tuple[str, ...]]], rng: object) -> None:
    table, rows = drawn
    section = SectionText(table.key, "## 二、主动公开政府信息情况", 3, tuple(_as_lines(rows, rng, marks=True)))  # type: ignore[attr-defined]
    spec = next(template(id_) for id_ in ("2019", "2021") if template(id_).table(table.key) is table)  # type: ignore[attr-defined]
    fused = markdown_ocr.govinfo_parse_section(section, spec)
    assume(fused is not None)  # (a section of fewer than two tab rows is declined)
    assert _everything(fused) == _everything(read_table(table, table_rows(section), specificity=1))  # type: ignore[arg-type]


def test_table_plans_are_bounded_in_number_and_size(monkeypatch: pytest.MonkeyPatch) -> None:
    table = template("2021").table("appeals")
    monkeypatch.setattr(tables, "_MOST_PLANS", 2)
    _PLANS.clear()
    for width in (3, 4, 5):
        read_table(table, _raw_rows([("行政复议",), ("0",) * width], 1))
    assert 1 <= len(_PLANS) <= 2  # a full cache starts over
    _PLANS.clear()
    read_table(table, _raw_rows([("复" * (tables._LONGEST_PLANNED + 1),), ("0", "1")], 1))
    assert not _PLANS  # read, but its plan not kept


def test_the_value_texts_are_values() -> None:
    assert all(_text_kind(text) == _VALUE for text in _VALUE_TEXTS)


def _reference_row_shape(texts: tuple[str, ...], table: object) -> tuple[object, ...]:
    """A row's shape worked out step by step, as it was before it was one function: the
    plain rule tables._row_shape is held to."""
    kinds = [_text_kind.__wrapped__(text) for text in texts]  # type: ignore[attr-defined]
    cut = max((i + 1 for i, kind in enumerate(kinds) if kind == _LABEL), default=0)
    labels = tuple(text for text, kind in zip(texts[:cut], kinds) if kind)
    empties = tuple(kind == 0 for kind in kinds[cut:])
    read = tables._read_labels.__wrapped__(labels, table)  # type: ignore[attr-defined]
    width = tables._row_plans(table)[read.match.row].width if read.match.row is not None else None
    has_values = False in empties
    is_data = has_values or (width is not None and len(empties) >= width)
    if is_data:
        pads = width is not None and empties.count(False) == width and bool(empties) and empties[-1]
        merges = width is not None and cut > 0 and len(empties) > width and empties[0]
    else:
        everything = [kind == 0 for kind in kinds]
        pads = bool(everything) and everything[-1] and False in everything
        merges = False
    return cut, labels, empties, read.match, read.header_keys, read.squeezed, has_values, is_data, pads, merges


@given(_table_texts())
@example((template("2021").table("active"), [("规章", "0", "", "0", ""), ("", "", ""), ("第二十条第（一）项" * 60, "0", "1", "2")]))
def test_a_row_is_shaped_as_step_by_step(drawn: tuple[object, list[tuple[str, ...]]]) -> None:
    table, rows = drawn
    for row in rows:
        assert tuple(_row_shape(row, table)) == _reference_row_shape(row, table)


@given(_table_texts())
def test_a_rows_shape_is_its_placing_rows(drawn: tuple[object, list[tuple[str, ...]]]) -> None:
    table, rows = drawn
    texts = [text for row in rows for text in row]
    placing, _ = _placing_rows([tuple(map(_skeleton_text, row)) for row in rows], texts)
    for row, placing_row in zip(rows, placing):
        assert _ROW_SHAPES[placing_row, table] == _row_shape(row, table)


@given(_table_texts(), st.randoms(use_true_random=False), st.booleans())
def test_a_remembered_plan_reads_other_values_as_a_fresh_reading_does(
    drawn: tuple[object, list[tuple[str, ...]]], rng: object, stacked: bool
) -> None:
    table, rows = drawn
    other = _same_skeleton(rows, rng)
    _PLANS.clear()
    read_table(table, _raw_rows(rows, 1), stacked=stacked)  # type: ignore[arg-type]
    remembered_plan = read_table(table, _raw_rows(other, 40), stacked=stacked)  # type: ignore[arg-type]
    assert len(_PLANS) == 1  # the second table was read by the first one's plan
    _PLANS.clear()
    fresh = read_table(table, _raw_rows(other, 40), stacked=stacked)  # type: ignore[arg-type]
    assert _everything(remembered_plan) == _everything(fresh)


@given(_table_texts(), st.randoms(use_true_random=False))
def test_a_table_of_another_skeleton_is_not_read_by_a_remembered_plan(
    drawn: tuple[object, list[tuple[str, ...]]], rng: object
) -> None:
    table, rows = drawn
    # the same rows, as long, with some cells emptied: another skeleton, mostly
    other = [tuple("" if rng.random() < 0.2 else text for text in row) for row in rows]  # type: ignore[attr-defined]
    _PLANS.clear()
    read_table(table, _raw_rows(rows, 1))  # type: ignore[arg-type]
    after_another = read_table(table, _raw_rows(other, 1))  # type: ignore[arg-type]
    _PLANS.clear()
    assert _everything(after_another) == _everything(read_table(table, _raw_rows(other, 1)))  # type: ignore[arg-type]


@given(_table_texts())
def test_the_same_cells_cut_into_other_rows_are_not_read_by_a_remembered_plan(
    drawn: tuple[object, list[tuple[str, ...]]],
) -> None:
    table, rows = drawn
    cells = [text for row in rows for text in row]
    assume(len(cells) >= 2)
    # the same texts in the same order cut into two rows, the first ending one cell after
    # or before the first row's end (the rows' cells flattened are the same skeleton)
    first = len(rows[0]) + 1 if len(rows[0]) < len(cells) else len(rows[0]) - 1
    assume(first > 0)
    recut = [tuple(cells[:first]), tuple(cells[first:])]
    _PLANS.clear()
    read_table(table, _raw_rows(rows, 1))  # type: ignore[arg-type]
    after_another = read_table(table, _raw_rows(recut, 1))  # type: ignore[arg-type]
    _PLANS.clear()
    assert _everything(after_another) == _everything(read_table(table, _raw_rows(recut, 1)))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- one cell per line


def _reference_stacked_rows(cells: list[RawCell]) -> list[RawRow]:
    """stacked_rows' rule cell by cell: a row ends where a label follows a value; empty
    cells stay where they stand, but for those before any text."""
    rows: list[RawRow] = []
    current: list[RawCell] = []
    in_values = False
    for cell in cells:
        kind = _text_kind(cell.text)
        if kind == 0:  # empty
            if current:
                current.append(cell)
                in_values = True  # an empty cell after a label is a (blank) value cell
            continue
        is_value = kind == _VALUE
        if in_values and not is_value:
            rows.append(RawRow(current))
            current = []
        current.append(cell)
        in_values = is_value
    if current:
        rows.append(RawRow(current))
    return rows


@given(st.lists(st.text(st.sampled_from(" \t\u3000规章总计01/"), max_size=5), max_size=30))
@example(["\t", "规章", "0", "\t", "", "总", "计", "1", "2"])
def test_stacked_rows_are_grouped_cell_by_cell(lines: list[str]) -> None:
    section = SectionText("requests", "三、收到和处理政府信息公开申请情况", 7, tuple(lines))
    reference = _reference_stacked_rows(section_cells(section))
    assert stacked_rows(section_cells(section)) == reference
    assert stacked_section_rows(section) == reference


@given(_table_texts(), st.randoms(use_true_random=False))
def test_a_stacked_section_is_read_as_its_stacked_rows_are(drawn: tuple[object, list[tuple[str, ...]]], rng: object) -> None:
    table, rows = drawn
    # one cell per line, an empty cell a tab, blank lines between some cells
    lines = [line for row in rows for text in row for line in ([text or "\t"] + [""] * (rng.random() < 0.3))]  # type: ignore[attr-defined]
    section = SectionText(table.key, "", 3, tuple(lines))  # type: ignore[attr-defined]
    reference = read_table(table, _reference_stacked_rows(section_cells(section)), stacked=True)  # type: ignore[arg-type]
    assert _everything(read_stacked_section(table, section)) == _everything(reference)  # type: ignore[arg-type]


def _reference_one_cell_per_line(lines: list[str]) -> bool:
    filled = [text for text in map(str.strip, lines) if text]
    if len(filled) < 3:
        return False
    rows = sum(1 for text in filled if "\t" in text or ("|" in text and "|" in text.strip("| \t")))
    return rows * 5 < len(filled)


@given(st.lists(st.text(st.sampled_from(" \t|规0"), max_size=5), max_size=30))
@example(["规", "0", "0", "|", "0\t1"])
def test_one_cell_per_line_is_told_line_class_by_line_class(lines: list[str]) -> None:
    assert _one_cell_per_line(tuple(lines)) == _reference_one_cell_per_line(lines)


# --------------------------------------------------------------------------- pipe rows


def _reference_pipe_rows(lines: list[str], first_line: int) -> list[RawRow]:
    """pipe_rows as it read each line before its lines' readings were remembered."""
    rows: list[RawRow] = []
    carry: list[RawCell] = []
    for index, line in enumerate(lines):
        number = first_line + index
        if not line.strip() or is_separator_row(line):
            if carry:
                rows.extend(RawRow((cell,)) for cell in carry)
                carry = []
            continue
        if "|" not in line:
            carry.append(RawCell(line.strip(), number, len(line) - len(line.lstrip()), len(line.rstrip())))
            continue
        texts, starts, ends = _cut_pipe_line(line)
        row = RawRow.from_columns(texts, (number,) * len(texts), starts, ends)
        if carry and not line.lstrip().startswith("|"):
            first = carry[0]
            row = row._replace(
                texts=("".join(cell.text for cell in carry) + row.texts[0], *row.texts[1:]),
                lines=(first.line, *row.lines[1:]),
                starts=(first.start, *row.starts[1:]),
                ends=(first.end, *row.ends[1:]),
            )
        else:
            rows.extend(RawRow((cell,)) for cell in carry)
        carry = []
        rows.append(row)
    rows.extend(RawRow((cell,)) for cell in carry)
    return rows


@given(st.lists(st.text(st.sampled_from(" |-:规章0\t"), max_size=10), max_size=12))
@example(["商业", "企业 | 0 | 1", "|---|---|", "| 规章 | 0 |", "x", "", "y"])
def test_pipe_rows_read_each_line_as_before(lines: list[str]) -> None:
    assert pipe_rows(tuple(lines), 5) == _reference_pipe_rows(lines, 5)
    assert _is_row_mode(tuple(lines)) == (
        sum(1 for line in lines if "|" in line and not is_separator_row(line) and len([t for t in _cut_pipe_line(line)[0] if t]) >= 2) >= 2
    )


def _as_pipe_lines(rows: list[tuple[str, ...]], rng: object) -> list[str]:
    """Rows printed as pipe lines the ways converters print them: opened and closed by
    ``|`` or not, a separator row, blank lines; some labels broken onto a plain line
    before their row (row mode joins it to the row's first cell)."""
    lines = []
    for index, row in enumerate(rows):
        opened = rng.random() < 0.5  # type: ignore[attr-defined]
        cells = list(row)
        if not opened and cells and cells[0] and rng.random() < 0.05:  # type: ignore[attr-defined]
            lines.append(cells[0][:2])  # a label's start on a line of its own
            cells[0] = cells[0][2:]
        line = " | ".join(cells)
        lines.append(("| " + line + " |") if opened else line + rng.choice(("", " |")))  # type: ignore[attr-defined]
        if index == 0 and rng.random() < 0.5:  # type: ignore[attr-defined]
            lines.append("|" + "---|" * len(cells))
        if rng.random() < 0.1:  # type: ignore[attr-defined]
            lines.append(rng.choice(("", "  ")))  # type: ignore[attr-defined]
    return lines


@given(_table_texts(), st.randoms(use_true_random=False))
def test_a_pipe_section_is_read_as_its_pipe_rows_are(drawn: tuple[object, list[tuple[str, ...]]], rng: object) -> None:
    table, rows = drawn
    lines = tuple(_as_pipe_lines(rows, rng))
    section = SectionText(table.key, "二、主动公开政府信息情况", 4, lines)  # type: ignore[attr-defined]
    spec = next(template(id_) for id_ in ("2019", "2021") if template(id_).table(table.key) is table)  # type: ignore[attr-defined]
    assume(_is_row_mode(lines) and section.text.count("|") >= 4)
    read = pipe_table.govinfo_parse_section(section, spec)
    assert _everything(read) == _everything(read_table(table, pipe_rows(lines, 4), specificity=1))  # type: ignore[arg-type]


def test_pipe_rows_are_read_flat_unless_a_plain_line_may_join_a_row() -> None:
    assert row_cuts(("| 规章 | 0 |", "|---|---|", "", "行政许可 | 1 |")) == [
        (("规章", "0"), (2, 7), (4, 8)), None, None, (("行政许可", "1"), (0, 7), (4, 8)),
    ]
    assert row_cuts(("商业", "企业 | 0 | 1")) is None


# --------------------------------------------------------------------------- identities counted at once

_ALL_STATUSES = tuple(Status)
_ARBITRARY_CELLS = st.sampled_from(("2021", "2019")).flatmap(lambda tid: st.tuples(st.just(tid), cells_for(tid, _ALL_STATUSES)))
_CONSISTENT_CELLS = consistent_reports().map(lambda report: (report.meta.template, dict(report.cells)))


@given(st.one_of(_ARBITRARY_CELLS, _CONSISTENT_CELLS), st.data())
def test_identities_counted_at_once_are_the_identities_one_by_one(drawn: tuple[str, dict], data: st.DataObject) -> None:
    template_id, cells = drawn
    # a candidate holds only the cells it read: some keys may be absent altogether
    absent = data.draw(st.sets(st.sampled_from(sorted(cells)), max_size=4))
    cells = {key: cell for key, cell in cells.items() if key not in absent}
    for table_key in ("active", "requests", "appeals"):
        expected = _held_and_failed(cells, template_id, table_key)
        assert count_holding(cells, template_id, table_key) == expected
        assert count_holding(CellMap(cells), template_id, table_key) == expected  # a report's cells


def _held_and_failed(cells: dict, template_id: str, table_key: str) -> tuple[int, int]:
    """count_holding's answer worked out one identity at a time."""
    verdicts = [sums(identity, cells) for identity in table_identities(template_id, table_key)]
    held = sum(1 for found in verdicts if found is not None and found[0] == found[1])
    failed = sum(1 for found in verdicts if found is not None and found[0] != found[1])
    return held, failed


@given(_CONSISTENT_CELLS, st.data())
def test_a_count_after_a_count_of_other_cells_is_their_own(drawn: tuple[str, dict], data: st.DataObject) -> None:
    """Counts follow each other (the scorer counts each candidate of a section in turn): a
    count over the same cells is the last one's, and one cell changed is counted anew."""
    template_id, cells = drawn
    key = data.draw(st.sampled_from(sorted(key for key in cells if key.startswith("requests."))))
    changed = {**cells, key: Cell(cells[key].value + 1 if cells[key].value is not None else 1, Status.NUMBER)}
    for counted in (cells, cells, changed, cells):
        assert count_holding(counted, template_id, "requests") == _held_and_failed(counted, template_id, "requests")


@given(_CONSISTENT_CELLS, st.data())
def test_a_count_over_a_value_that_is_no_number_leaves_its_identities_unassessed(drawn: tuple[str, dict], data: st.DataObject) -> None:
    """A third party's layout may put a text where a count belongs: the scorer must not fail
    on it, and counts the identities that sum it as it counts those of a missing cell."""
    template_id, cells = drawn
    key = data.draw(st.sampled_from(sorted(key for key in cells if key.startswith("requests."))))
    wrong = {**cells, key: Cell("12", Status.NUMBER)}
    missing = {**cells, key: Cell(None, Status.MISSING)}
    assert count_holding(wrong, template_id, "requests") == _held_and_failed(missing, template_id, "requests")


@given(st.one_of(_ARBITRARY_CELLS, _CONSISTENT_CELLS), st.booleans())
def test_an_identity_fails_exactly_where_its_evaluation_says_so(drawn: tuple[str, dict], blank_as_zero: bool) -> None:
    template_id, cells = drawn
    for identity in identities(template_id):
        outcome = evaluate(identity, cells, blank_as_zero=blank_as_zero).outcome
        assert fails(identity, cells, blank_as_zero=blank_as_zero) == (outcome is Outcome.FAILS)


# --------------------------------------------------------------------------- values checked at once

#: Values of every kind a cell may be given by mistake, and right ones.
_VALUES = (-1, -250, True, False, Decimal("1.5"), Decimal("-0.5"), Decimal("3"), "12", "元", "万元", "件", 0, 7)
_ANY_VALUE = st.sampled_from(_VALUES)


@given(st.one_of(reports(), consistent_reports()), st.lists(st.tuples(st.sampled_from(tuple(ValueKind)), _ANY_VALUE), max_size=3), st.data())
def test_values_checked_at_once_find_what_the_cell_by_cell_look_finds(
    report: Report, changes: list[tuple[ValueKind, object]], data: st.DataObject
) -> None:
    spec = report.template_spec
    cells = dict(report.cells)
    for kind, value in changes:  # a value of any kind in a cell of any kind: a layout's mistake, or a unit
        keys = [key for key in cells if spec.column(key).kind is kind]
        if keys:
            cells[data.draw(st.sampled_from(keys))] = Cell(value, Status.NUMBER)
    report = attrs.evolve(report, cells=cells)
    assert list(_check_values(report, Options())) == list(_value_findings(report))


@pytest.mark.parametrize("path", [SEEDS[0], FIXTURES / "template2019" / "shanghai-gov-office-2019.txt"], ids=["2021", "2019"])
def test_every_kind_of_wrong_value_in_every_kind_of_cell_is_found_at_once_as_cell_by_cell(path: Path) -> None:
    report = parse_file(path)
    spec = report.template_spec
    assert _plainly_right(report)  # a real report takes the look at once (else the test below proves nothing)
    assert list(_check_values(report, Options())) == [] == list(_value_findings(report))
    for kind in ValueKind:
        key = next((key for key in report.cells if spec.column(key).kind is kind), None)
        if key is None:
            continue  # (本年增/减 is template 2019's)
        for value in _VALUES:
            wrong = attrs.evolve(report, cells={**report.cells, key: Cell(value, Status.NUMBER)})
            assert list(_check_values(wrong, Options())) == list(_value_findings(wrong)), (kind, value)
