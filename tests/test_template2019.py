"""Template 2019 (国办公开办函〔2019〕60号): detected, never forced into 2021 fields."""

from __future__ import annotations

import json
import os
from decimal import Decimal

import pytest

import govinfo
from govinfo import Cell, Status

from conftest import FIXTURES, SEEDS

SHANGHAI = FIXTURES / "template2019" / "shanghai-gov-office-2019.txt"
GOLDEN = FIXTURES / "golden" / "shanghai-gov-office-2019.json"


@pytest.fixture(scope="module")
def report() -> govinfo.Report:
    return govinfo.parse_file(SHANGHAI, host=govinfo.PluginHost(strict=True, entry_points=False))


def test_golden(report: govinfo.Report) -> None:
    if os.environ.get("GOVINFO_REGEN_GOLDEN") == "1":
        GOLDEN.write_text(govinfo.to_json(report) + "\n", encoding="utf-8")
    assert json.loads(govinfo.to_json(report)) == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_template_and_meta(report: govinfo.Report) -> None:
    assert report.meta.template == "2019"
    assert (report.meta.agency, report.meta.year) == ("上海市人民政府办公厅", 2019)
    assert "active.procurement.count" in report.cells
    assert "requests.other_handling.total" in report.cells
    assert "requests.other_handling.other.total" not in report.cells


def test_cells_as_printed(report: govinfo.Report) -> None:
    """Spot checks against the source table, independent of the golden file."""
    assert report.cell("active.rules.total_published") == Cell(524, Status.NUMBER)
    assert report.cell("active.procurement.amount") == Cell(Decimal("251000"), Status.NUMBER)
    assert report.cell("active.procurement.unit") == Cell("元", Status.NUMBER)
    assert report.cell("active.fees.change") == Cell(0, Status.NUMBER)
    assert report.cell("requests.new_received.total") == Cell(859, Status.NUMBER)
    assert report.cell("requests.granted.legal_services") == Cell(1, Status.NUMBER)
    assert report.cell("requests.granted.total") == Cell(None, Status.BLANK)  # left empty in the source
    assert report.cell("requests.other_handling.total") == Cell(None, Status.BLANK)
    assert report.cell("requests.processed_total.total") == Cell(805, Status.NUMBER)
    assert report.cell("appeals.review.total") == Cell(7, Status.NUMBER)
    assert report.cell("appeals.litigation_direct.total") == Cell(9, Status.NUMBER)
    assert all(
        report.cell(f"appeals.litigation_after_review.{column}").status is Status.BLANK
        for column in ("upheld", "corrected", "other", "pending", "total")
    )
    assert not [key for key, cell in report.iter_cells() if cell.status is Status.MISSING]


@pytest.mark.parametrize("layout", ["tab_table", "vertical_cell", "markdown_ocr"])
def test_2019_report_round_trips_in_every_text_layout(report: govinfo.Report, layout: str) -> None:
    host = govinfo.PluginHost(strict=True, entry_points=False)
    back = govinfo.parse(govinfo.render(report, layout, host=host), host=host)
    assert back == report
    assert back.meta.template == "2019"


def test_without_table_2_the_tables_still_decide(report: govinfo.Report) -> None:
    """No Table 2 phrases to go by: both templates are tried and 2019 reads better."""
    text = SHANGHAI.read_text(encoding="utf-8")
    text = text[: text.index("二、主动公开")] + text[text.index("三、收到和处理") :]
    host = govinfo.PluginHost(strict=True, entry_points=False)
    assert govinfo.detect_templates(text) == ("2021", "2019")
    partial = govinfo.parse(text, host=host)
    assert partial.meta.template == "2019"
    assert partial.cell("requests.processed_total.total") == Cell(805, Status.NUMBER)


def test_a_2021_report_is_never_read_as_2019(host: govinfo.PluginHost) -> None:
    for path in SEEDS:
        report = govinfo.parse_file(path, host=host)
        assert report.meta.template == "2021"
        assert "active.procurement.count" not in report.cells


def test_2019_other_handling_is_not_forced_into_a_2021_sub_row() -> None:
    """Read as 2021, 2019's single （六）其他处理 row names a block, not its first sub-row."""
    text = SHANGHAI.read_text(encoding="utf-8")
    section = text[text.index("（本列数据"): text.index("四、政府信息公开行政复议")]
    lines = tuple(section.replace("（六）其他处理\t\t\t\t\t\t\t", "（六）其他处理\t1\t0\t0\t0\t0\t0\t1").split("\n"))
    candidate = govinfo.read_table(
        govinfo.template("2021").table("requests"), govinfo.delimited_rows(lines, 1, "\t")
    )
    assert not [key for key in candidate.cells if key.startswith("requests.other_handling")]
