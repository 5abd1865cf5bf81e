"""The plugin host: entry-point discovery, competition, the kill switch, error isolation."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import attrs
import pytest

import govinfo
from govinfo import Status

from conftest import SEEDS

PLUGIN_SOURCE = textwrap.dedent(
    '''
    """A third-party layout: semicolon-separated rows, e.g. ``规章;0;0;0``."""
    import govinfo

    @govinfo.hookimpl
    def govinfo_parse_section(section, template):
        if not govinfo.has_delimited_rows(section.lines, ";"):
            return None
        rows = govinfo.delimited_rows(section.lines, section.first_line, ";")
        return govinfo.read_table(template.table(section.key), rows)

    @govinfo.hookimpl
    def govinfo_render_section(section, report):
        return "\\n".join(govinfo.delimited_lines(report, section, ";"))
    '''
)


@pytest.fixture
def installed_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A hand-written distribution on sys.path, exposing the ``semicolon`` entry point."""
    (tmp_path / "semicolon_layout.py").write_text(PLUGIN_SOURCE, encoding="utf-8")
    dist = tmp_path / "semicolon_layout-1.2.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: semicolon-layout\nVersion: 1.2\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[govinfo]\nsemicolon = semicolon_layout\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "semicolon_layout", raising=False)
    return "semicolon"


def _seed(index: int) -> govinfo.Report:
    return govinfo.parse_file(SEEDS[index], host=govinfo.PluginHost(strict=True, entry_points=False))


def test_entry_point_plugin_is_discovered_with_its_version(installed_plugin: str) -> None:
    host = govinfo.PluginHost(strict=True)
    assert installed_plugin in host.layouts()
    info = {plugin.name: plugin for plugin in host.plugins()}[installed_plugin]
    assert info.version == "1.2" and not info.builtin
    assert "govinfo_parse_section" in info.hooks


def test_entry_point_plugin_wins_its_own_layout(installed_plugin: str) -> None:
    host = govinfo.PluginHost(strict=True)
    original = _seed(0)
    text = govinfo.render(original, installed_plugin, host=host)
    report = govinfo.parse(text, host=host)
    assert report == original
    for key in ("active", "requests", "appeals"):
        assert report.provenance.section(key).plugin == installed_plugin


def test_entry_point_plugin_competes_but_loses_other_layouts(installed_plugin: str) -> None:
    host = govinfo.PluginHost(strict=True)
    report = govinfo.parse_file(SEEDS[0], host=host)
    assert report == _seed(0)
    assert report.provenance.section("requests").plugin == "tab_table"


def test_plugin_can_be_disabled_by_name(installed_plugin: str) -> None:
    text = govinfo.render(_seed(0), installed_plugin, host=govinfo.PluginHost(strict=True))
    host = govinfo.PluginHost(strict=True, disabled=[installed_plugin])
    assert installed_plugin not in host.layouts()
    report = govinfo.parse(text, host=host)  # the sections are there; nothing reads their tables
    assert all(cell.status is Status.MISSING for _, cell in report.iter_cells())
    messages = [d.message for d in report.provenance.diagnostics]
    assert sum("no layout plugin could read" in m for m in messages) == 3


def test_builtin_plugin_can_be_disabled_by_name() -> None:
    host = govinfo.PluginHost(strict=True, entry_points=False, disabled=["markdown_ocr"])
    report = govinfo.parse_file(SEEDS[3], host=host)
    assert report.provenance.section("requests").plugin == "tab_table"
    assert report == _seed(3)


class _Broken:
    """A layout plugin that always raises."""

    @govinfo.hookimpl
    def govinfo_parse_section(self, section, template):  # noqa: ANN001, ANN201
        raise RuntimeError("boom")


def _host_with_broken(strict: bool) -> govinfo.PluginHost:
    manager = govinfo.make_plugin_manager(entry_points=False)
    manager.register(_Broken(), name="broken")
    return govinfo.PluginHost(manager, strict=strict)


def test_a_failing_plugin_becomes_a_diagnostic() -> None:
    report = govinfo.parse_file(SEEDS[0], host=_host_with_broken(strict=False))
    assert report == _seed(0)
    errors = [d for d in report.provenance.diagnostics if d.plugin == "broken"]
    assert len(errors) == 3  # once per table section
    assert all("RuntimeError: boom" in d.message and d.severity == "error" for d in errors)


def test_strict_mode_reraises_a_failing_plugin() -> None:
    with pytest.raises(govinfo.PluginError, match="broken.*boom") as raised:
        govinfo.parse_file(SEEDS[0], host=_host_with_broken(strict=True))
    assert isinstance(raised.value.__cause__, RuntimeError)


def test_each_host_is_independent() -> None:
    first = govinfo.make_plugin_manager(entry_points=False)
    second = govinfo.make_plugin_manager(entry_points=False)
    first.register(_Broken(), name="broken")
    assert second.get_plugin("broken") is None


def test_ties_break_by_specificity_then_name() -> None:
    """markdown_ocr and tab_table read seed 003 identically: the more specific one wins."""
    report = _seed(3)
    section = report.provenance.section("active")
    (runner_up,) = section.alternatives
    assert section.confidence == runner_up.confidence
    assert (section.plugin, runner_up.plugin) == ("markdown_ocr", "tab_table")


def test_render_asks_only_the_named_layout() -> None:
    host = govinfo.PluginHost(strict=True, entry_points=False)
    with pytest.raises(KeyError, match="no layout plugin named"):
        govinfo.render(_seed(0), "no_such_layout", host=host)


def test_damaged_candidate_loses_to_a_clean_one() -> None:
    """Scorer calibration: the same section with a row's values cut short scores lower."""
    host = govinfo.PluginHost(strict=True, entry_points=False)
    report = _seed(0)
    spec = report.template_spec
    section_text = govinfo.render(report, "tab_table", host=host)
    clean = govinfo.parse(section_text, host=host)
    damaged_text = section_text.replace("（一）予以公开\t0\t0\t0\t0\t0\t0\t0", "（一）予以公开\t0\t0\t0\t0\t0\t0")
    assert damaged_text != section_text
    damaged = govinfo.parse(damaged_text, host=host, infer=False)  # the scorer sees the parse before inference
    assert damaged.cell("requests.granted.total").status is Status.MISSING
    clean_conf = clean.provenance.section("requests").confidence
    damaged_conf = damaged.provenance.section("requests").confidence
    assert damaged_conf < clean_conf
    assert spec.id == "2021"


class _Straying:
    """A third party's layout that reads tab text as tab_table does, with a cell of its own
    beside the template's, and claims more specificity so that it wins."""

    @govinfo.hookimpl
    def govinfo_parse_section(self, section: govinfo.SectionText, template: govinfo.Template) -> govinfo.Candidate | None:
        rows = govinfo.delimited_rows(section.lines, section.first_line, "\t")
        candidate = govinfo.read_table(template.table(section.key), rows, specificity=9)
        return attrs.evolve(candidate, cells={**candidate.cells, f"{section.key}.its_own": govinfo.Cell(1, Status.NUMBER)})


def test_a_winners_cells_outside_the_template_are_dropped() -> None:
    manager = govinfo.make_plugin_manager(entry_points=False)
    manager.register(_Straying(), name="straying")
    report = govinfo.parse_file(SEEDS[0], host=govinfo.PluginHost(manager, strict=True))
    assert report.provenance.section("requests").plugin == "straying"
    assert tuple(report.cells) == report.template_spec.cell_keys()  # every key the template's, in its order
    assert report.cells == _seed(0).cells
