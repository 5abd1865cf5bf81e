"""Prove the layout with govinfo.testing: the same round-trip properties as the built-ins."""

from __future__ import annotations

import pytest
from hypothesis import given

import govinfo
import govinfo.testing as gt
import govinfo_semicolon

LAYOUT = "semicolon_table"


@pytest.fixture(scope="module")
def host() -> govinfo.PluginHost:
    """The built-ins plus this plugin, registered under its entry-point name; strict, so a bug raises."""
    manager = govinfo.make_plugin_manager(entry_points=False)
    manager.register(govinfo_semicolon, name=LAYOUT)
    return govinfo.PluginHost(manager, strict=True)


@given(report=gt.reports())
def test_any_report_round_trips(host: govinfo.PluginHost, report: govinfo.Report) -> None:
    # render → parse gives the report back (as far as the layout can carry it), each
    # table is won by this layout, and render(parse(render(r))) == render(r)
    gt.assert_round_trip(report, LAYOUT, host)


@given(report=gt.consistent_reports())
def test_consistent_reports_round_trip_exactly(host: govinfo.PluginHost, report: govinfo.Report) -> None:
    assert gt.assert_round_trip(report, LAYOUT, host) == gt.carried(report, LAYOUT, host)


@given(report=gt.reports())
def test_other_layouts_are_left_alone(host: govinfo.PluginHost, report: govinfo.Report) -> None:
    # the plugin must say None, cheaply, for text that is not in its layout
    text = govinfo.render(report, "tab_table", host=host)
    document = host.read_document(govinfo.Source(text.encode("utf-8")))
    for section in host.segment_document(document).sections:
        if section.key in ("active", "requests", "appeals"):
            assert govinfo_semicolon.govinfo_parse_section(section, report.template_spec) is None
