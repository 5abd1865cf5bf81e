"""The commands: parse --format csv, render, plugins, batch's summary and progress, the HTML page."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import pytest

import govinfo
from govinfo.batch import BatchSummary
from govinfo.cli import main
from govinfo.cli.batch import Progress
from govinfo.html_report import html_page
from govinfo.template import all_flat_keys

from conftest import SEEDS


def _seed(number: str) -> Path:
    return next(path for path in SEEDS if path.name.startswith(number))


# --------------------------------------------------------------------------- parse --format csv

def test_parse_csv_header_is_the_canonical_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", *map(str, SEEDS), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert tuple(rows[0]) == ("source_path", "template", "agency", "year", *all_flat_keys())
    assert len(rows) == 1 + len(SEEDS)
    header = rows[0]
    for row in rows[1:]:
        values = dict(zip(header, row))
        report = govinfo.parse_file(values["source_path"])
        assert (values["template"], values["agency"], values["year"]) == (
            report.meta.template, report.meta.agency, str(report.meta.year)
        )
        for key, cell in report.iter_cells():
            if cell.value is None:  # blank, not applicable, missing: empty, never 0
                assert values[key] == "", key
            else:
                assert values[key] == (format(cell.value, "f") if key.endswith("amount") else str(cell.value))
        # keys of the other template are present and empty
        assert all(values[key] == "" for key in all_flat_keys() if key.startswith("active.procurement"))


def test_parse_csv_to_file_keeps_going_after_a_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "o.csv"
    assert main(["parse", str(empty), str(_seed("000")), "--format", "csv", "-o", str(out)]) == 2
    rows = list(csv.reader(out.open(encoding="utf-8", newline="")))
    assert [row[0] for row in rows[1:]] == [str(_seed("000"))]
    assert "empty" in capsys.readouterr().err


# --------------------------------------------------------------------------- render

@pytest.mark.parametrize("layout", ["tab_table", "vertical_cell", "markdown_ocr"])
def test_render_file_and_json_reparse_to_the_same_report(
    layout: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = govinfo.parse_file(_seed("000"))
    assert main(["render", str(_seed("000")), "--layout", layout]) == 0
    from_file = capsys.readouterr().out
    as_json = tmp_path / "r.json"
    as_json.write_text(govinfo.to_json(report), encoding="utf-8")
    assert main(["render", str(as_json), "--layout", layout]) == 0
    assert capsys.readouterr().out == from_file
    reparsed = govinfo.parse(from_file)
    assert reparsed.provenance.section("requests").plugin == layout
    assert reparsed.cells == report.cells


def test_render_unknown_layout_and_bad_json_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(_seed("000")), "--layout", "no_such_layout"]) == 2
    assert "tab_table" in capsys.readouterr().err  # the message lists the known ones
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1, "meta": {}, "cells": {"x": 1}}', encoding="utf-8")
    assert main(["render", str(bad), "--layout", "tab_table"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


# --------------------------------------------------------------------------- plugins

def test_plugins_lists_readers_layouts_and_versions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plugins", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    roles = {plugin["name"]: plugin["roles"] for plugin in data["plugins"]}
    assert "reader" in roles["read_text"]
    assert "segmenter" in roles["segment_headings"]
    for layout in ("tab_table", "vertical_cell", "markdown_ocr"):
        assert {"layout", "renderer"} <= set(roles[layout]) and layout in data["layouts"]
    assert all(plugin["version"] for plugin in data["plugins"] if plugin["origin"] == "built-in")
    assert data["govinfo"] == govinfo.__version__
    list_rules = getattr(govinfo, "list_rules", None)
    if list_rules is not None:
        assert [rule.split(" ")[0] for rule in data["rules"]] == [rule.id for rule in list_rules()]
    assert main(["plugins"]) == 0
    text = capsys.readouterr().out
    assert "tab_table" in text and "layouts:" in text and "rules:" in text


# --------------------------------------------------------------------------- batch: summary and progress

def test_batch_summary_is_readable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", *map(str, SEEDS), "--db", str(tmp_path / "s.sqlite"), "--jobs", "1"]) == 0
    out = capsys.readouterr()
    assert out.err == ""  # not a terminal: no progress bar
    total_cells = sum(len(govinfo.parse_file(path).cells) for path in SEEDS)
    assert f"reports parsed   {len(SEEDS)}" in out.out
    assert re.search(rf"cells read +{total_cells}: number \d+", out.out)
    assert "files failed     0" in out.out
    assert "findings" in out.out


def test_progress_bar_draws_on_a_terminal_stream() -> None:
    stream = io.StringIO()
    progress = Progress(stream, width=10)
    progress(BatchSummary(total=4, done=4, failed=[("x", "EmptyInputError", "empty", False)]))
    progress.close()
    assert stream.getvalue().startswith("\r[##########] 4/4 files") and "1 failed" in stream.getvalue()


# --------------------------------------------------------------------------- the HTML page

def test_html_page_marks_statuses_and_finding_cells() -> None:
    report = govinfo.parse_file(_seed("001"))
    key = "requests.processed_total.total"
    finding = govinfo.Finding(
        "results_sum", "error", "（七）总计 <1> 与办理结果之和 0 不符", "total <1> is not the sum 0",
        cells=(key, "requests.granted.total"), expected=0, printed=1, suspect=key,
    )
    missing = report.with_cells({"appeals.review.upheld": govinfo.Cell(), "active.rules.issued": govinfo.Cell(None, "blank")})
    page = html_page([("a <b>.txt", missing, [finding])], lang="zh")
    assert "<script" not in page and "http" not in page  # offline, nothing external
    assert "a &lt;b&gt;.txt" in page and "&lt;1&gt;" in page and "<1>" not in page  # everything escaped
    cell = re.search(r'<td class="([^"]*)" title="requests\.processed_total\.total[^"]*">1<sup>', page)
    assert cell and {"flag", "suspect"} <= set(cell.group(1).split())
    assert re.search(r'<td class="missing" title="appeals\.review\.upheld[^"]*">\?</td>', page)
    assert re.search(r'<td class="blank" title="active\.rules\.issued[^"]*"></td>', page)
    assert '<li id="r1-f1"' in page and html.escape(finding.message_zh) in page
    # every value cell of the three tables is in the page, named by its key
    titles = set(re.findall(r'<td class="[^"]*" title="([a-z_.]+)', page))
    spec = report.template_spec
    assert titles == {k for k in spec.cell_keys() if spec.column(k).kind.value != "unit"}
    assert html_page([("x", report, [finding])], lang="en").count("total &lt;1&gt; is not the sum 0") >= 1


def test_check_html_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from govinfo.cli import COMMANDS

    if "check" not in COMMANDS:
        pytest.skip("govinfo check is not in this build")
    page = tmp_path / "check.html"
    status = main(["check", str(_seed("001")), str(_seed("000")), "--html", str(page)])
    capsys.readouterr()
    findings = {path: govinfo.validate(govinfo.parse_file(path)) for path in (_seed("001"), _seed("000"))}
    has_error = any(f.severity.value == "error" for found in findings.values() for f in found)
    assert status == (1 if has_error else 0)
    text = page.read_text(encoding="utf-8")
    assert text.count("<section ") == 2 and "<script" not in text
    named = {key for found in findings.values() for f in found for key in (*f.cells, f.suspect) if key}
    flagged = set(re.findall(r'<td class="[^"]*flag[^"]*" title="([a-z_.]+)', text))
    assert flagged == {key for key in named if not key.endswith(".unit")}
    for finding in findings[_seed("001")]:
        assert html.escape(finding.message_zh) in text


def test_html_page_names_every_cell_of_template_2019() -> None:
    report = govinfo.Report(meta=govinfo.Meta(template="2019"), cells=govinfo.empty_cells("2019"))
    page = html_page([("empty-2019", report, [])], lang="en")
    cells = re.findall(r'<td class="([^"]*)" title="([a-z_.]+)', page)
    spec = report.template_spec
    assert {key for _, key in cells} == {k for k in spec.cell_keys() if spec.column(k).kind.value != "unit"}
    assert {css for css, _ in cells} == {"missing"}


def test_html_page_shows_each_cell_under_its_own_key() -> None:
    """Rows with nothing printed (missing, inferred) must not shift the cells after them."""
    report = govinfo.parse_file(_seed("000"))
    spec = report.template_spec
    row = [key for key in spec.cell_keys() if key.startswith("requests.granted.")]
    inferred = [key for key in spec.cell_keys() if key.startswith("requests.partially_granted.")]
    changed = report.with_cells(
        {**{key: govinfo.Cell() for key in row}, **{key: govinfo.Cell(7, "inferred") for key in inferred}}
    )
    page = html_page([("x", changed, [])])
    shown = dict((key, text) for key, text in re.findall(r'<td class="[^"]*" title="([a-z_.]+)[^"]*">([^<]*)<', page))
    for key, cell in changed.iter_cells():
        if spec.column(key).kind.value == "unit":
            continue
        expected = {"missing": "?", "not_applicable": "/", "blank": ""}.get(cell.status.value)
        assert shown[key] == (expected if expected is not None else format(cell.value, "f") if key.endswith("amount") else str(cell.value)), key
