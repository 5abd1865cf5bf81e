"""The five seed reports parse to their golden canonical JSON, won by their own layout.

Golden files live in tests/fixtures/golden/<seed>.json. After a deliberate change in
behaviour, regenerate them with ``GOVINFO_REGEN_GOLDEN=1 pytest tests/test_seeds.py`` and
review the diff cell by cell before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import govinfo
from govinfo import Status

from conftest import FIXTURES, SEEDS
from govinfo_plugins.markdown_ocr import clean_cell

GOLDEN = FIXTURES / "golden"
REGEN = os.environ.get("GOVINFO_REGEN_GOLDEN") == "1"

#: The layout each seed is in (FORMAT.md section 5).
SEED_LAYOUTS = {
    "000": "tab_table",
    "001": "vertical_cell",
    "002": "vertical_cell",
    "003": "markdown_ocr",
    "004": "tab_table",
}


def _seed_id(path: Path) -> str:
    return path.name[:3]


@pytest.fixture(params=SEEDS, ids=_seed_id)
def seed(request: pytest.FixtureRequest, host: govinfo.PluginHost) -> tuple[Path, govinfo.Report]:
    return request.param, govinfo.parse_file(request.param, host=host)


def test_seed_matches_golden(seed: tuple[Path, govinfo.Report]) -> None:
    path, report = seed
    golden = GOLDEN / (path.stem + ".json")
    actual = json.loads(govinfo.to_json(report))
    if REGEN:
        golden.write_text(govinfo.to_json(report) + "\n", encoding="utf-8")
    assert actual == json.loads(golden.read_text(encoding="utf-8"))


def test_golden_round_trips_through_json(seed: tuple[Path, govinfo.Report]) -> None:
    path, report = seed
    golden = (GOLDEN / (path.stem + ".json")).read_text(encoding="utf-8")
    assert govinfo.from_json(golden) == report


def test_each_section_is_won_by_the_seeds_layout(seed: tuple[Path, govinfo.Report]) -> None:
    path, report = seed
    assert report.provenance is not None
    for key in ("active", "requests", "appeals"):
        section = report.provenance.section(key)
        assert section is not None, key
        assert section.plugin == SEED_LAYOUTS[_seed_id(path)], (key, section)
        assert 0 < section.confidence <= 1
        for alternative in section.alternatives:
            assert alternative.confidence <= section.confidence


def test_markdown_seed_shows_its_runner_up(host: govinfo.PluginHost) -> None:
    """Seed 003's tables are tab rows too: tab_table competes and is kept as the runner-up."""
    report = govinfo.parse_file(SEEDS[3], host=host)
    section = report.provenance.section("requests")
    assert [a.plugin for a in section.alternatives] == ["tab_table"]


def test_meta_of_every_seed(seed: tuple[Path, govinfo.Report]) -> None:
    path, report = seed
    expected = {
        "000": ("偏关县水泉镇人民政府", "2024-01-22", None),
        "001": ("房县白鹤镇人民政府", "2024-01-23", None),
        "002": ("车排子镇", None, None),
        "003": ("神木市店塔镇人民政府", "2024-01-17", "店政字〔2024〕28号"),
        "004": ("西村乡人民政府", None, None),
    }[_seed_id(path)]
    meta = report.meta
    published = meta.published.isoformat() if meta.published else None
    assert (meta.agency, published, meta.doc_number) == expected
    assert meta.year == 2023 and meta.template == "2021"


def test_seed_001_keeps_the_sources_arithmetic_error(host: govinfo.PluginHost) -> None:
    """（七）总计 prints 1 under 其他 and 总计 while every result row is 0: kept as printed."""
    report = govinfo.parse_file(SEEDS[1], host=host)
    assert report.cell("requests.processed_total.other_org") == govinfo.Cell(1, Status.NUMBER)
    assert report.cell("requests.processed_total.total") == govinfo.Cell(1, Status.NUMBER)


def test_cells_carry_their_source_line(host: govinfo.PluginHost) -> None:
    path = SEEDS[0]
    report = govinfo.parse_file(path, host=host)
    lines = path.read_text(encoding="utf-8").split("\n")
    cell = report.cell("active.fees.amount")
    assert cell.source is not None
    assert cell.source.raw == "0.741"
    line = lines[cell.source.line - 1]
    assert line[cell.source.start : cell.source.end] == "0.741"


@pytest.mark.parametrize("path", SEEDS, ids=lambda path: path.name[:3])
def test_every_cell_points_at_what_was_printed(host: govinfo.PluginHost, path: Path) -> None:
    """Each read cell's span is where its text stands in the document, in every layout."""
    report = govinfo.parse_file(path, host=host)
    lines = govinfo.read_document(govinfo.Source(path.read_bytes(), name=str(path)), host=host).lines
    spans = [cell.source for cell in report.cells.values() if cell.source is not None]
    assert len(spans) >= 90
    for span in spans:
        printed = lines[span.line - 1][span.start : span.end]
        assert span.raw in (printed.strip(), clean_cell(printed)), (span, printed)


def test_prose_is_verbatim(host: govinfo.PluginHost) -> None:
    path = SEEDS[0]
    report = govinfo.parse_file(path, host=host)
    text = path.read_text(encoding="utf-8")
    for prose in (report.text.overview, report.text.problems, report.text.other_matters):
        assert prose and prose in text
    assert report.text.other_matters == "无"


@pytest.mark.parametrize("layout", ["tab_table", "vertical_cell", "markdown_ocr"])
def test_seed_rendered_in_each_layout_reads_back_the_same(
    seed: tuple[Path, govinfo.Report], layout: str, host: govinfo.PluginHost
) -> None:
    _, report = seed
    text = govinfo.render(report, layout, host=host)
    back = govinfo.parse(text, host=host)
    assert back == report
    assert {back.provenance.section(key).plugin for key in ("active", "requests", "appeals")} == {layout}
    assert govinfo.render(back, layout, host=host) == text
