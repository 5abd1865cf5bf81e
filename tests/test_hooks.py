"""One test per hook (``test_hook_<hook name>``), each running the hook's example from docs/hooks.md.

The example is executed as a plugin module, registered on a manager built with
``govinfo.make_plugin_manager`` and driven through a strict :class:`govinfo.PluginHost`,
so each test proves the hook's behaviour and that its documented example works.
tests/test_docs.py fails if a hook lacks such a test.
"""

from __future__ import annotations

import json
import types

import pytest

import govinfo
from govinfo import Cell, Status

from conftest import SEEDS
from docs_helpers import hook_example

TABLES = ("active", "requests", "appeals")


def _host(*plugins: tuple[str, types.ModuleType], strict: bool = True) -> govinfo.PluginHost:
    manager = govinfo.make_plugin_manager(entry_points=False)
    for name, plugin in plugins:
        manager.register(plugin, name=name)
    return govinfo.PluginHost(manager, strict=strict)


@pytest.fixture(scope="module")
def seed_report() -> govinfo.Report:
    return govinfo.parse_file(SEEDS[0], host=_host())


def test_hook_govinfo_read_document(seed_report: govinfo.Report) -> None:
    host = _host(("cms_json", hook_example("govinfo_read_document")))
    body = SEEDS[0].read_text(encoding="utf-8")
    page = json.dumps({"title": "CMS page", "body": body}, ensure_ascii=False).encode("utf-8")

    report = govinfo.parse_source(govinfo.Source(page, name="report.cms.json"), host=host)
    assert report.provenance.reader == "cms_json"
    assert report.cells == seed_report.cells
    # not its format: the reader answers None and the built-in text reader is asked next
    plain = govinfo.parse_source(govinfo.Source(body.encode("utf-8"), name="report.txt"), host=host)
    assert plain.provenance.reader == "read_text"
    # its format, but unreadable: a govinfo InputError, not a traceback from inside
    with pytest.raises(govinfo.InputError, match="not a CMS page export"):
        govinfo.parse_source(govinfo.Source(b"{oops", name="broken.cms.json"), host=host)


def test_hook_govinfo_segment_document(seed_report: govinfo.Report) -> None:
    text = govinfo.render(seed_report, "tab_table", host=_host())
    for section in govinfo.SECTIONS:
        text = text.replace(f"\n{section.number}、{section.title}\n", f"\n第{section.number}部分 {section.title}\n")
    assert "部分 收到和处理政府信息公开申请情况" in text
    with pytest.raises(govinfo.NotAReportError):  # the built-in segmenter does not know these headings
        govinfo.parse(text, host=_host())

    host = _host(("parts", hook_example("govinfo_segment_document")))
    report = govinfo.parse(text, host=host)
    assert report.provenance.segmenter == "parts"
    assert report.cells == seed_report.cells
    assert report.text.problems == seed_report.text.problems
    # ordinary headings: the example answers None, the built-in segmenter (trylast) takes over
    assert govinfo.parse_file(SEEDS[0], host=host).cells == seed_report.cells


def test_hook_govinfo_parse_section(seed_report: govinfo.Report) -> None:
    plugin = hook_example("govinfo_parse_section")
    text = govinfo.render(seed_report, "tab_table", host=_host()).replace("\t", "；")
    report = govinfo.parse(text, host=_host(("semicolon", plugin)))
    assert {key: report.provenance.section(key).plugin for key in TABLES} == dict.fromkeys(TABLES, "semicolon")
    assert report.cells == seed_report.cells
    # every implementation is called on its own: a broken one becomes a diagnostic ...
    broken = types.SimpleNamespace(govinfo_parse_section=govinfo.hookimpl(lambda section, template: 1 / 0))
    lenient = govinfo.parse(text, host=_host(("semicolon", plugin), ("broken", broken), strict=False))
    assert lenient.cells == seed_report.cells
    assert {(d.plugin, d.stage) for d in lenient.provenance.diagnostics} == {("broken", "govinfo_parse_section")}
    # ... or, in a strict host, a PluginError naming it
    with pytest.raises(govinfo.PluginError, match="'broken'"):
        govinfo.parse(text, host=_host(("semicolon", plugin), ("broken", broken)))


def test_hook_govinfo_render_section(seed_report: govinfo.Report) -> None:
    def never(section: str, report: govinfo.Report) -> str:
        raise AssertionError("a render hook was asked for another layout")

    other = types.SimpleNamespace(govinfo_render_section=govinfo.hookimpl(never))
    host = _host(("semicolon", hook_example("govinfo_render_section")), ("other", other))
    body = host.render_section("semicolon", "requests", seed_report)
    assert body.splitlines()[3].startswith("一、本年新收政府信息公开申请数量;")
    # addressed: only the named plugin prints, and it prints the official grid
    semicolon = govinfo.render(seed_report, "semicolon", host=host)
    assert semicolon.replace(";", "\t") == govinfo.render(seed_report, "tab_table", host=host)
    assert "other" in host.renderers()


def test_hook_govinfo_validation_rules(seed_report: govinfo.Report) -> None:
    plugin = hook_example("govinfo_validation_rules")
    host = _host(("province", plugin))
    assert [rule.id for rule in host.validation_rules()] == ["province.licensing_printed"]

    blank = seed_report.with_cells({"active.licensing.decisions": Cell(None, Status.BLANK)})
    findings = [f for f in govinfo.validate(blank, host=host) if f.rule == "province.licensing_printed"]
    assert [(f.severity, f.cells) for f in findings] == [(govinfo.Severity.WARNING, ("active.licensing.decisions",))]
    assert not [f for f in govinfo.validate(seed_report, host=host) if f.rule.startswith("province.")]
    assert not [
        f for f in govinfo.validate(blank, host=host, disabled=["province.licensing_printed"]) if f.rule.startswith("province.")
    ]
    # collected from every plugin: the same id twice is refused
    twice = _host(("province", plugin), ("copy", hook_example("govinfo_validation_rules")))
    with pytest.raises(govinfo.RuleError):
        govinfo.validate(seed_report, host=twice)
