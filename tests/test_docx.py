"""The Word reader: the blank official template, a filled copy of it, and broken files.

The filled DOCX is made here, with python-docx, from the blank template and a parsed
seed report (its printed cells written into the template's cells): a real round trip
through Word's own table structure (gridSpan, vMerge), checked cell by cell.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import govinfo
import govinfo.testing
from govinfo import Status, ValueKind

from conftest import FIXTURES, SEEDS

DOCX_DIR = FIXTURES / "docx"
BLANK = DOCX_DIR / "template-2021-blank.docx"
GOLDEN = DOCX_DIR / "template-2021-blank.json"
REGEN = os.environ.get("GOVINFO_REGEN_GOLDEN") == "1"


def _read(data: bytes, host: govinfo.PluginHost, name: str = "report.docx") -> govinfo.Document:
    return govinfo.read_document(govinfo.Source(data, name=name), host=host)


# --------------------------------------------------------------------------- the blank template

def test_blank_template_parses_as_2021_with_every_cell_blank(host: govinfo.PluginHost) -> None:
    report = govinfo.parse_file(BLANK, host=host)
    assert report.meta.template == "2021"
    cells = dict(report.iter_cells())
    assert len(cells) == 200
    assert {key for key, cell in cells.items() if cell.status is not Status.BLANK} == set()
    assert report.provenance is not None and report.provenance.reader == "read_docx"
    assert report.text.overview == "（文字描述）"
    assert report.text.other_matters == "（文字描述，收取信息处理费情况在此处报告。）"
    if REGEN:
        GOLDEN.write_text(govinfo.to_json(report) + "\n", encoding="utf-8")
    assert json.loads(govinfo.to_json(report)) == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_blank_template_grids_expand_spans_and_merges(host: govinfo.PluginHost) -> None:
    document = _read(BLANK.read_bytes(), host)
    assert len(document.grids) == 3
    active, requests, appeals = document.grids
    for grid in document.grids:
        assert len({len(row) for row in grid.rows}) == 1
        for offset, row in enumerate(grid.rows):
            assert document.lines[grid.line - 1 + offset] == "\t".join(row)
        for row, column in grid.covered:
            assert grid.rows[row][column] == ""
    # gridSpan: 行政许可's one value cell spans three grid columns
    licensing = next(i for i, row in enumerate(active.rows) if row[0] == "行政许可")
    assert active.rows[licensing] == ("行政许可", "", "", "")
    assert (licensing, 1) not in active.covered and (licensing, 2) in active.covered
    # vMerge: 三、本年度办理结果 stands once; the cells it continues into are empty and covered
    first = next(i for i, row in enumerate(requests.rows) if row[0] == "三、本年度办理结果")
    assert requests.rows[first][1] == "（一）予以公开"
    assert requests.rows[first + 1][:2] == ("", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
    assert (first + 1, 0) in requests.covered
    denied = requests.rows[first + 2]
    assert denied[1:3] == ("（三）不予公开", "1.属于国家秘密")
    assert (first + 3, 1) in requests.covered  # （三）不予公开 continues
    # Table 4: its row of 15 blank cells is there, not covered
    assert appeals.rows[-1] == ("",) * 15
    assert not any(row == len(appeals.rows) - 1 for row, _ in appeals.covered)


# --------------------------------------------------------------------------- a filled template

def _printed(cell: govinfo.Cell) -> str:
    """What the source printed for a cell ('' for what it did not print)."""
    if cell.status is Status.NUMBER:
        return format(cell.value, "f") if isinstance(cell.value, Decimal) else str(cell.value)
    if cell.status is Status.NOT_APPLICABLE:
        return "/"
    return ""


def _distinct_cells(row: Any) -> list[Any]:
    """A python-docx row's cells, each merged cell once (python-docx repeats them)."""
    seen: list[Any] = []
    for cell in row.cells:
        if not any(cell._tc is other._tc for other in seen):
            seen.append(cell)
    return seen


def _set(cell: Any, text: str) -> None:
    cell.paragraphs[0].text = text


def _fill(report: govinfo.Report, *, prose: bool = True) -> bytes:
    """The blank template with a report's printed cells, title and prose written in."""
    docx = pytest.importorskip("docx")
    document = docx.Document(str(BLANK))
    spec = report.template_spec
    row_keys = {
        table_key: {govinfo.label_key(label): row for row in spec.table(table_key).rows for label in row.labels}
        for table_key in ("active", "requests")
    }
    filled = 0
    for table_key, table in zip(("active", "requests"), document.tables[:2]):
        for docx_row in table.rows:
            cells = _distinct_cells(docx_row)
            row = next(
                (row_keys[table_key][key] for cell in cells if (key := govinfo.label_key(cell.text)) in row_keys[table_key]),
                None,
            )
            if row is None:
                continue
            columns = [column for column in row.columns if column.kind is not ValueKind.UNIT]
            if any(cell.text.strip() for cell in cells[-len(columns):]):
                continue  # a header row (总计, 其他 are column labels too): data rows are blank here
            for cell, column in zip(cells[-len(columns):], columns):
                _set(cell, _printed(report.cell(f"{table_key}.{row.key}.{column.key}")))
                filled += 1
    appeals = spec.table("appeals")
    keys = [f"appeals.{row.key}.{column.key}" for row in appeals.rows for column in row.columns]
    for cell, key in zip(_distinct_cells(document.tables[2].rows[-1]), keys, strict=True):
        _set(cell, _printed(report.cell(key)))
        filled += 1
    assert filled == len(report.cells)
    placeholders = [p for p in document.paragraphs if p.text.startswith("（文字描述")] if prose else []
    for paragraph, text in zip(placeholders, (report.text.overview, report.text.problems, report.text.other_matters)):
        paragraph.text = text or ""
    title = next(p for p in document.paragraphs if p.text == "政府信息公开工作年度报告格式模板")
    title.text = f"{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.name[:3])
def test_a_filled_template_reads_back_every_cell(seed: Path, host: govinfo.PluginHost) -> None:
    original = govinfo.parse_file(seed, host=host)
    data = _fill(original)
    report = govinfo.parse(data, name="filled.docx", host=host)
    assert report.provenance is not None and report.provenance.reader == "read_docx"
    assert report.meta.template == original.meta.template
    assert (report.meta.agency, report.meta.year) == (original.meta.agency, original.meta.year)
    for key, cell in original.iter_cells():
        read = report.cell(key)
        if cell.status in (Status.NUMBER, Status.NOT_APPLICABLE, Status.BLANK):
            assert (read.status, read.value) == (cell.status, cell.value), key
        else:  # inferred or missing: never printed, so the filled cell is empty
            assert read.status is Status.BLANK, key
    assert report.text == original.text


@settings(max_examples=int(os.environ.get("GOVINFO_DOCX_EXAMPLES", "15")))  # each example writes and reads a whole Word file
@given(original=govinfo.testing.reports("2021"))
def test_any_printed_cells_read_back_from_a_filled_template(host: govinfo.PluginHost, original: govinfo.Report) -> None:
    """Numbers (counts, money), blanks and / in any mix: each cell comes back as written."""
    report = govinfo.parse(_fill(original, prose=False), name="filled.docx", host=host)
    assert report.meta.template == "2021"
    assert dict(report.iter_cells()) == dict(original.iter_cells())


# --------------------------------------------------------------------------- hand-made packages

_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def _package(body: str, *, document_name: str = "word/document.xml") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(document_name, f'<?xml version="1.0" encoding="UTF-8"?><w:document {_NS}><w:body>{body}</w:body></w:document>')
    return out.getvalue()


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _tc(text: str = "", properties: str = "") -> str:
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{_p(text)}</w:tc>"


def test_spans_merges_and_wrappers(host: govinfo.PluginHost) -> None:
    body = (
        _p("标题")
        + "<w:p><w:r><w:t>留</w:t></w:r><w:del><w:r><w:delText>删</w:delText></w:r></w:del>"
        "<mc:AlternateContent><mc:Choice><w:r><w:t>选</w:t></w:r></mc:Choice>"
        "<mc:Fallback><w:r><w:t>备</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"
        + "<w:sdt><w:sdtPr/><w:sdtContent><w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        + "<w:tr>" + _tc("甲", '<w:vMerge w:val="restart"/>') + _tc("乙", '<w:gridSpan w:val="2"/>') + "</w:tr>"
        + "<w:tr>" + _tc("", "<w:vMerge/>") + _tc("1") + _tc("") + "</w:tr>"
        + '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + _tc("商业") .replace("</w:tc>", _p("企业") + "</w:tc>") + _tc("2") + "</w:tr>"
        + "</w:tbl></w:sdtContent></w:sdt>"
        + _p("尾")
    )
    document = _read(_package(body), host)
    assert document.lines[:2] == ("标题", "留选")
    (grid,) = document.grids
    assert grid.rows == (("甲", "乙", ""), ("", "1", ""), ("", "商业企业", "2"))
    assert set(grid.covered) == {(0, 2), (1, 0), (2, 0)}  # (1, 2) is a real, blank cell
    assert document.lines[grid.line - 1 : grid.line + 2] == ("甲\t乙\t", "\t1\t", "\t商业企业\t2")
    assert document.lines[-1] == "尾"


def test_a_truncated_docx(host: govinfo.PluginHost) -> None:
    data = BLANK.read_bytes()
    for cut in (0.3, 0.9):
        with pytest.raises(govinfo.DamagedFileError):
            _read(data[: int(len(data) * cut)], host)


def test_malformed_or_entity_declaring_xml(host: govinfo.PluginHost) -> None:
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as package:
        package.writestr("word/document.xml", "<w:document><w:body><w:p>")
    with pytest.raises(govinfo.DamagedFileError, match="not well-formed"):
        _read(broken.getvalue(), host)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w") as package:
        package.writestr("word/document.xml", '<!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>')
    with pytest.raises(govinfo.DamagedFileError, match="DTD"):
        _read(bomb.getvalue(), host)


def test_other_zips_and_legacy_word_files(host: govinfo.PluginHost) -> None:
    other = _package(_p("x"), document_name="xl/workbook.xml")
    with pytest.raises(govinfo.InputError) as caught:
        _read(other, host, name="book.xlsx")
    assert not isinstance(caught.value, govinfo.DamagedFileError)  # not taken for a Word file
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200
    with pytest.raises(govinfo.UnsupportedFormatError, match=r"\.doc"):
        _read(ole + "WordDocument".encode("utf-16-le"), host, name="old.doc")
    with pytest.raises(govinfo.EncryptedFileError):
        _read(ole + "EncryptedPackage".encode("utf-16-le"), host, name="locked.docx")
