"""Pipe tables: real stored page copies (golden JSON), the variants converters print, round trips."""

from __future__ import annotations

import json
import os

import pytest

import govinfo
from govinfo import Cell, SectionText, Status
from govinfo_plugins import pipe_table

from conftest import FIXTURES, SEEDS

PIPE = FIXTURES / "pipe"
PAGES = sorted(PIPE.glob("*.txt"))
REGEN = os.environ.get("GOVINFO_REGEN_GOLDEN") == "1"
T2021 = govinfo.template("2021")


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_real_page_matches_golden(path, host: govinfo.PluginHost) -> None:
    report = govinfo.parse_file(path, host=host, infer=False)
    golden = path.with_suffix(".json")
    if REGEN:
        golden.write_text(govinfo.to_json(report) + "\n", encoding="utf-8")
    assert json.loads(govinfo.to_json(report)) == json.loads(golden.read_text(encoding="utf-8"))
    for key in ("active", "requests"):
        assert report.provenance.section(key).plugin == "pipe_table"


def test_cut_off_page_is_never_guessed(host: govinfo.PluginHost) -> None:
    report = govinfo.parse_file(PIPE / "heping-2023-excerpt.txt", host=host, infer=False)
    assert all(report.cell(f"active.{key}").status is Status.NUMBER for key in ("rules.issued", "fees.amount"))
    assert report.cell("requests.denied.process_info.total") == Cell(0, Status.NUMBER)
    # the cut row: four values for seven columns, kept aside, its cells missing
    (row,) = report.provenance.unplaced
    assert row.slots == ("denied.enforcement_file",) and row.values == ("0", "0", "0", "0")
    for key in ("requests.denied.enforcement_file.total", "requests.processed_total.total", "appeals.review.total"):
        assert report.cell(key).status is Status.MISSING


def test_one_cell_per_line_page(host: govinfo.PluginHost) -> None:
    report = govinfo.parse_file(PIPE / "xjnlk-2023-excerpt.txt", host=host, infer=False)
    assert report.cell("active.rules.in_force") == Cell(6, Status.NUMBER)
    assert report.cell("requests.denied.internal_affairs.total") == Cell(0, Status.NUMBER)
    assert report.cell("requests.denied.process_info.total").status is Status.MISSING


def _section(*lines: str) -> SectionText:
    return SectionText("active", "二、主动公开政府信息情况", 10, lines)


ROWS = ("规章", "0", "1", "2"), ("行政规范性文件", "3", "", "5")


@pytest.mark.parametrize(
    "lines",
    [
        ("| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |", "|---|:---:|---|---|", "| 规章 | 0 | 1 | 2 |", "| 行政规范性文件 | 3 | | 5 |"),
        ("信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |", "规章 | 0 | 1 | 2 |", "行政规范性文件 | 3 |  | 5 |"),
        ("规章 |", "0 |", "1 |", "2 |", "行政规范性文件 |", "3 |", " |", "5 |"),
        ("规章", "|", "0", "|", "1", "|", "2", "|", "行政规范性", "文件", "|", "3", "|", "|", "5", "|"),
    ],
    ids=["markdown", "trailing-pipe-rows", "cell-per-line-trailing-pipe", "cell-per-line-pipe-lines"],
)
def test_pipe_variants(lines: tuple[str, ...]) -> None:
    candidate = pipe_table.govinfo_parse_section(_section(*lines), T2021)
    assert candidate is not None and candidate.specificity == 1
    cells = candidate.cells
    assert [cells[f"active.rules.{c}"].value for c in ("issued", "repealed", "in_force")] == [0, 1, 2]
    assert cells["active.normative.issued"] == Cell(3, Status.NUMBER)
    assert cells["active.normative.repealed"] == Cell(None, Status.BLANK)
    assert cells["active.normative.in_force"] == Cell(5, Status.NUMBER)


def test_label_over_two_lines_and_padding() -> None:
    lines = (
        "第二十条第(五)项 | |||",
        "信息内容 | 本年处理决定数量 | ||",
        "行政",
        "许可 | 7 | ||",
    )
    candidate = pipe_table.govinfo_parse_section(_section(*lines), T2021)
    assert candidate.cells["active.licensing.decisions"] == Cell(7, Status.NUMBER)


def test_cells_carry_their_spans() -> None:
    candidate = pipe_table.govinfo_parse_section(_section("| 规章 | 0 | 12 | 2 |", "| 行政规范性文件 | 3 | 4 | 5 |"), T2021)
    source = candidate.cells["active.rules.repealed"].source
    assert (source.line, "| 规章 | 0 | 12 | 2 |"[source.start : source.end]) == (10, "12")


def test_not_pipe_text() -> None:
    assert pipe_table.govinfo_parse_section(_section("规章\t0\t0\t0", "行政许可\t0"), T2021) is None
    assert pipe_table.is_separator_row("|---|:---:|") and not pipe_table.is_separator_row("| 0 | - |")


@pytest.mark.parametrize("path", [*SEEDS, FIXTURES / "html" / "shanghai-gov-office-2019.html"], ids=lambda p: p.stem[:10])
def test_round_trip_won_by_pipe_table(path, host: govinfo.PluginHost) -> None:
    if path.suffix == ".html":
        pytest.importorskip("selectolax")
    report = govinfo.parse_file(path, host=host)
    text = govinfo.render(report, "pipe_table", host=host)
    parsed = govinfo.parse(text, host=host)
    assert parsed == report
    for key in ("active", "requests", "appeals"):
        section = parsed.provenance.section(key)
        assert section.plugin == "pipe_table" and section.confidence > 0, section
        assert all(alt.confidence <= section.confidence for alt in section.alternatives)
    assert govinfo.render(parsed, "pipe_table", host=host) == text


def test_one_cell_per_line_layout_declines_pipe_rows_but_not_pipe_cells() -> None:
    """vertical_cell refuses rows of several ``|``-separated cells as it refuses tab rows;
    a table printed one cell per line, each cell closed by a ``|``, is still offered to it."""
    from govinfo_plugins import vertical_cell

    spec = govinfo.template("2021")
    rows = _section("| 规章 | 0 | 1 | 2 |", "|---|---|---|---|", "| 行政规范性文件 | 3 | 4 | 5 |", "| 行政许可 | 6 |")
    cells = _section("规章 |", "0 |", "1 |", "2 |", "行政规范性文件 |", "3 |", "4 |", "5 |")
    plain = _section("规章", "0", "1", "2", "行政规范性文件", "3", "4", "5")
    assert vertical_cell.govinfo_parse_section(rows, spec) is None
    assert vertical_cell.govinfo_parse_section(cells, spec) is not None
    candidate = vertical_cell.govinfo_parse_section(plain, spec)
    assert candidate is not None and candidate.cells["active.normative.repealed"] == Cell(4, Status.NUMBER)
