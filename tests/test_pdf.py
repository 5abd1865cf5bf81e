"""The born-digital PDF reader (extra ``pdf``) on a real report and on broken files.

tests/fixtures/pdf/huaian-city-2024.pdf has every difficulty FORMAT.md lists for PDFs
(tables split over pages, ``- 4 -`` inside a table, vertical labels, wrapped labels,
interleaved headers). Its golden JSON was checked cell by cell against the rendered pages.
Regenerate with ``GOVINFO_REGEN_GOLDEN=1`` only after such a check.
"""

from __future__ import annotations

import json
import os
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo
import govinfo.testing
from govinfo import Status

from conftest import FIXTURES

PDF_DIR = FIXTURES / "pdf"
HUAIAN = PDF_DIR / "huaian-city-2024.pdf"
GOLDEN = PDF_DIR / "huaian-city-2024.json"
REGEN = os.environ.get("GOVINFO_REGEN_GOLDEN") == "1"


@pytest.fixture(scope="module")
def pdfplumber():  # noqa: ANN201 - the optional extra, or a clean skip
    return pytest.importorskip("pdfplumber")


@pytest.fixture(scope="module")
def huaian(pdfplumber, host: govinfo.PluginHost) -> govinfo.Report:  # noqa: ANN001
    return govinfo.parse_file(HUAIAN, host=host)


@pytest.fixture(scope="module")
def huaian_document(pdfplumber, host: govinfo.PluginHost) -> govinfo.Document:  # noqa: ANN001
    return govinfo.read_document(govinfo.Source(HUAIAN.read_bytes(), name=HUAIAN.name), host=host)


# --------------------------------------------------------------------------- the real report

def test_huaian_matches_golden(huaian: govinfo.Report) -> None:
    if REGEN:
        GOLDEN.write_text(govinfo.to_json(huaian) + "\n", encoding="utf-8")
    assert json.loads(govinfo.to_json(huaian)) == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_huaian_every_table_cell_is_a_printed_number(huaian: govinfo.Report) -> None:
    statuses = [cell.status for _, cell in huaian.iter_cells()]
    assert len(statuses) == 200
    assert set(statuses) == {Status.NUMBER}
    assert huaian.meta.template == "2021"
    assert (huaian.meta.agency, huaian.meta.year) == ("淮安市人民政府", 2024)
    assert huaian.provenance is not None and huaian.provenance.reader == "read_pdf"
    assert not huaian.provenance.unplaced


def test_huaian_cells_across_the_page_breaks(huaian: govinfo.Report) -> None:
    """Cells on both sides of each table's page break, and the vertical-label block."""
    assert huaian.value("active.licensing.decisions") == 447228  # page 3, before the break
    assert huaian.value("active.punishment.decisions") == 3985758  # page 4, after it
    assert str(huaian.value("active.fees.amount")) == "96171.6"
    assert huaian.value("requests.unable.not_held.total") == 769  # last row on page 4
    assert huaian.value("requests.unable.needs_creation.total") == 11  # first row on page 5
    assert huaian.value("requests.other_handling.overdue_correction.natural_person") == 67  # 3-line label
    assert huaian.value("appeals.litigation_after_review.pending") == 6


def test_huaian_identities_hold(huaian: govinfo.Report) -> None:
    errors = [f for f in govinfo.validate(huaian) if f.severity is govinfo.Severity.ERROR]
    assert errors == []


def test_the_text_layout_alone_reads_the_same_cells(pdfplumber, huaian: govinfo.Report) -> None:  # noqa: ANN001
    """The tab rows written into the text carry the tables too (no grid layout needed)."""
    host = govinfo.PluginHost(strict=True, entry_points=False, disabled=("html_table",))
    report = govinfo.parse_file(HUAIAN, host=host)
    assert report == huaian
    assert {s.plugin for s in report.provenance.sections} == {"tab_table"}


def test_huaian_grids_are_exact_and_point_at_their_text(huaian_document: govinfo.Document) -> None:
    document = huaian_document
    assert len(document.grids) == 3  # Table 2 (pages 3-4), Table 3 (pages 4-5), Table 4
    for grid in document.grids:
        widths = {len(row) for row in grid.rows}
        assert len(widths) == 1
        for offset, row in enumerate(grid.rows):
            assert document.lines[grid.line - 1 + offset] == "\t".join(row)
    active, requests, appeals = document.grids
    assert active.rows[-1] == ("行政事业性收费", "96171.6", "", "")
    assert len(requests.rows) == 28 and requests.rows[0][0].startswith("（本列数据的勾稽关系为")
    # the vertical label, one character per line in the PDF, is one cell
    assert ("三、本年度办理结果", "（一）予以公开", "", "1288", "21", "0", "0", "50", "3", "1362") in requests.rows
    # a label wrapped over three lines beside its numbers is one cell, its numbers one row
    assert (
        "", "（六）其他处理", "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "67", "3", "0", "0", "1", "0", "71",
    ) in requests.rows
    assert appeals.rows[-1] == tuple("72 64 178 37 351 13 4 8 1 26 12 1 1 6 20".split())
    # merged cells cover the slots they span; real cells, even empty ones, are not covered
    assert (0, 1) in active.covered and (0, 3) in active.covered  # 第二十条 第（一）项 spans the row
    assert (6, 2) in active.covered  # 行政许可's one value cell spans three columns
    assert (2, 1) not in active.covered  # 规章 | 1
    corner = requests.rows.index(("", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"))
    assert (corner, 0) in requests.covered  # under the corner note
    assert (corner, 5) in requests.covered  # 法人或其他组织 spans five columns


def test_huaian_page_numbers_and_wrapping_are_gone(huaian_document: govinfo.Document) -> None:
    lines = huaian_document.lines
    assert not any(govinfo.is_page_furniture(line) for line in lines)
    # a sentence the page wrapped twice reads as one line of prose
    assert any("全市共受理政府信息公开申请 3119 件，答复 3050 件（含上年度结转申请 34 件" in line for line in lines)
    assert "一、总体情况" in lines and "六、其他需要报告的事项" in lines


# --------------------------------------------------------------------------- broken and unusual files

def _pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A minimal, valid PDF file with these objects (numbered from 1)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


#: One page showing one image and no text: what a scanner produces.
_SCAN = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R"
    b" /Resources << /XObject << /Im0 5 0 R >> >> >>",
    _stream(b"q 200 0 0 200 0 0 cm /Im0 Do Q"),
    _stream(b"\x80", b"/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 "),
]


def _read(data: bytes, host: govinfo.PluginHost) -> govinfo.Document:
    return govinfo.read_document(govinfo.Source(data, name="report.pdf"), host=host)


def test_a_scan_has_no_text_layer(pdfplumber, host: govinfo.PluginHost) -> None:  # noqa: ANN001
    with pytest.raises(govinfo.NoTextLayerError, match="no text layer: OCR it first"):
        _read(_pdf(_SCAN), host)
    with pytest.raises(govinfo.NoTextLayerError):
        govinfo.parse(_pdf(_SCAN), host=host)  # never an empty report


def test_an_encrypted_pdf(pdfplumber, host: govinfo.PluginHost) -> None:  # noqa: ANN001
    # a user password is set (its check value /U does not match the empty password)
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> /P -4 >>"
    data = _pdf([*_SCAN, encrypt], b"/Encrypt 6 0 R /ID [<" + b"01" * 16 + b"> <" + b"01" * 16 + b">] ")
    with pytest.raises(govinfo.EncryptedFileError, match="encrypted"):
        _read(data, host)


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9, 0.999])
def test_a_truncated_pdf(pdfplumber, host: govinfo.PluginHost, cut: float) -> None:  # noqa: ANN001
    data = HUAIAN.read_bytes()
    with pytest.raises(govinfo.DamagedFileError, match="truncated"):
        _read(data[: int(len(data) * cut)], host)


def test_a_corrupt_pdf(pdfplumber, host: govinfo.PluginHost) -> None:  # noqa: ANN001
    data = b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n"
    with pytest.raises(govinfo.DamagedFileError, match="cannot be read as a PDF"):
        _read(data, host)
    with pytest.raises(govinfo.InputError):
        govinfo.parse(data, host=host)


def test_without_the_extra_a_pdf_names_it(monkeypatch: pytest.MonkeyPatch, host: govinfo.PluginHost) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # import pdfplumber → ImportError
    with pytest.raises(govinfo.UnsupportedFormatError, match=r"pdf extra.*govinfo\[pdf\]"):
        _read(HUAIAN.read_bytes(), host)


def test_text_is_not_taken_for_a_pdf(host: govinfo.PluginHost) -> None:
    document = govinfo.read_document(govinfo.Source("PDF-报告\n一、总体情况".encode(), name="a.txt"), host=host)
    assert document.reader != "read_pdf"


# --------------------------------------------------------------------------- an unruled table

#: A CJK font every PDF reader knows without embedding (Adobe-GB1, UCS-2 codes).
_FONT = [
    b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
    b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
    b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >>",
    b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0"
    b" /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>",
]


def _text_pdf(lines: list[list[tuple[float, str]]], size: float = 6.0) -> bytes:
    """One page printing each line's (x, text) pieces, no ruling lines at all."""
    height = 40 + len(lines) * size * 2
    ops = []
    for index, pieces in enumerate(lines):
        y = height - 20 - index * size * 2
        for x, text in pieces:
            ops.append(b"BT /F1 %d Tf %.1f %.1f Td <%s> Tj ET" % (size, x, y, text.encode("utf-16-be").hex().encode()))
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1700 %d] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
        % height
    )
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page,
        _stream(b"\n".join(ops)), *_FONT,
    ])


def _unruled_lines(report: govinfo.Report) -> list[list[tuple[float, str]]]:
    """The report printed as a PDF without table borders: cells placed in columns."""
    lines: list[list[tuple[float, str]]] = [[(20, f"{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告")]]
    prose = {"overview": report.text.overview, "problems": report.text.problems, "other_matters": report.text.other_matters}
    for section in govinfo.SECTIONS:
        lines.append([(20, f"{section.number}、{section.title}")])
        if section.table:
            for row in govinfo.official_grid(report.template_spec.table(section.key), report.cells):
                pieces = [(20 + 200 * i, label) for i, label in enumerate(row.labels) if label]
                pieces += [(650 + 60 * j, value) for j, value in enumerate(row.values) if value]
                lines.append(pieces)
        else:
            lines.append([(20, (prose[section.key] or "").split("\n")[0][:60])])
    return lines


def test_an_unruled_pdf_reads_by_word_positions(pdfplumber, host: govinfo.PluginHost) -> None:  # noqa: ANN001
    """No borders: the gaps between the words' positions cut the columns into tab cells."""
    original = govinfo.from_json(GOLDEN.read_text(encoding="utf-8"))  # 200 printed, mostly distinct numbers
    report = govinfo.parse(_text_pdf(_unruled_lines(original)), name="unruled.pdf", host=host)
    assert report.provenance is not None and report.provenance.reader == "read_pdf"
    assert dict(report.iter_cells()) == dict(original.iter_cells())
    assert (report.meta.agency, report.meta.year) == (original.meta.agency, original.meta.year)


@settings(max_examples=40)
@given(body=st.binary(max_size=300), keep=st.integers(min_value=0, max_value=2000))
def test_damaged_pdf_bytes_never_escape_as_tracebacks(pdfplumber, host: govinfo.PluginHost, body: bytes, keep: int) -> None:  # noqa: ANN001
    """Random bytes after the magic, or a small real PDF overwritten in places: a document or an InputError."""
    small = _text_pdf([[(20, "一、总体情况")], [(20, "规章"), (200, "1"), (260, "0")]])
    for data in (b"%PDF-1.7\n" + body + b"\n%%EOF\n", small[:keep] + body + small[keep + len(body):]):
        try:
            _read(data, host)
        except govinfo.InputError:
            pass


@settings(max_examples=int(os.environ.get("GOVINFO_PDF_EXAMPLES", "10")))  # each example writes and reads a whole PDF
@given(original=govinfo.testing.reports("2021", statuses=(Status.NUMBER, Status.NOT_APPLICABLE, Status.BLANK)))
def test_an_unruled_pdf_is_never_read_wrong(pdfplumber, host: govinfo.PluginHost, original: govinfo.Report) -> None:  # noqa: ANN001
    """Any mix of printed cells: every cell read back is right or flagged. A row whose blank
    cells left no trace (no borders, nothing printed) is missing or inferred, never shifted."""
    report = govinfo.parse(_text_pdf(_unruled_lines(original)), name="unruled.pdf", host=host)
    for key, cell in original.iter_cells():
        read = report.cell(key)
        if read.status not in (Status.MISSING, Status.INFERRED):  # flagged, as a lost cell must be
            assert (read.status, read.value) == (cell.status, cell.value), key
    if all(cell.status is not Status.BLANK for _, cell in original.iter_cells()):
        assert dict(report.iter_cells()) == dict(original.iter_cells())
